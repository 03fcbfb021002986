import { DscRule, RuleHit } from '../types';
import { buildCheck } from './anchor';
import { flagsOf } from './casing';

const REMOTE = /^(?:https?|git):\/\/|^git@/;

export const copyIgnoredFile: DscRule = {
  id: 'CopyIgnoredFile',
  anchor: buildCheck('CopyIgnoredFile'),
  severity: 'warning',
  message: 'Attempting to copy a file that is excluded by .dockerignore.',
  docs: [
    '`.dockerignore` keeps the file out of the build context, so this `COPY`/`ADD` cannot see it: the build fails, or',
    'copies less than it says. Remove the pattern from `.dockerignore` (or add a `!path` exception), ' +
      'or stop copying it.',
  ].join('\n'),
  check(ctx) {
    const patterns = ctx.facts.dockerignore;
    if (!patterns?.length) return [];
    // Loaded on first use (a lazy chunk in the bundle), like the Dockerfile parser.
    const dockerignore = (require('@balena/dockerignore') as typeof import('@balena/dockerignore')).default;
    const ig = dockerignore({ ignorecase: false }).add(patterns);
    const hits: RuleHit[] = [];
    for (const i of ctx.instructions) {
      const kw = i.getKeyword();
      if ((kw !== 'COPY' && kw !== 'ADD') || flagsOf(i).some((f) => f.getName() === 'from') || ctx.isJsonForm(i))
        continue;
      const args = i.getArguments();
      for (const a of args.slice(0, -1)) {
        const src = a.getValue();
        if (src.startsWith('<<') || REMOTE.test(src) || src.includes('$')) continue;
        const rel = src.replace(/^(?:\.\/)+/, '').replace(/\/+$/, '');
        if (!rel || rel === '.' || rel.startsWith('../') || !ig.ignores(rel)) continue;
        hits.push({
          span: ctx.rangeSpan(a.getRange()),
          message: `Attempting to ${kw === 'ADD' ? 'Add' : 'Copy'} file "${src}" that is excluded by .dockerignore.`,
        });
      }
    }
    return hits;
  },
};
