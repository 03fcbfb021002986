import * as vscode from 'vscode';
import { TreeNode } from '../../core/docker/tree';

/** The internal command a click on a node with a location runs (see explorerCommands.ts). */
export const OPEN_SITE = 'dsContainers.project.openSite';

/**
 * A thin TreeDataProvider over TreeNode data built elsewhere (core/): it caches the roots until
 * invalidate(), and maps each node to a TreeItem. Empty roots let the view's welcome content show.
 */
export class NodeTreeProvider implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots?: Promise<TreeNode[]>;

  constructor(private readonly build: () => TreeNode[] | Promise<TreeNode[]>) {}

  /** Drops the cached roots and tells the view to ask again. */
  invalidate(): void {
    this.roots = undefined;
    this.changed.fire();
  }

  /** The roots as the view shows them now (built if needed). */
  current(): Promise<TreeNode[]> {
    this.roots ??= Promise.resolve().then(this.build);
    return this.roots;
  }

  getChildren(node?: TreeNode): Promise<TreeNode[]> | TreeNode[] {
    return node ? (node.children ?? []) : this.current();
  }

  getTreeItem(n: TreeNode): vscode.TreeItem {
    const state = !n.children
      ? vscode.TreeItemCollapsibleState.None
      : n.expanded
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(n.label, state);
    item.id = n.id;
    item.description = n.description;
    item.tooltip = n.tooltip;
    item.contextValue = n.contextValue;
    if (n.icon) item.iconPath = new vscode.ThemeIcon(n.icon, n.color ? new vscode.ThemeColor(n.color) : undefined);
    if (n.open) item.command = { command: OPEN_SITE, title: 'Open', arguments: [n] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
