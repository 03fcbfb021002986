import * as path from 'path';
import * as vscode from 'vscode';
import { Services } from '../services';
import { buildProject, BuildOutcome } from '../../node/docker/build';
import { BuildTarget } from './target';
import { setting } from './settings';
import { largeContextLines } from '../../core/generate/data';

/**
 * Builds with a cancellable progress notification; steps and output go to the log channel.
 * A failure becomes a diagnostic on its Dockerfile line (and an error message); success clears
 * it and records the build for the inlay hints. Resolves to the outcome either way.
 */
export async function buildWithProgress(
  s: Services,
  t: BuildTarget,
  opts: { quiet?: boolean; offer?: boolean } = {},
): Promise<BuildOutcome> {
  const engine = s.engine.get();
  const uri = vscode.Uri.file(t.dockerfile);
  s.log.info(`build ${t.tag} from ${t.dockerfile}`);
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Building ${t.tag}`, cancellable: true },
    async (progress, token) => {
      const ac = new AbortController();
      token.onCancellationRequested(() => ac.abort());
      let last = 0;
      try {
        return await buildProject(engine, {
          dir: t.dir,
          dockerfile: t.dockerfileName,
          tag: t.tag,
          signal: ac.signal,
          onWithheld: (files) => s.log.warn(`kept out of the build context (secrets): ${files.join(', ')}`),
          dataThresholdMB: setting('build.dataThresholdMB', vscode.Uri.file(t.dir)),
          onLarge: (left, kept) => {
            const mb = setting('build.dataThresholdMB', vscode.Uri.file(t.dir));
            for (const l of largeContextLines(left, kept, mb)) (l.startsWith('warning') ? s.log.warn : s.log.info)(l);
            if (kept.length) void vscode.window.showWarningMessage(largeContextLines([], kept, mb)[0]);
          },
          onEvent: (e) => {
            if (e.kind === 'log') {
              s.log.info(`  ${e.text}`);
              return;
            }
            const text = `${e.step.name}${e.step.cached ? ' (cached)' : ''}`;
            s.log.info(text);
            const pct = Math.round((e.index / e.total) * 100);
            const step = e.step.name.replace(/^\[[^\]]*\]\s*/, '').slice(0, 60); // without its "[stage n/m]"
            progress.report({
              message: `${e.index}/${e.total}${e.step.cached ? ' cached' : ''}: ${step}`,
              increment: Math.max(0, pct - last),
            });
            last = Math.max(last, pct);
          },
        });
      } catch (e) {
        if (token.isCancellationRequested) throw new vscode.CancellationError();
        throw e;
      }
    },
  );
  if (!outcome.ok) {
    const loc = outcome.location;
    const line = loc?.line ?? 0;
    const d = new vscode.Diagnostic(
      new vscode.Range(line, 0, loc?.endLine ?? line, Number.MAX_SAFE_INTEGER),
      `Build failed: ${loc?.message ?? outcome.error}`,
      vscode.DiagnosticSeverity.Error,
    );
    d.source = 'ds-containers build';
    s.buildRun.buildDiagnostics.set(uri, [d]);
    for (const l of outcome.tail) s.log.error(`  | ${l}`);
    s.log.error(
      `${t.dockerfile}:${loc?.line !== undefined ? loc.line + 1 : '?'}: error: ${loc?.message ?? outcome.error}`,
    );
    s.buildRun.recordBuild(t.dockerfile, undefined, loc?.message ?? outcome.error ?? 'the build failed', {
      target: t,
      outcome,
      offer: opts.offer,
    });
    // quiet: the caller (Containerize) shows its own message, with more ways out.
    if (!opts.quiet) {
      // The cause in the step's own words (pip's "ERROR: …", Python's "…Error: …") and what likely fixes it.
      const pip = /requirement|distribution|pip/i.test(`${loc?.message ?? ''} ${outcome.failedStep?.name ?? ''}`);
      const actions = [pip ? 'Open requirements.txt' : 'Go to Line', 'Retry', 'Show Logs'];
      void vscode.window
        .showErrorMessage(
          `Build of ${t.tag} failed${loc?.line !== undefined ? ` at Dockerfile line ${loc.line + 1}` : ''}: ` +
            (loc?.message ?? outcome.error),
          ...actions,
        )
        .then((pick) => {
          if (pick === 'Show Logs') s.log.show();
          if (pick === 'Go to Line')
            void vscode.window.showTextDocument(uri, { selection: new vscode.Range(line, 0, line, 0) });
          if (pick === 'Open requirements.txt')
            void vscode.window.showTextDocument(vscode.Uri.file(path.join(t.dir, 'requirements.txt')));
          if (pick === 'Retry') void vscode.commands.executeCommand('dsContainers.project.build', uri);
        });
    }
    return outcome;
  }
  s.buildRun.buildDiagnostics.delete(uri);
  s.buildRun.recordBuild(
    t.dockerfile,
    {
      tag: t.tag,
      imageId: outcome.imageId!,
      cachedLines: outcome.cachedLines,
      at: Date.now(),
    },
    undefined,
    { target: t, outcome, offer: opts.offer },
  );
  const cached = outcome.steps.filter((x) => x.cached).length;
  s.log.info(`built ${t.tag} in ${outcome.seconds.toFixed(1)} s (${outcome.steps.length} steps, ${cached} cached)`);
  // A build says when it is done (the CodeLens gives no other sign), with the next step.
  if (!opts.quiet) {
    void vscode.window
      .showInformationMessage(
        `Built ${t.tag} in ${outcome.seconds.toFixed(0)} s (${cached} of ${outcome.steps.length} steps cached).`,
        'Run',
        'Show Logs',
      )
      .then((pick) => {
        if (pick === 'Run') void vscode.commands.executeCommand('dsContainers.project.run', uri);
        if (pick === 'Show Logs') s.log.show();
      });
  }
  return outcome;
}
