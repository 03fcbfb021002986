// Docker's build checks and the hadolint essentials: for each, a Dockerfile that has the problem
// (positive), one that does not (negative), and, where one edit is right, the text after its fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dscFindings, dscFixes, dscRules, DscOptions } from '../../src/core/dockerfile/rules';
import { applyEdits } from '../../src/core/edits';

interface Case {
  bad: string;
  good: string;
  /** The text after the first fix of the first finding (omitted: no mechanical fix). */
  fixed?: string;
  opts?: DscOptions;
}

const CASES: Record<string, Case> = {
  FromAsCasing: { bad: 'FROM a:1 as b\n', good: 'FROM a:1 AS b\nfrom c:1 as d\n', fixed: 'FROM a:1 AS b\n' },
  StageNameCasing: {
    bad: 'FROM a:1 AS Build\nFROM Build\nCOPY --from=Build /x /y\n',
    good: 'FROM a:1 AS build\n',
    fixed: 'FROM a:1 AS build\nFROM build\nCOPY --from=build /x /y\n',
  },
  ConsistentInstructionCasing: {
    bad: 'FROM a:1\nRUN x\nrun y\n',
    good: 'from a:1\nrun y\n',
    fixed: 'FROM a:1\nRUN x\nRUN y\n',
  },
  DuplicateStageName: { bad: 'FROM a:1 AS b\nFROM a:1 AS B\n', good: 'FROM a:1 AS b\nFROM a:1 AS c\n' },
  ReservedStageName: { bad: 'FROM a:1 AS scratch\n', good: 'FROM a:1 AS base\nFROM scratch\n' },
  UndefinedVar: {
    bad: 'FROM a:1\nCOPY $SRC /x\n',
    good: 'FROM a:1\nARG SRC\nCOPY $SRC /x\nENV PATH=/o:$PATH\nRUN echo $NOPE\n',
    fixed: 'FROM a:1\nARG SRC\nCOPY $SRC /x\n',
  },
  UndefinedArgInFrom: {
    bad: 'FROM node:22${VARIANT}\n',
    good: 'ARG VARIANT=-slim\nFROM node:22${VARIANT}\nFROM --platform=$BUILDPLATFORM a:1\n',
    fixed: 'ARG VARIANT\nFROM node:22${VARIANT}\n',
  },
  InvalidDefaultArgInFrom: {
    bad: 'ARG TAG\nFROM python:${TAG}\n',
    good: 'ARG TAG=3.12\nFROM python:${TAG}\nARG B\nFROM ${B:-alpine}\n',
  },
  LegacyKeyValueFormat: {
    bad: 'FROM a:1\nENV NAME hello world\n',
    good: 'FROM a:1\nENV NAME="hello world"\n',
    fixed: 'FROM a:1\nENV NAME="hello world"\n',
  },
  JSONArgsRecommended: {
    bad: 'FROM a:1\nCMD python app.py\n',
    good: 'FROM a:1\nCMD ["python", "app.py"]\n',
    fixed: 'FROM a:1\nCMD ["python", "app.py"]\n',
  },
  MaintainerDeprecated: {
    bad: 'FROM a:1\nMAINTAINER me@x.org\n',
    good: 'FROM a:1\nLABEL org.opencontainers.image.authors="me@x.org"\n',
    fixed: 'FROM a:1\nLABEL org.opencontainers.image.authors="me@x.org"\n',
  },
  WorkdirRelativePath: {
    bad: 'FROM a:1\nWORKDIR app\n',
    good: 'FROM a:1\nWORKDIR /srv\nWORKDIR app\n',
    fixed: 'FROM a:1\nWORKDIR /app\n',
  },
  MultipleInstructionsDisallowed: {
    bad: 'FROM a:1\nCMD ["a"]\nCMD ["b"]\n',
    good: 'FROM a:1\nCMD ["a"]\nFROM b:1\nCMD ["b"]\n',
    fixed: 'FROM a:1\nCMD ["b"]\n',
  },
  NoEmptyContinuation: {
    bad: 'FROM a:1\nRUN echo a \\\n\n  && echo b\n',
    good: 'FROM a:1\nRUN echo a \\\n  # note\n  && echo b\n',
    fixed: 'FROM a:1\nRUN echo a \\\n  && echo b\n',
  },
  SecretsUsedInArgOrEnv: { bad: 'FROM a:1\nARG GITHUB_TOKEN\n', good: 'FROM a:1\nARG TOKENIZERS_PARALLELISM=false\n' },
  ExposeInvalidFormat: {
    bad: 'FROM a:1\nEXPOSE 127.0.0.1:80:8080\n',
    good: 'FROM a:1\nEXPOSE 8080\n',
    fixed: 'FROM a:1\nEXPOSE 8080\n',
  },
  ExposeProtoCasing: {
    bad: 'FROM a:1\nEXPOSE 80/TCP\n',
    good: 'FROM a:1\nEXPOSE 80/tcp 53/udp\n',
    fixed: 'FROM a:1\nEXPOSE 80/tcp\n',
  },
  CopyIgnoredFile: {
    bad: 'FROM a:1\nCOPY data/raw.csv /d/\n',
    good: 'FROM a:1\nCOPY src/ /app/\nCOPY --from=b data/x /y\n',
    opts: { facts: { dockerignore: ['data/', '*.pyc'] } },
  },
  FromPlatformFlagConstDisallowed: {
    bad: 'FROM --platform=linux/amd64 a:1\n',
    good: 'FROM --platform=$BUILDPLATFORM a:1\nFROM --platform=linux/arm64 a:1 AS build-arm64\n',
  },
  RedundantTargetPlatform: {
    bad: 'FROM --platform=$TARGETPLATFORM a:1\n',
    good: 'FROM --platform=$BUILDPLATFORM a:1\n',
    fixed: 'FROM a:1\n',
  },
  InvalidBaseImagePlatform: {
    bad: 'FROM python:3.12-slim\n',
    good: 'FROM other:1\nFROM --platform=linux/amd64 python:3.12-slim AS amd64\n',
    opts: {
      facts: {
        imagePlatforms: { 'python:3.12-slim': 'linux/amd64', 'other:1': 'linux/arm64/v8' },
        targetPlatform: 'linux/arm64',
      },
    },
  },
  InvalidDefinitionDescription: {
    bad: '# check=experimental=InvalidDefinitionDescription\n\n# a note\nFROM a:1 AS base\n',
    good: '# check=experimental=InvalidDefinitionDescription\n\n# base is the shared stage\nFROM a:1 AS base\n\n# a note\n\nARG V=1\n',
    fixed: '# check=experimental=InvalidDefinitionDescription\n\n# a note\n\nFROM a:1 AS base\n',
  },
  DSC011: {
    bad: 'FROM a:1\nRUN cd /src && make\n',
    good: 'FROM a:1\nWORKDIR /src\nRUN make\n',
    fixed: 'FROM a:1\nWORKDIR /src\nRUN make\n',
  },
  DSC012: { bad: 'FROM a:1\nRUN sudo apt-get update\n', good: 'FROM a:1\nRUN echo sudo\n' },
  DSC013: {
    bad: 'FROM a:1\nRUN curl -fsSL https://x | tar -xz\n',
    good: 'FROM a:1\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://x | tar -xz\nRUN a || b\n',
    fixed: 'FROM a:1\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://x | tar -xz\n',
  },
  DSC014: {
    bad: 'FROM a:1\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends x=1 && rm -rf /var/lib/apt/lists/*\n',
    good: 'FROM a:1\nRUN apt-get update && apt-get install -y --no-install-recommends x=1 && rm -rf /var/lib/apt/lists/*\n',
    fixed:
      'FROM a:1\nRUN apt-get update && apt-get install -y --no-install-recommends x=1 && rm -rf /var/lib/apt/lists/*\n',
  },
  DSC015: {
    bad: 'FROM a:1\nCOPY --from=buildr /x /y\n',
    good: 'FROM a:1 AS build\nFROM b:1\nCOPY --from=build /x /y\nCOPY --from=0 /x /y\nCOPY --from=nginx:1 /x /y\n',
  },
  DSC016: { bad: 'FROM a:1\nEXPOSE 99999\n', good: 'FROM a:1\nEXPOSE 8000-8010/tcp 65535\n' },
  DSC017: {
    bad: 'FROM a:1\nRUN curl -fsSLO https://x\nRUN wget https://y\n',
    good: 'FROM a:1\nRUN curl -fsSLO https://x\nRUN echo wget\n',
  },
  DSC018: { bad: 'FROM a:1\nCOPY app.py .\n', good: 'FROM a:1\nCOPY app.py /srv/\nWORKDIR /app\nCOPY app.py .\n' },
};

