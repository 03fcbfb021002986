// Which file the container runs, chosen in the editor as `--entry` chooses it in the CLI: the detected
// entry first with the reason it won, the other runnable files after it, or any file typed in. A project
// with nothing runnable gets a choice instead of a dead end: JupyterLab (its terminal is a shell) or a file.
import * as vscode from 'vscode';
import type { ProjectAnalysis, ProjectMode } from '../../core/project';

type Item = vscode.QuickPickItem & { file?: string; mode?: ProjectMode; typed?: boolean };

const typed: Item = { label: '$(edit) Another file…', description: 'a path relative to the project', typed: true };

async function typedEntry(current?: string): Promise<string | undefined> {
  const v = await vscode.window.showInputBox({ prompt: 'Entry file, relative to the project', value: current ?? '' });
  return v?.trim() || undefined;
}

/** The entry the user picks among the runnable files the scan found; undefined when they cancel. */
export async function pickEntry(analysis: ProjectAnalysis, current?: string): Promise<string | undefined> {
  const files = [analysis.entry, ...(analysis.entryAlternatives ?? [])].filter((f): f is string => !!f);
  const items: Item[] = files.map((file) => ({
    label: file,
    file,
    description: file === analysis.entry ? `detected: ${analysis.entryWhy ?? 'the best guess'}` : undefined,
    detail: file === current ? 'current choice' : undefined,
  }));
  const pick = await vscode.window.showQuickPick([...items, typed], {
    title: 'Entry: the file the container runs',
    placeHolder: files.length ? 'The first one is the detected entry' : 'No runnable file was found',
    ignoreFocusOut: true,
  });
  return pick?.typed ? typedEntry(current) : pick?.file;
}

/**
 * Nothing runnable (library modules only, or no code yet): explore it in JupyterLab, or name the file to run.
 */
export async function chooseWithoutEntry(
  noCode = false,
): Promise<{ mode: ProjectMode } | { entry: string } | undefined> {
  const pick = await vscode.window.showQuickPick<Item>(
    [
      {
        label: 'JupyterLab',
        description: noCode ? 'start the project in notebooks' : 'explore the project; its terminal is a shell',
        mode: 'jupyter',
      },
      { ...typed, label: '$(edit) Name the file to run…' },
    ],
    {
      title: noCode
        ? 'No Python scripts or notebooks here yet'
        : 'No runnable entry: no file has `if __name__ == "__main__":` or top-level code to run',
      placeHolder: 'How should the container start?',
      ignoreFocusOut: true,
    },
  );
  if (pick?.mode) return { mode: pick.mode };
  const entry = pick?.typed ? await typedEntry() : undefined;
  return entry ? { entry } : undefined;
}
