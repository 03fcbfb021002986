import { dscRules } from './index';
import type { Anchor } from './types';

/** "Docker build check FromAsCasing" / "hadolint DL3003", linked. */
export const anchorText = (a: Anchor): string =>
  `[${a.tool === 'Docker' ? 'Docker build check' : a.tool} ${a.id}](${a.url})`;

/** The reference page of the DSC rules (docs/rules.md), generated from the rules themselves. */
export function rulesMarkdown(
  extra: { id: string; severity: string; message: string; docs: string; anchor?: Anchor }[] = [],
): string {
  const out = [
    '# Data-science lint rules',
    '',
    'Generated from `src/core/dockerfile/rules/` (and `src/core/drift/`) by `UPDATE_GOLDEN=1 npm run test:unit`; ' +
      'do not edit by hand.',
    '',
    "Every rule has a stable id: DSC0nn for ours, Docker's own name for its build checks (which also obey",
    '`# check=skip=…` and `# check=error=true` at the top of the Dockerfile, as `docker build` does).',
    'Change a severity, or turn a rule off, with the `dsContainers.lint.rules` setting,',
    'e.g. `{ "DSC004": "off", "FromAsCasing": "error" }`. ' +
      'In a Dockerfile, silence one line with a comment on that line',
    'or on the line above: `# dsc-ignore DSC002 DSC007` (no id: every rule).',
    '',
    'When [ShellCheck](https://www.shellcheck.net) is installed, the shell commands of every shell-form `RUN`',
    '(continuation lines joined, heredoc bodies included; `sh` or the dialect a `SHELL` instruction or a `#!` line',
    'names) are checked too, as hadolint does; its findings carry its codes (`SC2086`), link to its wiki, obey',
    '`# dsc-ignore SC2086` and the setting above (`{ "SC2086": "off" }`). Without ShellCheck nothing is said.',
    '',
    '| id | default | message |',
    '| --- | --- | --- |',
    ...[...dscRules, ...extra].map(
      (r) => `| [${r.id}](#${r.id.toLowerCase()}) | ${r.severity} | ${r.message.replace(/\|/g, '\\|')} |`,
    ),
    '',
  ];
  for (const r of [...dscRules, ...extra]) {
    const also = r.anchor ? ` See ${anchorText(r.anchor)}.` : '';
    out.push(`## ${r.id}`, '', `**${r.message}** (default: ${r.severity})${also}`, '', r.docs, '');
  }
  return out.join('\n');
}
