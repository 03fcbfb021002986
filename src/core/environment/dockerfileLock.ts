// The two Dockerfile changes a lock asks for, as edits the user accepts (CLI --fix after a diff,
// a quick fix in the editor): install requirements.txt through requirements.lock, and pin the base
// image by the digest the lock recorded (`FROM name:tag@sha256:…`, the tag kept for readers).
import { LintContext, LintFacts, insertAt, pipInstalls, replace } from '../dockerfile/rules/context';
import { FixAction, TextEdit } from '../findings';
import { LOCK_FILE } from '../projectFiles';
import { parseLock } from './lockfile';

/** The image the last stage builds FROM (a stage alias followed back to its image), as written. */
export function finalBaseImage(text: string): { image: string; line: number; digest?: string } | undefined {
  const ctx = new LintContext(text);
  const byAlias = new Map<string, number>();
  ctx.stages.forEach((s, i) => {
    const a = s.from.getBuildStage();
    if (a) byAlias.set(a.toLowerCase(), i);
  });
  let k = ctx.stages.length - 1;
  for (let hops = 0; k >= 0 && hops < ctx.stages.length; hops++) {
    const name = ctx.stages[k].from.getImageName()?.toLowerCase();
    const prev = name !== undefined ? byAlias.get(name) : undefined;
    if (prev === undefined || prev >= k) break;
    k = prev;
  }
  const from = ctx.stages[k]?.from;
  const image = from?.getImage();
  if (!from || !image || image.includes('$')) return undefined;
  return {
    image,
    line: from.getRange().start.line,
    ...(from.getImageDigest() ? { digest: from.getImageDigest()! } : {}),
  };
}

/** `FROM base` → `FROM base@digest` on every FROM of that image without a digest. */
export function pinBaseFix(text: string, base: string, digest: string): FixAction | undefined {
  const ctx = new LintContext(text);
  const edits: TextEdit[] = [];
  for (const { from } of ctx.stages) {
    if (from.getImage() !== base || from.getImageDigest()) continue;
    const end = (from.getImageTagRange() ?? from.getImageNameRange())?.end;
    if (end) edits.push(insertAt(end.line, end.character, `@${digest}`));
  }
  return edits.length
    ? { title: `Pin the base image to ${base}@${digest.slice(0, 19)}… (the digest in ${LOCK_FILE})`, edits }
    : undefined;
}

/** Whether some `pip install` of the Dockerfile already reads the lock as constraints. */
export function installsThroughLock(text: string): boolean {
  const ctx = new LintContext(text);
  return ctx.df
    .getInstructions()
    .filter((i) => i.getKeyword() === 'RUN')
    .some((r) =>
      pipInstalls(ctx, r).some(
        ({ args }) =>
          args.some((a, k) => /^(-c|--constraint)$/.test(a.value) && args[k + 1]?.value === LOCK_FILE) ||
          args.some((a) => a.value === `-c${LOCK_FILE}` || a.value === `--constraint=${LOCK_FILE}`),
      ),
    );
}

/**
 * Adds `-c requirements.lock` to each `pip install -r requirements.txt`, and the lock to the COPY
 * that brings requirements.txt in alone (`COPY requirements.txt .` → `COPY requirements.txt requirements.lock ./`).
 * Undefined when the Dockerfile installs through the lock already or installs no requirements.txt.
 */
export function installThroughLockFix(text: string): FixAction | undefined {
  if (installsThroughLock(text)) return undefined;
  const ctx = new LintContext(text);
  const edits: TextEdit[] = [];
  for (const run of ctx.df.getInstructions().filter((i) => i.getKeyword() === 'RUN')) {
    for (const { args } of pipInstalls(ctx, run)) {
      const k = args.findIndex(
        (a, j) => /^(-r|--requirement)$/.test(a.value) && /(^|\/)requirements\.txt$/.test(args[j + 1]?.value ?? ''),
      );
      if (k < 0) continue;
      const file = args[k + 1];
      const dir = file.value.slice(0, file.value.length - 'requirements.txt'.length);
      const pos = ctx.position(file.end);
      edits.push(insertAt(pos.line, pos.col, ` -c ${dir}${LOCK_FILE}`));
    }
  }
  if (!edits.length) return undefined;
  for (const copy of ctx.df.getInstructions().filter((i) => i.getKeyword() === 'COPY')) {
    const args = copy.getArguments().filter((a) => !a.getValue().startsWith('--'));
    if (args.length !== 2 || !/(^|\/)requirements\.txt$/.test(args[0].getValue())) continue;
    const src = args[0].getValue();
    const dest = args[1].getValue();
    const lock = src.slice(0, src.length - 'requirements.txt'.length) + LOCK_FILE;
    edits.push(replace(ctx.rangeSpan(args[0].getRange()), `${src} ${lock}`));
    // Two sources need a folder destination: `.` becomes `./`; a file destination is a folder's file.
    if (!dest.endsWith('/')) {
      const newDest =
        dest === '.'
          ? './'
          : dest.endsWith('requirements.txt')
            ? dest.slice(0, -'requirements.txt'.length) || './'
            : `${dest}/`;
      edits.push(replace(ctx.rangeSpan(args[1].getRange()), newDest));
    }
  }
  return { title: `Install requirements.txt through ${LOCK_FILE} (pip -c)`, edits };
}

/** What the Dockerfile lint knows of the lock beside a Dockerfile (DSC003's digest, DSC019); undefined: no lock. */
export function lockLintFacts(lockText: string | undefined): LintFacts['lock'] {
  if (lockText === undefined) return undefined;
  const { base, baseDigest } = parseLock(lockText).header;
  return { ...(base ? { base } : {}), ...(baseDigest ? { baseDigest } : {}) };
}
