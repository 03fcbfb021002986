import { listInstructions } from '../dockerfile/instructions';
import { LayerHistory } from './types';
import { formatSize } from './format';

/** What one instruction of the final stage added to the image. */
export interface InstructionLayer {
  line: number;
  keyword: string;
  size: number;
}

/** The instruction keyword an image history entry came from (BuildKit or classic builder). */
export function historyKeyword(createdBy: string): string {
  let s = createdBy.trim();
  const nop = /#\(nop\)\s+(\w+)/.exec(s);
  if (nop) return nop[1].toUpperCase();
  s = s.replace(/^\|\d+(\s+\S+=\S*)*\s+/, ''); // classic: "|1 ARG=v /bin/sh -c …" is a RUN with build args
  if (/^\/bin\/(ba)?sh -c /.test(s)) return 'RUN';
  return (/^(\w+)/.exec(s)?.[1] ?? '').toUpperCase();
}

/**
 * Aligns the history entries the build added on top of the base image (oldest first) with the
 * final stage's instructions, by keyword in order; an instruction that left no history entry
 * (e.g. ARG under BuildKit) gets none.
 */
export function mapLayers(dockerfile: string, history: LayerHistory[], baseLayers: number): InstructionLayer[] {
  const all = listInstructions(dockerfile);
  const last = Math.max(...all.map((i) => i.stage), 0);
  const instructions = all.filter((i) => i.stage === last && i.keyword !== 'FROM');
  const entries = history.slice(baseLayers).map((h) => ({ ...h, keyword: historyKeyword(h.createdBy) }));
  const out: InstructionLayer[] = [];
  let j = 0;
  for (const ins of instructions) {
    for (let k = j; k < Math.min(entries.length, j + 4); k++) {
      if (entries[k].keyword === ins.keyword) {
        out.push({ line: ins.line, keyword: ins.keyword, size: entries[k].size });
        j = k + 1;
        break;
      }
    }
  }
  return out;
}

// Instructions that only change the image's metadata: their history entry is always empty.
const METADATA = new Set([
  'ENV',
  'ARG',
  'USER',
  'LABEL',
  'EXPOSE',
  'CMD',
  'ENTRYPOINT',
  'HEALTHCHECK',
  'STOPSIGNAL',
  'SHELL',
  'VOLUME',
  'ONBUILD',
  'MAINTAINER',
]);

/** The inlay hint after an instruction: "+45.2MB · cached"; none for an empty metadata-only layer. */
export function layerHintLabel(l: InstructionLayer, cached: boolean): string | undefined {
  if (l.size === 0 && (METADATA.has(l.keyword) || l.keyword === 'WORKDIR')) return undefined;
  return `+${formatSize(l.size)}${cached ? ' · cached' : ''}`;
}
