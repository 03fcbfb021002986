import type { Instruction } from 'dockerfile-ast';
import { LintContext } from './context';
import { Script } from '../shell';
import { SimpleCommand, commandName, simpleCommands } from '../shell';
import { Word } from '../tokens';

/** One shell-form RUN with its script and simple commands. */
export interface ShellRun {
  run: Instruction;
  stage: number;
  script: Script;
  commands: SimpleCommand[];
}

const cache = new WeakMap<LintContext, ShellRun[]>();

/** Every shell-form RUN of the file, in order, parsed once per lint. */
export function shellRuns(ctx: LintContext): ShellRun[] {
  let out = cache.get(ctx);
  if (!out) {
    out = [];
    for (const [stage, st] of ctx.stages.entries()) {
      for (const run of st.instructions) {
        if (run.getKeyword() !== 'RUN') continue;
        const script = ctx.script(run);
        if (script) out.push({ run, stage, script, commands: simpleCommands(script.text) });
      }
    }
    cache.set(ctx, out);
  }
  return out;
}

/** Dockerfile offsets of a word of a script. */
export const wordOffsets = (s: Script, w: Word) => ({
  start: s.map[w.start],
  end: s.map[Math.max(w.start, w.end - 1)] + 1,
});

/** The command name (past VAR=value prefixes), as a string. */
export const nameOf = (c: SimpleCommand) => commandName(c)?.value ?? '';
