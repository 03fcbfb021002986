import type { Instruction } from 'dockerfile-ast';
import { DscRule, RuleHit } from './types';
import { LintContext, insertAt, pipInstalls } from './context';

// pip, pip3, pip3.11 or python -m pip; then every installer whose install reads requirement files.
const PIP = String.raw`pip3?(?:\.\d+)?|python3?(?:\.\d+)?[ \t]+-m[ \t]+pip`;
const INSTALLERS = String.raw`${PIP}|uv[ \t]+pip|conda|mamba|micromamba|poetry|pipenv`;
const INSTALL = new RegExp(String.raw`\b(${INSTALLERS})[ \t]+(install|sync|env\s+update|create)\b`);
const WHOLE = new Set(['.', './']);
const PIP_ONLY = new RegExp(String.raw`^(?:${PIP})[ \t]+install\b`);

/**
 * Requirement files named by `-r`/`-c`, or undefined when the install also needs the project itself
 * (`pip install .`).
 */
function requirementFiles(ctx: LintContext, run: Instruction): string[] | undefined {
  // Only a RUN that does nothing but pip installs can move: anything else may need the code.
  const args = run.getArgumentsRange();
  const body = args ? ctx.text.slice(ctx.offset(args.start), ctx.offset(args.end)).replace(/\\\r?\n/g, ' ') : '';
  if (body.trim().startsWith('[') || body.split(/&&|;/).some((cmd) => cmd.trim() && !PIP_ONLY.test(cmd.trim())))
    return undefined;
  const files: string[] = [];
  const pips = pipInstalls(ctx, run);
  if (!pips.length) return undefined;
  for (const { args } of pips) {
    for (let k = 0; k < args.length; k++) {
      const v = args[k].value;
      if (v === '-r' || v === '-c' || v === '--requirement' || v === '--constraint') files.push(args[++k]?.value ?? '');
      else if (/^(-r|--requirement=|-c|--constraint=)./.test(v))
        files.push(v.replace(/^(-r|--requirement=|-c|--constraint=)/, ''));
      else if (v === '.' || v.startsWith('./') || v === '-e' || v.startsWith('/')) return undefined;
    }
  }
  return files.filter((f) => f && !f.includes('$'));
}

export const dsc001: DscRule = {
  id: 'DSC001',
  severity: 'warning',
  message: 'The whole build context is copied before dependencies are installed: every code change reinstalls them.',
  docs: [
    'Docker caches each step until something it depends on changes. `COPY . .` depends on every file of the project,',
    'so when it comes before `pip install`, editing one line of code invalidates the cache ' +
      'and reinstalls every package.',
    '',
    'Copy only the requirement files first, install, then copy the rest:',
    '```dockerfile',
    'COPY requirements.txt ./',
    'RUN pip install --no-cache-dir -r requirements.txt',
    'COPY . .',
    '```',
    'Quick fix: moves the install steps (with a `COPY` of the requirement files they read) above the `COPY . .`.',
  ].join('\n'),
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const stage of ctx.stages) {
      const list = stage.instructions;
      list.forEach((copy, idx) => {
        const kw = copy.getKeyword();
        if (kw !== 'COPY' && kw !== 'ADD') return;
        if (kw === 'COPY' && (copy as unknown as { getFromFlag(): unknown }).getFromFlag()) return;
        const args = copy.getArguments().map((a) => a.getValue());
        if (args.length < 2 || !args.slice(0, -1).some((a) => WHOLE.has(a))) return;
        const installs = list.slice(idx + 1).filter((i) => i.getKeyword() === 'RUN' && INSTALL.test(ctx.raw(i)));
        if (!installs.length) return;
        hits.push({
          span: ctx.rangeSpan(copy.getRange()),
          fixes: () => {
            const movable = installs.map((r) => ({ r, files: requirementFiles(ctx, r) })).filter((x) => x.files);
            if (!movable.length) return [];
            const dest = args[args.length - 1];
            const dir = dest === '.' ? './' : dest.endsWith('/') ? dest : `${dest}/`;
            const files = [...new Set(movable.flatMap((x) => x.files!))];
            const at = copy.getRange().start.line;
            const text = [
              files.length ? `COPY ${files.join(' ')} ${dir}\n` : '',
              ...movable.map((x) => `${ctx.raw(x.r)}\n`),
            ].join('');
            const removals = movable.map((x) => {
              const r = x.r.getRange();
              return { line: r.start.line, col: 0, endLine: r.end.line + 1, endCol: 0, newText: '' };
            });
            return [
              {
                title: 'Copy the requirement files and install before copying the rest',
                edits: [insertAt(at, 0, text), ...removals],
              },
            ];
          },
        });
      });
    }
    return hits;
  },
};
