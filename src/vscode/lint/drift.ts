import * as vscode from 'vscode';
import { Services } from '../services';
import { MissingRequirement, missingRequirements } from '../../core/drift';
import { REQ_CODES, REQ_SOURCE, appendRequirement } from '../../core/drift/requirements-lint';
import { applySeverities } from '../../core/severity';
import { Finding } from '../../core/findings';
import { DriftProject, DriftProjects, cellImports, pythonImports } from './project';
import { onSettingChange, ruleSeverities, setting } from '../platform/settings';
import { quickFix } from './quickFixes';
import { currentText } from '../platform/documents';
import { toDiagnostic } from '../platform/findings';

const isCell = (doc: vscode.TextDocument) => doc.uri.scheme === 'vscode-notebook-cell';

/** The notebook a cell document belongs to, and its index among the notebook's cells. */
function cellOwner(doc: vscode.TextDocument): { notebook: vscode.NotebookDocument; index: number } | undefined {
  for (const nb of vscode.workspace.notebookDocuments) {
    const cell = nb.getCells().find((c) => c.document === doc || c.document.uri.toString() === doc.uri.toString());
    if (cell) return { notebook: nb, index: cell.index };
  }
  return undefined;
}

function finding(doc: vscode.TextDocument, m: MissingRequirement): Finding {
  const line = m.import.line - 1;
  const text = line < doc.lineCount ? doc.lineAt(line).text : '';
  const at = text.indexOf(m.import.module);
  const col = at >= 0 ? at : 0;
  const end = at >= 0 ? at + m.import.module.length : text.length;
  return {
    line,
    col,
    endLine: line,
    endCol: end,
    severity: 'warning',
    code: REQ_CODES.missing,
    source: REQ_SOURCE,
    message: m.unavailable
      ? `${m.top} is imported but no requirement provides it, and pip cannot install ${m.distribution} ` +
        `(${m.unavailable}): install it yourself.`
      : `${m.top} is imported but no requirement provides it ` +
        `(${m.distribution}${m.version ? ` ${m.version} is installed` : ''}).`,
  };
}

/**
 * Import drift in .py files and notebook cells: a warning on each third-party import that the
 * project's requirements.txt does not cover, with "Add NAME==VERSION to requirements.txt".
 * Scanned on open and on save (only the saved file is re-read); off outside a project with a requirements.txt.
 */
export function registerDrift(s: Services, projects: DriftProjects, onIndexChanged: (p: DriftProject) => void): void {
  const collection = vscode.languages.createDiagnosticCollection('dsc-drift');
  const missing = new Map<string, MissingRequirement>();
  const key = (uri: vscode.Uri, line: number, col: number) => `${uri.toString()}#${line}:${col}`;

  const check = async (doc: vscode.TextDocument): Promise<void> => {
    if (doc.languageId !== 'python' || !setting('lint.enable')) return collection.delete(doc.uri);
    const owner = isCell(doc) ? cellOwner(doc) : undefined;
    const fileUri = owner ? owner.notebook.uri : doc.uri;
    const project = await projects.for(fileUri);
    if (!project) return collection.delete(doc.uri);
    const rel = project.rel(fileUri);
    const [env, declared] = await Promise.all([project.env(), project.declared()]);
    const found = missingRequirements(rel, (owner ? cellImports : pythonImports)(doc.getText(), rel), declared, env);
    const findings = applySeverities(
      found.map((m) => finding(doc, m)),
      ruleSeverities(),
    );
    for (const m of found) {
      const f = finding(doc, m);
      missing.set(key(doc.uri, f.line, f.col), m);
    }
    collection.set(doc.uri, findings.map(toDiagnostic));
  };
  const checkProject = (p: DriftProject) => {
    for (const d of vscode.workspace.textDocuments)
      if (d.languageId === 'python' && p.contains(cellOwner(d)?.notebook.uri ?? d.uri)) void check(d);
  };
  const saved = async (uri: vscode.Uri, text?: string) => {
    const p = await projects.for(uri);
    if (!p) return;
    await p.ready();
    await p.update(uri, text);
    onIndexChanged(p);
  };

  let reqTimer: NodeJS.Timeout | undefined;
  s.context.subscriptions.push(
    collection,
    { dispose: () => clearTimeout(reqTimer) },
    // An edit of requirements.txt (typed or applied by a quick fix) re-checks the open files at once, saved or not.
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.languageId !== 'pip-requirements') return;
      clearTimeout(reqTimer);
      reqTimer = setTimeout(async () => {
        const p = await projects.byRequirements(e.document.uri);
        if (p) checkProject(p);
      }, 300);
    }),
    vscode.workspace.onDidOpenTextDocument((d) => void check(d)),
    vscode.workspace.onDidCloseTextDocument((d) => collection.delete(d.uri)),
    vscode.workspace.onDidSaveTextDocument(async (d) => {
      if (d.languageId === 'python' && !isCell(d)) {
        await check(d);
        await saved(d.uri, d.getText());
      } else if (d.languageId === 'pip-requirements') {
        const p = await projects.byRequirements(d.uri);
        if (p) checkProject(p);
      }
    }),
    vscode.workspace.onDidSaveNotebookDocument(async (nb) => {
      for (const c of nb.getCells()) if (c.kind === vscode.NotebookCellKind.Code) await check(c.document);
      await saved(nb.uri);
    }),
    vscode.workspace.onDidOpenNotebookDocument((nb) => nb.getCells().forEach((c) => void check(c.document))),
    onSettingChange('lint', () => vscode.workspace.textDocuments.forEach((d) => void check(d))),
    onSettingChange('requirements', () => vscode.workspace.textDocuments.forEach((d) => void check(d))),
    projects.onDidChange(() => vscode.workspace.textDocuments.forEach((d) => void check(d))),
    vscode.languages.registerCodeActionsProvider(
      { language: 'python' },
      {
        async provideCodeActions(doc, _range, ctx) {
          const actions: vscode.CodeAction[] = [];
          for (const d of ctx.diagnostics.filter((x) => x.source === REQ_SOURCE && x.code === REQ_CODES.missing)) {
            const m = missing.get(key(doc.uri, d.range.start.line, d.range.start.character));
            const owner = isCell(doc) ? cellOwner(doc) : undefined;
            const project = m && (await projects.for(owner ? owner.notebook.uri : doc.uri));
            // No install line for a name no index has (the analysis checked): the message says so instead.
            if (!m || !project || m.unavailable) continue;
            const spec = m.version ? `${m.distribution}==${m.version}` : m.distribution;
            const text = (await currentText(project.requirementsUri)) ?? '';
            const edit = new vscode.WorkspaceEdit();
            const e = appendRequirement(text, spec);
            edit.insert(project.requirementsUri, new vscode.Position(e.line, e.col), e.newText);
            actions.push(quickFix(`Add ${spec} to requirements.txt`, d, edit, true));
          }
          return actions;
        },
      },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
  );
  vscode.workspace.textDocuments.forEach((d) => void check(d));
}
