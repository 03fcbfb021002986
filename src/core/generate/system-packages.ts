import { normalizeName } from '../requirements/names';

/**
 * Debian packages (bookworm names, as in python:X.Y-slim) that popular distributions need at run or
 * install time and that slim images lack. Each entry says why; keep it to facts you can check.
 */
const table: Record<string, { packages: string[]; why: string }> = {
  'opencv-python': {
    packages: ['libgl1', 'libglib2.0-0'],
    why: 'cv2 loads libGL.so.1 and libgthread-2.0.so.0, which the wheel does not bundle',
  },
  'opencv-contrib-python': { packages: ['libgl1', 'libglib2.0-0'], why: 'same native libraries as opencv-python' },
  lightgbm: { packages: ['libgomp1'], why: 'the wheel links the OpenMP runtime libgomp.so.1 without bundling it' },
  pyodbc: { packages: ['unixodbc'], why: 'the wheel links libodbc.so.2 from unixODBC' },
  'python-magic': { packages: ['libmagic1'], why: 'it loads libmagic through ctypes' },
  pytesseract: { packages: ['tesseract-ocr'], why: 'it runs the tesseract program' },
  pdf2image: { packages: ['poppler-utils'], why: 'it runs pdftoppm and pdfinfo from poppler' },
  graphviz: { packages: ['graphviz'], why: 'the Python package runs the dot program' },
  pydub: { packages: ['ffmpeg'], why: 'it runs ffmpeg for anything but WAV' },
  'openai-whisper': { packages: ['ffmpeg'], why: 'it decodes audio by running ffmpeg' },
  weasyprint: { packages: ['libpango-1.0-0', 'libpangoft2-1.0-0'], why: 'it loads Pango through cffi' },
  psycopg2: {
    packages: ['gcc', 'libpq-dev'],
    why: 'psycopg2 (unlike psycopg2-binary) has no wheel and compiles against libpq',
  },
  mysqlclient: {
    packages: ['gcc', 'pkg-config', 'default-libmysqlclient-dev'],
    why: 'it has no Linux wheel and compiles against libmysqlclient',
  },
  pyaudio: { packages: ['gcc', 'portaudio19-dev'], why: 'it has no Linux wheel and compiles against PortAudio' },
  dlib: {
    packages: ['build-essential', 'cmake'],
    why: 'it has no Linux wheel and builds with CMake and a C++ compiler',
  },
};

export interface SystemPackageNeed {
  distribution: string;
  packages: string[];
  why: string;
}

/** The apt packages the given distributions need, with the reason for each distribution. */
export function systemPackagesFor(distributions: readonly string[]): SystemPackageNeed[] {
  const out: SystemPackageNeed[] = [];
  for (const d of [...new Set(distributions.map(normalizeName))].sort()) {
    const hit = table[d];
    if (hit) out.push({ distribution: d, ...hit });
  }
  return out;
}

/** Sorted, de-duplicated apt package names. */
export function aptPackages(needs: readonly SystemPackageNeed[]): string[] {
  return [...new Set(needs.flatMap((n) => n.packages))].sort();
}
