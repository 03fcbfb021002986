import { readFields, str, PbField } from './protobuf';

/** A BuildKit build step ("vertex") as it appears in one status update. */
export interface BkVertex {
  digest: string;
  name: string;
  cached: boolean;
  started: boolean;
  completed: boolean;
  error: string;
}

export interface BkLog {
  vertex: string;
  /** 1 stdout, 2 stderr. */
  stream: number;
  text: string;
}

export interface BkStatus {
  vertexes: BkVertex[];
  logs: BkLog[];
}

/**
 * Decodes one `moby.buildkit.trace` aux payload (base64 protobuf `moby.buildkit.v1.StatusResponse`):
 * field 1 vertexes (digest 1, name 3, cached 4, started 5, completed 6, error 7), field 3 logs
 * (vertex 1, stream 3, msg 4). Statuses and warnings are not needed for progress.
 */
export function decodeBuildKitStatus(base64: string): BkStatus {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const status: BkStatus = { vertexes: [], logs: [] };
  for (const f of readFields(bytes)) {
    if (f.no === 1 && f.bytes) status.vertexes.push(vertex(readFields(f.bytes)));
    else if (f.no === 3 && f.bytes) status.logs.push(log(readFields(f.bytes)));
  }
  return status;
}

function vertex(fs: PbField[]): BkVertex {
  const get = (n: number) => fs.find((f) => f.no === n);
  return {
    digest: str(get(1)),
    name: str(get(3)),
    cached: (get(4)?.num ?? 0) !== 0,
    started: !!get(5),
    completed: !!get(6),
    error: str(get(7)),
  };
}

function log(fs: PbField[]): BkLog {
  const get = (n: number) => fs.find((f) => f.no === n);
  return { vertex: str(get(1)), stream: get(3)?.num ?? 1, text: str(get(4)) };
}
