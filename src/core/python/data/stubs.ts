import { compareVersions } from '../pep440';
import { normalizeName } from '../../requirements/names';

/**
 * Names on the index whose only (or newest) release is a placeholder that fails on purpose when installed,
 * telling the user the real name. pip stops at the first one, so the whole requirements file fails.
 * Sources: the projects' own notices on the index — scikit-learn's "sklearn" brownout (2022–2023; every
 * install fails since December 2023), scikit-image's "skimage" placeholder, PyTorch's "pytorch" placeholder
 * ("The package named for PyTorch is 'torch'"), TensorFlow's "tensorflow-gpu" (removed from 2.12: the
 * 2.12.0 release raises "tensorflow-gpu has been removed, install tensorflow"; older pinned releases still
 * install). Not stubs: `bs4` installs beautifulsoup4 (a working shim), `PIL` simply has no release for
 * Python 3 (pip says "no matching distribution", which the index check already reports).
 */
const STUBS: Readonly<Record<string, { real: string; since?: string }>> = {
  sklearn: { real: 'scikit-learn' },
  skimage: { real: 'scikit-image' },
  pytorch: { real: 'torch' },
  'tensorflow-gpu': { real: 'tensorflow', since: '2.12.0' },
};

/**
 * The real distribution when `name` (pinned to `version`, if any) is a placeholder that refuses to install;
 * undefined for every other name.
 */
export function stubReplacement(name: string, version?: string): string | undefined {
  return stubOf(name, version)?.real;
}

/**
 * The same, with whether a pin carries over: tensorflow-gpu's versions are tensorflow's, the other
 * placeholders' versions (`sklearn==0.0`) mean nothing for the real package.
 */
export function stubOf(name: string, version?: string): { real: string; keepsPin: boolean } | undefined {
  const s = STUBS[normalizeName(name)];
  if (!s) return undefined;
  if (s.since && version && compareVersions(version, s.since) < 0) return undefined;
  return { real: s.real, keepsPin: !!s.since };
}
