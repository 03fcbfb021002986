import { Finding } from '../findings';
import { syntaxFindings } from './syntax';
import { REPLACED_SYNTAX_CODES } from './rules/all';

const REPLACED = new Set(Object.values(REPLACED_SYNTAX_CODES).flat());

/** A rule set that adds findings of its own, e.g. the data-science rules. */
export type ExtraRules = (text: string) => Finding[];

export interface LintOptions {
  /**
   * Include the language service's syntax findings (default true; the editor turns them off when a peer extension
   * reports them).
   */
  syntax?: boolean;
  /** Further rules, run after the syntax check (the data-science rules plug in here). */
  extraRules?: ExtraRules;
}

/** Every finding for one Dockerfile, sorted by position: syntax first, then the extra rules. */
export function lintDockerfile(text: string, options: LintOptions = {}): Finding[] {
  // The problems our rules report in Docker's terms are theirs (one problem, one diagnostic).
  const findings = options.syntax === false ? [] : syntaxFindings(text).filter((f) => !REPLACED.has(f.code));
  if (options.extraRules) findings.push(...options.extraRules(text));
  return findings.sort((a, b) => a.line - b.line || a.col - b.col);
}
