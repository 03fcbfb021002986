// One import name, several distributions (jwt, serial, cv2, google.cloud…): the installed one wins, then a
// declared one, else the well-known choice with the alternatives named in one warning per import name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRequirements, RequirementInput } from '../../src/core/python/requirements';
import type { InterpreterFacts } from '../../src/core/python/resolve';

const site = (module: string, line = 1) => ({ module, file: 'app.py', line, class: 'runtime' as const, names: [] });
const build = (modules: string[], o: { interp?: InterpreterFacts; declared?: string[] } = {}) => {
  const input: RequirementInput = {
    sites: modules.map((m, i) => site(m, i + 1)),
    pips: [],
    declared: (o.declared ?? []).map((name) => ({
      name,
      spec: name,
      file: 'requirements.txt',
      line: 1,
      class: 'runtime',
    })),
    interp: o.interp ?? {},
    noPin: true,
  };
  return buildRequirements(input);
};
const ambiguity = <W extends { message: string }>(w: W[]) =>
  w.filter((x) => /provided by several distributions/.test(x.message));

test('ambiguous: without an interpreter, the well-known choice and one warning naming the alternatives', () => {
  const r = build(['jwt', 'jwt.algorithms', 'serial', 'cv2']);
  assert.deepEqual(r.requirements.map((q) => q.name).sort(), ['PyJWT', 'opencv-python', 'pyserial']);
  const w = ambiguity(r.warnings);
  assert.equal(w.length, 3, 'one warning per import name, not per import');
  assert.match(
    w[0].message,
    /"jwt" is provided by several distributions: taking PyJWT, the usual one \(also: python-jwt, jwt\)/,
  );
  assert.equal(w[0].line, 1);
  assert.match(w.find((x) => /"cv2"/.test(x.message))!.message, /also: opencv-python-headless, opencv-contrib-python/);
});

test('ambiguous: the distribution installed in the interpreter wins, without a warning', () => {
  const interp: InterpreterFacts = { packages: { jwt: ['python-jwt'], serial: ['serial'] }, installed: {} };
  const r = build(['jwt', 'serial'], { interp });
  assert.deepEqual(r.requirements.map((q) => q.name).sort(), ['python-jwt', 'serial']);
  assert.deepEqual(ambiguity(r.warnings), []);
});

test('ambiguous: a declared drop-in alternative provides the import; a declared usual choice silences the warning', () => {
  const r = build(['cv2', 'jwt'], { declared: ['opencv-python-headless', 'PyJWT'] });
  const names = r.requirements.map((q) => q.name).sort();
  assert.deepEqual(names, ['PyJWT', 'opencv-python-headless']);
  assert.ok(!names.includes('opencv-python'));
  assert.deepEqual(ambiguity(r.warnings), []);
});

test('ambiguous: google.cloud.* maps each sub-package to its own distribution', () => {
  const r = build(['google.cloud.storage', 'google.cloud.bigquery']);
  assert.deepEqual(r.requirements.map((q) => q.name).sort(), ['google-cloud-bigquery', 'google-cloud-storage']);
});
