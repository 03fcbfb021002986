// The Project view as plain data: what the analysis found, where each package is imported, and
// which scaffold files exist. The vscode provider only maps these nodes to tree items.
import { ImportClass, ImportSite, ProjectAnalysis, Requirement, RuntimeNeedSite } from './project';
import { TreeNode } from './docker/tree';

import { COMPOSE_FILE_NAMES, LOCK_FILE, SCAFFOLD_FILES } from './projectFiles';
import type { LockState, LockStateKind } from './environment/lockState';

// The files Containerize writes; the view shows which exist. Any compose name counts (and is what a click opens).
const ALIASES: Record<string, readonly string[]> = { 'compose.yaml': COMPOSE_FILE_NAMES };
const present = (f: string, existing: string[]) => (ALIASES[f] ?? [f]).find((x) => existing.includes(x));

const GROUPS: { cls: ImportClass; label: string; icon: string }[] = [
  { cls: 'runtime', label: 'Runtime packages', icon: 'package' },
  { cls: 'optional', label: 'Optional packages', icon: 'question' },
  { cls: 'typing', label: 'Typing-only packages', icon: 'symbol-interface' },
  { cls: 'dev', label: 'Development packages', icon: 'beaker' },
];

const where = (s: ImportSite) =>
  s.cell !== undefined ? `${s.file} cell ${s.cell + 1}:${s.line}` : `${s.file}:${s.line}`;

function siteNode(parent: string, s: ImportSite, label?: string): TreeNode {
  return {
    id: `${parent}/${s.file}:${s.cell ?? ''}:${s.line}:${s.module}`,
    kind: 'site',
    label: label ?? where(s),
    description: label ? where(s) : `import ${s.module}`,
    icon: s.file.endsWith('.ipynb') ? 'notebook' : 'go-to-file',
    contextValue: 'importSite',
    open: { file: s.file, line: s.line, cell: s.cell },
  };
}

function needNode(parent: string, n: RuntimeNeedSite): TreeNode {
  const at = n.cell !== undefined ? `${n.file} cell ${n.cell + 1}:${n.line}` : `${n.file}:${n.line}`;
  return {
    id: `${parent}/need:${at}:${n.reason}`,
    kind: 'site',
    label: at,
    description: n.reason,
    icon: 'go-to-file',
    open: { file: n.file, line: n.line, cell: n.cell },
  };
}

function packageNode(r: Requirement): TreeNode {
  const declared = r.declaredIn?.length ? ` · declared in ${r.declaredIn.join(', ')}` : '';
  const unavailable = r.unavailable ? ` · ${r.unavailable}: a comment in requirements.txt, not installed` : '';
  return {
    id: `pkg:${r.class}:${r.name}`,
    kind: 'package',
    label: r.name,
    description:
      `${r.version ?? 'version unknown'}${r.verified || r.unavailable ? '' : ' · unverified'}` +
      `${declared}${unavailable}`,
    tooltip:
      `${r.name}${r.version ? ` ${r.version}` : ''}\nimported as ${r.imports.join(', ') || '—'}\n` +
      `${r.sites.length} import site${r.sites.length === 1 ? '' : 's'}` +
      `${r.verified ? '' : '\nthe import→package mapping is a guess: check it'}`,
    icon: r.verified && !r.unavailable ? 'package' : 'warning',
    color: r.verified && !r.unavailable ? undefined : 'list.warningForeground',
    contextValue: `package:${r.class}`,
    children: [
      ...r.sites.map((s) => siteNode(`pkg:${r.name}`, s)),
      ...(r.needs ?? []).map((n) => needNode(`pkg:${r.name}`, n)),
    ],
  };
}

/** The whole Project view for one analysis. */
export function projectTree(a: ProjectAnalysis): TreeNode[] {
  const nodes: TreeNode[] = [
    {
      id: 'summary',
      kind: 'info',
      label: `${a.mode}${a.framework ? ` (${a.framework})` : ''} · Python ${a.pythonVersion}`,
      description: a.entry
        ? `entry ${a.entry}`
        : a.notebooks.length
          ? `${a.notebooks.length} notebook${a.notebooks.length > 1 ? 's' : ''}`
          : undefined,
      icon: a.gpu ? 'circuit-board' : 'info',
      tooltip: `${a.root}${a.gpu ? '\nuses a GPU library' : ''}`,
    },
  ];
  for (const g of GROUPS) {
    const reqs = a.requirements.filter((r) => r.class === g.cls).sort((x, y) => x.name.localeCompare(y.name));
    if (!reqs.length && g.cls !== 'runtime') continue;
    nodes.push({
      id: `group:${g.cls}`,
      kind: 'group',
      label: g.label,
      description: String(reqs.length),
      icon: g.icon,
      expanded: g.cls === 'runtime',
      contextValue: `packageGroup:${g.cls}`,
      children: reqs.map(packageNode),
    });
  }
  if (a.unresolved.length) {
    nodes.push({
      id: 'group:unresolved',
      kind: 'group',
      label: 'Unresolved imports',
      description: String(a.unresolved.length),
      icon: 'warning',
      color: 'list.warningForeground',
      expanded: true,
      tooltip: 'Imports that are neither the standard library, a local module nor a known package.',
      children: a.unresolved.map((s) => siteNode('unresolved', s, s.module)),
    });
  }
  nodes.push({
    id: 'group:scaffold',
    kind: 'group',
    label: 'Container files',
    icon: 'file-code',
    expanded: true,
    description: `${SCAFFOLD_FILES.filter((f) => present(f, a.existing)).length}/${SCAFFOLD_FILES.length}`,
    children: SCAFFOLD_FILES.map((f) => {
      const found = present(f, a.existing);
      return {
        id: `scaffold:${f}`,
        kind: 'file' as const,
        label: found ?? f,
        description: found ? 'present' : 'missing',
        icon: found ? 'pass' : 'circle-large-outline',
        color: found ? 'testing.iconPassed' : undefined,
        contextValue: found ? 'scaffold:present' : 'scaffold:missing',
        open: found ? { file: found, line: 1 } : undefined,
      };
    }),
  });
  if (a.warnings.length) {
    nodes.push({
      id: 'group:warnings',
      kind: 'group',
      label: 'Scan warnings',
      description: String(a.warnings.length),
      icon: 'alert',
      children: a.warnings.map((w, i) => ({
        id: `warning:${i}`,
        kind: 'site' as const,
        label: w.message,
        description: w.line ? `${w.file}:${w.line}` : w.file,
        icon: 'alert',
        open: { file: w.file, line: w.line ?? 1 },
      })),
    });
  }
  return nodes;
}

const LOCK_LOOK: Record<LockStateKind, { description: string; icon: string; color?: string }> = {
  none: { description: 'not locked', icon: 'unlock' },
  locked: { description: 'locked', icon: 'lock', color: 'testing.iconPassed' },
  drifted: { description: 'drifted', icon: 'warning', color: 'list.warningForeground' },
};

/** The Project view's row for requirements.lock: its state, why (tooltip), and Lock Environment inline. */
export function lockNode(state: LockState): TreeNode {
  const look = LOCK_LOOK[state.kind];
  return {
    id: 'lock',
    kind: 'file',
    label: 'Environment lock',
    description: state.kind === 'drifted' ? `${look.description} · ${state.reasons.length}` : look.description,
    tooltip: state.tooltip,
    icon: look.icon,
    color: look.color,
    contextValue: `lock:${state.kind}`,
    open: state.kind === 'none' ? undefined : { file: LOCK_FILE, line: 1 },
  };
}
