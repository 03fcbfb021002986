import { DscRule } from './types';
import { ROOT_USER, lastInFinalStage } from './context';

/** Apptainer-readiness (run by `sif`, or with the `apptainer` lint option): USER is not honoured there. */
export const dsc022: DscRule = {
  id: 'DSC022',
  apptainer: true,
  severity: 'information',
  message: 'Apptainer ignores `USER`: the SIF runs as whoever starts it, so files only that user may use fail there.',
  docs: [
    'Under Apptainer (Singularity) the container process runs with the UID of the person who starts it; the',
    "image's `USER` is not applied. What the Dockerfile made that user own (a home folder, a cache, a virtualenv",
    "created as that user with mode 700) is then read-only or unreadable, and `$HOME` is the caller's own home,",
    'bound from the host.',
    '',
    'Keep installed files world-readable (pip as root, or `chmod -R a+rX`), and write at run time only to a',
    'bound folder or `/tmp`. `USER` still matters for Docker, so it is not removed: this is a note, shown by',
    '`ds-containers sif`.',
  ].join('\n'),
  check(ctx) {
    const { instruction: final } = lastInFinalStage(ctx, 'USER');
    if (!final || ROOT_USER.test(final.getArguments()[0]?.getValue() ?? '')) return [];
    return [{ span: ctx.rangeSpan(final.getRange()) }];
  },
};
