import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { Services } from '../services';
import { describeInterpreter } from '../../core/python/interpreterChoice';
import { scaffoldProject, scaffoldReport } from '../../node/scaffold';
import { devcontainerFile, generateAll, specFromAnalysis, validateSpec } from '../../core/generate';
import { offerDevContainer } from '../develop/offer';
import { ProjectSpec } from '../../core/project';
import { BuildOutcome } from '../../node/docker/build';
import { UserCancelled } from '../platform/errors';
import { buildWithProgress } from './buildImage';
import { runInTerminal } from './runTerminal';
import { RunHandle } from './state';
import { targetOf } from './target';
import { editSpec } from './preview';

/** Options for tests and automation; users get the interactive path (no options). */
export interface ContainerizeOptions {
  folder?: vscode.Uri | string;
  /** Overrides applied to the spec the scan proposes (e.g. baseImage). */
  spec?: Partial<ProjectSpec>;
  /** Skip the editable preview and the per-file prompts. */
  noPreview?: boolean;
  /** Without the prompts: replace existing generated files (default: keep them). */
  overwrite?: boolean;
  /** Leave requirements unpinned instead of taking the local interpreter's versions. */
  noPin?: boolean;
  /** Stop after writing, or after building. */
  build?: boolean;
  run?: boolean;
}

export interface ContainerizeResult {
  written: string[];
  kept: string[];
  build?: BuildOutcome;
  run?: RunHandle;
}

/** Scan with progress → preview → write with consent (diff for existing files) → build → run. */
export async function containerize(s: Services, o: ContainerizeOptions = {}): Promise<ContainerizeResult> {
  const dir = await folderOf(o.folder);
  // Versions are pinned from the interpreter the user works with (the Python extension's, when installed).
  const python = await s.python.forResource(vscode.Uri.file(dir));
  s.log.info(`containerize ${dir}: interpreter ${describeInterpreter(python)}`);
  // The analysis the Project view and drift diagnostics show (one per project, kept until a file changes).
  const analysis = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Scanning ${path.basename(dir)}`, cancellable: true },
    (p, token) =>
      Promise.race([
        s.analyses.get(dir, { noPin: o.noPin, onProgress: (n, total) => p.report({ message: `${n}/${total} files` }) }),
        // Cancel stops waiting; the shared analysis goes on for the other views.
        new Promise<never>((_, reject) => token.onCancellationRequested(() => reject(new UserCancelled()))),
      ]),
  );
  for (const w of analysis.warnings) s.log.warn(`${w.file}${w.line ? `:${w.line}` : ''}: ${w.message}`);
  let spec: ProjectSpec = { ...specFromAnalysis(analysis, { baseImage: o.spec?.baseImage }), ...o.spec };
  const files = [...Object.keys(generateAll(spec)), devcontainerFile];
  // The preview's fields are free text: a value that would inject Dockerfile text is refused, and the user edits again.
  for (;;) {
    if (!o.noPreview) spec = await editSpec(spec, files);
    try {
      validateSpec(spec);
      break;
    } catch (e) {
      if (o.noPreview) throw e;
      await vscode.window.showErrorMessage(`Containerize: ${(e as Error).message}`, { modal: true });
    }
  }
  const scaffold = await scaffoldProject(dir, spec, analysis, {
    // requirements.txt is merged (the user's lines and pins stay); the others replace only with consent.
    consent: (name, before, proposed) => (o.noPreview ? !!o.overwrite : askOverwrite(path.join(dir, name), proposed)),
    // The same image to develop in (Dev Containers), offered like the other files.
    devcontainer: { name: path.basename(dir) },
  });
  const report = scaffoldReport(scaffold, (f, l) => `${path.join(dir, f)}${l ? `:${l}` : ''}`);
  for (const line of report.info) s.log.info(line);
  for (const line of report.warnings) s.log.warn(line);
  const written = scaffold.files
    .filter((f) => ['written', 'overwritten', 'merged'].includes(f.outcome))
    .map((f) => f.name);
  const kept = scaffold.files.filter((f) => f.outcome === 'kept' || f.outcome === 'not-merged').map((f) => f.name);
  const notes = [
    ...(scaffold.problem
      ? [`requirements.txt line ${scaffold.problem.line}: ${scaffold.problem.message}; it was not merged.`]
      : []),
    ...(scaffold.added.length ? [`Added to requirements.txt: ${scaffold.added.join(', ')}.`] : []),
    ...(scaffold.unused.length ? [`Nothing imports ${scaffold.unused.join(', ')} (kept in requirements.txt).`] : []),
  ];
  if (notes.length) {
    const shown = scaffold.problem
      ? vscode.window.showWarningMessage(notes.join(' '), 'Show Logs')
      : vscode.window.showInformationMessage(notes.join(' '), 'Show Logs');
    void shown.then((pick) => pick && s.log.show());
  }
  // The image would miss what a broken requirements.txt could not get: stop before building.
  if (scaffold.problem) return { written, kept };
  if (written.includes(devcontainerFile) && !o.noPreview) offerDevContainer(s);
  const result: ContainerizeResult = { written, kept };
  if (o.build === false) return result;
  const t = targetOf(path.join(dir, 'Dockerfile'));
  result.build = await buildWithProgress(s, t);
  if (!result.build.ok || o.run === false) return result;
  result.run = await runInTerminal(s, t);
  return result;
}

async function folderOf(f: ContainerizeOptions['folder']): Promise<string> {
  if (f) return typeof f === 'string' ? f : f.fsPath;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return folders[0].uri.fsPath;
  const pick = await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which project to containerize?' });
  if (!pick) throw new UserCancelled();
  return pick.uri.fsPath;
}

/** Shows the diff (existing ↔ proposed) and asks; never replaces a user's file silently. */
async function askOverwrite(file: string, proposed: string): Promise<boolean> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-proposal-'));
  try {
    const tmp = path.join(folder, path.basename(file));
    fs.writeFileSync(tmp, proposed);
    await vscode.commands.executeCommand(
      'vscode.diff',
      vscode.Uri.file(file),
      vscode.Uri.file(tmp),
      `${path.basename(file)}: yours ↔ proposed`,
    );
    const pick = await vscode.window.showWarningMessage(
      `${path.basename(file)} exists and differs from the proposal (see the diff). Replace it?`,
      { modal: true },
      'Replace',
      'Keep Mine',
    );
    return pick === 'Replace';
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
