/**
 * Choices that keep a data-science image small, from what the project does: PyTorch's CPU wheels when nothing
 * asks for a GPU (PyPI's Linux torch brings about 2.5 GB of CUDA libraries), OpenCV's headless build when no
 * code opens a window (the GUI build needs X11/GL libraries that slim images lack).
 */
import type { ProjectAnalysis, ProjectSpec } from '../project';
import { normalizeName } from '../requirements/names';

/** The distributions PyTorch publishes on its own wheel index, CPU and CUDA builds alike. */
export const TORCH_FAMILY: readonly string[] = ['torch', 'torchvision', 'torchaudio'];

/** PyTorch's index of CPU-only wheels (an extra index: everything else still comes from PyPI). */
export const TORCH_CPU_INDEX = 'https://download.pytorch.org/whl/cpu';

/** The GUI builds of OpenCV and their headless twins (same versions, same `cv2`, no libGL). */
export const HEADLESS: Readonly<Record<string, string>> = {
  'opencv-python': 'opencv-python-headless',
  'opencv-contrib-python': 'opencv-contrib-python-headless',
};

const GUI_CALL = /\bcv2\s*\.\s*(imshow|namedWindow|waitKey|destroyAllWindows|createTrackbar|setMouseCallback)\s*\(/;

/** Whether code opens an OpenCV window (imshow, namedWindow, waitKey…): then it needs the GUI build. */
export function hasGuiCall(code: string): boolean {
  return GUI_CALL.test(code);
}

/** True when the spec installs any of torch, torchvision, torchaudio. */
export function usesTorch(spec: Pick<ProjectSpec, 'requirements'>): boolean {
  return spec.requirements.some((r) => TORCH_FAMILY.includes(normalizeName(r.name)));
}

/**
 * Applies the choices to a spec made from an analysis: without a GPU, torch's versions lose a CUDA local label
 * (`2.3.1+cu121` → `2.3.1`, which the CPU index has as `2.3.1+cpu`) and the CPU index is asked; without a GUI
 * call, OpenCV becomes headless, unless the user's requirements.txt names the GUI build (theirs stays).
 */
export function leanChoices(spec: ProjectSpec, analysis: Pick<ProjectAnalysis, 'requirements' | 'guiCalls'>): void {
  if (!spec.gpu && usesTorch(spec)) {
    spec.torchIndex = 'cpu';
    for (const r of spec.requirements)
      if (TORCH_FAMILY.includes(normalizeName(r.name)) && r.version) r.version = r.version.replace(/\+cu\d+$/, '');
  }
  if (analysis.guiCalls) return;
  const declaredGui = new Set(
    analysis.requirements
      .filter((r) => HEADLESS[normalizeName(r.name)] && (r.declaredIn ?? []).length)
      .map((r) => normalizeName(r.name)),
  );
  for (const r of spec.requirements) {
    const key = normalizeName(r.name);
    if (HEADLESS[key] && !declaredGui.has(key)) r.name = HEADLESS[key];
  }
}

/** The requirements.txt lines that ask for the CPU wheels, with the reason. */
export function torchIndexLines(spec: Pick<ProjectSpec, 'torchIndex'>): string[] {
  if (spec.torchIndex !== 'cpu') return [];
  return [
    '# No GPU use found: PyTorch from its CPU wheel index (about 2.5 GB of CUDA libraries fewer).',
    '# For the CUDA build, delete the next line (or scaffold --gpu).',
    `--extra-index-url ${TORCH_CPU_INDEX}`,
  ];
}

/** requirements.txt with the index lines after the header comments (pip reads options anywhere). */
export function withTorchIndex(text: string, spec: Pick<ProjectSpec, 'torchIndex'>): string {
  const extra = torchIndexLines(spec);
  if (!extra.length) return text;
  const lines = text.split('\n');
  const at = lines.findIndex((l) => !l.startsWith('#'));
  lines.splice(at < 0 ? lines.length : at, 0, ...extra);
  return lines.join('\n');
}
