// Our RunSpec → the engine's container-create body (POST /containers/create). The one place for
// the rules every container we create follows: published ports on 127.0.0.1 only, an init
// process as PID 1 (signals reach the program; zombies are reaped), our labels.
import { RunSpec } from './types';

/**
 * How host ports are chosen: the spec's choice, else the container's own number (a URL stays the same), or any
 * free one.
 */
export type HostPorts = 'same' | 'any';

export function containerCreateBody(spec: RunSpec, hostPorts: HostPorts): Record<string, unknown> {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of spec.ports) {
    exposed[`${p}/tcp`] = {};
    const chosen = hostPorts === 'same' ? (spec.hostPorts?.[p] ?? p) : undefined;
    bindings[`${p}/tcp`] = [{ HostIp: '127.0.0.1', HostPort: chosen ? String(chosen) : '' }];
  }
  const stdin = !!spec.stdin;
  return {
    Image: spec.image,
    name: spec.name,
    Cmd: spec.cmd,
    Entrypoint: spec.entrypoint,
    Env: spec.env,
    ...(spec.user ? { User: spec.user } : {}),
    Labels: spec.labels,
    Tty: !!spec.tty,
    OpenStdin: stdin,
    AttachStdin: stdin,
    AttachStdout: true,
    AttachStderr: true,
    ExposedPorts: exposed,
    HostConfig: {
      Init: true,
      AutoRemove: spec.autoRemove,
      PortBindings: bindings,
      Binds: spec.mount ? [`${spec.mount.host}:${spec.mount.container}`] : undefined,
      ...(spec.network ? { NetworkMode: spec.network } : {}),
    },
  };
}
