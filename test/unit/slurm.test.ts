// Issue 24: the Slurm batch script and Apptainer metadata `sif` writes: valid bash, every value quoted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { apptainerEnv, apptainerRunscript, renderSlurm } from '../../src/core/provenance/sif';

test('Slurm script: bash -n passes, names the SIF, --nv and a GPU with --gpu, a quoted bind path', () => {
  const script = renderSlurm({
    sif: 'my project.sif',
    jobName: 'my project',
    gpu: true,
    bind: { host: "/home/u/it's here", container: '/app' },
  });
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'research-slurm-')), 'job.slurm');
  fs.writeFileSync(f, script);
  execFileSync('bash', ['-n', f]);
  assert.match(script, /^#SBATCH --job-name=my-project$/m);
  assert.match(script, /^#SBATCH --gres=gpu:1$/m);
  assert.ok(script.includes(`apptainer run --nv --bind '/home/u/it'\\''s here:/app' 'my project.sif' "$@"`), script);
  const cpu = renderSlurm({ sif: 'a.sif', jobName: 'a', gpu: false, command: ['python', 'train.py'] });
  assert.match(cpu, /^apptainer exec a\.sif python train\.py "\$@"$/m);
  assert.doesNotMatch(cpu, /--nv|gres/);
});

test('Apptainer env and runscript: the image ENV exported quoted; ENTRYPOINT + CMD exec with the arguments', () => {
  const env = apptainerEnv(['PATH=/opt/venv/bin:/usr/bin', "MSG=it's", 'bad-name=x']);
  assert.match(env, /^export PATH=\/opt\/venv\/bin:\/usr\/bin$/m);
  assert.match(env, /^export MSG='it'\\''s'$/m);
  assert.doesNotMatch(env, /bad-name/);
  const rs = apptainerRunscript([], ['python', 'main.py'], '/app');
  assert.match(rs, /^cd \/app 2>\/dev\/null \|\| true$/m);
  assert.match(rs, /^exec python main\.py "\$@"$/m);
});
