// "Run on Kubernetes…": the project's manifests (the same generator as `ds-containers k8s`) opened as
// an untitled YAML document to review, then `kubectl apply -f -` of that document, edits included,
// once the user confirms. Without kubectl or a current context the document stays open, and one line says why.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CommandSpec, Services } from '../services';
import { PROJECT_MODES, ProjectMode } from '../../core/project';
import { isValidTag } from '../../core/docker/tag';
import { projectTag } from '../../node/projectTag';
import { projectManifests } from '../../node/kubernetes/projectManifests';
import { clusterImage } from '../../core/kubernetes/options';
import { applyManifests, currentContext, KubectlError } from '../../node/kubernetes/kubectl';
import { UserCancelled } from '../platform/errors';
import { presetAnswer } from '../platform/testMode';

/** The choices the editor suite passes instead of answering prompts (Test mode only). */
export interface KubePreset {
  image: string;
  mode?: ProjectMode | 'auto';
  gpu?: boolean;
  namespace?: string;
  /** The answer to "Apply to context …?". */
  apply?: boolean;
}

export interface KubeRunResult {
  document: string;
  context?: string;
  applied?: string[];
  /** The one line shown when kubectl is missing, has no context, or refuses. */
  problem?: string;
}

export const kubernetesCommands: CommandSpec[] = [
  {
    id: 'dsContainers.project.runOnKubernetes',
    title: 'Run on Kubernetes',
    needsTrust: true,
    handler: runOnKubernetes,
  },
];

async function runOnKubernetes(s: Services, arg?: vscode.Uri, given?: KubePreset): Promise<KubeRunResult> {
  const dir = await projectFolder(arg);
  const preset = presetAnswer(s, given);
  const choices = preset ?? (await ask(s, dir));
  const r = await projectManifests({
    dir,
    mode: choices.mode ?? 'auto',
    gpu: !!choices.gpu,
    image: choices.image,
    namespace: choices.namespace || undefined,
  });
  for (const w of r.warnings) void vscode.window.showWarningMessage(`Run on Kubernetes: ${w}`);
  const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: r.text });
  await vscode.window.showTextDocument(doc, { preview: false });
  const result: KubeRunResult = { document: doc.uri.toString() };
  try {
    result.context = await currentContext();
    const ns = r.options.namespace ? `, namespace ${r.options.namespace}` : '';
    const apply =
      preset?.apply ??
      (await vscode.window.showInformationMessage(
        `Apply these manifests to the Kubernetes context "${result.context}"${ns}?`,
        { modal: true, detail: 'Runs kubectl apply -f - with the open document, your edits included.' },
        'Apply',
      )) === 'Apply';
    if (!apply) return result;
    const lines = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `kubectl apply (context ${result.context})` },
      () => applyManifests(doc.getText()),
    );
    for (const l of lines) s.log.info(`kubectl apply: ${l}`);
    result.applied = lines;
    void followOffer(r.workload, r.options.namespace, lines);
    return result;
  } catch (e) {
    if (!(e instanceof KubectlError)) throw e;
    result.problem = e.message;
    void vscode.window.showErrorMessage(`Run on Kubernetes: ${e.message}`);
    return result;
  }
}

async function followOffer(workload: { kind: string; name: string }, namespace: string | undefined, lines: string[]) {
  const follow = workload.kind === 'Job' ? 'Follow Logs' : undefined;
  const pick = await vscode.window.showInformationMessage(`Applied: ${lines.join('; ')}`, ...(follow ? [follow] : []));
  if (!pick) return;
  vscode.window
    .createTerminal({
      name: `Job ${workload.name}`,
      shellPath: 'kubectl',
      shellArgs: ['logs', '-f', `job/${workload.name}`, ...(namespace ? ['--namespace', namespace] : [])],
    })
    .show();
}

/** The folder given (or a file's folder), else the workspace folder (a pick when there are several). */
async function projectFolder(arg: vscode.Uri | undefined): Promise<string> {
  if (arg?.fsPath) return fs.statSync(arg.fsPath).isDirectory() ? arg.fsPath : path.dirname(arg.fsPath);
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (!folders.length) throw new Error('open a project folder first');
  if (folders.length === 1) return folders[0].uri.fsPath;
  const p = await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Project to run on Kubernetes' });
  if (!p) throw new UserCancelled();
  return p.uri.fsPath;
}

/** Image, mode, GPU and namespace: the CLI's flags as prompts. */
async function ask(s: Services, dir: string): Promise<KubePreset> {
  const built = s.buildRun.lastBuild(path.join(dir, 'Dockerfile'))?.tag ?? projectTag(dir);
  // Right after a push the image also has its registry name: that is what a cluster can pull.
  const tags =
    (
      await s.engine
        .get()
        .imageSummary(built)
        .catch(() => undefined)
    )?.tags ?? [];
  const image = await vscode.window.showInputBox({
    title: 'Run on Kubernetes (1/4): image',
    prompt: 'The image the cluster pulls, with its registry: push it first (Images view, Push to Registry…)',
    value: clusterImage(tags, built),
    validateInput: (v) => (isValidTag(v.trim().split('@')[0]) ? undefined : 'e.g. registry.example.com/team/churn:1.0'),
  });
  if (!image) throw new UserCancelled();
  const mode = await vscode.window.showQuickPick(
    [
      { label: 'auto', description: 'from the project (a script: Job; Jupyter or an app: Deployment)' },
      ...PROJECT_MODES.map((m) => ({ label: m, description: '' })),
    ],
    { title: 'Run on Kubernetes (2/4): mode' },
  );
  if (!mode) throw new UserCancelled();
  const gpu = await vscode.window.showQuickPick(
    [
      { label: 'No GPU', gpu: false },
      { label: 'One NVIDIA GPU', description: 'nvidia.com/gpu: 1 in the limits', gpu: true },
    ],
    { title: 'Run on Kubernetes (3/4): GPU' },
  );
  if (!gpu) throw new UserCancelled();
  const namespace = await vscode.window.showInputBox({
    title: 'Run on Kubernetes (4/4): namespace',
    prompt: "Namespace (empty: the context's default)",
  });
  if (namespace === undefined) throw new UserCancelled();
  return { image: image.trim(), mode: mode.label as ProjectMode | 'auto', gpu: gpu.gpu, namespace: namespace.trim() };
}
