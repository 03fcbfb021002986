// Where each pin of requirements.txt comes from (--pins interpreter|image|none), what differs between
// the user's interpreter and the base image, and whether the pinned set agrees with itself.
import { normalizeName } from '../requirements/names';
import { InstalledDist } from './imageFacts';
import {
  evaluateMarker,
  majorOf,
  markerEnvironment,
  parseRequiresDist,
  satisfies,
  stripLocalLabel,
} from '../python/pep440';

export const PIN_SOURCES = ['interpreter', 'image', 'none'] as const;
export type PinSource = (typeof PIN_SOURCES)[number];

/** A Python environment's installed distributions, by normalised name. */
export type Installed = Map<string, InstalledDist>;

export function installedMap(dists: readonly InstalledDist[]): Installed {
  return new Map(dists.map((d) => [normalizeName(d.name), d]));
}

export interface PinInput {
  /**
   * The requirements to pin (versions already there: the project's own `==` pins or the interpreter's). `kept`:
   * the line is the user's own in requirements.txt, which the merge keeps as written (its version, or none);
   * `specifier`: the range the project declares, which no pin may contradict.
   */
  requirements: { name: string; version?: string; specifier?: string; kept?: boolean }[];
  source: PinSource;
  /** The user's interpreter (absent: none answered). */
  interpreter?: { name: string; installed: Installed };
  /** The base image (absent: not probed). */
  image?: { ref: string; installed: Installed; pythonVersion: string };
  /** Target Python "X.Y[.Z]" for Requires-Dist markers. */
  pythonVersion: string;
  /** Where each declared range is written ("src/requirements.txt:1"), by normalised name, for the notes. */
  declaredAt?: Record<string, string>;
}

export interface PinNote {
  level: 'info' | 'warning';
  message: string;
}

// More than this many lines of one kind become one line naming the first few (a 300-package image is not
// 300 lines before a build).
const GROUP_AT = 6;
const NAMED_IN_GROUP = 8;

/** The pinned requirements and one line per thing worth saying (sorted as the requirements are). */
export function choosePins(input: PinInput): {
  requirements: { name: string; version?: string; specifier?: string }[];
  notes: PinNote[];
} {
  const notes: PinNote[] = [];
  const replaced: { name: string; text: string; note: string }[] = [];
  const keeps: { name: string; text: string; note: string }[] = [];
  const img = input.image;
  const interp = input.interpreter;
  const out = input.requirements.map((r) => {
    const key = normalizeName(r.name);
    const mine = interp?.installed.get(key)?.version;
    const shipped = img?.installed.get(key)?.version;
    let version = r.kept
      ? r.version
      : input.source === 'none'
        ? undefined
        : input.source === 'image'
          ? (shipped ?? r.version ?? mine)
          : (r.version ?? mine);
    if (version?.includes('+')) {
      const pub = stripLocalLabel(version);
      notes.push({
        level: 'info',
        message: `${r.name}: ${version} → ${pub} (local version label dropped: no package index serves it)`,
      });
      version = pub;
    }
    if (version && r.specifier && satisfies(version, r.specifier) === false) {
      const from = r.kept ? 'requirements.txt' : version === shipped ? `base image ${img!.ref}` : interp?.name;
      const where = input.declaredAt?.[key] ?? 'the project';
      notes.push({
        level: 'warning',
        message:
          `${r.name}: ${from ?? 'the pin'} has ${version}, but ${where} asks ${r.name}${r.specifier}: ` +
          `requirements.txt keeps ${r.name}${r.specifier} (pip installs a release within it)`,
      });
      version = undefined;
    }
    // What pip does to the image's copy, from the line as written: a bare or ranged line that the image's
    // version satisfies keeps it, so only a different exact version is a replacement.
    if (shipped && version && !satisfies(shipped, `==${version}`)) {
      const head = mine && mine !== shipped ? `${interp!.name} has ${mine}, ` : '';
      replaced.push({
        name: r.name,
        text: `${r.name} ${shipped} → ${version}`,
        note:
          `${r.name}: ${head}base image ${img!.ref} ships ${shipped}; ` +
          `pip will replace the image's ${shipped} with ${version}`,
      });
    } else if (shipped && mine && mine !== shipped && (!r.specifier || satisfies(shipped, r.specifier) !== false)) {
      keeps.push({
        name: r.name,
        text: `${r.name} ${shipped} (${interp!.name} ${mine})`,
        note:
          `${r.name}: ${interp!.name} has ${mine}, base image ${img!.ref} ships ${shipped}; ` +
          `pip keeps the image's ${shipped}`,
      });
    }
    const line: { name: string; version?: string; specifier?: string } = { name: r.name };
    if (version) line.version = version;
    if (r.specifier) line.specifier = r.specifier;
    return line;
  });
  notes.push(...grouped(replaced, (n, list) => `pip will replace ${n} of the image's packages: ${list}`));
  notes.push(
    ...grouped(
      keeps,
      (n, list) => `${n} packages keep the image's version, which differs from your interpreter's: ${list}`,
    ),
  );
  if (img) notes.push(...majorConflicts(out, img));
  notes.push(...inconsistencies(out, input));
  return { requirements: out, notes };
}

