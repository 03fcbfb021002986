import { DscRule } from './types';
import { installThroughLockFix } from '../../environment/dockerfileLock';
import { LOCK_FILE } from '../../projectFiles';

/**
 * A requirements.lock sits beside the Dockerfile but `pip install -r requirements.txt` does not read
 * it: the lock promises versions the build does not install. Needs the fact that a lock exists
 * (the editor and `lint` look beside the Dockerfile); the fix is the edit `lock --fix` makes.
 */
export const dsc019: DscRule = {
  id: 'DSC019',
  severity: 'warning',
  message: `requirements.txt is installed without ${LOCK_FILE}: a rebuild may install other versions than the lock's.`,
  docs: [
    `\`ds-containers lock\` wrote ${LOCK_FILE} beside this Dockerfile: every version the built image has. pip only`,
    `keeps to it when the install reads it as constraints: \`pip install -r requirements.txt -c ${LOCK_FILE}\`,`,
    'with the lock copied in next to requirements.txt.',
    '',
    `Quick fix: adds \`-c ${LOCK_FILE}\` to the install and the lock to the COPY that brings requirements.txt in`,
    '(the same change `ds-containers lock --fix` makes). Your Dockerfile is never changed without you.',
  ].join('\n'),
  check(ctx) {
    if (!ctx.facts.lock) return [];
    const fix = installThroughLockFix(ctx.text);
    // The inserts after `-r requirements.txt` mark the installs; the finding covers each such line.
    const lines = [...new Set(fix?.edits.filter((e) => e.newText.includes(`-c `)).map((e) => e.line) ?? [])];
    return lines.map((line) => {
      const text = ctx.lines[line] ?? '';
      const col = text.length - text.trimStart().length;
      return { span: { line, col, endLine: line, endCol: text.length }, fixes: () => (fix ? [fix] : []) };
    });
  },
};
