import { DscRule, RuleHit } from '../types';
import { insertAt } from '../context';
import { buildCheck } from './anchor';
import { stageChain } from './chain';

export const workdirRelativePath: DscRule = {
  id: 'WorkdirRelativePath',
  anchor: buildCheck('WorkdirRelativePath'),
  severity: 'warning',
  message:
    'Relative workdir without an absolute workdir declared within the build ' +
    'can have unexpected results if the base image changes.',
  docs: [
    "A relative `WORKDIR app` is resolved against the base image's working directory, which another base image (or",
    'another version of it) may set differently. Set an absolute path first, or write this one absolute.',
    '',
    'Quick fix: makes the path absolute (`/app`).',
  ].join('\n'),
  check(ctx) {
    const hits: RuleHit[] = [];
    ctx.stages.forEach((stage, k) => {
      // An absolute WORKDIR in this stage or in a stage it is built FROM fixes the base.
      let anchored = stageChain(ctx, k)
        .slice(1)
        .some((s) =>
          s.instructions.some((i) => i.getKeyword() === 'WORKDIR' && isAbsolute(i.getArguments()[0]?.getValue() ?? '')),
        );
      for (const i of stage.instructions) {
        if (i.getKeyword() !== 'WORKDIR') continue;
        const arg = i.getArguments()[0];
        const path = arg?.getValue() ?? '';
        if (isAbsolute(path)) {
          anchored = true;
          continue;
        }
        if (anchored || !arg) continue;
        const r = arg.getRange();
        hits.push({
          span: ctx.rangeSpan(r),
          message: `Relative workdir '${path}' can have unexpected results if the base image changes.`,
          fixes: () => [
            {
              title: `Use /${path.replace(/^\.\//, '')}`,
              edits: [
                path.startsWith('./')
                  ? {
                      line: r.start.line,
                      col: r.start.character,
                      endLine: r.start.line,
                      endCol: r.start.character + 2,
                      newText: '/',
                    }
                  : insertAt(r.start.line, r.start.character, '/'),
              ],
            },
          ],
        });
      }
    });
    return hits;
  },
};

// `$VAR` may well be absolute; Windows paths (C:\) too.
const isAbsolute = (p: string) => /^(?:\/|\$|[A-Za-z]:[\\/])/.test(p);
