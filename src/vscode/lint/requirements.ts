import * as vscode from 'vscode';
import { Services } from '../services';
import { REQ_SOURCE, requirementAt, requirementFindings, requirementFixes } from '../../core/drift/requirements-lint';
import { importNamesOf, installedVersion } from '../../core/drift/env';
import { applySeverities } from '../../core/severity';
import { DriftProject, DriftProjects } from './project';
import { InterpreterCache } from './interpreter';
import { onSettingChange, ruleSeverities, setting } from '../platform/settings';
import { quickFix, toWorkspaceEdit } from './quickFixes';
import { toDiagnostic } from '../platform/findings';
import { LOCK_WATCH_GLOB, lockConstraining } from './requirementsLock';

const SELECTOR: vscode.DocumentSelector = { language: 'pip-requirements' };

/**
 * requirements.txt diagnostics (syntax, duplicates, unpinned, unused once the project is indexed),
 * hover with the installed version and the importing files, quick fixes to pin or remove.
 */
export function registerRequirements(
  s: Services,
  projects: DriftProjects,
  interp: InterpreterCache,
): { refresh(p: DriftProject): void } {
  const collection = vscode.languages.createDiagnosticCollection('dsc-requirements');
  const timers = new Map<string, NodeJS.Timeout>();

  const lint = async (doc: vscode.TextDocument): Promise<void> => {
    if (doc.languageId !== 'pip-requirements' || !setting('lint.enable')) return void collection.delete(doc.uri);
    const project = await projects.byRequirements(doc.uri);
    if (project?.indexed) return lintNow(doc, project);
    await lintNow(doc, undefined);
    // Unused hints only once every file of the project has been read, so none is reported too early.
    if (project) void project.ready().then(() => lintNow(doc, project));
  };
  const lintNow = async (doc: vscode.TextDocument, project: DriftProject | undefined) => {
    if (doc.isClosed) return;
    const lock = { lockedBy: await lockConstraining(doc.uri) };
    const found = project
      ? requirementFindings(doc.getText(), project.index, await project.env(), lock)
      : requirementFindings(doc.getText(), undefined, undefined, lock);
    collection.set(doc.uri, applySeverities(found, ruleSeverities()).map(toDiagnostic));
  };
  const schedule = (doc: vscode.TextDocument) => {
    const k = doc.uri.toString();
    clearTimeout(timers.get(k));
    timers.set(
      k,
      setTimeout(() => {
        timers.delete(k);
        void lint(doc);
      }, 300),
    );
  };

  // A lock created or removed (or the Dockerfile's `-c requirements.lock`) changes whether DSC103 holds.
  const lockWatch = vscode.workspace.createFileSystemWatcher(LOCK_WATCH_GLOB);
  const relintBeside = (u: vscode.Uri) => {
    const dir = vscode.Uri.joinPath(u, '..').toString();
    for (const d of vscode.workspace.textDocuments)
      if (d.languageId === 'pip-requirements' && vscode.Uri.joinPath(d.uri, '..').toString() === dir) schedule(d);
  };
  s.context.subscriptions.push(
    lockWatch,
    lockWatch.onDidCreate(relintBeside),
    lockWatch.onDidDelete(relintBeside),
    lockWatch.onDidChange(relintBeside),
    collection,
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
    vscode.workspace.onDidOpenTextDocument((d) => void lint(d)),
    vscode.workspace.onDidChangeTextDocument(
      (e) => e.document.languageId === 'pip-requirements' && schedule(e.document),
    ),
    vscode.workspace.onDidCloseTextDocument((d) => collection.delete(d.uri)),
    onSettingChange('lint', () => vscode.workspace.textDocuments.forEach((d) => void lint(d))),
    // The unused/unpinned hints read the interpreter's facts: a new interpreter re-lints.
    projects.onDidChange(() => vscode.workspace.textDocuments.forEach((d) => void lint(d))),
    vscode.languages.registerHoverProvider(SELECTOR, {
      async provideHover(doc, pos) {
        const l = requirementAt(doc.getText(), pos.line);
        if (!l?.name || l.nameStart === undefined || pos.character < l.nameStart || pos.character > l.nameEnd!)
          return undefined;
        const project = await projects.byRequirements(doc.uri);
        const facts = await interp.facts(doc.uri);
        const version = installedVersion(l.name, { interp: facts });
        const md = new vscode.MarkdownString(`**${l.name}**${l.pinned ? ` pinned to ${l.pinned}` : ''}\n\n`);
        // Where: the interpreter's own path, since versions differ between environments.
        const where = `Python ${facts.version ?? '?'}${facts.executable ? ` at \`${facts.executable}\`` : ''}`;
        md.appendMarkdown(
          version
            ? `Installed: **${version}** in ${where}\n\n`
            : `Not installed in ${facts.executable ? where : 'the selected interpreter'}.\n\n`,
        );
        if (project) {
          const env = await project.env();
          const files = [...new Set(importNamesOf(l.name, env).flatMap((t) => project.index.importers(t)))];
          md.appendMarkdown(
            files.length
              ? `Imported in: ${files
                  .slice(0, 10)
                  .map((f) => `\`${f}\``)
                  .join(', ')}${files.length > 10 ? ` and ${files.length - 10} more` : ''}`
              : 'Not imported by any file of the project.',
          );
        }
        return new vscode.Hover(md, new vscode.Range(pos.line, l.nameStart, pos.line, l.nameEnd!));
      },
    }),
    vscode.languages.registerCodeActionsProvider(
      SELECTOR,
      {
        async provideCodeActions(doc, _range, ctx) {
          const ours = ctx.diagnostics.filter((d) => d.source === REQ_SOURCE);
          if (!ours.length) return [];
          const facts = await interp.facts(doc.uri);
          const actions: vscode.CodeAction[] = [];
          for (const d of ours) {
            for (const fix of requirementFixes(
              doc.getText(),
              { code: String(d.code), line: d.range.start.line },
              { interp: facts },
            )) {
              actions.push(
                quickFix(fix.title, d, await toWorkspaceEdit(doc.uri, fix), /^(Pin|Replace) /.test(fix.title)),
              );
            }
          }
          return actions;
        },
      },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
  );
  vscode.workspace.textDocuments.forEach((d) => void lint(d));
  return {
    refresh(p) {
      for (const d of vscode.workspace.textDocuments)
        if (d.uri.toString() === p.requirementsUri.toString()) void lintNow(d, p);
    },
  };
}
