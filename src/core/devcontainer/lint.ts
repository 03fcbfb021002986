import type { Node as JsonNode } from 'jsonc-parser';
import { Finding, FixAction, TextEdit } from '../findings';
import { lineStarts } from '../edits';

export const DEVCONTAINER_SOURCE = 'dsc-devcontainer';
export const DEVCONTAINER_CODES = { dockerfile: 'DSC201', rootUser: 'DSC202', publicPort: 'DSC203' } as const;

/** Reference entries for docs/rules.md. */
export const DEVCONTAINER_RULES = [
  {
    id: DEVCONTAINER_CODES.dockerfile,
    severity: 'error',
    message: 'devcontainer.json builds from a Dockerfile that does not exist.',
    docs:
      '`build.dockerfile` (and the older `dockerFile`) is relative to the folder of devcontainer.json: ' +
      "the project's Dockerfile is `../Dockerfile` from `.devcontainer/`. " +
      "Quick fix: point it at the project's Dockerfile.",
  },
  {
    id: DEVCONTAINER_CODES.rootUser,
    severity: 'warning',
    message: 'The dev container runs as root.',
    docs:
      "Files the container writes into the mounted project become root's on your disk, and any code you run has " +
      'full control of the container. The generated images have a non-root user (`app`, or `jovyan` in Jupyter ' +
      'images); with `updateRemoteUserUID` it gets your UID. Quick fix: use that user.',
  },
  {
    id: DEVCONTAINER_CODES.publicPort,
    severity: 'warning',
    message: 'A port is published on every network interface.',
    docs:
      '`-p 8888:8888` in `runArgs`, or an `appPort` string without an address, lets any machine on your network ' +
      'reach the server (a Jupyter server runs any code it is sent). Publish on `127.0.0.1`, or use `forwardPorts`, ' +
      'which stays on your machine. Quick fix: add `127.0.0.1:`.',
  },
];

export interface DevcontainerLintContext {
  /** Whether a path relative to the folder of devcontainer.json names an existing file. */
  exists(relative: string): boolean;
  /** The image's non-root user for the root-user fix (default `app`). */
  user?: string;
}

export interface DevcontainerFinding extends Finding {
  fixes: FixAction[];
}

type Jsonc = typeof import('jsonc-parser');
// Loaded on first use from its own chunk (scripts/bundle.mjs).
const jsonc = (): Jsonc => require('jsonc-parser');

/** Data-science checks of a devcontainer.json (JSON with comments); a file that does not parse gets none. */
export function lintDevcontainer(text: string, ctx: DevcontainerLintContext): DevcontainerFinding[] {
  const { parseTree, findNodeAtLocation } = jsonc();
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  if (!root || root.type !== 'object') return [];
  const starts = lineStarts(text);
  const out: DevcontainerFinding[] = [];
  const add = (node: JsonNode, code: string, severity: Finding['severity'], message: string, fixes: FixAction[]) => {
    out.push({
      ...range(starts, node.offset, node.offset + node.length),
      severity,
      code,
      message,
      source: DEVCONTAINER_SOURCE,
      fixes,
    });
  };
  const replace = (node: JsonNode, value: unknown): TextEdit => ({
    ...range(starts, node.offset, node.offset + node.length),
    newText: JSON.stringify(value),
  });

  for (const at of [['build', 'dockerfile'], ['dockerFile'], ['build', 'dockerFile']]) {
    const node = findNodeAtLocation(root, at);
    if (node?.type !== 'string' || ctx.exists(node.value)) continue;
    const fixes =
      node.value !== '../Dockerfile' && ctx.exists('../Dockerfile')
        ? [{ title: "Build from the project's Dockerfile (../Dockerfile)", edits: [replace(node, '../Dockerfile')] }]
        : [];
    add(
      node,
      DEVCONTAINER_CODES.dockerfile,
      'error',
      `No Dockerfile at "${node.value}" (relative to .devcontainer/).`,
      fixes,
    );
  }
  const user = ctx.user ?? 'app';
  for (const key of ['remoteUser', 'containerUser']) {
    const node = findNodeAtLocation(root, [key]);
    if (node?.type !== 'string' || !['root', '0'].includes(String(node.value).split(':')[0])) continue;
    add(node, DEVCONTAINER_CODES.rootUser, 'warning', `${key} is root: files written in the project become root's.`, [
      { title: `Run as the image's user "${user}"`, edits: [replace(node, user)] },
    ]);
  }
  for (const p of publishedPorts(root)) {
    const safe = loopbackSpec(p.spec);
    const fixes = safe
      ? [
          {
            title: `Publish on 127.0.0.1 only (${safe})`,
            edits: [p.whole ? replace(p.node, p.prefix + safe) : replace(p.node, safe)],
          },
        ]
      : [];
    add(
      p.node,
      DEVCONTAINER_CODES.publicPort,
      'warning',
      `"${p.spec || p.node.value}" publishes the port on every network interface.`,
      fixes,
    );
  }
  return out;
}

