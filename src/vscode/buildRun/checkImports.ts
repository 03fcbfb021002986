import * as path from 'path';
import * as vscode from 'vscode';
import { Services } from '../services';
import { analyzeProject } from '../../node/analyze';
import {
  checkImports,
  entryDirOf,
  entryToImport,
  ImportCheckResult,
  runtimeSites,
} from '../../node/docker/importCheck';
import { BuildTarget } from '../platform/target';
import { showLockDifferences } from '../lock/diagnostics';

/** Runs the import check in the built image; each failure is a diagnostic at its import. */
export async function checkImportsWithProgress(s: Services, t: BuildTarget): Promise<ImportCheckResult> {
  const engine = s.engine.get();
  if (!(await engine.imageSummary(t.tag))) throw new Error(`image ${t.tag} is not built yet: run "Build Image" first`);
  const r = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Checking imports in ${t.tag}`, cancellable: true },
    async (p, token) => {
      const ac = new AbortController();
      token.onCancellationRequested(() => ac.abort());
      p.report({ message: 'scanning the project' });
      // No local interpreter on purpose: the imports are tried in the image, whose Python is the
      // judge; the local one would only add versions (unused here) and a probe's delay.
      const analysis = await analyzeProject(t.dir, { signal: ac.signal, python: false });
      p.report({ message: 'importing in the image' });
      return checkImports(
        engine,
        t.tag,
        runtimeSites(analysis),
        { 'dsContainers.project': t.dir },
        entryDirOf(analysis),
        await entryToImport(t.dir, analysis),
      );
    },
  );
  const byFile = new Map<string, vscode.Diagnostic[]>();
  for (const f of r.failures) {
    const file = path.join(t.dir, f.site.file);
    const d = new vscode.Diagnostic(
      new vscode.Range(f.finding.line, 0, f.finding.line, Number.MAX_SAFE_INTEGER),
      f.finding.message + (f.site.cell !== undefined ? ` (cell ${f.site.cell + 1})` : ''),
      vscode.DiagnosticSeverity.Error,
    );
    d.source = 'ds-containers check';
    d.code = f.finding.code;
    byFile.set(file, [...(byFile.get(file) ?? []), d]);
  }
  // Replace this project's earlier results only.
  s.buildRun.importDiagnostics.forEach((uri) => {
    if (uri.fsPath.startsWith(t.dir + path.sep)) s.buildRun.importDiagnostics.delete(uri);
  });
  for (const [file, ds] of byFile) s.buildRun.importDiagnostics.set(vscode.Uri.file(file), ds);
  const bad = Object.values(r.results).filter((e) => e).length;
  s.log.info(`import check of ${t.tag}: ${r.modules.length - bad}/${r.modules.length} import`);
  if (bad)
    void vscode.window.showWarningMessage(
      `${bad} of ${r.modules.length} imports fail in ${t.tag}: see the Problems panel.`,
    );
  else void vscode.window.showInformationMessage(`All ${r.modules.length} imports load in ${t.tag}.`);
  // The image against requirements.lock too: each differing package is a diagnostic at its lock line.
  await showLockDifferences(s, t);
  return r;
}