const find = (text: string, id: string, opts?: DscOptions) =>
  dscFindings(text, opts).filter((f) => f.code === id || idOf(f.code) === id);
const idOf = (code: string) => dscRules.find((r) => r.id === code)?.anchor?.id;

test('every Docker build check and hadolint-anchored rule has a case here', () => {
  for (const r of dscRules)
    if (r.anchor && !['DSC004'].includes(r.id)) assert.ok(CASES[r.anchor.tool === 'Docker' ? r.anchor.id : r.id], r.id);
});

for (const [id, c] of Object.entries(CASES)) {
  test(`${id}: positive, negative${c.fixed ? ', fix' : ''}`, () => {
    const hits = find(c.bad, id, c.opts);
    assert.equal(
      hits.length,
      1,
      `${id} in ${JSON.stringify(c.bad)}: ${JSON.stringify(dscFindings(c.bad, c.opts).map((f) => f.code))}`,
    );
    assert.deepEqual(find(c.good, id, c.opts), [], `no ${id} in ${JSON.stringify(c.good)}`);
    const fixes = dscFixes(c.bad, hits[0], { facts: c.opts?.facts });
    if (c.fixed) assert.equal(applyEdits(c.bad, fixes[0].edits), c.fixed);
    else assert.deepEqual(fixes, [], 'no mechanical fix offered');
  });
}

