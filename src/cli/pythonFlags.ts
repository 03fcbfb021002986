// One spelling for "which interpreter" and "which Python version" across scan, scaffold and up:
// --interpreter PATH (the Python whose packages give the pins) and --python-version X.Y (the image's
// Python). The old --python still works where its value says which one it means: X.Y is a version
// (scaffold's old meaning), anything else an interpreter (scan's old meaning).
import { CliError } from './io';
import { PIN_SOURCES, PinSource } from '../core/environment/pins';

export const PYTHON_FLAGS = ['interpreter', 'python-version', 'python'] as const;

export const PYTHON_FLAGS_HELP = [
  '--interpreter PATH   the Python whose installed versions give the pins',
  '                     (default python3)',
  "--python-version X.Y the Python of the image (default: the project's,",
  "                     else the interpreter's)",
  '--python VALUE       old spelling, still accepted: X.Y means',
  '                     --python-version, anything else --interpreter',
];

export const PINS_HELP = [
  '--pins interpreter   pin versions from the interpreter (default)',
  '--pins image         pin the versions the base image already has',
  '                     (asked offline, --network none)',
  '--pins none          bare names: pip chooses',
  'Each package whose version differs between the interpreter and the base',
  'image is reported in one line.',
];

export function pythonFlags(flags: Map<string, string | true>): { interpreter?: string; pythonVersion?: string } {
  const get = (n: string) => (typeof flags.get(n) === 'string' ? (flags.get(n) as string) : undefined);
  let interpreter = get('interpreter');
  let pythonVersion = get('python-version');
  const old = get('python');
  if (old !== undefined) {
    if (/^\d+\.\d+$/.test(old)) pythonVersion ??= old;
    else interpreter ??= old;
  }
  if (pythonVersion !== undefined) {
    const minor = /^3\.(\d+)$/.exec(pythonVersion);
    if (!minor || Number(minor[1]) < 6)
      throw new CliError(`--python-version must be 3.6 or newer, written X.Y (e.g. 3.11), not "${pythonVersion}"`);
  }
  return { interpreter, pythonVersion };
}

export function pinsFlag(flags: Map<string, string | true>, noPin = false): PinSource {
  const v = flags.get('pins');
  if (v === undefined) return noPin ? 'none' : 'interpreter';
  if (typeof v !== 'string' || !(PIN_SOURCES as readonly string[]).includes(v)) {
    throw new CliError(`--pins must be one of ${PIN_SOURCES.join(', ')}, not "${String(v)}"`);
  }
  return v as PinSource;
}
