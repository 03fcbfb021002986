import type { Instruction } from 'dockerfile-ast';
import { DscRule, RuleHit } from '../types';
import { LintContext, insertAt } from '../context';
import { variableRefs } from '../../tokens';
import { isValidTag } from '../../../docker/tag';
import { buildCheck } from './anchor';
import { stageChain } from './chain';

// Build arguments every build has (Docker's predefined ARGs and the platform ones).
const PREDEFINED = [
  'HTTP_PROXY',
  'http_proxy',
  'HTTPS_PROXY',
  'https_proxy',
  'FTP_PROXY',
  'ftp_proxy',
  'NO_PROXY',
  'no_proxy',
  'ALL_PROXY',
  'all_proxy',
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT',
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
  'TARGETSTAGE',
  'BUILDKIT_SYNTAX',
  'SOURCE_DATE_EPOCH',
];
// Without the base image's own environment at hand, the variables common base images set count as set.
const COMMON_IMAGE_ENV = [
  'PATH',
  'HOME',
  'HOSTNAME',
  'TERM',
  'LANG',
  'LANGUAGE',
  'LC_ALL',
  'SHELL',
  'USER',
  'PWD',
  'PYTHON_VERSION',
  'PYTHON_SHA256',
  'PYTHON_PIP_VERSION',
  'PYTHON_SETUPTOOLS_VERSION',
  'PYTHON_GET_PIP_URL',
  'GPG_KEY',
  'PYTHONPATH',
  'VIRTUAL_ENV',
  'LD_LIBRARY_PATH',
  'NODE_VERSION',
  'YARN_VERSION',
  'JAVA_HOME',
  'JAVA_VERSION',
  'GOPATH',
  'GOLANG_VERSION',
  'CONDA_DIR',
  'NB_USER',
  'NB_UID',
  'NB_GID',
  'CUDA_VERSION',
  'NVIDIA_VISIBLE_DEVICES',
  'NVIDIA_DRIVER_CAPABILITIES',
  'DEBIAN_FRONTEND',
];
// Variables in these are expanded by the shell at run time, not by Docker.
const SHELL_EXPANDED = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'SHELL', 'FROM', 'ONBUILD']);

const names = (i: Instruction) =>
  (i as unknown as { getProperties?: () => { getName(): string }[] }).getProperties?.().map((p) => p.getName()) ?? [];

/** The closest of `candidates` to `name` (case-insensitive edit distance ≤ 2), for "did you mean". */
function suggest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const c of candidates) {
    const d = distance(name.toLowerCase(), c.toLowerCase());
    if (d < bestD && c !== name) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** Global ARGs (before the first FROM) declared above `line`, with their defaults. */
function globalArgs(ctx: LintContext, line: number): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const i of ctx.instructions) {
    if (i.getKeyword() === 'FROM' || i.getRange().start.line >= line) break;
    if (i.getKeyword() !== 'ARG') continue;
    for (const p of (
      i as unknown as { getProperties(): { getName(): string; getValue(): string | null }[] }
    ).getProperties())
      out.set(p.getName(), p.getValue() ?? undefined);
  }
  return out;
}

const declareFix = (ctx: LintContext, name: string, line: number) => () => [
  { title: `Declare ARG ${name}`, edits: [insertAt(line, 0, `ARG ${name}\n`)] },
];

export const undefinedVar: DscRule = {
  id: 'UndefinedVar',
  anchor: buildCheck('UndefinedVar'),
  severity: 'warning',
  message: 'Variables should be defined before their use.',
  docs: [
    'A `$NAME` that no `ARG` or `ENV` of the stage (or of a stage it builds on) declares expands to nothing: ' +
      '`COPY $SRC .`',
    "copies the whole context. Variables in shell-form `RUN`/`CMD`/`ENTRYPOINT` are the shell's and are not checked.",
    "Without the base image's environment at hand, the variables common base images set " +
      '(`PATH`, `PYTHON_VERSION`, …) count as set.',
    '',
    'Quick fix: declares it with `ARG NAME` at the top of the stage (pass it with `--build-arg NAME=…`).',
  ].join('\n'),
  check(ctx) {
    const hits: RuleHit[] = [];
    ctx.stages.forEach((stage, k) => {
      const known = new Set<string>([...PREDEFINED, ...(ctx.facts.imageEnv ? [] : COMMON_IMAGE_ENV)]);
      const chain = stageChain(ctx, k);
      const root = chain[chain.length - 1].from.getImage();
      for (const v of (root && ctx.facts.imageEnv?.[root]) ?? []) known.add(v);
      // ENV is inherited from the stages this one builds on; ARG is not.
      for (const s of chain.slice(1).reverse())
        for (const i of s.instructions) if (i.getKeyword() === 'ENV') names(i).forEach((n) => known.add(n));
      for (const i of stage.instructions) {
        const kw = i.getKeyword();
        if (!SHELL_EXPANDED.has(kw)) {
          // A heredoc's body (COPY <<EOF) is file content: only the instruction's first line is Docker's.
          const first = ctx.offset({ line: i.getRange().start.line + 1, character: 0 });
          const end = ctx.raw(i).includes('<<') ? Math.min(first, ctx.bounds(i).end) : ctx.bounds(i).end;
          const body = ctx.offset(i.getInstructionRange().end);
          const mine = kw === 'ENV' || kw === 'ARG' ? new Set(names(i)) : new Set<string>();
          for (const ref of variableRefs(ctx.text, body, end)) {
            if (known.has(ref.name) || mine.has(ref.name) || ref.modifier) continue;
            const hint = suggest(ref.name, known);
            hits.push({
              span: ctx.span(ref.start, ref.end),
              message: `Usage of undefined variable '$${ref.name}'${hint ? ` (did you mean $${hint}?)` : ''}.`,
              fixes: declareFix(ctx, ref.name, stage.from.getRange().end.line + 1),
            });
          }
        }
        if (kw === 'ARG' || kw === 'ENV') names(i).forEach((n) => known.add(n));
      }
    });
    return hits;
  },
};

