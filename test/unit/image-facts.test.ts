import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  freezeHidden,
  frozenDistributions,
  imageHasJupyter,
  parseImageProbe,
} from '../../src/core/environment/imageFacts';
import { containerCreateBody } from '../../src/core/docker/create';

const line = (o: object) => `noise\nDSC-IMAGE-PROBE ${JSON.stringify(o)}\n`;

test('parseImageProbe: distributions sorted by normalised name, Jupyter commands kept when present', () => {
  const f = parseImageProbe(
    line({
      version: '3.11.2',
      executable: '/usr/bin/python3',
      venv: false,
      jupyter: { lab: null, notebook: '/usr/bin/jupyter-notebook', jupyter: '/usr/bin/jupyter' },
      dists: [
        ['scikit-learn', '1.2.1', ['numpy>=1.17.3']],
        ['Brotli', '1.0.9', []],
        ['pip', '23.0.1', []],
      ],
    }),
  )!;
  assert.deepEqual(
    f.distributions.map((d) => d.name),
    ['Brotli', 'pip', 'scikit-learn'],
  );
  assert.deepEqual(f.jupyter, { notebook: '/usr/bin/jupyter-notebook', jupyter: '/usr/bin/jupyter' });
  assert.equal(imageHasJupyter(f), false, 'the classic server alone cannot serve `jupyter lab`');
  assert.equal(
    imageHasJupyter({ jupyter: {}, distributions: [{ name: 'JupyterLab', version: '4', requires: [] }] }),
    true,
  );
  assert.deepEqual(
    frozenDistributions(f).map((d) => d.name),
    ['Brotli', 'scikit-learn'],
  );
});

test('parseImageProbe: no Python, and no marker at all', () => {
  assert.match(parseImageProbe('DSC-NO-PYTHON\n')!.problem!, /no Python in the image/);
  assert.equal(parseImageProbe('exec: python: not found'), undefined);
});

test('freezeHidden follows pip: build tools hidden before Python 3.12 only', () => {
  assert.ok(freezeHidden('3.11.2').has('setuptools'));
  assert.deepEqual([...freezeHidden('3.12.1')], ['pip']);
});

test('a probe container has no network', () => {
  const body = containerCreateBody({ image: 'x', ports: [], autoRemove: true, labels: {}, network: 'none' }, 'any');
  assert.equal((body.HostConfig as Record<string, unknown>).NetworkMode, 'none');
  const plain = containerCreateBody({ image: 'x', ports: [], autoRemove: true, labels: {} }, 'any');
  assert.equal((plain.HostConfig as Record<string, unknown>).NetworkMode, undefined);
});
