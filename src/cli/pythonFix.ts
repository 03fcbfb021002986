// Scaffold's consent for the two changes it may make to what the user wrote: a Python (base image) that the
// pins support, or newer pins (--python-fix base|upgrade), and real names for placeholder ones
// (--rename-stubs). Asked on a terminal; said with the flag to rerun otherwise; never applied silently.
import * as readline from 'readline';
import { CliError, CliIo } from './io';
import { WheelCheck, wheelCheckLines } from '../core/python/wheelCheck';

export const PYTHON_FIXES = ['base', 'upgrade'] as const;
export type PythonFix = (typeof PYTHON_FIXES)[number];

export const PYTHON_FIX_HELP = [
  '--python-fix base    when pins have no wheel for the chosen Python: use a',
  '                     base image with a Python they all support',
  '--python-fix upgrade ... or re-pin them to the nearest versions that',
  '                     support it (requirements.txt is edited)',
  '--rename-stubs       replace placeholder names (sklearn) in requirements.txt',
  '                     with the real package (scikit-learn)',
];

export function pythonFixFlag(flags: Map<string, string | true>): PythonFix | undefined {
  const v = flags.get('python-fix');
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !(PYTHON_FIXES as readonly string[]).includes(v))
    throw new CliError(`--python-fix must be one of ${PYTHON_FIXES.join(', ')}, not "${String(v)}"`);
  return v as PythonFix;
}

/**
 * Prints one line per pin without a wheel and the choices; returns the one the user consented to (the flag,
 * or the answer on a terminal), or undefined. A flag whose choice is not on offer is an error.
 */
export async function choosePythonFix(
  io: CliIo,
  check: WheelCheck,
  flag: PythonFix | undefined,
  o: { dryRun?: boolean; where?: (name: string) => string } = {},
): Promise<PythonFix | undefined> {
  if (!check.findings.length) return undefined;
  const lines = wheelCheckLines(check);
  const where = o.where ?? (() => 'requirements.txt');
  check.findings.forEach((f, k) => io.err(`${where(f.name)}: warning: ${lines.findings[k]}`));
  for (const l of lines.choices) io.out(`  --python-fix ${l}`);
  const offered = PYTHON_FIXES.filter((f) => (f === 'base' ? !!check.base : check.upgrades.length > 0));
  if (flag) {
    if (!offered.includes(flag))
      throw new CliError(`--python-fix ${flag}: not possible here${check.baseWhyNot ? ` (${check.baseWhyNot})` : ''}`);
    return flag;
  }
  if (offered.length && io.stdin?.isTTY && !o.dryRun) {
    const answer = await ask(io, `Apply which (${offered.join('/')}), or Enter for neither? `);
    if ((offered as string[]).includes(answer)) return answer as PythonFix;
  }
  if (offered.length) io.out(`Nothing changed for this: rerun with --python-fix ${offered.join('|')} to apply one.`);
  return undefined;
}

/** Consent to rename placeholder names: the flag, or "y" on a terminal. */
export async function consentToRename(
  io: CliIo,
  renames: { from: string; to: string }[],
  flag: boolean,
  o: { dryRun?: boolean } = {},
): Promise<boolean> {
  if (!renames.length) return false;
  const list = renames.map((r) => `${r.from} → ${r.to}`).join(', ');
  if (flag) return true;
  if (io.stdin?.isTTY && !o.dryRun) {
    if (/^y(es)?$/i.test(await ask(io, `Replace ${list} in requirements.txt? [y/N] `))) return true;
  }
  io.out(`Nothing changed for this: rerun with --rename-stubs to replace ${list} in requirements.txt.`);
  return false;
}

/** One line from the terminal (the question is printed first, through io). */
function ask(io: CliIo, question: string): Promise<string> {
  io.out(question);
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: io.stdin!, terminal: false });
    let done = false;
    rl.once('line', (l) => {
      done = true;
      rl.close();
      resolve(l.trim().toLowerCase());
    });
    rl.once('close', () => {
      if (!done) resolve('');
    });
  });
}
