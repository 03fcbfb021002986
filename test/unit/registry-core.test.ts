// Registry facts in core: references as Docker reads them, where config.json keeps credentials, auth challenges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitTag } from '../../src/core/docker/format';
import {
  nameAndTag,
  parseReference,
  referenceProblem,
  registryKey,
  registryScheme,
  dockerHubAuthKey,
  pushSuggestions,
  registryHostProblem,
  registryLabel,
  registryReference,
  repositoryPath,
} from '../../src/core/registry/reference';
import {
  credentialSource,
  fileCredentials,
  knownRegistries,
  withLogin,
  withLogout,
} from '../../src/core/registry/dockerConfig';
import { parseChallenge, transferLine } from '../../src/core/registry/challenge';

test('references: registry, repository, tag and digest the way Docker splits them', () => {
  assert.deepEqual(parseReference('python:3.11-slim'), {
    registry: 'docker.io',
    repository: 'library/python',
    tag: '3.11-slim',
  });
  assert.deepEqual(parseReference('team/churn'), { registry: 'docker.io', repository: 'team/churn' });
  assert.deepEqual(parseReference('127.0.0.1:5000/team/churn:1'), {
    registry: '127.0.0.1:5000',
    repository: 'team/churn',
    tag: '1',
  });
  assert.deepEqual(parseReference('localhost/x@sha256:ab'), {
    registry: 'localhost',
    repository: 'x',
    digest: 'sha256:ab',
  });
  assert.match(referenceProblem('ghcr.io/a/b', true) ?? '', /has no tag/);
  assert.equal(referenceProblem('ghcr.io/a/b', false), undefined);
  // Docker's 255-character limit counts the registry and path, not the tag or a port's colon.
  const at255 = `127.0.0.1:5000/${'a'.repeat(255 - 15)}`;
  assert.equal(at255.length, 255);
  assert.equal(referenceProblem(`${at255}:1`, true), undefined);
  assert.equal(
    referenceProblem(`${at255}b:1`, true),
    `"127.0.0.1:5000/aaaaaaaaaaaaaaaaaaaaaaaaa…" is too long: an image name (registry and path) has at most 255 ` +
      'characters, this one has 256',
  );
});

test('registry keys: scheme and path dropped, Docker Hub under its one key; loopback is plain HTTP', () => {
  assert.equal(registryKey('https://Ghcr.io/v2/'), 'ghcr.io');
  assert.equal(registryKey('docker.io'), dockerHubAuthKey);
  assert.equal(registryKey('index.docker.io'), dockerHubAuthKey);
  assert.equal(registryScheme('127.0.0.1:5000'), 'http');
  assert.equal(registryScheme('localhost:5000'), 'http');
  assert.equal(registryScheme('registry.example.com'), 'https');
});

test('config.json: credHelpers over credsStore over the file; logins inline only without a store', () => {
  const cfg = {
    credsStore: 'desktop',
    credHelpers: { 'gcr.io': 'gcloud' },
    auths: { 'a.io': { auth: Buffer.from('u:p:w').toString('base64') } },
  };
  assert.deepEqual(credentialSource(cfg, 'gcr.io'), { kind: 'helper', helper: 'gcloud' });
  assert.deepEqual(credentialSource(cfg, 'a.io'), { kind: 'helper', helper: 'desktop' });
  assert.deepEqual(credentialSource({}, 'a.io'), { kind: 'file' });
  assert.deepEqual(fileCredentials(cfg, 'a.io'), { username: 'u', secret: 'p:w' });
  assert.deepEqual(fileCredentials({ auths: { 'b.io': { identitytoken: 'tok' } } }, 'b.io'), {
    username: '<token>',
    secret: 'tok',
  });
  const plain = withLogin({ other: 1 }, 'a.io', { username: 'u', secret: 's' });
  assert.deepEqual(plain, { other: 1, auths: { 'a.io': { auth: Buffer.from('u:s').toString('base64') } } });
  assert.deepEqual(withLogin({ credsStore: 'x' }, 'a.io', undefined).auths, { 'a.io': {} });
  assert.deepEqual(withLogout(plain, 'a.io').auths, {});
  assert.deepEqual(knownRegistries(cfg), ['a.io', 'gcr.io']);
});

