import { DscRule, RuleHit } from '../types';
import { insertAt } from '../context';
import { buildCheck } from './anchor';
import { asAndName } from './casing';

export const invalidDefinitionDescription: DscRule = {
  id: 'InvalidDefinitionDescription',
  anchor: buildCheck('InvalidDefinitionDescription'),
  experimental: true,
  severity: 'warning',
  message: 'Comment for build stage or argument should follow the format: `# <arg/stage name> <description>`.',
  docs: [
    '`docker build --call=outline` shows the comment right above a `FROM … AS name` or `ARG name` as its description',
    'when it starts with that name. A comment there that is not a description should be set apart by an empty line.',
    "Docker's check is experimental: it runs when `# check=experimental=InvalidDefinitionDescription` (or `all`) is",
    'set, or when a severity is configured for it.',
    '',
    'Quick fix: inserts the empty line.',
  ].join('\n'),
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const i of ctx.instructions) {
      const kw = i.getKeyword();
      const name =
        kw === 'FROM'
          ? asAndName(i as never)?.name.getValue()
          : kw === 'ARG'
            ? i.getArguments()[0]?.getValue().split('=')[0]
            : undefined;
      const line = i.getRange().start.line;
      const above = ctx.lines[line - 1];
      if (!name || line === 0 || !above || !/^[ \t]*#/.test(above)) continue;
      // Parser directives at the top are not descriptions.
      if (/^#[ \t]*\w+[ \t]*=/.test(above) && ctx.lines.slice(0, line - 1).every((l) => /^#[ \t]*\w+[ \t]*=/.test(l)))
        continue;
      const first = above.replace(/^[ \t]*#[ \t]*/, '').split(/[ \t]/)[0];
      if (first === name) continue;
      hits.push({
        span: { line: line - 1, col: 0, endLine: line - 1, endCol: above.length },
        message:
          'Comment for build stage or argument should follow the format: `# <arg/stage name> <description>`. ' +
          'If this is not intended to be a description comment, add an empty line or comment between the instruction ' +
          'and the comment.',
        fixes: () => [{ title: 'Set the comment apart with an empty line', edits: [insertAt(line, 0, '\n')] }],
      });
    }
    return hits;
  },
};