export const undefinedArgInFrom: DscRule = {
  id: 'UndefinedArgInFrom',
  anchor: buildCheck('UndefinedArgInFrom'),
  severity: 'warning',
  message: 'FROM command must use declared ARGs.',
  docs: [
    'A `FROM` can use only the `ARG`s declared above the first `FROM` (and the predefined platform ones). ' +
      'Anything else',
    'expands to nothing and names another image than intended.',
    '',
    'Quick fix: declares it with `ARG NAME` at the top of the file.',
  ].join('\n'),
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const { from } of ctx.stages) {
      const args = globalArgs(ctx, from.getRange().start.line);
      const range = from.getArgumentsRange();
      if (!range) continue;
      const { start, end } = ctx.offsets(range);
      for (const ref of variableRefs(ctx.text, start, end)) {
        if (args.has(ref.name) || PREDEFINED.includes(ref.name)) continue;
        const hint = suggest(ref.name, [...args.keys(), ...PREDEFINED]);
        hits.push({
          span: ctx.span(ref.start, ref.end),
          message: `FROM argument '${ref.name}' is not declared${hint ? ` (did you mean ${hint}?)` : ''}.`,
          fixes: declareFix(ctx, ref.name, 0),
        });
      }
    }
    return hits;
  },
};

/** `${A}`, `$A`, `${A:-x}`, `${A-x}`, `${A:+x}` with the defaults of the global ARGs (unset → empty). */
function expand(text: string, args: Map<string, string | undefined>): string {
  return text.replace(
    /\$\{([A-Za-z_]\w*)(?:(:?[-+])([^}]*))?\}|\$([A-Za-z_]\w*)/g,
    (_m, a: string, op: string, word: string, b: string) => {
      const v = args.get(a ?? b);
      if (!op) return v ?? '';
      if (op.endsWith('-')) return op === ':-' ? (v ? v : word) : (v ?? word);
      return op === ':+' ? (v ? word : '') : v !== undefined ? word : '';
    },
  );
}

export const invalidDefaultArgInFrom: DscRule = {
  id: 'InvalidDefaultArgInFrom',
  anchor: buildCheck('InvalidDefaultArgInFrom'),
  severity: 'warning',
  message: 'Default value for global ARG results in an empty or invalid base image name.',
  docs: [
    '`ARG TAG` without a default and `FROM python:${TAG}` gives `python:`, which is not an image: ' +
      'the build fails unless',
    'every build passes `--build-arg TAG=…`. Give the ARG a default (`ARG TAG=3.12-slim`).',
  ].join('\n'),
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const { from } of ctx.stages) {
      const image = from.getImage();
      const range = from.getImageRange();
      if (!image || !range || !image.includes('$')) continue;
      const args = globalArgs(ctx, from.getRange().start.line);
      // Only for ARGs that are declared: an undeclared one is UndefinedArgInFrom's.
      if (variableRefs(image, 0, image.length).some((r) => !args.has(r.name) && !PREDEFINED.includes(r.name))) continue;
      if (variableRefs(image, 0, image.length).some((r) => PREDEFINED.includes(r.name))) continue;
      const value = expand(image, args).replace(/@sha256:[0-9a-f]+$/, '');
      if (value && isValidTag(value.replace(/^([^/:]+)(?=:|$)/, (n) => n.toLowerCase()))) continue;
      hits.push({
        span: ctx.rangeSpan(range),
        message: `Default value for ARG ${image} results in empty or invalid base image name.`,
      });
    }
    return hits;
  },
};