test('# check=skip and error=true as Docker reads them; a check directive after a comment is a comment', () => {
  const bad = 'FROM a:1 as b\nCMD python x.py\n';
  assert.deepEqual(find(`# check=skip=FromAsCasing,JSONArgsRecommended\n${bad}`, 'FromAsCasing'), []);
  assert.deepEqual(
    find(`# check=skip=FromAsCasing,JSONArgsRecommended\n${bad}`, 'DSC010'),
    [],
    'DSC010 answers to JSONArgsRecommended',
  );
  assert.deepEqual(find(`# check=skip=all\n${bad}`, 'FromAsCasing'), []);
  assert.equal(find(`# check=skip=all\n${bad}`, 'DSC004').length, 1, "our own rules are not Docker's to skip");
  assert.equal(find(`# hello\n# check=skip=all\n${bad}`, 'FromAsCasing').length, 1);
  assert.equal(find(`# check=error=true\n${bad}`, 'FromAsCasing')[0].severity, 'error');
  assert.equal(find(`# check=error=true\n${bad}`, 'DSC003').length, 0);
});

test('settings, # dsc-ignore and the peers switch cover the new rules', () => {
  const bad = 'FROM a:1 as b\nMAINTAINER me\nRUN cd /x && make\n';
  assert.deepEqual(find(bad, 'FromAsCasing', { severities: { FromAsCasing: 'off' } }), []);
  assert.equal(find(bad, 'DSC011', { severities: { DSC011: 'error' } })[0].severity, 'error');
  assert.deepEqual(find(bad.replace('RUN cd', '# dsc-ignore DSC011\nRUN cd'), 'DSC011'), []);
  assert.deepEqual(find(bad.replace('FROM', '# dsc-ignore FromAsCasing\nFROM'), 'FromAsCasing'), []);
  assert.deepEqual(find(bad, 'FromAsCasing', { buildChecks: false }), [], "beside Docker's extension");
  assert.equal(find(bad, 'DSC011', { buildChecks: false }).length, 1, 'hadolint-style rules stay');
  assert.deepEqual(
    find(bad, 'MaintainerDeprecated', { peerShowsSyntax: true }),
    [],
    "the peer shows dockerfile-utils' MAINTAINER finding",
  );
  assert.equal(find(bad, 'FromAsCasing', { peerShowsSyntax: true }).length, 1);
});