interface Published {
  node: JsonNode;
  /** The port mapping, e.g. 8888:8888; empty for -P (every exposed port). */
  spec: string;
  /** The mapping shares its string with the flag (`-p=8888:8888`, `-p8888:8888`): the fix keeps `prefix`. */
  whole: boolean;
  prefix: string;
}

function publishedPorts(root: JsonNode): Published[] {
  const { findNodeAtLocation } = jsonc();
  const out: Published[] = [];
  const runArgs = findNodeAtLocation(root, ['runArgs']);
  const args = runArgs?.type === 'array' ? (runArgs.children ?? []) : [];
  args.forEach((node, i) => {
    if (node.type !== 'string') return;
    const v = String(node.value);
    if (v === '-P' || v === '--publish-all') return out.push({ node, spec: '', whole: true, prefix: '' });
    const next = args[i + 1];
    if ((v === '-p' || v === '--publish') && next?.type === 'string') {
      if (!isLoopback(String(next.value))) out.push({ node: next, spec: String(next.value), whole: false, prefix: '' });
      return;
    }
    const joined = /^(--publish=|-p=?)(.+)$/.exec(v);
    if (joined && !isLoopback(joined[2])) out.push({ node, spec: joined[2], whole: true, prefix: joined[1] });
  });
  const appPort = findNodeAtLocation(root, ['appPort']);
  // A number is published on 127.0.0.1 by Dev Containers itself; a string goes to `docker run -p` as it is.
  for (const node of appPort?.type === 'array' ? (appPort.children ?? []) : appPort ? [appPort] : []) {
    if (node.type === 'string' && !isLoopback(String(node.value)))
      out.push({ node, spec: String(node.value), whole: false, prefix: '' });
  }
  return out;
}

/** Splits `[ip:]host:container[/proto]` (IPv6 addresses in brackets); undefined parts are absent. */
function portParts(spec: string): { ip?: string; host?: string; container: string } {
  const v6 = /^\[([^\]]*)\]:(.*)$/.exec(spec);
  if (v6) {
    const [host, container] = v6[2].split(':');
    return { ip: v6[1], host, container: container ?? '' };
  }
  const parts = spec.split(':');
  if (parts.length >= 3)
    return { ip: parts.slice(0, -2).join(':'), host: parts[parts.length - 2], container: parts[parts.length - 1] };
  if (parts.length === 2) return { host: parts[0], container: parts[1] };
  return { container: parts[0] };
}

function isLoopback(spec: string): boolean {
  const ip = portParts(spec).ip;
  return !!ip && (/^127\./.test(ip) || ip === '::1' || ip === 'localhost');
}

/** The same mapping on 127.0.0.1 (a lone container port keeps Docker's choice of host port). */
function loopbackSpec(spec: string): string | undefined {
  if (!spec) return undefined;
  const p = portParts(spec);
  return `127.0.0.1:${p.host ?? ''}:${p.container}`;
}

function range(starts: number[], from: number, to: number): Pick<Finding, 'line' | 'col' | 'endLine' | 'endCol'> {
  const at = (offset: number) => {
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
    return { line, col: offset - starts[line] };
  };
  const a = at(from);
  const b = at(to);
  return { line: a.line, col: a.col, endLine: b.line, endCol: b.col };
}
