import { ProjectSpec } from '../../core/project';
import { baseImageOf } from '../../core/generate';
import { dataOutReport, formatBytes } from '../../core/generate/data';
import { Services } from '../services';

/**
 * The preview's size rows: what stays out of the image (and how it reaches the container), and the size to
 * expect, from the base image's size when it is on this engine.
 */
export async function sizeFacts(
  s: Services,
  spec: ProjectSpec,
): Promise<{ label: string; description: string; detail?: string }[]> {
  const out: { label: string; description: string; detail?: string }[] = [];
  const d = spec.dataOut;
  const leftOut = d ? [...d.folders, ...d.files].reduce((n, f) => n + f.bytes, 0) : 0;
  if (d && leftOut) {
    const lines = dataOutReport(d);
    const names = [...d.folders.map((f) => `${f.path}/`), ...d.files.map((f) => f.path)];
    out.push({
      label: '$(archive) Left out of the image',
      description: `${formatBytes(leftOut)}: ${names.join(', ')}`,
      detail: lines
        .slice(1)
        .map((l) => l.trim())
        .join(' '),
    });
  }
  const base = baseImageOf(spec);
  const summary = await s.engine
    .get()
    .imageSummary(base)
    .catch(() => undefined);
  const extras = [
    spec.torchIndex === 'cpu' ? 'CPU PyTorch' : '',
    spec.requirements.some((r) => r.name.endsWith('-headless')) ? 'headless OpenCV' : '',
  ].filter(Boolean);
  const stays = leftOut ? `; ${formatBytes(leftOut)} of data stays out` : '';
  out.push({
    label: '$(dashboard) Expected image size',
    description: summary
      ? `${formatBytes(summary.size)} (${base}) + the requirements${stays}`
      : `${base} (not on this engine yet) + the requirements`,
    detail: [...extras, 'after a build, `ds-containers size DIR` lists the savings'].join('; '),
  });
  return out;
}
