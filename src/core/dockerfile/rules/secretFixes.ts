// DSC008's fixes: take a secret out of the image. A value that only the build needs becomes a BuildKit
// secret read by the RUN lines that use it; a value the program reads at run time moves to .env, which
// `docker run --env-file .env` and compose's `env_file` pass to the container without storing it in a layer.
import type { Instruction, Property } from 'dockerfile-ast';
import { FixAction, TextEdit } from '../../findings';
import { LintContext, insertAt } from './context';

/** The lines of an instruction, as one edit that replaces them (continuations included) by `text`. */
function replaceLines(i: Instruction, text: string): TextEdit {
  const r = i.getRange();
  return { line: r.start.line, col: 0, endLine: r.end.line + 1, endCol: 0, newText: text };
}

/** Whether a RUN's text expands `$NAME` or `${NAME}` (any `${NAME:-…}` form too). */
function usesVariable(text: string, name: string): boolean {
  return new RegExp(`\\$(?:${name}(?![A-Za-z0-9_])|\\{${name}(?![A-Za-z0-9_]))`).test(text);
}

/**
 * Fixes for a secret-looking `ENV`/`ARG` property. Offered only when the instruction sets that one
 * name (removing the line then removes nothing else). The build-secret fix needs shell-form RUN lines
 * that use the variable; the run-time fix is for ENV (an ARG exists only during the build).
 */
export function secretFixes(ctx: LintContext, i: Instruction, p: Property, props: Property[]): FixAction[] {
  if (props.length !== 1) return [];
  const name = p.getName();
  const value = p.getValue();
  const kw = i.getKeyword();
  const fixes: FixAction[] = [];
  const start = i.getRange().start.line;
  const users = ctx.df
    .getInstructions()
    .filter((r) => r.getKeyword() === 'RUN' && r.getRange().start.line > start)
    .filter((r) => usesVariable(rangeText(ctx, r), name));
  const shellForm = users.map((r) => firstCommandWord(r)).filter((a): a is NonNullable<typeof a> => !!a);
  if (users.length && shellForm.length === users.length) {
    const edits: TextEdit[] = [
      replaceLines(
        i,
        `# ${name} is a build secret, never stored in the image: ` +
          `docker build --secret id=${name},src=FILE (compose: build.secrets).\n`,
      ),
    ];
    for (const { kwEnd, cmd } of shellForm) {
      // `export` so that programs (pip reading PIP_INDEX_URL, curl's netrc…) see it too, not only `$NAME`.
      edits.push(insertAt(kwEnd.line, kwEnd.character, ` --mount=type=secret,id=${name}`));
      edits.push(insertAt(cmd.line, cmd.character, `export ${name}="$(cat /run/secrets/${name})" && `));
    }
    fixes.push({ title: `Read ${name} from a build secret (RUN --mount=type=secret,id=${name})`, edits });
  }
  if (kw === 'ENV' && value !== null) {
    fixes.push({
      title: `Move ${name} to run time (.env, out of the image)`,
      edits: [
        replaceLines(
          i,
          `# ${name} is set at run time from .env (docker run --env-file .env; compose: env_file), ` +
            'not stored in the image.\n',
        ),
      ],
      append: {
        file: '.env',
        lines: [`# ${name}, moved out of the Dockerfile (keep .env out of git)`, `${name}=${value}`],
      },
    });
  }
  return fixes;
}

function rangeText(ctx: LintContext, i: Instruction): string {
  const r = i.getRange();
  return ctx.lines.slice(r.start.line, r.end.line + 1).join('\n');
}

/** Where RUN's keyword ends and its command starts (after any flags); undefined for the JSON form. */
function firstCommandWord(r: Instruction) {
  const args = r.getArguments();
  const cmd = args.find((a) => !a.getValue().startsWith('--'));
  if (!cmd || cmd.getValue().startsWith('[')) return undefined;
  return { kwEnd: r.getInstructionRange().end, cmd: cmd.getRange().start };
}
