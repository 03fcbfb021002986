// The Images and Containers trees as plain data: the vscode providers only map TreeNode →
// TreeItem, so grouping, sorting, labels and menu state are unit-tested without an editor.
import { ContainerInfo, ExplorerOptions, ImageInfo } from './types';
import { formatAge, formatPorts, formatSize, shortId, splitTag, stateIcon, stateRank } from './format';

export interface TreeNode {
  /** Stable across refreshes, so the editor keeps expansion and selection. */
  id: string;
  kind: 'group' | 'image' | 'container' | 'info' | 'package' | 'site' | 'file';
  label: string;
  description?: string;
  tooltip?: string;
  /** Codicon id and optional theme color id. */
  icon?: string;
  color?: string;
  /** For menus: "container:running:ports", "image:tagged", "image:dangling", "imageGroup:dangling"… */
  contextValue?: string;
  children?: TreeNode[];
  expanded?: boolean;
  image?: { id: string; ref?: string };
  container?: ContainerInfo;
  /** The project folder (absolute) a Project-view row belongs to: commands run on the row act on it. */
  project?: string;
  /** A location to open on click (project view), path relative to the root, 1-based line. */
  open?: { file: string; line: number; cell?: number };
}

export const DEFAULT_OPTIONS: ExplorerOptions = {
  imageGroupBy: 'repository',
  imageSortBy: 'name',
  containerGroupBy: 'composeProject',
  containerSortBy: 'state',
};

interface TaggedImage {
  img: ImageInfo;
  repository: string;
  tag: string;
}

/** Images grouped by repository (one child per tag); dangling images in their own group, last. */
export function imageTree(images: ImageInfo[], opts: ExplorerOptions, now: number): TreeNode[] {
  const tagged: TaggedImage[] = images.flatMap((img) => img.tags.map((t) => ({ img, ...splitTag(t) })));
  const dangling = images.filter((i) => i.tags.length === 0);
  const cmp = (a: TaggedImage, b: TaggedImage) =>
    opts.imageSortBy === 'created'
      ? b.img.created - a.img.created || byName(a, b)
      : opts.imageSortBy === 'size'
        ? b.img.size - a.img.size || byName(a, b)
        : byName(a, b);
  const leaf = (t: TaggedImage, flat: boolean): TreeNode => ({
    id: `image:${t.img.id}:${t.repository}:${t.tag}`,
    kind: 'image',
    label: flat ? `${t.repository}:${t.tag}` : t.tag,
    description: `${formatSize(t.img.size)} · ${formatAge(t.img.created, now)}`,
    tooltip:
      `${t.repository}:${t.tag}\n` +
      `${shortId(t.img.id)} · ${formatSize(t.img.size)} · created ${formatAge(t.img.created, now)}`,
    icon: 'tag',
    contextValue: 'image:tagged',
    image: { id: t.img.id, ref: `${t.repository}:${t.tag}` },
  });
  let nodes: TreeNode[];
  if (opts.imageGroupBy === 'none') {
    nodes = tagged.sort(cmp).map((t) => leaf(t, true));
  } else {
    const groups = new Map<string, TaggedImage[]>();
    for (const t of tagged) groups.set(t.repository, [...(groups.get(t.repository) ?? []), t]);
    const entries = [...groups.entries()].map(([repo, list]) => ({ repo, list: list.sort(cmp) }));
    entries.sort((a, b) =>
      opts.imageSortBy === 'name'
        ? a.repo.localeCompare(b.repo)
        : cmp(a.list[0], b.list[0]) || a.repo.localeCompare(b.repo),
    );
    nodes = entries.map(({ repo, list }) => ({
      id: `repo:${repo}`,
      kind: 'group' as const,
      label: repo,
      description: list.length > 1 ? `${list.length} tags` : undefined,
      icon: 'package',
      contextValue: 'imageGroup',
      // open while the list is short enough to read at a glance
      expanded: entries.length <= 15,
      children: list.map((t) => leaf(t, false)),
    }));
  }
  if (dangling.length) {
    const total = dangling.reduce((n, i) => n + i.size, 0);
    nodes.push({
      id: 'repo:<dangling>',
      kind: 'group',
      label: 'Dangling images',
      description: `${dangling.length} · ${formatSize(total)}`,
      tooltip: 'Images without a tag, usually left behind by rebuilds. "Prune Dangling Images" removes them.',
      icon: 'trash',
      contextValue: 'imageGroup:dangling',
      children: [...dangling]
        .sort((a, b) => b.created - a.created)
        .map((img) => ({
          id: `image:${img.id}`,
          kind: 'image' as const,
          label: shortId(img.id),
          description: `${formatSize(img.size)} · ${formatAge(img.created, now)}`,
          tooltip: `${img.id}\nno tag (dangling)`,
          icon: 'circle-slash',
          contextValue: 'image:dangling',
          image: { id: img.id },
        })),
    });
  }
  return nodes;
}

