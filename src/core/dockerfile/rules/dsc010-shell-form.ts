import { DscRule, RuleHit } from './types';
import { commandWords, replace } from './context';
import { buildCheck } from './buildkit/anchor';

// Anything the shell would interpret: a JSON form would pass it literally, so no automatic fix then.
const SHELL_SYNTAX = /[|&;<>()$`*?~{}\\]|^\s*\w+=/;

export const dsc010: DscRule = {
  id: 'DSC010',
  anchor: buildCheck('JSONArgsRecommended'),
  severity: 'warning',
  message: 'Shell-form `CMD`/`ENTRYPOINT`: the process does not receive stop signals; use the JSON form.',
  docs: [
    'In shell form (`CMD python app.py`) Docker runs `/bin/sh -c "python app.py"`: the shell is process 1 and does not',
    'forward `SIGTERM`, so `docker stop` waits 10 seconds and then kills your process without letting it clean up',
    '(flush files, close the notebook kernel, finish the request).',
    '',
    'Use the JSON (exec) form: `CMD ["python", "app.py"]`. ' +
      'If you need the shell, `CMD ["sh", "-c", "exec python app.py"]`.',
    '',
    'Quick fix: rewrites simple commands (no pipes, variables or redirections) in JSON form.',
  ].join('\n'),
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const i of ctx.df.getInstructions()) {
      const kw = i.getKeyword();
      if ((kw !== 'CMD' && kw !== 'ENTRYPOINT') || ctx.isJsonForm(i)) continue;
      const args = i.getArgumentsRange();
      if (!args) continue;
      const start = ctx.offset(args.start);
      const end = ctx.offset(args.end);
      const body = ctx.text.slice(start, end);
      // `CMD exec python app.py`: the shell replaces itself, so the process does get the signals.
      if (/^\s*exec\s/.test(body)) continue;
      const simple = !SHELL_SYNTAX.test(body.replace(/\\\r?\n/g, ' '));
      const span = ctx.rangeSpan(args);
      hits.push({
        span: ctx.rangeSpan(i.getRange()),
        fixes: simple
          ? () => {
              const words = commandWords(ctx.text, start, end).map((w) => JSON.stringify(w.value));
              return [
                {
                  title: `Use the JSON form: ${kw} [${words.join(', ')}]`,
                  edits: [replace(span, `[${words.join(', ')}]`)],
                },
              ];
            }
          : undefined,
      });
    }
    return hits;
  },
};
