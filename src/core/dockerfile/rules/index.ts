import { Finding, FixAction, Severity } from '../../findings';
import { LintContext } from './context';
import { DscRule, FixOptions } from './types';
import { dsc001 } from './dsc001-context-copy';
import { dsc002 } from './dsc002-pip-cache';
import { dsc003 } from './dsc003-base-tag';
import { dsc004 } from './dsc004-user';
import { dsc005 } from './dsc005-apt';
import { dsc006 } from './dsc006-jupyter-token';
import { dsc007 } from './dsc007-unpinned-pip';
import { dsc008 } from './dsc008-secrets';
import { dsc009 } from './dsc009-add';
import { dsc010 } from './dsc010-shell-form';
import { suppressed } from './suppress';

export type { DscRule, FixOptions } from './types';
export { DEFAULT_PYTHON_TAG } from './dsc003-base-tag';

/** Every DSC rule, in id order. */
export const dscRules: readonly DscRule[] = [dsc001, dsc002, dsc003, dsc004, dsc005, dsc006, dsc007, dsc008, dsc009, dsc010];

export const DSC_SOURCE = 'dsc';

export interface DscOptions {
  /** Per-rule severity override, or 'off'; unknown ids are ignored. */
  severities?: Record<string, Severity | 'off'>;
}

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

export function dscRule(id: string): DscRule | undefined {
  return dscRules.find((r) => r.id === id);
}

/** Our data-science findings for a Dockerfile's text, minus those suppressed by `# dsc-ignore`. */
export function dscFindings(text: string, opts: DscOptions = {}): Finding[] {
  const ctx = new LintContext(text);
  const out: Finding[] = [];
  for (const rule of dscRules) {
    const configured = opts.severities?.[rule.id];
    const severity = configured && SEVERITIES.has(configured) ? configured : rule.severity;
    if (severity === 'off') continue;
    for (const hit of rule.check(ctx)) {
      if (suppressed(ctx, rule.id, hit.span.line)) continue;
      out.push({ ...hit.span, severity, code: rule.id, message: rule.message, source: DSC_SOURCE });
    }
  }
  return out.sort((a, b) => a.line - b.line || a.col - b.col || a.code.localeCompare(b.code));
}

/** The quick fixes for one finding returned by dscFindings on the same text (none when not mechanical). */
export function dscFixes(text: string, finding: Pick<Finding, 'code' | 'line' | 'col' | 'endLine' | 'endCol'>, opts: FixOptions = {}): FixAction[] {
  const rule = dscRule(finding.code);
  if (!rule) return [];
  const hit = rule.check(new LintContext(text)).find((h) =>
    h.span.line === finding.line && h.span.col === finding.col && h.span.endLine === finding.endLine && h.span.endCol === finding.endCol);
  return hit?.fixes?.(opts) ?? [];
}
