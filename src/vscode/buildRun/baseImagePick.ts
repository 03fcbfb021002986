// The base image, chosen rather than typed: local images first (size, age: they build offline),
// then well-known data-science images, then whatever the user types.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { formatAge, formatSize } from '../../core/docker/format';
import { isValidTag } from '../../core/docker/tag';

// Images data-science projects commonly start from (not necessarily pulled yet).
const WELL_KNOWN: [string, string][] = [
  ['python:3.12-slim', 'official Python, Debian slim'],
  ['python:3.11-slim', 'official Python, Debian slim'],
  ['quay.io/jupyter/scipy-notebook:latest', 'Jupyter Docker Stacks: JupyterLab, NumPy, pandas, scikit-learn'],
  ['quay.io/jupyter/pytorch-notebook:latest', 'Jupyter Docker Stacks with PyTorch'],
  ['pytorch/pytorch:latest', 'PyTorch with CUDA'],
  ['nvidia/cuda:12.4.1-runtime-ubuntu22.04', 'CUDA runtime (Python installed by the Dockerfile)'],
];

type Item = vscode.QuickPickItem & { image?: string };

/** Resolves to the chosen reference, or undefined when the user cancels. */
export async function pickBaseImage(s: Services, current: string): Promise<string | undefined> {
  const now = Date.now() / 1000;
  const local = await s.engine
    .get()
    .listImages()
    .catch(() => []);
  const localItems: Item[] = local
    .flatMap((i) => i.tags.map((t) => ({ t, i })))
    .sort((a, b) => b.i.created - a.i.created)
    .map(({ t, i }) => ({
      label: t,
      description: `${formatSize(i.size)} · ${formatAge(i.created, now)}`,
      image: t,
      picked: t === current,
    }));
  const have = new Set(localItems.map((i) => i.image));
  const items: Item[] = [
    { label: 'Local images', kind: vscode.QuickPickItemKind.Separator },
    ...localItems,
    { label: 'Well-known data-science images (pulled on the first build)', kind: vscode.QuickPickItemKind.Separator },
    ...WELL_KNOWN.filter(([r]) => !have.has(r)).map(([r, d]) => ({ label: r, description: d, image: r })),
  ];
  const qp = vscode.window.createQuickPick<Item>();
  qp.title = 'Base image';
  qp.placeholder = `Pick an image, or type a reference (now ${current})`;
  qp.items = items;
  // What is typed is offered as its own first entry when it is a valid reference.
  qp.onDidChangeValue((v) => {
    const typed = v.trim();
    qp.items =
      typed && isValidTag(typed) && !items.some((i) => i.image === typed)
        ? [{ label: typed, description: 'as typed', image: typed }, ...items]
        : items;
  });
  try {
    return await new Promise<string | undefined>((resolve) => {
      qp.onDidAccept(() => resolve(qp.selectedItems[0]?.image));
      qp.onDidHide(() => resolve(undefined));
      qp.show();
    });
  } finally {
    qp.dispose();
  }
}