const byName = (a: TaggedImage, b: TaggedImage) => a.repository.localeCompare(b.repository) || tagRank(a.tag, b.tag);
// "latest" first, then newest-looking versions first (numeric-aware).
const tagRank = (a: string, b: string) =>
  a === 'latest' ? -1 : b === 'latest' ? 1 : b.localeCompare(a, undefined, { numeric: true });

/** One container as a tree leaf: state icon, "status · ports" description, state in contextValue. */
export function containerNode(c: ContainerInfo): TreeNode {
  const ports = formatPorts(c.ports);
  const { icon, color } = stateIcon(c.state);
  const published = c.ports.some((p) => p.hostPort);
  return {
    id: `container:${c.id}`,
    kind: 'container',
    label: c.name,
    description: ports ? `${c.status} · ${ports}` : c.status,
    tooltip:
      `${c.name} (${shortId(c.id)})\nimage ${c.image}\n${c.status}${ports ? `\nports ${ports}` : ''}` +
      `${c.composeProject ? `\ncompose project ${c.composeProject}` : ''}`,
    icon,
    color,
    contextValue: `container:${c.state}${published ? ':ports' : ''}`,
    container: c,
  };
}

/**
 * Containers: running first (or by name/created), grouped by compose project or image; ungrouped ones after
 * the groups.
 */
export function containerTree(containers: ContainerInfo[], opts: ExplorerOptions): TreeNode[] {
  const cmp = (a: ContainerInfo, b: ContainerInfo) =>
    opts.containerSortBy === 'name'
      ? a.name.localeCompare(b.name)
      : opts.containerSortBy === 'created'
        ? b.created - a.created || a.name.localeCompare(b.name)
        : stateRank(a) - stateRank(b) || a.name.localeCompare(b.name);
  const key = (c: ContainerInfo) =>
    opts.containerGroupBy === 'composeProject'
      ? c.composeProject
      : opts.containerGroupBy === 'image'
        ? c.image
        : undefined;
  const groups = new Map<string, ContainerInfo[]>();
  const loose: ContainerInfo[] = [];
  for (const c of containers) {
    const k = key(c);
    if (k) groups.set(k, [...(groups.get(k) ?? []), c]);
    else loose.push(c);
  }
  const groupNodes = [...groups.entries()]
    .map(([name, list]) => ({ name, list: list.sort(cmp), running: list.filter((c) => c.state === 'running').length }))
    .sort(
      (a, b) =>
        (opts.containerSortBy === 'state' ? Number(b.running > 0) - Number(a.running > 0) : 0) ||
        a.name.localeCompare(b.name),
    )
    .map(({ name, list, running }): TreeNode => ({
      id: `${opts.containerGroupBy}:${name}`,
      kind: 'group',
      label: name,
      description: `${running}/${list.length} running`,
      icon: opts.containerGroupBy === 'composeProject' ? 'layers' : 'package',
      color: running ? 'testing.iconPassed' : undefined,
      contextValue: opts.containerGroupBy === 'composeProject' ? 'containerGroup:compose' : 'containerGroup',
      expanded: true,
      children: list.map(containerNode),
    }));
  return [...groupNodes, ...loose.sort(cmp).map(containerNode)];
}

/** Every container or image leaf under nodes (for pickers and multi-select). */
export function leaves(nodes: TreeNode[]): TreeNode[] {
  return nodes.flatMap((n) => (n.children ? leaves(n.children) : [n]));
}
