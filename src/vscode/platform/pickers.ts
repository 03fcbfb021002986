import * as vscode from 'vscode';
import { ContainerInfo } from '../../core/docker/types';
import { TreeNode } from '../../core/docker/tree';
import { shortId, splitTag, formatSize } from '../../core/docker/format';
import { isValidTag } from '../../core/docker/tag';
import type { Services } from '../services';
import { UserCancelled } from './errors';

// The quick picks behind commands that act on a container or an image: from a tree, the clicked
// item; from the palette, a choice among what the engine lists.

/**
 * The containers a command acts on: the tree selection (multi-select), the clicked item, or,
 * from the palette, a quick pick over the containers that `fits`.
 */
export async function pickContainers(
  s: Services,
  what: string,
  item: TreeNode | undefined,
  selected: TreeNode[] | undefined,
  fits: (c: ContainerInfo) => boolean,
  many = false,
): Promise<ContainerInfo[]> {
  const chosen = (many && selected?.length ? selected : item ? [item] : []).flatMap((n) =>
    n.container ? [n.container] : [],
  );
  if (chosen.length) return chosen;
  const list = (await s.engine.get().listContainers()).filter(fits);
  if (!list.length) {
    void vscode.window.showInformationMessage(`No container to ${what}.`);
    throw new UserCancelled();
  }
  const items = list.map((c) => ({ label: c.name, description: c.status, detail: `${c.image} · ${shortId(c.id)}`, c }));
  const picked = many
    ? await vscode.window.showQuickPick(items, { placeHolder: `Containers to ${what}`, canPickMany: true })
    : await vscode.window
        .showQuickPick(items, { placeHolder: `Container to ${what}` })
        .then((p) => (p ? [p] : undefined));
  if (!picked?.length) throw new UserCancelled();
  return picked.map((p) => p.c);
}

/** The image a command acts on: the clicked tag (or dangling image), or a quick pick. `ref` is set for tags. */
export async function pickImage(
  s: Services,
  what: string,
  item?: TreeNode,
): Promise<{ id: string; ref?: string; label: string }> {
  if (item?.image) return { ...item.image, label: item.image.ref ?? shortId(item.image.id) };
  const images = await s.engine.get().listImages();
  const items = images.flatMap((i) =>
    (i.tags.length ? i.tags : [undefined]).map((ref) => ({
      label: ref ?? shortId(i.id),
      description: `${formatSize(i.size)}${ref ? '' : ' · dangling'}`,
      value: { id: i.id, ref, label: ref ?? shortId(i.id) },
    })),
  );
  if (!items.length) {
    void vscode.window.showInformationMessage(`No image to ${what}.`);
    throw new UserCancelled();
  }
  const p = await vscode.window.showQuickPick(items, { placeHolder: `Image to ${what}` });
  if (!p) throw new UserCancelled();
  return p.value;
}

/** Checks a "repository:tag" reference the way the engine would (core isValidTag); undefined when fine. */
export function badReference(ref: string): string | undefined {
  const r = ref.trim();
  if (!splitTag(r).repository) return 'Enter a name such as team/model:v2';
  if (isValidTag(r)) return undefined;
  return /^[\w][\w.-]{0,127}$/.test(splitTag(r).tag)
    ? 'Repository names use lowercase letters, digits, and . _ - / separators'
    : 'Tags use letters, digits, _ . - (up to 128), not starting with . or -';
}
