// The Registries view's commands, and Push to Registry… from the Images view. Logins go where Docker
// keeps them ($DOCKER_CONFIG/config.json or its credential helper), so the engine's push and pull,
// the CLI and `docker` all use them; Add Registry…'s login too (one login for browsing and pushing).
// Credentials given only to browse (Set Browsing Credentials…) go to VS Code's SecretStorage (secrets.ts).
import * as vscode from 'vscode';
import type { CommandSpec, Services } from '../services';
import { TreeNode } from '../../core/docker/tree';
import { splitTag } from '../../core/docker/format';
import {
  parseReference,
  referenceProblem,
  registryHostProblem,
  registryKey,
  registryLabel,
  registryReference,
} from '../../core/registry/reference';
import { listRepositories, RegistryError, tagDigest, verifyLogin } from '../../node/registry/client';
import { eraseCredentials, getCredentials, storeCredentials } from '../../node/registry/credentials';
import { CredentialHelperError } from '../../node/registry/credHelper';
import { UserCancelled } from '../platform/errors';
import { presetAnswer } from '../platform/testMode';
import { badReference, pickImage } from '../platform/pickers';
import { addRegistry, listRegistries, removeRegistry } from './list';
import { label, RegistryNode } from './tree';
import { pushTarget } from './pushTarget';
import { transferWithProgress } from './transfer';

type TagNode = Extract<RegistryNode, { kind: 'tag' }>;
/** What the editor suite gives in place of the username and password boxes (false: ask nothing). */
type Preset = { username: string; password: string } | false;
const loginHint = (ref: string) => `Log In on ${parseReference(ref).registry} in the Registries view`;

export const registryCommands: CommandSpec[] = [
  {
    id: 'dsContainers.registries.add',
    title: 'Add Registry',
    // A registry that needs a login to browse (and has none in Docker's config) asks for one at once: the one
    // login, kept where Docker keeps it, so that Push and the CLI use it too.
    handler: async (s, host?: string, preset?: Preset) => {
      const key = registryKey(host ?? (await askHost('Add a registry to the view')));
      const bad = registryHostProblem(key);
      if (bad) throw new Error(bad);
      await addRegistry(key);
      s.registries.refresh();
      if (await needsBrowsingLogin(key)) {
        const creds = presetAnswer(s, preset);
        if (creds !== false)
          await Promise.resolve(creds ?? askCredentials(key))
            .then((c) => logIn(s, key, c))
            .catch(silentCancel);
      }
      return key;
    },
  },
  {
    id: 'dsContainers.registries.setCredentials',
    title: 'Set Browsing Credentials',
    handler: async (s, item?: RegistryNode | string, preset?: { username: string; password: string }) =>
      setBrowsingCredentials(s, await pickRegistry(item, 'browse with a login', true), presetAnswer(s, preset)),
  },
  {
    id: 'dsContainers.registries.login',
    title: 'Log In to Registry',
    handler: async (s, item?: RegistryNode | string, preset?: { username: string; password: string }) => {
      const key = await pickRegistry(item, 'log in to', true);
      return logIn(s, key, presetAnswer(s, preset) ?? (await askCredentials(key)));
    },
  },
  {
    id: 'dsContainers.registries.logout',
    title: 'Log Out of Registry',
    handler: async (s, item?: RegistryNode) => {
      const key = await pickRegistry(item, 'log out of', false);
      // Both logins go: Docker's, and the view's own for browsing.
      const inDocker = await eraseCredentials(key, process.env);
      const had = (await s.registries.credentials.forget(key)) || inDocker;
      s.registries.refresh();
      vscode.window.setStatusBarMessage(
        had ? `Logged out of ${registryLabel(key)}` : `Not logged in to ${registryLabel(key)}`,
        4000,
      );
      return had;
    },
  },
  {
    id: 'dsContainers.registries.remove',
    title: 'Remove Registry from View',
    handler: async (s, item?: RegistryNode) => {
      const key = await pickRegistry(item, 'remove from the view', false);
      const entry = (await listRegistries()).find((r) => r.key === key);
      await removeRegistry(key, !!entry?.loggedIn);
      await s.registries.credentials.forget(key);
      s.registries.refresh();
    },
  },
  {
    id: 'dsContainers.registries.refresh',
    title: 'Refresh Registries',
    handler: (s) => s.registries.refresh(),
  },
  {
    id: 'dsContainers.registries.pull',
    title: 'Pull Image',
    handler: async (s, item?: RegistryNode | string) => {
      const ref =
        typeof item === 'string'
          ? item
          : item?.kind === 'tag'
            ? registryReference(item.key, item.repository, item.tag)
            : await vscode.window.showInputBox({
                title: 'Pull Image',
                prompt: 'Image to pull, as REGISTRY/NAME:TAG',
                validateInput: (v) => badReference(v),
              });
      if (!ref) throw new UserCancelled();
      const bad = badReference(ref);
      if (bad) throw new Error(`"${ref}": ${bad}`);
      const r = await transferWithProgress(s, 'pull', ref, loginHint(ref));
      await s.explorer.refresh.refresh(['images']);
      vscode.window.setStatusBarMessage(`Pulled ${ref}`, 4000);
      return { ref, ...r };
    },
  },
  {
    id: 'dsContainers.registries.copyReference',
    title: 'Copy Image Reference',
    handler: async (s, item?: RegistryNode) => {
      if (item?.kind !== 'tag') throw new Error('choose a tag in the Registries view');
      const ref = await digestReference(s, item);
      await vscode.env.clipboard.writeText(ref);
      vscode.window.setStatusBarMessage(`Copied ${ref}`, 4000);
      return ref;
    },
  },
  {
    id: 'dsContainers.images.push',
    title: 'Push to Registry…',
    handler: async (s, item?: TreeNode, target?: string) => {
      const img = await pickImage(s, 'push', item);
      const ref =
        target ??
        (await pushTarget(
          img.ref,
          (await listRegistries()).map((r) => r.key),
        ));
      const bad = badReference(ref) ?? referenceProblem(ref, true);
      if (bad) throw new Error(`"${ref}": ${bad}`);
      return pushImage(s, img, ref);
    },
  },
  {
    // The tree fully expanded, for the editor suite (it cannot read a view's DOM).
    id: 'dsContainers.registries.snapshot',
    title: 'Registries Snapshot',
    kind: 'test',
    handler: async (s) => {
      const p = s.registries;
      const walk = async (n?: RegistryNode): Promise<object[]> =>
        Promise.all(
          (await p.getChildren(n)).map(async (c) => ({
            ...c,
            label: label(c),
            contextValue: p.getTreeItem(c).contextValue,
            children: c.kind === 'tag' || c.kind === 'message' ? undefined : await walk(c),
          })),
        );
      return walk();
    },
  },
];

