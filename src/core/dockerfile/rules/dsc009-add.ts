import { DscRule, RuleHit } from './types';
import { replace } from './context';

const URL = /^(?:https?|ftp):\/\/|^git@|\.git(?:#.*)?$/;
// ADD unpacks local archives: that is the one thing COPY cannot do, so it is not flagged.
const ARCHIVE = /\.(?:tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst)$/i;

export const dsc009: DscRule = {
  id: 'DSC009',
  severity: 'warning',
  message: '`ADD` used for a local file or a URL: use `COPY` (or download in a `RUN` you can verify).',
  docs: [
    '`ADD` does more than copy: it unpacks archives and downloads URLs. ' +
      'For a local file that magic is a surprise waiting',
    'to happen; for a URL the download is not verified, not cached sensibly, and leaves no trace of what was fetched.',
    '',
    'Use `COPY` for local files. For a download, `RUN curl -fsSL URL -o FILE && echo "SHA256  FILE" | sha256sum -c`,',
    'or `ADD --checksum=sha256:… URL`.',
    '',
    'Quick fix (local files): replaces `ADD` with `COPY`.',
  ].join('\n'),
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const i of ctx.df.getInstructions()) {
      if (i.getKeyword() !== 'ADD') continue;
      const args = i.getArguments().map((a) => a.getValue());
      const sources = args.slice(0, -1);
      if (!sources.length) continue;
      const remote = sources.some((s) => URL.test(s));
      if (!remote && sources.every((s) => ARCHIVE.test(s))) continue;
      if (
        remote &&
        (i as unknown as { getFlags(): { getName(): string }[] }).getFlags().some((f) => f.getName() === 'checksum')
      )
        continue;
      const kwRange = ctx.rangeSpan(i.getInstructionRange());
      const local = !remote && !sources.some((s) => ARCHIVE.test(s));
      hits.push({
        span: kwRange,
        fixes: local ? () => [{ title: 'Replace ADD with COPY', edits: [replace(kwRange, 'COPY')] }] : undefined,
      });
    }
    return hits;
  },
};
