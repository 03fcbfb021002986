import { dscRules } from './index';

/** The reference page of the DSC rules (docs/rules.md), generated from the rules themselves. */
export function rulesMarkdown(extra: { id: string; severity: string; message: string; docs: string }[] = []): string {
  const out = [
    '# Data-science lint rules',
    '',
    'Generated from `src/core/dockerfile/rules/` (and `src/core/drift/`) by `UPDATE_GOLDEN=1 npm run test:unit`; do not edit by hand.',
    '',
    'Every rule has a stable id. Change a severity, or turn a rule off, with the `dsContainers.lint.rules` setting,',
    'e.g. `{ "DSC004": "off", "DSC003": "error" }`. In a Dockerfile, silence one line with a comment on that line',
    'or on the line above: `# dsc-ignore DSC002 DSC007` (no id: every rule).',
    '',
    '| id | default | message |',
    '| --- | --- | --- |',
    ...[...dscRules, ...extra].map(
      (r) => `| [${r.id}](#${r.id.toLowerCase()}) | ${r.severity} | ${r.message.replace(/\|/g, '\\|')} |`,
    ),
    '',
  ];
  for (const r of [...dscRules, ...extra])
    out.push(`## ${r.id}`, '', `**${r.message}** (default: ${r.severity})`, '', r.docs, '');
  return out.join('\n');
}
