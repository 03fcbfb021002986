// The Registries tree: registries, their repositories (the Registry API's catalog) and tags, each
// level fetched when it is expanded and kept until Refresh. A registry that cannot be reached or
// refuses the stored login shows that as one line in place of its children (a login it needs is a
// click away: Set Browsing Credentials…).
import * as vscode from 'vscode';
import { registryLabel, registryReference } from '../../core/registry/reference';
import { listRepositories, listTags, RegistryError } from '../../node/registry/client';
import { Log } from '../platform/log';
import { listRegistries } from './list';
import { BrowseCredentials } from './secrets';

export type RegistryNode =
  | { kind: 'registry'; key: string; loggedIn: boolean; saved?: boolean }
  | { kind: 'repository'; key: string; repository: string }
  | { kind: 'tag'; key: string; repository: string; tag: string }
  /** `login`: the registry key whose refusal this reports; clicking the line asks for credentials. */
  | { kind: 'message'; parent: string; text: string; error: boolean; login?: string };

/** The node's stable id, also the cache key of its children. */
export function nodeId(n: RegistryNode): string {
  switch (n.kind) {
    case 'registry':
      return `registry:${n.key}`;
    case 'repository':
      return `repository:${n.key}/${n.repository}`;
    case 'tag':
      return `tag:${n.key}/${n.repository}:${n.tag}`;
    case 'message':
      return `message:${n.parent}`;
  }
}

export class RegistriesProvider implements vscode.TreeDataProvider<RegistryNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly cache = new Map<string, Promise<RegistryNode[]>>();

  constructor(
    private readonly log: Log,
    /** Docker's login, else the view's own secret: what browsing sends. */
    readonly credentials: BrowseCredentials,
  ) {}

  /** Forgets every fetched level; the view asks again. */
  refresh(): void {
    this.cache.clear();
    this.changed.fire();
  }

  getChildren(n?: RegistryNode): Promise<RegistryNode[]> {
    const id = n ? nodeId(n) : 'root';
    let p = this.cache.get(id);
    if (!p) {
      p = this.fetch(n).catch((e: Error) => {
        this.log.warn(`Registries: ${e.message}`);
        const login = e instanceof RegistryError && e.kind === 'unauthorized' && n && 'key' in n ? n.key : undefined;
        return [{ kind: 'message', parent: id, text: e.message, error: true, login } as RegistryNode];
      });
      this.cache.set(id, p);
    }
    return p;
  }

  private async fetch(n: RegistryNode | undefined): Promise<RegistryNode[]> {
    if (!n)
      return Promise.all(
        (await listRegistries()).map(async (r) => ({
          kind: 'registry' as const,
          ...r,
          saved: !r.loggedIn && !!(await this.credentials.own(r.key)),
        })),
      );
    if (n.kind === 'registry') {
      const repos = await listRepositories(n.key, { creds: (await this.credentials.get(n.key)).creds });
      if (!repos.length) return [{ kind: 'message', parent: nodeId(n), text: 'No repositories yet', error: false }];
      return repos.map((repository) => ({ kind: 'repository', key: n.key, repository }));
    }
    if (n.kind === 'repository') {
      const tags = await listTags(n.key, n.repository, { creds: (await this.credentials.get(n.key)).creds });
      return tags.map((tag) => ({ kind: 'tag', key: n.key, repository: n.repository, tag }));
    }
    return [];
  }

  getTreeItem(n: RegistryNode): vscode.TreeItem {
    const C = vscode.TreeItemCollapsibleState;
    const item = new vscode.TreeItem(label(n), n.kind === 'tag' || n.kind === 'message' ? C.None : C.Collapsed);
    item.id = nodeId(n);
    switch (n.kind) {
      case 'registry':
        item.iconPath = new vscode.ThemeIcon('server');
        item.description = n.loggedIn ? 'logged in' : n.saved ? 'browsing credentials saved' : undefined;
        if (n.saved) item.tooltip = `${registryLabel(n.key)}: browsed with credentials from VS Code's secret storage`;
        item.contextValue = n.loggedIn ? 'registry:loggedIn' : 'registry:loggedOut';
        break;
      case 'repository':
        item.iconPath = new vscode.ThemeIcon('package');
        item.contextValue = 'registryRepository';
        break;
      case 'tag':
        item.iconPath = new vscode.ThemeIcon('tag');
        item.tooltip = registryReference(n.key, n.repository, n.tag);
        item.contextValue = 'registryTag';
        break;
      case 'message':
        item.iconPath = new vscode.ThemeIcon(n.error ? 'error' : 'info');
        item.tooltip = n.text;
        if (n.login) {
          item.tooltip = `${n.text}: click to enter credentials for browsing (kept in VS Code's secret storage)`;
          item.command = {
            command: 'dsContainers.registries.setCredentials',
            title: 'Set Browsing Credentials…',
            arguments: [n.login],
          };
        }
        break;
    }
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function label(n: RegistryNode): string {
  return n.kind === 'registry'
    ? registryLabel(n.key)
    : n.kind === 'repository'
      ? n.repository
      : n.kind === 'tag'
        ? n.tag
        : n.text;
}
