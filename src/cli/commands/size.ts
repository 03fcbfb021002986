import * as fs from 'fs';
import * as path from 'path';
import { CliCommand, CliError } from '../io';
import { parseArgs } from '../args';
import { engineFor } from './dockerShared';
import { sizeReport, SizeTargetMissing } from '../../node/size';
import { sizeReportLines } from '../../core/size/advice';

export const sizeCommand: CliCommand = {
  name: 'size',
  usage: 'size DIR|IMAGE [--tag TAG]',
  summary: "the image's largest layers and distributions, and each saving the advisor knows with its estimate",
  help: [
    'DIR: the project image (its default tag, or --tag), judged with what the project does (GPU use, GUI',
    'calls, data in the context). IMAGE: any image on this engine. The image is read offline (network none).',
  ],
  async run(argv, io) {
    const a = parseArgs(argv, [], ['tag']);
    if (a.positional.length !== 1) throw new CliError('expected one project folder or image: size DIR|IMAGE');
    const tag = a.flags.get('tag');
    const abs = path.resolve(io.cwd, a.positional[0]);
    const target = fs.existsSync(abs) && fs.statSync(abs).isDirectory() ? abs : a.positional[0];
    const report = await sizeReport(engineFor(io), target, { tag: typeof tag === 'string' ? tag : undefined }).catch(
      (e: Error) => {
        if (e instanceof SizeTargetMissing) throw new CliError(e.message);
        throw e;
      },
    );
    for (const l of sizeReportLines(report)) io.out(l);
    return 0;
  },
};
