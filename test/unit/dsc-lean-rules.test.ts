// DSC020: a final stage FROM a CUDA devel image is told its runtime twin, with a quick fix; a devel build stage
// (compiling is what devel is for) and runtime images are quiet. DSC021: GUI OpenCV installed in a RUN.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dscFindings, dscFixes } from '../../src/core/dockerfile/rules';
import { applyEdits } from '../../src/core/edits';

const dsc020 = (text: string) => dscFindings(text).filter((f) => f.code === 'DSC020');

test('DSC020: the final stage on a devel CUDA base, with a fix to the runtime tag', () => {
  const text = 'FROM nvidia/cuda:12.4.1-cudnn-devel-ubuntu22.04\nCMD ["python3", "train.py"]\n';
  const [hit] = dsc020(text);
  assert.ok(hit);
  const [fix] = dscFixes(text, hit, {});
  assert.equal(fix?.title, 'Run FROM the runtime image (12.4.1-cudnn-runtime-ubuntu22.04)');
  assert.equal(
    applyEdits(text, fix.edits),
    'FROM nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04\nCMD ["python3", "train.py"]\n',
  );
});

test('DSC020: quiet on runtime images and on a devel build stage', () => {
  assert.deepEqual(dsc020('FROM nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04\n'), []);
  assert.deepEqual(dsc020('FROM python:3.11-slim\n'), []);
  assert.deepEqual(
    dsc020('FROM nvidia/cuda:12.4.1-devel-ubuntu22.04 AS build\nFROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\n'),
    [],
  );
});

test('DSC021: pip install opencv-python gets the headless twin, version and quotes kept', () => {
  const text = 'FROM python:3.11-slim\nRUN pip install --no-cache-dir "opencv-python==4.10.0.84" numpy==1.26.4\n';
  const [hit, ...more] = dscFindings(text).filter((f) => f.code === 'DSC021');
  assert.ok(hit);
  assert.deepEqual(more, []);
  const [fix] = dscFixes(text, hit, {});
  assert.equal(fix.title, 'Install opencv-python-headless');
  assert.equal(
    applyEdits(text, fix.edits),
    'FROM python:3.11-slim\nRUN pip install --no-cache-dir "opencv-python-headless==4.10.0.84" numpy==1.26.4\n',
  );
  assert.deepEqual(
    dscFindings('FROM python:3.11-slim\nRUN pip install opencv-python-headless\n').filter((f) => f.code === 'DSC021'),
    [],
  );
});
