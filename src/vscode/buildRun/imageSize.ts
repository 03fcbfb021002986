// Explain Image Size: the size advisor (node/size.ts, as `ds-containers size DIR`) for a project's image, in a
// document beside the code: the largest layers, the largest installed distributions and each saving it knows.
import * as vscode from 'vscode';
import type { Services } from '../services';
import type { BuildTarget } from '../platform/target';
import { sizeReportLines } from '../../core/size/advice';

/** Measures the project's built image (a short container run reads its site-packages) and opens the report. */
export async function explainImageSize(s: Services, t: BuildTarget): Promise<string[]> {
  // Loaded on first use: the advisor brings the analysis with it.
  const { sizeReport, SizeTargetMissing } = await import('../../node/size');
  const report = await Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Measuring ${t.tag}` }, () =>
      sizeReport(s.engine.get(), t.dir, { tag: t.tag }),
    ),
  ).catch(async (e: Error) => {
    if (!(e instanceof SizeTargetMissing)) throw e;
    const pick = await vscode.window.showWarningMessage(`${e.message.split(':')[0]}: build it first.`, 'Build');
    if (pick === 'Build') await vscode.commands.executeCommand('dsContainers.project.build', t.dockerfile);
    return undefined;
  });
  if (!report) return [];
  const lines = sizeReportLines(report, 12);
  for (const l of lines) s.log.info(l);
  const doc = await vscode.workspace.openTextDocument({ content: `${lines.join('\n')}\n`, language: 'plaintext' });
  await vscode.window.showTextDocument(doc, { preview: true });
  return lines;
}
