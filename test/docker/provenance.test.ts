// Issue 24 on the real engine: a build's OCI labels (source without credentials, revision, version,
// licences, title, created), and they do not make an unchanged project build again: `up` still says up to
// date and a second `build` gives the same image (its .created is the first build's).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { buildProject } from '../../src/node/docker/build';
import { buildingEngine, captureIo } from './helpers';

const { engine, track } = buildingEngine();

/** A small script project on python:3.11-slim in a git repository of its own. */
export function gitProject(name: string): { dir: string; tag: string; head: string } {
  const dir = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-')),
    `research-${name}-${Math.random().toString(36).slice(2, 7)}`,
  );
  fs.mkdirSync(dir);
  const write = (f: string, text: string) => fs.writeFileSync(path.join(dir, f), text);
  write('Dockerfile', 'FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nUSER 1000\nCMD ["python", "main.py"]\n');
  write('main.py', 'print("hello from the archive")\n');
  write('requirements.txt', '');
  write('compose.yaml', 'services:\n  app:\n    build: .\n');
  write('.dockerignore', '.git\n');
  write('pyproject.toml', '[project]\nname = "label-demo"\nversion = "2.1.0"\n');
  write('LICENSE', 'MIT License\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\n');
  const git = (...a: string[]) => execFileSync('git', ['-C', dir, ...a], { encoding: 'utf8' }).trim();
  git('init', '-q');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'add', '.');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-qm', 'first');
  git('remote', 'add', 'origin', 'https://someone:ghp_secret@github.com/team/label-demo.git');
  return { dir, tag: track(`${path.basename(dir)}:latest`), head: git('rev-parse', 'HEAD') };
}

test('build: OCI labels from git, pyproject.toml and LICENSE; an unchanged project still skips the build', async () => {
  const { dir, tag, head } = gitProject('labels');
  const before = Date.now();
  const first = await buildProject(engine, { dir, tag });
  assert.ok(first.ok, first.error);
  const labels = (await engine.imageSummary(tag))!.labels;
  assert.equal(labels['org.opencontainers.image.source'], 'https://github.com/team/label-demo');
  assert.equal(labels['org.opencontainers.image.revision'], head);
  assert.equal(labels['org.opencontainers.image.version'], '2.1.0');
  assert.equal(labels['org.opencontainers.image.licenses'], 'MIT');
  assert.equal(labels['org.opencontainers.image.title'], 'label-demo');
  const created = Date.parse(labels['org.opencontainers.image.created']);
  assert.ok(created >= before - 1000 && created <= Date.now(), labels['org.opencontainers.image.created']);
  assert.ok(!JSON.stringify(labels).includes('ghp_secret'));

  const io = captureIo();
  assert.equal(await main(['up', dir], io), 0, io.stderr.join('\n'));
  assert.ok(
    io.stdout.some((l) => l.endsWith('is up to date: no change to its context, Dockerfile or base image')),
    io.stdout.join('\n'),
  );
  const again = await buildProject(engine, { dir, tag });
  assert.ok(again.ok, again.error);
  assert.equal(again.imageId, first.imageId, 'a cached rebuild of the same inputs is the same image');

  // A new version is a new input: the next up builds, and the label says so.
  fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[project]\nname = "label-demo"\nversion = "2.2.0"\n');
  const io2 = captureIo();
  assert.equal(await main(['up', dir], io2), 0, io2.stderr.join('\n'));
  assert.ok(
    io2.stdout.some((l) => /^built /.test(l)),
    io2.stdout.join('\n'),
  );
  assert.equal((await engine.imageSummary(tag))!.labels['org.opencontainers.image.version'], '2.2.0');
});

test('archive DIR: one tarball with the image (docker save), lock, SBOM, Dockerfile and a README', async () => {
  const { dir, tag, head } = gitProject('archive');
  const built = await buildProject(engine, { dir, tag });
  assert.ok(built.ok, built.error);
  const lockIo = captureIo();
  assert.equal(await main(['lock', dir], lockIo), 0, lockIo.stderr.join('\n'));
  const out = path.join(path.dirname(dir), 'deposit.tar');
  const io = captureIo();
  assert.equal(await main(['archive', dir, '-o', out], io), 0, io.stderr.join('\n'));
  assert.match(io.stdout.join('\n'), /deposit\.tar: [\d.]+ MB: README\.md, Dockerfile, requirements\.lock/);
  const listed = execFileSync('tar', ['-tf', out], { encoding: 'utf8' }).split('\n').filter(Boolean).sort();
  assert.deepEqual(listed, [
    'Dockerfile',
    'README.md',
    'image.tar',
    'requirements.lock',
    'requirements.txt',
    'sbom.cdx.json',
  ]);
  const member = (f: string) => execFileSync('tar', ['-xOf', out, f], { maxBuffer: 1 << 30 });
  const readme = member('README.md').toString();
  assert.match(readme, /docker load -i image\.tar/);
  assert.ok(readme.includes(`docker run --rm ${tag}`), readme);
  assert.ok(readme.includes(`revision: ${head}`), readme);
  assert.equal(member('Dockerfile').toString(), fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'));
  // The image member is what `docker load` reads: its manifest names the tag and the image's config.
  const image = path.join(path.dirname(dir), 'image.tar');
  fs.writeFileSync(image, member('image.tar'));
  const manifest = JSON.parse(execFileSync('tar', ['-xOf', image, 'manifest.json'], { encoding: 'utf8' })) as {
    Config: string;
    RepoTags: string[];
  }[];
  assert.deepEqual(manifest[0].RepoTags, [tag]);
  assert.equal(`sha256:${manifest[0].Config.replace(/^blobs\/sha256\/|\.json$/g, '')}`, built.imageId);
  const sbom = JSON.parse(member('sbom.cdx.json').toString()) as { specVersion: string };
  assert.equal(sbom.specVersion, '1.5');

  const again = captureIo();
  assert.equal(await main(['archive', dir, '-o', out], again), 1, 'an existing file is left alone');
  assert.match(again.stderr.join('\n'), /exists; left as it is \(--force replaces it\)/);
});