/** Checks the login against the registry and stores it where Docker does (its credential helper when configured). */
async function logIn(
  s: Services,
  key: string,
  creds: { username: string; password: string },
): Promise<{ key: string; where?: string; problem?: string }> {
  try {
    await verifyLogin(key, { username: creds.username, secret: creds.password });
    const where = await storeCredentials(key, { username: creds.username, secret: creds.password }, process.env);
    await addRegistry(key);
    s.registries.refresh();
    void vscode.window.showInformationMessage(
      `Logged in to ${registryLabel(key)} as ${creds.username} (credentials in ${where}).`,
    );
    return { key, where };
  } catch (e) {
    if (!(e instanceof RegistryError || e instanceof CredentialHelperError)) throw e;
    // One line, no stack: the registry's answer says what to fix.
    void vscode.window.showErrorMessage(`Log In: ${e.message}`);
    return { key, problem: e.message };
  }
}

/**
 * Tags (when the name is new) and pushes. A refused push leaves no tag of ours behind, and a refusal for
 * want of a login offers "Log In and Push", which logs in to that registry and pushes again.
 */
async function pushImage(
  s: Services,
  img: { id: string; ref?: string },
  ref: string,
): Promise<{ ref: string; digest?: string; problem?: string }> {
  const engine = s.engine.get();
  const tagged = ref !== img.ref && !(await engine.imageSummary(ref).catch(() => undefined));
  if (ref !== img.ref) {
    const { repository, tag } = splitTag(ref);
    await engine.tagImage(img.id, repository, tag);
  }
  try {
    const r = await transferWithProgress(s, 'push', ref, loginHint(ref));
    void s.explorer.refresh.refresh(['images']);
    s.registries.refresh();
    void vscode.window.showInformationMessage(`Pushed ${ref}${r.digest ? ` (${r.digest})` : ''}.`);
    return { ref, ...r };
  } catch (e) {
    // The name existed only for this push: untag it (the image stays under its other names).
    if (tagged) await engine.removeImage(ref).catch(() => undefined);
    void s.explorer.refresh.refresh(['images']);
    const message = (e as Error).message;
    if (!/log in (first|again)/.test(message)) throw e;
    const again = 'Log In and Push';
    void vscode.window.showErrorMessage(`Push: ${message}`, again).then(async (pick) => {
      if (pick !== again) return;
      const key = registryKey(parseReference(ref).registry);
      const login = await logIn(s, key, await askCredentials(key)).catch(() => ({ problem: 'cancelled' }));
      if (!login.problem) await pushImage(s, img, ref);
    });
    return { ref, problem: message };
  }
}

