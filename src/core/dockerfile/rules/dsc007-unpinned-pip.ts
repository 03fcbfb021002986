import { DscRule, RuleHit } from './types';
import { LintContext, Word, pipInstalls, replace } from './context';
import { FixAction, TextEdit } from '../../findings';
import { normalizeName } from '../../requirements/names';
import { PIP_VALUED_OPTIONS } from '../../requirements/pipOptions';

// Upgrading the installer itself is routine and harmless.
const TOOLING = new Set(['pip', 'setuptools', 'wheel', 'uv']);
const NAME = /^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?$/;

function positional(args: Word[]): Word[] {
  const out: Word[] = [];
  for (let k = 0; k < args.length; k++) {
    if (PIP_VALUED_OPTIONS.has(args[k].value)) k++;
    else if (!args[k].value.startsWith('-')) out.push(args[k]);
  }
  return out;
}

/** Bare package names (no version, no path, no URL) of one pip install. */
export function unpinnedPackages(args: Word[]): Word[] {
  const out: Word[] = [];
  for (let k = 0; k < args.length; k++) {
    const v = args[k].value;
    if (PIP_VALUED_OPTIONS.has(v)) {
      k++;
      continue;
    }
    if (v.startsWith('-')) continue;
    const m = NAME.exec(v);
    if (m && !TOOLING.has(m[1].toLowerCase()) && !/\.(whl|zip|tar\.gz|tgz)$/i.test(v)) out.push(args[k]);
  }
  return out;
}

function lookup(installed: Record<string, string> | undefined, name: string): string | undefined {
  if (!installed) return undefined;
  const want = normalizeName(name);
  for (const [k, v] of Object.entries(installed)) if (normalizeName(k) === want) return v;
  return undefined;
}

function removal(ctx: LintContext, w: Word): TextEdit {
  // Take the space before the word with it, so the command stays tidy.
  let from = w.start;
  while (from > 0 && (ctx.text[from - 1] === ' ' || ctx.text[from - 1] === '\t')) from--;
  return replace(ctx.span(from, w.end), '');
}

export const dsc007: DscRule = {
  id: 'DSC007',
  severity: 'warning',
  message: 'Package installed by name without a version: the next build may install a different one.',
  docs: [
    '`pip install pandas` installs whatever is newest on the day of the build, ' +
      'so two builds of the same Dockerfile can',
    'give different results, or one of them can fail.',
    '',
    'Pin the version you tested with (`pandas==2.2.2`), or, better, list the packages in `requirements.txt` and',
    'install that: the versions are then in one place, shared with your local environment.',
    '',
    "Quick fixes: pin to the version installed in the project's interpreter (when known), or move the package into",
    'the requirements file that the Dockerfile installs with `pip install -r` (when there is one).',
  ].join('\n'),
  check(ctx) {
    const hits: RuleHit[] = [];
    const runs = ctx.df.getInstructions().filter((i) => i.getKeyword() === 'RUN');
    const installs = runs.flatMap((r) => pipInstalls(ctx, r));
    // Moving a package is only safe into a requirements file that the Dockerfile installs.
    const reqFile = installs
      .flatMap(({ args }) =>
        args.flatMap((a, k) =>
          a.value === '-r' || a.value === '--requirement'
            ? [args[k + 1]?.value ?? '']
            : a.value.startsWith('-r') && a.value.length > 2
              ? [a.value.slice(2)]
              : [],
        ),
      )
      .find((f) => f && !f.includes('$'));
    for (const { args } of installs) {
      {
        const bare = unpinnedPackages(args);
        // Removing the command's only package would leave `pip install` with nothing to install.
        const keepsSomething = args.some((a) => /^(-r|--requirement)/.test(a.value)) || positional(args).length > 1;
        for (const w of bare) {
          const name = NAME.exec(w.value)![1];
          hits.push({
            span: ctx.span(w.start, w.end),
            fixes: (opts) => {
              const version = lookup(opts.installed, name);
              const fixes: FixAction[] = [];
              if (version)
                fixes.push({
                  title: `Pin ${name}==${version} (installed version)`,
                  edits: [replace(ctx.span(w.start, w.end), `${w.value}==${version}`)],
                });
              if (reqFile && keepsSomething) {
                const file = reqFile;
                fixes.push({
                  title: `Move ${name} to ${file}`,
                  edits: [removal(ctx, w)],
                  append: { file, lines: [version ? `${w.value}==${version}` : w.value] },
                });
              }
              return fixes;
            },
          });
        }
      }
    }
    return hits;
  },
};
