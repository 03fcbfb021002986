import { normalizeName } from './names';

/**
 * Distributions published for Windows only (their wheels and sdists refuse Linux): pywin32 and its
 * ctypes port, the Windows pseudo-terminal behind Jupyter's terminals on Windows, WMI and COM bindings,
 * Windows UI automation and the curses port. A project developed on Windows lists them without a marker;
 * in a Linux image pip would fail on them.
 */
const WINDOWS_ONLY = new Set([
  'pywin32',
  'pypiwin32',
  'pywin32-ctypes',
  'pywinpty',
  'wmi',
  'comtypes',
  'pywinauto',
  'windows-curses',
  'winshell',
]);

/** The marker that makes pip skip a Windows-only distribution on Linux, or undefined for any other. */
export function windowsOnlyMarker(name: string): string | undefined {
  return WINDOWS_ONLY.has(normalizeName(name.replace(/\[.*\]$/, ''))) ? 'sys_platform == "win32"' : undefined;
}

/**
 * A version no release carries: `0.0.0` is what a distribution with broken metadata reports (an editable
 * install from a tree without its version file, a `setuptools_scm` checkout without tags), never a version
 * on the index; pinning it fails the build.
 */
export function isPlaceholderVersion(version: string | undefined): boolean {
  return !!version && /^0(\.0)*$/.test(version);
}

/**
 * The line written for one requirement in a Linux image: `name==version` (else its declared range), a
 * Windows-only distribution behind its marker, a placeholder version left out; each change says why in a
 * trailing comment.
 */
export function linuxInstallLine(name: string, version: string | undefined, specifier = ''): string {
  const placeholder = isPlaceholderVersion(version);
  const marker = windowsOnlyMarker(name);
  const line = !placeholder && version ? `${name}==${version}` : `${name}${specifier}`;
  const why = [
    marker ? 'Windows only: pip skips it on Linux' : '',
    placeholder ? `${version} is broken distribution metadata, not a release: left unpinned` : '',
  ].filter(Boolean);
  return `${line}${marker ? ` ; ${marker}` : ''}${why.length ? `  # ${why.join('; ')}` : ''}`;
}
