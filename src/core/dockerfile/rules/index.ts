import { Finding, FixAction, Severity } from '../../findings';
import { LintContext, LintFacts } from './context';
import { DscRule, FixOptions, RuleHit } from './types';
import { REPLACED_SYNTAX_CODES, allRules, isBuildCheck } from './all';
import { checkDirective, named } from '../checkDirective';
import { suppressed } from './suppress';

export type { DscRule, FixOptions } from './types';
export { DEFAULT_PYTHON_TAG } from './dsc003-base-tag';

/** Every rule: ours in id order, then Docker's build checks. */
export const dscRules: readonly DscRule[] = allRules;
export type { LintFacts } from './context';

export const DSC_SOURCE = 'dsc';

export interface DscOptions {
  /** Per-rule severity override, or 'off'; unknown ids are ignored. */
  severities?: Record<string, Severity | 'off'>;
  /**
   * Start no further rule once this many milliseconds have passed (the editor's budget per pass,
   * so that no rule can freeze typing); the rules not run are named in DscResult.skipped.
   */
  budgetMs?: number;
  /**
   * Run Docker's build checks (default true). The editor turns them off beside Docker's own extension,
   * which shows them already.
   */
  buildChecks?: boolean;
  /** A peer extension shows dockerfile-utils' findings: the rules that restate them keep quiet. */
  peerShowsSyntax?: boolean;
  /** A peer extension shows hadolint's findings: our rules anchored to a hadolint rule keep quiet. */
  peerShowsHadolint?: boolean;
  /** What the rules may know beyond the text (.dockerignore, local images). */
  facts?: LintFacts;
  /** Also run the Apptainer-readiness rules (DSC022, DSC023), which are quiet otherwise. */
  apptainer?: boolean;
}

export interface DscResult {
  findings: Finding[];
  /** Rules left out because the time budget was spent. */
  skipped: string[];
}

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

export function dscRule(id: string): DscRule | undefined {
  return dscRules.find((r) => r.id === id);
}

/** Our data-science findings for a Dockerfile's text, minus those suppressed by `# dsc-ignore`. */
export function dscFindings(text: string, opts: DscOptions = {}): Finding[] {
  return dscLint(text, opts).findings;
}

/** dscFindings, and the rules a time budget left out. */
export function dscLint(text: string, opts: DscOptions = {}): DscResult {
  const started = performance.now();
  const ctx = new LintContext(text, opts.facts);
  const directive = checkDirective(ctx.lines);
  const out: Finding[] = [];
  const skipped: string[] = [];
  for (const rule of dscRules) {
    const configured = opts.severities?.[rule.id];
    const valid = configured && SEVERITIES.has(configured) ? configured : undefined;
    let severity = valid ?? rule.severity;
    const docker = isBuildCheck(rule) ? rule.anchor!.id : undefined;
    if (rule.apptainer && !opts.apptainer) continue;
    if (severity === 'off' || (opts.peerShowsSyntax && REPLACED_SYNTAX_CODES[rule.id])) continue;
    if (opts.peerShowsHadolint && rule.anchor?.tool === 'hadolint') continue;
    if (docker) {
      // `# check=…` speaks of Docker's names (DSC010 answers to JSONArgsRecommended).
      if (opts.buildChecks === false || named(directive.skip, docker)) continue;
      if (rule.experimental && !valid && !named(directive.experimental, docker)) continue;
      if (directive.error && !valid) severity = 'error';
    }
    if (opts.budgetMs !== undefined && performance.now() - started > opts.budgetMs) {
      skipped.push(rule.id);
      continue;
    }
    for (const hit of guarded(rule, ctx)) {
      if (suppressed(ctx, rule.id, hit.span.line)) continue;
      out.push({
        ...hit.span,
        severity: hit.failed ? 'information' : severity,
        code: rule.id,
        message: hit.message ?? rule.message,
        source: DSC_SOURCE,
      });
    }
  }
  return { findings: out.sort((a, b) => a.line - b.line || a.col - b.col || a.code.localeCompare(b.code)), skipped };
}

/**
 * A rule that throws on some text (a parser corner case) costs that rule for that text, not the
 * whole lint: the editor re-lints on every keystroke and the CLI lints many files in one process.
 */
function guarded(rule: DscRule, ctx: LintContext): RuleHit[] {
  try {
    return rule.check(ctx);
  } catch (e) {
    // Said once, at the top of the file, so that it is seen and reported (the fuzz test fails on it).
    const message = `${rule.id} could not check this file (${e instanceof Error ? e.message : String(e)}).`;
    return [{ span: { line: 0, col: 0, endLine: 0, endCol: 0 }, message, failed: true }];
  }
}

/** The quick fixes for one finding returned by dscFindings on the same text (none when not mechanical). */
export function dscFixes(
  text: string,
  finding: Pick<Finding, 'code' | 'line' | 'col' | 'endLine' | 'endCol'>,
  opts: FixOptions = {},
): FixAction[] {
  const rule = dscRule(finding.code);
  if (!rule) return [];
  const hit = guarded(rule, new LintContext(text, opts.facts)).find(
    (h) =>
      h.span.line === finding.line &&
      h.span.col === finding.col &&
      h.span.endLine === finding.endLine &&
      h.span.endCol === finding.endCol,
  );
  return hit?.fixes?.(opts) ?? [];
}
