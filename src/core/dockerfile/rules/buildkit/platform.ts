import type { From } from 'dockerfile-ast';
import { DscRule, RuleHit } from '../types';
import { LintContext } from '../context';
import { flagsOf } from './casing';
import { buildCheck } from './anchor';

const platformFlag = (from: From) => flagsOf(from).find((f) => f.getName() === 'platform');

export const fromPlatformFlagConstDisallowed: DscRule = {
  id: 'FromPlatformFlagConstDisallowed',
  anchor: buildCheck('FromPlatformFlagConstDisallowed'),
  severity: 'warning',
  message: 'FROM --platform flag should not use a constant value.',
  docs: [
    '`FROM --platform=linux/amd64 …` pins the stage to one platform ' +
      'whatever `docker build --platform` asks for, so a',
    'multi-platform build silently builds the wrong thing. Use `$BUILDPLATFORM` or `$TARGETPLATFORM`, or name the',
    'stage after the platform (`AS build-amd64`) when the pin is the point.',
  ].join('\n'),
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const { from } of ctx.stages) {
      const f = platformFlag(from);
      const value = f?.getValue() ?? '';
      const range = f?.getValueRange();
      if (!range || !value || value.includes('$')) continue;
      // A stage named for its platform is pinned on purpose.
      const stage = from.getBuildStage()?.toLowerCase() ?? '';
      if (
        value
          .split('/')
          .slice(1)
          .some((part) => part && stage.includes(part.toLowerCase()))
      )
        continue;
      hits.push({
        span: ctx.rangeSpan(range),
        message: `FROM --platform flag should not use constant value "${value}".`,
      });
    }
    return hits;
  },
};

export const redundantTargetPlatform: DscRule = {
  id: 'RedundantTargetPlatform',
  anchor: buildCheck('RedundantTargetPlatform'),
  severity: 'warning',
  message: 'Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior.',
  docs: ['Every stage is built for `$TARGETPLATFORM` unless told otherwise.', '', 'Quick fix: removes the flag.'].join(
    '\n',
  ),
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const { from } of ctx.stages) {
      const f = platformFlag(from);
      if (!f || !/^\$(?:TARGETPLATFORM|\{TARGETPLATFORM\})$/.test(f.getValue() ?? '')) continue;
      const r = (
        f as unknown as {
          getRange(): { start: { line: number; character: number }; end: { line: number; character: number } };
        }
      ).getRange();
      const start = ctx.offset(r.start);
      let end = ctx.offset(r.end);
      while (ctx.text[end] === ' ' || ctx.text[end] === '\t') end++;
      hits.push({
        span: ctx.rangeSpan(r),
        fixes: () => [
          { title: 'Remove --platform=$TARGETPLATFORM', edits: [{ ...ctx.span(start, end), newText: '' }] },
        ],
      });
    }
    return hits;
  },
};

export const invalidBaseImagePlatform: DscRule = {
  id: 'InvalidBaseImagePlatform',
  anchor: buildCheck('InvalidBaseImagePlatform'),
  severity: 'warning',
  message: 'Base image platform does not match the platform of the build.',
  docs: [
    'The local image this stage starts from was pulled for another platform than the one being built ' +
      '(say `linux/amd64`',
    'on an `arm64` machine): it runs under emulation, slowly, or not at all. Pull the image for the right platform, or',
    'set `FROM --platform=…` on purpose. Checked against the images on this machine when Docker is reachable.',
  ].join('\n'),
  check(ctx) {
    const { imagePlatforms, targetPlatform } = ctx.facts;
    if (!imagePlatforms || !targetPlatform) return [];
    const hits: RuleHit[] = [];
    for (const { from } of ctx.stages) {
      const image = from.getImage();
      const range = from.getImageRange();
      const flag = platformFlag(from)?.getValue();
      const want = flag && !flag.includes('$') ? flag : targetPlatform;
      const have = image ? imagePlatforms[image] : undefined;
      if (!range || !have || samePlatform(have, want)) continue;
      hits.push({
        span: ctx.rangeSpan(range),
        message: `Base image ${image} was pulled with platform "${have}", expected "${want}" for current build.`,
      });
    }
    return hits;
  },
};

/**
 * Same OS and architecture; the variant counts only when both name one (linux/arm64 is linux/arm64/v8,
 * and an engine names its architecture without a variant).
 */
export function samePlatform(a: string, b: string): boolean {
  const [os1, arch1, v1] = a.toLowerCase().split('/');
  const [os2, arch2, v2] = b.toLowerCase().split('/');
  const variant = (arch: string, v?: string) => v ?? (arch === 'arm64' ? 'v8' : undefined);
  const [x, y] = [variant(arch1, v1), variant(arch2, v2)];
  return os1 === os2 && arch1 === arch2 && (!x || !y || x === y);
}

/**
 * The base images of a Dockerfile as written in FROM (not earlier stages, not `scratch`, not built from
 * variables): the references whose local platform InvalidBaseImagePlatform compares.
 */
export function baseImageRefs(ctx: LintContext): string[] {
  const stages = new Set<string>();
  const refs = new Set<string>();
  for (const { from } of ctx.stages) {
    const image = from.getImage();
    if (image && !image.includes('$') && image !== 'scratch' && !stages.has(image.toLowerCase())) refs.add(image);
    const name = from.getBuildStage();
    if (name) stages.add(name.toLowerCase());
  }
  return [...refs];
}
