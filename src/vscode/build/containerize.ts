import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { Services } from '../services';
import { analyzeProject } from '../../node/analyze';
import { describeInterpreter } from '../../core/python/interpreterChoice';
import { readIfExists, safeWrite } from '../../node/files';
import { generateAll, GeneratedFiles, runtimeTools, baseImageOf, specFromAnalysis, validateSpec } from '../../core/generate';
import { mergeRequirements } from '../../core/requirements/merge';
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
  const analysis = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Scanning ${path.basename(dir)}`, cancellable: true }, (p, token) => {
    const ac = new AbortController();
    token.onCancellationRequested(() => ac.abort());
    return analyzeProject(dir, { signal: ac.signal, python: python.command, noPin: o.noPin, onProgress: (n, total) => p.report({ message: `${n}/${total} files` }) });
  });
  for (const w of analysis.warnings) s.log.warn(`${w.file}${w.line ? `:${w.line}` : ''}: ${w.message}`);
  let spec: ProjectSpec = { ...specFromAnalysis(analysis, { baseImage: o.spec?.baseImage }), ...o.spec };
  const files = Object.keys(generateAll(spec));
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
  const generated = generateAll(spec);
  const written: string[] = [];
  const kept: string[] = [];
  for (const name of Object.keys(generated) as (keyof GeneratedFiles)[]) {
    const file = path.join(dir, name);
    const before = await readIfExists(file);
    const proposed = name === 'requirements.txt' && before !== undefined
      ? mergeRequirements(before, spec.requirements, { tools: runtimeTools(spec.mode, spec.framework, baseImageOf(spec)) }).text
      : generated[name];
    if (before === proposed) continue;
    // requirements.txt is merged (the user's lines and pins stay); the others replace only with consent.
    const consent = before === undefined || name === 'requirements.txt' || (o.noPreview ? !!o.overwrite : await askOverwrite(file, before, proposed));
    if (!consent) { kept.push(name); continue; }
    const outcome = await safeWrite(file, proposed, { overwrite: true });
    s.log.info(`${name}: ${outcome}`);
    written.push(name);
  }
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
async function askOverwrite(file: string, before: string, proposed: string): Promise<boolean> {
  const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-proposal-')), path.basename(file));
  fs.writeFileSync(tmp, proposed);
  void before;
  await vscode.commands.executeCommand('vscode.diff', vscode.Uri.file(file), vscode.Uri.file(tmp), `${path.basename(file)}: yours ↔ proposed`);
  const pick = await vscode.window.showWarningMessage(`${path.basename(file)} exists and differs from the proposal (see the diff). Replace it?`, { modal: true }, 'Replace', 'Keep Mine');
  return pick === 'Replace';
}
