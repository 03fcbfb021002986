import { DscRule, FixOptions, RuleHit } from './types';
import { insertAt, replace } from './context';
import { FixAction } from '../../findings';
import { pinBaseFix } from '../../environment/dockerfileLock';
import { LOCK_FILE } from '../../projectFiles';

/**
 * The Python used when neither a local image nor the project's interpreter says otherwise: 3.12 is
 * the newest line with wheels for the whole scientific stack on every platform we target; slim
 * keeps the image small while still being Debian (glibc), so manylinux wheels install.
 */
export const DEFAULT_PYTHON_TAG = '3.12-slim';

const PYTHON = /^(?:(?:docker\.io\/)?library\/)?python$/;

function suggestedTags(name: string, opts: FixOptions): string[] {
  const short = name.replace(/^(?:docker\.io\/)?library\//, '');
  const local = (opts.localTags?.[name] ?? opts.localTags?.[short] ?? []).filter(
    (t) => t !== 'latest' && t !== '<none>',
  );
  const tags = [...local];
  if (PYTHON.test(name)) {
    if (opts.pythonVersion) tags.push(`${opts.pythonVersion}-slim`);
    tags.push(DEFAULT_PYTHON_TAG);
  }
  return [...new Set(tags)];
}

export const dsc003: DscRule = {
  id: 'DSC003',
  severity: 'warning',
  message: 'Base image without a tag or tagged `latest`: the build changes when the image is updated.',
  docs: [
    'Without a tag Docker uses `latest`, which moves: the same Dockerfile builds a different Python (and different',
    'system libraries) next month, and results stop being reproducible.',
    '',
    'Pin a tag such as `python:3.12-slim` (or a digest, `python:3.12-slim@sha256:…`, for full reproducibility).',
    '',
    "Quick fix: offers the tags of matching images already on this machine, then the project interpreter's",
    `\`X.Y-slim\`, then \`python:${DEFAULT_PYTHON_TAG}\` for Python images.`,
    '',
    `When \`${LOCK_FILE}\` beside the Dockerfile records the base image's registry digest (\`ds-containers lock\`),`,
    'a tagged base without that digest is reported too, and the fix writes `FROM name:tag@sha256:…` (the tag kept',
    'for readers; Docker builds from the digest).',
  ].join('\n'),
  check(ctx) {
    const hits: RuleHit[] = [];
    const stageNames = new Set<string>();
    const lock = ctx.facts.lock;
    const digestFix = () =>
      lock?.base && lock.baseDigest
        ? [pinBaseFix(ctx.text, lock.base, lock.baseDigest)].filter((f): f is FixAction => !!f)
        : [];
    for (const { from } of ctx.stages) {
      const name = from.getImageName();
      const nameRange = from.getImageNameRange();
      const tag = from.getImageTag();
      const stage = from.getBuildStage();
      if (
        name &&
        nameRange &&
        !(
          name === 'scratch' ||
          stageNames.has(name.toLowerCase()) ||
          name.includes('$') ||
          from.getImageDigest() ||
          (tag && tag !== 'latest')
        )
      ) {
        const tagRange = from.getImageTagRange();
        const span = ctx.rangeSpan(tagRange ? { start: nameRange.start, end: tagRange.end } : nameRange);
        hits.push({
          span,
          fixes: (opts) => [
            ...(from.getImage() === lock?.base ? digestFix() : []),
            ...suggestedTags(name, opts).map((t): FixAction => ({
              title: `Pin the base image to ${name}:${t}`,
              edits: [
                tagRange
                  ? replace(ctx.rangeSpan(tagRange), t)
                  : insertAt(nameRange.end.line, nameRange.end.character, `:${t}`),
              ],
            })),
          ],
        });
      } else if (
        lock?.base &&
        lock.baseDigest &&
        nameRange &&
        !from.getImageDigest() &&
        !stageNames.has((name ?? '').toLowerCase()) &&
        from.getImage() === lock.base
      ) {
        // Tagged, but the lock knows the exact image: the tag may move, the digest cannot.
        const end = from.getImageTagRange()?.end ?? nameRange.end;
        hits.push({
          span: ctx.rangeSpan({ start: nameRange.start, end }),
          message:
            `Base image ${lock.base} is not pinned by digest: ${LOCK_FILE} records it, ` +
            `pin it as \`FROM ${lock.base}@${lock.baseDigest}\` (the tag kept for readers).`,
          fixes: digestFix,
        });
      }
      if (stage) stageNames.add(stage.toLowerCase());
    }
    return hits;
  },
};
