// The built bundles (npm run build) with their lazy chunks (scripts/bundle.mjs), in fresh processes:
// the other unit tests run tsc's out/, where require() finds node_modules, so only these prove that
// each chunk loads on its own and that the bundled CLI reaches every library through them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const CHUNKS = path.join(ROOT, 'dist/chunks');
const node = (args: string[]) => spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });

test('bundle: every chunk loads alone and each of its modules has exports', () => {
  const files = fs.readdirSync(CHUNKS).filter((f) => f.endsWith('.js'));
  assert.ok(files.includes('dockerfile.js') && files.includes('yaml.js'), `chunks: ${files.join(', ')}`);
  for (const f of files) {
    const script = `const c = require(${JSON.stringify(path.join(CHUNKS, f))});
      const out = {}; for (const k of Object.keys(c)) out[k] = Object.keys(c[k]).length + (typeof c[k] === 'function' ? 1 : 0);
      process.stdout.write(JSON.stringify(out));`;
    const r = node(['-e', script]);
    assert.equal(r.status, 0, `${f}: ${r.stderr}`);
    const counts = JSON.parse(r.stdout) as Record<string, number>;
    assert.ok(Object.keys(counts).length > 0, `${f} exports no module`);
    for (const [mod, n] of Object.entries(counts)) assert.ok(n > 0, `${f}: ${mod} has no exports`);
  }
});

test('bundle: the CLI lints through the Dockerfile chunk (parser, validator and DSC rules)', () => {
  const r = node([CLI, 'lint', 'test/fixtures/dockerfile/broken.Dockerfile']);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /broken\.Dockerfile:1:1: warning DSC004: /);
  assert.match(r.stdout, /broken\.Dockerfile:4:6: error 40: Unknown flag: frm/);
});

test('bundle: the CLI scans and scaffolds through the toml, requirements, ignore and yaml chunks', () => {
  const r = node([CLI, 'scaffold', 'test/fixtures/projects/src-layout', '--dry-run', '--verbose']);
  assert.equal(r.status, 0, r.stderr);
  // A chunk that failed to load would be a warning about its file here; the one warning is the entry's argv.
  assert.match(
    r.stderr,
    /^test\/fixtures\/projects\/src-layout\/scripts\/report\.py:6: warning: [^\n]*sys\.argv\[1\][^\n]*\n$/,
  );
  assert.match(r.stdout, /^requests==/m); // declared in pyproject.toml, parsed by smol-toml and pip-requirements-js
  assert.match(r.stdout, /--- proposed compose\.yaml \(new file\) ---\n[^]*services:\n {2}app:/); // written by yaml
  const ignored = node([CLI, 'scan', 'test/fixtures/projects/ignored-folders']);
  assert.equal(ignored.status, 0, ignored.stderr);
  assert.equal(ignored.stderr, '');
  assert.deepEqual(
    ignored.stdout
      .trim()
      .split('\n')
      .map((l) => l.split('==')[0]),
    ['requests'],
  ); // .gitignore'd imports left out
});

test('bundle: the CLI lints a devcontainer.json through the jsonc chunk', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-bundle-devcontainer-'));
  fs.writeFileSync(
    path.join(dir, 'devcontainer.json'),
    '{\n  // JSON with comments\n  "runArgs": ["-p", "8888:8888"],\n}\n',
  );
  const r = node([CLI, 'lint', path.join(dir, 'devcontainer.json')]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(
    r.stdout,
    /devcontainer\.json:3:21: warning DSC203: "8888:8888" publishes the port on every network interface/,
  );
  fs.rmSync(dir, { recursive: true });
});

test('bundle: dockerode loads without its gRPC, protobuf and SSH parts, which load on first use from their files', () => {
  const script = `const t = process.hrtime.bigint();
    const Docker = require(${JSON.stringify(path.join(ROOT, 'dist/dockerode.js'))});
    const loaded = () => Object.keys(require.cache).map((f) => require('path').basename(f));
    const before = loaded();
    const d = new Docker({ socketPath: '/nonexistent.sock' });
    const grpc = require(${JSON.stringify(path.join(ROOT, 'dist/dockerode-grpc.js'))});
    process.stdout.write(JSON.stringify({ before, ok: typeof d.buildImage, session: typeof grpc.session,
      progress: typeof grpc.buildkit.followProgress, ssh: typeof require(${JSON.stringify(path.join(ROOT, 'dist/dockerode-ssh.js'))}) }));`;
  const r = node(['-e', script]);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.deepEqual(out.before, ['dockerode.js']); // not dockerode-grpc.js nor dockerode-ssh.js
  assert.deepEqual(
    { ok: out.ok, session: out.session, progress: out.progress, ssh: out.ssh },
    { ok: 'function', session: 'function', progress: 'function', ssh: 'function' },
  );
  // With gRPC, protobuf and ssh2 inside, dist/dockerode.js was 894 KiB; without them 144 KiB.
  const size = fs.statSync(path.join(ROOT, 'dist/dockerode.js')).size;
  assert.ok(size < 300_000, `dist/dockerode.js is ${size} bytes: are gRPC or ssh2 bundled into it again?`);
});