test('auth challenges and condensed transfer progress', () => {
  assert.deepEqual(
    parseChallenge('Bearer realm="https://auth.io/token",service="reg",scope="repository:a/b:pull,push"'),
    { scheme: 'bearer', params: { realm: 'https://auth.io/token', service: 'reg', scope: 'repository:a/b:pull,push' } },
  );
  assert.deepEqual(parseChallenge('Basic realm="dsc-test"'), { scheme: 'basic', params: { realm: 'dsc-test' } });
  assert.equal(parseChallenge('Negotiate'), undefined);
  const seen = new Map<string, string>();
  const lines = [
    { status: 'The push refers to repository [x]' },
    { id: 'a1', status: 'Preparing' },
    { id: 'a1', status: 'Pushing', progress: '1' },
    { id: 'a1', status: 'Pushing', progress: '2' },
    { id: 'a1', status: 'Pushed' },
    { aux: { Digest: 'sha256:1' } },
  ]
    .map((m) => transferLine(m, seen))
    .filter(Boolean);
  assert.deepEqual(lines, ['The push refers to repository [x]', 'a1: Preparing', 'a1: Pushing', 'a1: Pushed']);
});

test('registry view facts: host checks, labels, references by digest, push suggestions', () => {
  assert.equal(registryHostProblem('ghcr.io'), undefined);
  assert.equal(registryHostProblem('https://127.0.0.1:5000/v2/'), undefined);
  assert.equal(registryHostProblem('docker.io'), undefined);
  assert.equal(
    registryHostProblem('not a host'),
    '"not a host" is not a registry host such as ghcr.io or 127.0.0.1:5000',
  );
  assert.equal(registryLabel(dockerHubAuthKey), 'docker.io');
  assert.equal(registryLabel('ghcr.io'), 'ghcr.io');
  assert.equal(
    registryReference('127.0.0.1:5000', 'team/churn', '1', 'sha256:ab'),
    '127.0.0.1:5000/team/churn:1@sha256:ab',
  );
  assert.equal(registryReference(dockerHubAuthKey, 'library/python', '3.11'), 'python:3.11');
  assert.equal(repositoryPath('ghcr.io/team/churn:1'), 'team/churn');
  assert.equal(repositoryPath('python:3.11'), 'python');
  assert.deepEqual(pushSuggestions('churn:2', ['127.0.0.1:5000', dockerHubAuthKey, 'ghcr.io']), [
    '127.0.0.1:5000/churn:2',
    'ghcr.io/churn:2',
  ]);
  assert.deepEqual(pushSuggestions('ghcr.io/team/churn:2', ['ghcr.io']), ['ghcr.io/team/churn:2']);
  assert.deepEqual(pushSuggestions(undefined, ['ghcr.io']), ['ghcr.io/image:1.0']);
});

test('nameAndTag: the one reference grammar (a registry port is not a tag; digest and tag both kept)', () => {
  assert.deepEqual(nameAndTag('localhost:5000/team/churn'), { name: 'localhost:5000/team/churn' });
  assert.deepEqual(nameAndTag('localhost:5000/team/churn:1.0'), { name: 'localhost:5000/team/churn', tag: '1.0' });
  assert.deepEqual(nameAndTag('python:3.11-slim@sha256:abc'), {
    name: 'python',
    tag: '3.11-slim',
    digest: 'sha256:abc',
  });
  assert.deepEqual(splitTag('127.0.0.1:5000/x'), { repository: '127.0.0.1:5000/x', tag: 'latest' });
  assert.deepEqual(splitTag('ghcr.io/a/b:2@sha256:abc'), { repository: 'ghcr.io/a/b', tag: '2' });
});