/** `host/repository:tag@sha256:…`: the digest the registry serves for the tag now. */
async function digestReference(s: Services, t: TagNode): Promise<string> {
  const { creds } = await s.registries.credentials.get(t.key);
  return registryReference(t.key, t.repository, t.tag, await tagDigest(t.key, t.repository, t.tag, { creds }));
}

async function askHost(title: string): Promise<string> {
  const host = await vscode.window.showInputBox({
    title,
    prompt: 'Registry host, e.g. ghcr.io, registry.example.com:5000 or docker.io',
    validateInput: (v) => (v.trim() ? registryHostProblem(v) : 'Enter a registry host'),
  });
  if (!host) throw new UserCancelled();
  return host;
}

/** The clicked registry, a typed host, or a pick among the view's registries (and "another"). */
async function pickRegistry(item: RegistryNode | string | undefined, what: string, other: boolean): Promise<string> {
  if (typeof item === 'string') {
    const bad = registryHostProblem(item);
    if (bad) throw new Error(bad);
    return registryKey(item);
  }
  if (item && item.kind !== 'message') return item.key;
  const known = await listRegistries();
  const picks = known.map((r) => ({
    label: registryLabel(r.key),
    description: r.loggedIn ? 'logged in' : '',
    key: r.key,
  }));
  if (other) picks.push({ label: '$(add) Another registry…', description: '', key: '' });
  if (!picks.length) {
    void vscode.window.showInformationMessage(`No registry to ${what}.`);
    throw new UserCancelled();
  }
  const p = await vscode.window.showQuickPick(picks, { placeHolder: `Registry to ${what}` });
  if (!p) throw new UserCancelled();
  return p.key || registryKey(await askHost('Log in to a registry'));
}

/**
 * True when the registry refuses to list its repositories without a login and Docker's config has none.
 * The catalog is asked, not /v2/: a token registry answers /v2/ to an anonymous token, then refuses the rest.
 */
async function needsBrowsingLogin(key: string): Promise<boolean> {
  if (await getCredentials(key, process.env).catch(() => undefined)) return false;
  try {
    await listRepositories(key, { timeoutMs: 5000 });
    return false;
  } catch (e) {
    // Unreachable or odd: the tree says so in one line; nothing to ask yet.
    if (e instanceof RegistryError) return e.kind === 'unauthorized';
    throw e;
  }
}

/**
 * Asks (or takes) a username and password to browse `key`, checks them against /v2/ and keeps them in
 * SecretStorage. Docker's config is not touched: this login is the view's, not the engine's.
 */
async function setBrowsingCredentials(
  s: Services,
  key: string,
  preset: { username: string; password: string } | undefined,
): Promise<{ key: string; problem?: string }> {
  const given = preset ?? (await askCredentials(key, 'to browse (kept in VS Code secret storage)'));
  const creds = { username: given.username, secret: given.password };
  try {
    await verifyLogin(key, creds);
  } catch (e) {
    if (!(e instanceof RegistryError)) throw e;
    void vscode.window.showErrorMessage(`Set Browsing Credentials: ${e.message}`);
    return { key, problem: e.message };
  }
  await s.registries.credentials.store(key, creds);
  s.registries.refresh();
  vscode.window.setStatusBarMessage(`Browsing ${registryLabel(key)} as ${creds.username}`, 4000);
  return { key };
}

/** A user who closes the credential boxes of Add Registry… still has the registry added. */
function silentCancel(e: unknown): void {
  if (!(e instanceof UserCancelled)) throw e;
}

async function askCredentials(key: string, purpose = ''): Promise<{ username: string; password: string }> {
  const username = await vscode.window.showInputBox({
    title: `Log in to ${registryLabel(key)}${purpose ? ` ${purpose}` : ''}`,
    prompt: 'Username',
    ignoreFocusOut: true,
  });
  if (!username) throw new UserCancelled();
  const password = await vscode.window.showInputBox({
    title: `Log in to ${registryLabel(key)} as ${username}`,
    prompt: 'Password or access token',
    password: true,
    ignoreFocusOut: true,
  });
  if (!password) throw new UserCancelled();
  return { username, password };
}
