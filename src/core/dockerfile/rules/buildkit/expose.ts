import { DscRule, RuleHit } from '../types';
import type { Argument } from 'dockerfile-ast';
import { replace } from '../context';
import { buildCheck, hadolint } from './anchor';

export const exposeInvalidFormat: DscRule = {
  id: 'ExposeInvalidFormat',
  anchor: buildCheck('ExposeInvalidFormat'),
  severity: 'warning',
  message: 'IP address and host-port mapping should not be used in EXPOSE instruction.',
  docs: [
    '`EXPOSE` documents the port the container listens on; which address and host port to publish it on is decided',
    'at run time (`docker run -p 127.0.0.1:8888:8888`). `EXPOSE 127.0.0.1:80:80` is not what it looks like.',
    '',
    'Quick fix: keeps the container port only.',
  ].join('\n'),
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const a of exposeArguments(ctx)) {
      const v = a.getValue();
      if (!v.includes(':')) continue;
      const span = ctx.rangeSpan(a.getRange());
      const port = v.slice(v.lastIndexOf(':') + 1);
      hits.push({
        span,
        message: `EXPOSE instruction should not define an IP address or host-port mapping, found '${v}'.`,
        fixes: port ? () => [{ title: `Expose ${port}`, edits: [replace(span, port)] }] : undefined,
      });
    }
    return hits;
  },
};

export const exposeProtoCasing: DscRule = {
  id: 'ExposeProtoCasing',
  anchor: buildCheck('ExposeProtoCasing'),
  severity: 'warning',
  message: 'Protocol in EXPOSE instruction should be lowercase.',
  docs: [
    '`EXPOSE 80/TCP`: protocols are `tcp` and `udp`, in lower case.',
    '',
    'Quick fix: lower-cases the protocol.',
  ].join('\n'),
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const a of exposeArguments(ctx)) {
      const v = a.getValue();
      const slash = v.lastIndexOf('/');
      if (slash < 0 || v.slice(slash + 1) === v.slice(slash + 1).toLowerCase()) continue;
      const span = ctx.rangeSpan(a.getRange());
      hits.push({
        span,
        message: `Defined protocol '${v}' in EXPOSE instruction should be lowercase.`,
        fixes: () => [{ title: `Write ${v.toLowerCase()}`, edits: [replace(span, v.toLowerCase())] }],
      });
    }
    return hits;
  },
};

// A port, a range, with an optional protocol; ExposeInvalidFormat speaks for those with a ':'.
const PORT = /^(\d+)(?:-(\d+))?(?:\/[A-Za-z]+)?$/;

export const dsc016: DscRule = {
  id: 'DSC016',
  anchor: hadolint('DL3011'),
  severity: 'error',
  message: '`EXPOSE` names something that is not a port (0–65535).',
  docs: [
    'A port is a number from 0 to 65535 (or a range `8000-8010`), optionally with `/tcp` or `/udp`. `EXPOSE 99999`',
    'or `EXPOSE http` documents nothing a `docker run -p` can publish.',
  ].join('\n'),
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const a of exposeArguments(ctx)) {
      const v = a.getValue();
      if (v.includes(':')) continue;
      const m = PORT.exec(v);
      if (m && Number(m[1]) <= 65535 && (m[2] === undefined || (Number(m[2]) <= 65535 && Number(m[2]) >= Number(m[1]))))
        continue;
      hits.push({ span: ctx.rangeSpan(a.getRange()), message: `\`EXPOSE ${v}\`: not a valid port (0–65535).` });
    }
    return hits;
  },
};

/** Every argument of every EXPOSE, less those holding a variable: their value is known only at build time. */
function* exposeArguments(ctx: Parameters<DscRule['check']>[0]): Iterable<Argument> {
  for (const i of ctx.instructions) {
    if (i.getKeyword() !== 'EXPOSE') continue;
    for (const a of i.getArguments()) if (!a.getValue().includes('$')) yield a;
  }
}
