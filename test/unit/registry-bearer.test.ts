// The Registry API client's Bearer flow against a Node http fake of the two edges the real token registry
// of the docker tier (registry-token.test.ts) does not show: a token server that refuses anonymous
// requests, and an identity token exchanged as an OAuth2 refresh token (POSTed, never in the URL).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import { listRepositories, listTags } from '../../src/node/registry/client';

interface Seen {
  method: string;
  path: string;
  authorization?: string;
  body: string;
}
const seen: Seen[] = [];
let server: http.Server;
let host: string;

before(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      seen.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization, body });
      if (url.pathname === '/token') {
        const form = new URLSearchParams(body);
        const ok =
          req.method === 'POST' && form.get('grant_type') === 'refresh_token' && form.get('refresh_token') === 'id-tok';
        if (!ok) return void res.writeHead(401).end('{"details":"anonymous access refused"}');
        return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"access_token":"acc-1"}');
      }
      if (req.headers.authorization !== 'Bearer acc-1') {
        res.writeHead(401, {
          'www-authenticate': `Bearer realm="http://${host}/token",service="fake",scope="registry:catalog:*"`,
        });
        return void res.end();
      }
      if (url.pathname === '/v2/_catalog') return void res.writeHead(200).end('{"repositories":["b/x","a/y"]}');
      if (url.pathname === '/v2/a/y/tags/list') return void res.writeHead(200).end('{"name":"a/y","tags":["2","1"]}');
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  host = `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
});
after(() => new Promise<void>((r) => server.close(() => r())));

test('no credentials and a token server that refuses anonymous requests: "needs a login", not "wrong password"', async () => {
  await assert.rejects(listRepositories(host), { message: `${host} needs a login` });
});

test('an identity token is POSTed as an OAuth2 refresh token with the scope; the access token is sent as Bearer', async () => {
  seen.length = 0;
  const creds = { username: '<token>', secret: 'id-tok' };
  assert.deepEqual(await listRepositories(host, { creds }), ['a/y', 'b/x']);
  assert.deepEqual(await listTags(host, 'a/y', { creds }), ['1', '2']);
  const tokenCalls = seen.filter((s) => s.path.startsWith('/token'));
  assert.equal(tokenCalls.length, 2);
  for (const t of tokenCalls) {
    assert.equal(t.method, 'POST');
    assert.equal(t.path, '/token', 'nothing secret in the URL');
    assert.equal(t.authorization, undefined);
  }
  const form = new URLSearchParams(tokenCalls[1].body);
  assert.deepEqual(
    [form.get('grant_type'), form.get('service'), form.get('scope'), form.get('client_id')],
    ['refresh_token', 'fake', 'repository:a/y:pull', 'ds-containers'],
  );
});
