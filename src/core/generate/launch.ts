// The launch in the spec (the entry's arguments, the app's port) from the analysis' documented launch, and the
// lines `scaffold`/`up` print about it: the command the container runs and why, and what it still needs.
import type { ProjectAnalysis, ProjectSpec } from '../project';
import { modeRuntime } from './modes';

/**
 * Sets `spec.args` (and an app's `port`) from the analysis when the spec runs the entry the analysis chose in
 * the mode it chose; `args` given by the caller win (an empty list is a choice too).
 */
export function launchOfSpec(spec: ProjectSpec, analysis: ProjectAnalysis, args?: string[]): void {
  if (args) {
    spec.args = [...args];
    return;
  }
  if (spec.entry !== analysis.entry || spec.mode !== analysis.mode) return;
  if (analysis.entryArgs) spec.args = [...analysis.entryArgs];
  if (analysis.entryPort && spec.mode === 'app') spec.port = analysis.entryPort;
}

/** "python main.py 8080": the container's command as a reader would type it (words with blanks quoted). */
export function commandLine(words: readonly string[]): string {
  return words.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/**
 * What the CLI says about the launch: `Start: CMD` with the reason, and a warning line when the entry demands
 * arguments the container does not pass (`dir` is the project as a shell takes it).
 */
export function launchReport(
  spec: ProjectSpec,
  analysis: ProjectAnalysis,
  dir: string,
): { info: string[]; warnings: { file: string; line: number; message: string }[] } {
  const out = { info: [] as string[], warnings: [] as { file: string; line: number; message: string }[] };
  if (spec.mode === 'jupyter' || !spec.entry) return out;
  // Why this command is the entry's reason, printed on the line before ("Entry FILE: …").
  out.info.push(`Start: ${commandLine(modeRuntime(spec).cmd)}`);
  const needs = analysis.needsArgs?.[spec.entry];
  if (needs && !spec.args?.length)
    out.warnings.push({
      file: spec.entry,
      line: needs.line,
      message:
        `${spec.entry} needs command-line arguments (${needs.what}) and none are given: the run will stop ` +
        `asking for them; pass them after -- (ds-containers up ${dir} -- ARGS) ` +
        'or choose another entry with --entry FILE',
    });
  return out;
}
