import { DscRule } from './types';
import { lastInFinalStage } from './context';

/** Apptainer-readiness: `apptainer exec` (what batch scripts use) skips the image's ENTRYPOINT. */
export const dsc023: DscRule = {
  id: 'DSC023',
  apptainer: true,
  severity: 'information',
  message: '`apptainer exec` skips `ENTRYPOINT`: what it sets up (an environment, a wrapper) does not happen there.',
  docs: [
    'A SIF made from this image keeps `ENTRYPOINT` + `CMD` as its runscript, which only `apptainer run` starts.',
    '`apptainer exec IMAGE.sif python train.py` (the usual form in Slurm scripts) runs the command directly:',
    'an entrypoint that activates an environment, exports variables or wraps the command is skipped.',
    '',
    'Put what the entrypoint sets up in `ENV` (PATH, variables), which Apptainer does apply, or start the job',
    'with `apptainer run`.',
  ].join('\n'),
  check(ctx) {
    const { instruction: final } = lastInFinalStage(ctx, 'ENTRYPOINT');
    return final ? [{ span: ctx.rangeSpan(final.getRange()) }] : [];
  },
};
