// After a successful build (Build Image, Containerize): "Push to a registry…", the Images view's push
// flow for the image just built. Offered only when the Registries view knows a registry (someone who
// never used one is not nagged), never awaited, and "Don't Ask Again" turns it off for the workspace.
import * as vscode from 'vscode';
import type { BaseServices } from '../services';
import type { BuildOutcome } from '../../node/docker/build';
import type { TreeNode } from '../../core/docker/tree';
import { offer } from '../platform/offers';
import { setting, setWorkspaceSetting } from '../platform/settings';
import { listRegistries } from './list';

export const PUSH_OFFER = 'pushAfterBuild';
const PUSH = 'Push to a Registry…';
const NEVER = "Don't Ask Again";

export function offerPushAfterBuild(s: BaseServices, tag: string, dir: string, outcome: BuildOutcome): void {
  if (!outcome.ok) return;
  void offerPush(s, tag, dir, outcome).catch((e: Error) => s.log.warn(`push offer: ${e.message}`));
}

async function offerPush(s: BaseServices, tag: string, dir: string, outcome: BuildOutcome): Promise<void> {
  if (!setting('registries.offerPushAfterBuild', vscode.Uri.file(dir))) return;
  const registries = await listRegistries();
  if (!registries.length) return;
  const pick = await offer(s, PUSH_OFFER, `${tag} is built. Push it to a registry to share or deploy it?`, [
    PUSH,
    NEVER,
  ]);
  if (pick === NEVER) await setWorkspaceSetting('registries.offerPushAfterBuild', false);
  // The Images view's command with the built image as its item: the same tag picker, tag and push.
  if (pick === PUSH) {
    const item: TreeNode = { kind: 'image', id: `image:${tag}`, label: tag, image: { id: outcome.imageId!, ref: tag } };
    await vscode.commands.executeCommand('dsContainers.images.push', item);
  }
}
