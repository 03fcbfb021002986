// DSC004 asks the base image who it runs as: a Dockerfile without USER on an image whose default
// user is not root (jupyter images run as jovyan) is not "running as root" (issue 11, item 10).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dscFindings } from '../../src/core/dockerfile/rules';

const dsc004 = (text: string, imageUsers?: Record<string, string>) =>
  dscFindings(text, imageUsers ? { facts: { imageUsers } } : undefined).filter((f) => f.code === 'DSC004');

test("DSC004: quiet when the final stage's base image runs as a non-root user", () => {
  const text = 'FROM jupyter/scipy-notebook:2024-01-01\nCMD ["jupyter", "lab"]\n';
  assert.equal(dsc004(text).length, 1, 'without engine data the image counts as root');
  assert.deepEqual(dsc004(text, { 'jupyter/scipy-notebook:2024-01-01': 'jovyan' }), []);
  assert.deepEqual(dsc004(text, { 'jupyter/scipy-notebook:2024-01-01': '1000:100' }), []);
  for (const root of ['', 'root', '0', '0:0'])
    assert.equal(dsc004(text, { 'jupyter/scipy-notebook:2024-01-01': root }).length, 1, `user "${root}"`);
});

test('DSC004: an explicit USER root still warns, whatever the image; only the final stage counts', () => {
  const users = { 'a:1': 'app', 'b:1': '' };
  assert.equal(dsc004('FROM a:1\nUSER root\nCMD ["x"]\n', users).length, 1);
  assert.equal(dsc004('FROM a:1 AS build\nFROM b:1\nCMD ["x"]\n', users).length, 1);
  assert.deepEqual(dsc004('FROM b:1 AS build\nFROM a:1\nCMD ["x"]\n', users), []);
});