test('fixes offered for the pipefail rule: SHELL line, or set -o pipefail in the command', () => {
  const bad = 'FROM a:1\nRUN curl -fsSL https://x | tar -xz\n';
  const [f] = find(bad, 'DSC013');
  const fixes = dscFixes(bad, f);
  assert.equal(applyEdits(bad, fixes[1].edits), 'FROM a:1\nRUN set -o pipefail && curl -fsSL https://x | tar -xz\n');
});

test('UndefinedVar suggests the name it probably meant, and the hover names the anchor', () => {
  const [f] = find('FROM a:1\nARG VERSION=1\nLABEL v=$VERSON\n', 'UndefinedVar');
  assert.match(f.message, /\$VERSON' \(did you mean \$VERSION\?\)/);
  assert.equal(dscRules.find((r) => r.id === 'DSC011')?.anchor?.id, 'DL3003');
});

test('shell words across continuation lines and heredocs point at the right line and column', () => {
  const text = 'FROM a:1\nRUN echo a \\\n    && sudo make\nRUN <<EOF\nset -e\n  sudo x\nEOF\n';
  assert.deepEqual(
    find(text, 'DSC012').map((f) => [f.line, f.col, f.endCol]),
    [
      [2, 7, 11],
      [5, 2, 6],
    ],
  );
});

test('beside peers: Docker DX quiets the build checks, the others quiet what dockerfile-utils shows; the setting overrides', async () => {
  const { peerQuiet } = await import('../../src/core/dockerfile/peerRules');
  assert.deepEqual(peerQuiet('auto', { syntax: false, buildChecks: false }), {
    buildChecks: true,
    peerShowsSyntax: false,
  });
  assert.deepEqual(peerQuiet('auto', { syntax: true, buildChecks: false }), {
    buildChecks: true,
    peerShowsSyntax: true,
  });
  assert.deepEqual(peerQuiet('auto', { syntax: true, buildChecks: true }), {
    buildChecks: false,
    peerShowsSyntax: true,
  });
  assert.deepEqual(peerQuiet('always', { syntax: true, buildChecks: true }), {
    buildChecks: true,
    peerShowsSyntax: false,
  });
  assert.deepEqual(peerQuiet('never', { syntax: false, buildChecks: false }), {
    buildChecks: false,
    peerShowsSyntax: true,
  });
});

test('InvalidBaseImagePlatform: variants count only when both sides name one; stages, scratch and variables are not base images', async () => {
  const { samePlatform, baseImageRefs } = await import('../../src/core/dockerfile/rules/buildkit/platform');
  const { LintContext } = await import('../../src/core/dockerfile/rules/context');
  assert.ok(samePlatform('linux/arm64', 'linux/arm64/v8'));
  assert.ok(samePlatform('linux/arm/v7', 'linux/arm'));
  assert.ok(!samePlatform('linux/arm/v6', 'linux/arm/v7'));
  assert.ok(!samePlatform('linux/amd64', 'linux/arm64'));
  const text =
    'ARG V=1\nFROM python:3.12 AS base\nFROM base\nFROM scratch\nFROM img:$V\nFROM --platform=linux/arm64 other:1\n';
  assert.deepEqual(baseImageRefs(new LintContext(text)), ['python:3.12', 'other:1']);
  // The engine's data for a local image pulled for arm64, on an amd64 engine: the check names both.
  const facts = { imagePlatforms: { 'python:3.12': 'linux/arm64' }, targetPlatform: 'linux/amd64' };
  const f = dscFindings(text, { facts }).filter((x) => x.code === 'InvalidBaseImagePlatform');
  assert.deepEqual(
    f.map((x) => [x.line, x.message]),
    [[1, 'Base image python:3.12 was pulled with platform "linux/arm64", expected "linux/amd64" for current build.']],
  );
  assert.deepEqual(
    dscFindings(text, { facts: { ...facts, targetPlatform: 'linux/arm64' } }).filter(
      (x) => x.code === 'InvalidBaseImagePlatform',
    ),
    [],
  );
});
