import { TextEdit } from '../findings';
import { applyEdits } from '../edits';
import { parseRequirements, RequirementLine } from './parse';
import { normalizeName } from './names';

/** Replaces the name of a requirement line (`sklearn` → `scikit-learn`), keeping extras, pins, markers, comments. */
export function renameEdit(l: RequirementLine, name: string): TextEdit | undefined {
  if (l.nameStart === undefined || l.nameEnd === undefined) return undefined;
  return { line: l.line, col: l.nameStart, endLine: l.line, endCol: l.nameEnd, newText: name };
}

/** Replaces the version specifiers after the name and extras with `==version`, keeping markers and comments. */
export function repinEdit(l: RequirementLine, version: string): TextEdit | undefined {
  if (l.nameEnd === undefined || l.lineCount !== 1) return undefined;
  let from = l.nameEnd;
  const extras = /^\s*\[[^\]]*\]/.exec(l.raw.slice(from));
  if (extras) from += extras[0].length;
  const stop = l.raw.slice(from).search(/\s*(;|\s#|\s--hash|$)/);
  return { line: l.line, col: from, endLine: l.line, endCol: from + stop, newText: `==${version}` };
}

/**
 * A requirements text with some lines renamed or re-pinned (keys are normalised names); every other byte is
 * kept. Used only once the user has agreed to the change.
 */
export function rewriteRequirements(
  text: string,
  o: { rename?: Record<string, string>; repin?: Record<string, string> },
): string {
  const rename = new Map(Object.entries(o.rename ?? {}).map(([k, v]) => [normalizeName(k), v]));
  const repin = new Map(Object.entries(o.repin ?? {}).map(([k, v]) => [normalizeName(k), v]));
  const edits: TextEdit[] = [];
  for (const l of parseRequirements(text).lines) {
    if (l.kind !== 'requirement' || !l.key) continue;
    const to = rename.get(l.key);
    const pin = repin.get(l.key);
    const e = [to ? renameEdit(l, to) : undefined, pin ? repinEdit(l, pin) : undefined];
    for (const x of e) if (x) edits.push(x);
  }
  return applyEdits(text, edits);
}