/** One note per item, or one line naming the first few when there are many. */
function grouped(items: { text: string; note: string }[], line: (n: number, list: string) => string): PinNote[] {
  if (items.length <= GROUP_AT) return items.map((i) => ({ level: 'info', message: i.note }));
  const named = items.slice(0, NAMED_IN_GROUP).map((i) => i.text);
  const more = items.length - named.length;
  return [{ level: 'info', message: line(items.length, named.join(', ') + (more ? ` and ${more} more` : '')) }];
}

/**
 * A pin that replaces an image package across a major version under image packages that depend on
 * it (numpy 1 → 2 under scipy and scikit-learn compiled for numpy 1): those are named, they may break.
 */
function majorConflicts(pins: { name: string; version?: string }[], img: NonNullable<PinInput['image']>): PinNote[] {
  const pinned = new Map(pins.map((p) => [normalizeName(p.name), p.version]));
  const notes: PinNote[] = [];
  for (const p of pins) {
    const shipped = img.installed.get(normalizeName(p.name))?.version;
    if (!p.version || !shipped) continue;
    const [from, to] = [majorOf(shipped), majorOf(p.version)];
    if (from === undefined || to === undefined || from === to) continue;
    const key = normalizeName(p.name);
    // Dependents that stay as the image has them (not pinned to another version by us).
    const atRisk = [...img.installed.values()]
      .filter((d) => {
        const k = normalizeName(d.name);
        if (k === key || (pinned.has(k) && pinned.get(k) !== d.version)) return false;
        return d.requires.some((line) => {
          const req = parseRequiresDist(line);
          return req && normalizeName(req.name) === key && applies(req.marker, img.pythonVersion);
        });
      })
      .map((d) => d.name);
    if (!atRisk.length) continue;
    notes.push({
      level: 'warning',
      message:
        `${p.name} ${shipped} → ${p.version} is a major-version change ` +
        `under packages of ${img.ref} built for ${p.name} ${from}: ` +
        `${atRisk.join(', ')} may break (pin ${p.name}==${shipped}, or --pins image)`,
    });
  }
  return notes;
}

function applies(marker: string | undefined, pythonVersion: string): boolean {
  return !marker || evaluateMarker(marker, markerEnvironment(pythonVersion)) === true;
}

/**
 * Each pinned package's Requires-Dist (from the environment that has exactly that version) checked
 * against the other pins: `pandas==2.2.0` next to `numpy==1.24.2` when pandas needs numpy>=1.26.
 */
export function inconsistencies(
  pins: { name: string; version?: string }[],
  input: Pick<PinInput, 'interpreter' | 'image' | 'pythonVersion'>,
): PinNote[] {
  const pinned = new Map(pins.filter((p) => p.version).map((p) => [normalizeName(p.name), p]));
  const notes: PinNote[] = [];
  for (const p of pinned.values()) {
    const key = normalizeName(p.name);
    const meta = [input.interpreter?.installed.get(key), input.image?.installed.get(key)].find(
      (d) => d && stripLocalLabel(d.version) === stripLocalLabel(p.version!),
    );
    if (!meta) continue;
    for (const line of meta.requires) {
      const req = parseRequiresDist(line);
      if (!req || !req.specifier || !applies(req.marker, input.pythonVersion)) continue;
      const dep = pinned.get(normalizeName(req.name));
      if (dep && satisfies(dep.version!, req.specifier) === false) {
        notes.push({
          level: 'warning',
          message:
            `${p.name}==${p.version} needs ${req.name}${req.specifier}, ` +
            `but ${dep.name} is pinned to ${dep.version}: pip would fail`,
        });
      }
    }
  }
  return notes;
}
