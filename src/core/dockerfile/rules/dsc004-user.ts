import { DscRule } from './types';
import { ROOT_USER, insertAt, lastInFinalStage } from './context';
import { hadolint } from './buildkit/anchor';

export const dsc004: DscRule = {
  id: 'DSC004',
  anchor: hadolint('DL3002'),
  severity: 'warning',
  message: 'No `USER` in the final stage: the container runs as root.',
  docs: [
    'Without `USER`, the process in the container runs as root. Notebook servers and web apps execute code that',
    'users send them; as root, a mistake or an attack can change anything in the container ' +
      'and anything mounted into it.',
    '',
    '```dockerfile',
    'RUN useradd --create-home --uid 1000 app',
    'USER app',
    '```',
    'Quick fix: creates the user `app` (uid 1000, usually your own uid on Linux, so mounted files stay yours) and',
    'switches to it before `CMD`/`ENTRYPOINT`. Quiet when the local base image already runs as a non-root user',
    '(its `Config.User`, asked from the Docker engine when it answers).',
  ].join('\n'),
  check(ctx) {
    const { stage: last, instruction: final } = lastInFinalStage(ctx, 'USER');
    if (!last) return [];
    const asRoot = final && ROOT_USER.test(final.getArguments()[0]?.getValue() ?? '');
    if (final && !asRoot) return [];
    // No USER here, but a base image that already runs as someone else (jupyter/* as jovyan) is not root.
    if (!final && !runsAsRoot(ctx.facts.imageUsers?.[last.from.getImage() ?? ''])) return [];
    const where = final ?? last.from;
    return [
      {
        span: ctx.rangeSpan(where.getRange()),
        message: final ? 'The last `USER` of the final stage is root: the container runs as root.' : undefined,
        fixes: () => {
          const tail = last.instructions.find(
            (i) =>
              ['CMD', 'ENTRYPOINT'].includes(i.getKeyword()) &&
              (!final || final.getRange().start.line < i.getRange().start.line),
          );
          const alpine = /alpine/.test(last.from.getImage() ?? '');
          const add = alpine ? 'RUN adduser -D -u 1000 app' : 'RUN useradd --create-home --uid 1000 app';
          const lines = `${add}\nUSER app\n`;
          const end = ctx.position(ctx.text.length);
          const at = tail ? { line: tail.getRange().start.line, col: 0 } : end;
          const text = !tail && end.col > 0 ? `\n${lines}` : lines;
          return [{ title: 'Add a non-root user "app" and switch to it', edits: [insertAt(at.line, at.col, text)] }];
        },
      },
    ];
  },
};

/** A base image's default user: unknown (no engine data) counts as root, as does '' and uid 0. */
function runsAsRoot(user: string | undefined): boolean {
  return user === undefined || user === '' || ROOT_USER.test(user);
}
