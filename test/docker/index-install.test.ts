// The index check and pip speak the same protocol: a PEP 503 simple index served by this test on
// 127.0.0.1 (one wheel of a tiny package of ours, written offline with Python's zipfile), our check
// against it, then `pip install -r` of the generated requirements.txt inside a container on the host's
// network. A name the index lacks must be a comment line, so the install succeeds.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { execFile, execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { analyzeProject } from '../../src/node/analyze';
import { checkOnIndex } from '../../src/node/indexCheck';
import { generateAll, specFromAnalysis } from '../../src/core/generate';

const IMAGE = 'python:3.11-slim';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-test-index-'));
after(() => fs.rmSync(work, { recursive: true, force: true }));

/** A pure-Python wheel written with zipfile (no build backend, no network). */
function buildWheel(dir: string): string {
  const file = 'dsc_tiny_pkg-0.1.0-py3-none-any.whl';
  const py = `
import zipfile, hashlib, base64, sys
files = {
  "dsc_tiny_pkg/__init__.py": "VALUE = 'tiny ok'\\n",
  "dsc_tiny_pkg-0.1.0.dist-info/METADATA": "Metadata-Version: 2.1\\nName: dsc-tiny-pkg\\nVersion: 0.1.0\\n",
  "dsc_tiny_pkg-0.1.0.dist-info/WHEEL": "Wheel-Version: 1.0\\nGenerator: dsc-test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
}
record = []
with zipfile.ZipFile(sys.argv[1], "w") as z:
    for name, text in files.items():
        data = text.encode()
        z.writestr(name, data)
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append("%s,sha256=%s,%d" % (name, digest, len(data)))
    record.append("dsc_tiny_pkg-0.1.0.dist-info/RECORD,,")
    z.writestr("dsc_tiny_pkg-0.1.0.dist-info/RECORD", "\\n".join(record) + "\\n")
`;
  execFileSync('python3', ['-c', py, path.join(dir, file)]);
  return file;
}

async function serveIndex(dir: string, wheel: string): Promise<{ url: string; close(): Promise<void> }> {
  const bytes = fs.readFileSync(path.join(dir, wheel));
  const sha = createHash('sha256').update(bytes).digest('hex');
  const server = http.createServer((req, res) => {
    if (req.url === '/simple/dsc-tiny-pkg/') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(`<!DOCTYPE html><html><body><a href="/files/${wheel}#sha256=${sha}">${wheel}</a></body></html>`);
    } else if (req.url === `/files/${wheel}`) {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      res.end(bytes);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/simple/`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

test('a generated requirements.txt installs from a local PEP 503 index; a name the index lacks is only a comment', async () => {
  const wheel = buildWheel(work);
  const index = await serveIndex(work, wheel);
  try {
    const cacheDir = path.join(work, 'cache');
    const r = await checkOnIndex(['dsc_tiny_pkg', 'dsc-no-such-pkg'], { indexUrl: index.url, cacheDir });
    assert.deepEqual(
      [...r.verdicts],
      [
        ['dsc_tiny_pkg', 'found'],
        ['dsc-no-such-pkg', 'missing'],
      ],
    );

    const project = path.join(work, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(
      path.join(project, 'main.py'),
      'import dsc_tiny_pkg\nimport dsc_no_such_pkg\nprint(dsc_tiny_pkg.VALUE)\n',
    );
    process.env.XDG_CACHE_HOME = cacheDir;
    const a = await analyzeProject(project, { python: false, noPin: true, indexUrl: index.url });
    const txt = generateAll(specFromAnalysis(a))['requirements.txt'];
    assert.match(txt, /^dsc_tiny_pkg$/m);
    assert.match(txt, /^# dsc_no_such_pkg: imported at main\.py:2, no distribution found; install it yourself$/m);
    fs.writeFileSync(path.join(project, 'requirements.txt'), txt);

    // --target keeps pip off the image's Debian-managed site-packages; the host network reaches 127.0.0.1.
    // Asynchronous: this process serves the index while pip asks it.
    const run = await new Promise<{ status: number; stdout: string; stderr: string }>((resolve) =>
      execFile(
        'docker',
        [
          'run',
          '--rm',
          '--network',
          'host',
          '--name',
          `dsc-test-reqs10-index-${process.pid}`,
          '-v',
          `${project}:/app:ro`,
          IMAGE,
          'sh',
          '-c',
          `python3 -m pip install --no-cache-dir --disable-pip-version-check --index-url ${index.url} --target /tmp/site -r /app/requirements.txt && PYTHONPATH=/tmp/site python3 -c "import dsc_tiny_pkg; print(dsc_tiny_pkg.VALUE)"`,
        ],
        { encoding: 'utf8', timeout: 180_000 },
        (err, stdout, stderr) => resolve({ status: err ? Number(err.code ?? 1) || 1 : 0, stdout, stderr }),
      ),
    );
    assert.equal(run.status, 0, run.stderr + run.stdout);
    assert.match(run.stdout, /tiny ok/);
  } finally {
    await index.close();
  }
});
