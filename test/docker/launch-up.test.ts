// Issue 26, defect 3, end to end: `up` starts the project the way it documents. A Flask app that loads its
// model under `if __name__ == "__main__":` and whose README runs `python main.py 8080` answers with the model
// loaded on port 8080 (`flask run` would serve it without a model: 500); a DVC project's train stage
// (`python src/train.py --epochs ${train.epochs}`, params.yaml) runs with its arguments, without DVC installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { buildingEngine, captureIo, FIXTURES } from './helpers';

const { copy } = buildingEngine();
const fixture = (name: string): string => copy(path.join(FIXTURES, 'launch', name)).dir;

test(
  'Flask app with its model loaded under __main__: up runs `python main.py 8080`, /predict answers',
  {
    timeout: 600_000,
  },
  async () => {
    const dir = fixture('flask-main');
    // Offline: the stand-in image's own Flask (the fixture pins 1.0.2, as the project did).
    fs.writeFileSync(path.join(dir, 'requirements.txt'), 'flask\n');
    let answer: { status: number; body: string } | undefined;
    let published = '';
    const io = captureIo(process.env);
    io.err = (l) => {
      io.stderr.push(l);
      const m = /^port (\d+) → (http:\/\/127\.0\.0\.1:\d+)$/.exec(l);
      if (!m) return;
      published = m[1];
      void fetch(`${m[2]}/predict?x=2`)
        .then(async (r) => (answer = { status: r.status, body: (await r.text()).trim() }))
        .catch((e: Error) => (answer = { status: 0, body: e.message }))
        .finally(() => io.abort());
    };
    setTimeout(() => io.abort(), 120_000).unref(); // a stuck run must not hang the tier
    const code = await main(['up', dir, '--no-pin', '--base-image', 'local/python:3.11-flask'], io);
    assert.equal(code, 130, io.stderr.join('\n'));
    assert.ok(io.stdout.includes('Start: python main.py 8080'), io.stdout.join('\n'));
    assert.match(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), /^CMD \["python", "main\.py", "8080"\]$/m);
    assert.equal(published, '8080', io.stderr.join('\n'));
    assert.equal(answer?.status, 200, JSON.stringify(answer));
    assert.deepEqual(JSON.parse(answer!.body), { score: 1.25 });
  },
);

test(
  'DVC-shaped project: up runs the train stage command with its params, its model lands on the host',
  {
    timeout: 600_000,
  },
  async () => {
    const dir = fixture('dvc-stage');
    const io = captureIo();
    const code = await main(['up', dir, '--no-pin', '--base-image', 'python:3.11-slim'], io);
    assert.equal(code, 0, io.stderr.join('\n'));
    assert.ok(io.stdout.includes('Start: python src/train.py --epochs 2'), io.stdout.join('\n'));
    assert.ok(io.stdout.includes('epoch 2: loss 0.25'), io.stdout.join('\n'));
    assert.ok(!io.stderr.some((l) => /arguments are required/.test(l)), io.stderr.join('\n'));
    const model = JSON.parse(fs.readFileSync(path.join(dir, 'models', 'model.json'), 'utf8')) as unknown;
    assert.deepEqual(model, { epochs: 2, loss: 0.25 });
  },
);
