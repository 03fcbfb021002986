// A token server for the Registry's `auth: token:` mode (what Docker Hub, GHCR and Harbor speak): the
// registry answers 401 with `WWW-Authenticate: Bearer realm=…,service=…,scope=…`; the client fetches a
// JWT here (Basic credentials, or none) and retries with `Authorization: Bearer`. The JWT is RS256, signed
// by a self-signed certificate made with openssl; its chain travels in the `x5c` header, and the registry
// trusts it through `rootcertbundle`. Written for the tests, from the distribution token-auth spec.
import { execFileSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as path from 'path';

export interface TokenServerOptions {
  user: string;
  password: string;
  service: string;
  issuer: string;
  /** The user may push only under these repository prefixes (e.g. "share14/"); pull is allowed everywhere. */
  pushPrefixes: string[];
}

export interface TokenRequest {
  method: string;
  /** The username of the Basic credentials, undefined when none came. */
  user?: string;
  scopes: string[];
  /** What was granted, as "type:name:actions". */
  granted: string[];
}

export interface TokenServer {
  realm: string;
  /** The PEM certificate bundle the registry trusts (rootcertbundle). */
  certFile: string;
  requests: TokenRequest[];
  stop(): Promise<void>;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export async function startTokenServer(dir: string, o: TokenServerOptions): Promise<TokenServer> {
  const keyFile = path.join(dir, 'token.key');
  const certFile = path.join(dir, 'token.crt');
  // A throwaway RSA key and self-signed certificate (2 days), nothing asked on a terminal.
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=dsc-test-token-issuer',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const key = crypto.createPrivateKey(fs.readFileSync(keyFile));
  const x5c = [new crypto.X509Certificate(fs.readFileSync(certFile)).raw.toString('base64')];
  const requests: TokenRequest[] = [];

  const sign = (user: string | undefined, access: { type: string; name: string; actions: string[] }[]) => {
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', x5c }));
    const claims = b64url(
      JSON.stringify({
        iss: o.issuer,
        sub: user ?? '',
        aud: o.service,
        exp: now + 300,
        nbf: now - 10,
        iat: now,
        jti: crypto.randomUUID(),
        access,
      }),
    );
    const signature = crypto.sign('sha256', Buffer.from(`${header}.${claims}`), key);
    return `${header}.${claims}.${b64url(signature)}`;
  };

  /** What a scope "type:name:actions" grants this user: nothing anonymous, push only under the prefixes. */
  const grant = (user: string | undefined, scope: string) => {
    const first = scope.indexOf(':');
    const last = scope.lastIndexOf(':');
    if (first < 0 || last === first) return undefined;
    const type = scope.slice(0, first);
    const name = scope.slice(first + 1, last);
    const asked = scope.slice(last + 1).split(',');
    if (!user) return undefined;
    const allowed = asked.filter((a) =>
      type === 'registry' ? name === 'catalog' : a === 'pull' || o.pushPrefixes.some((p) => name.startsWith(p)),
    );
    return allowed.length ? { type, name, actions: allowed } : undefined;
  };

  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://token');
      // GET with Basic (what docker and our client send), or the OAuth2 POST form (grant_type=password).
      const form = req.method === 'POST' ? new URLSearchParams(body) : undefined;
      let user: string | undefined;
      let password: string | undefined;
      const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
      if (basic) {
        const text = Buffer.from(basic[1], 'base64').toString('utf8');
        user = text.slice(0, text.indexOf(':'));
        password = text.slice(text.indexOf(':') + 1);
      } else if (form?.get('grant_type') === 'password') {
        user = form.get('username') ?? undefined;
        password = form.get('password') ?? undefined;
      }
      const scopes = [...url.searchParams.getAll('scope'), ...(form?.getAll('scope') ?? [])].flatMap((s) =>
        s.split(' '),
      );
      const record: TokenRequest = { method: req.method ?? 'GET', user, scopes, granted: [] };
      requests.push(record);
      if (user !== undefined && (user !== o.user || password !== o.password)) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ details: 'incorrect username or password' }));
        return;
      }
      const access = scopes.map((s) => grant(user, s)).filter((a) => a !== undefined);
      record.granted = access.map((a) => `${a.type}:${a.name}:${a.actions.join(',')}`);
      const token = sign(user, access);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ token, access_token: token, expires_in: 300, issued_at: new Date().toISOString() }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    realm: `http://127.0.0.1:${port}/token`,
    certFile,
    requests,
    stop: () => new Promise((r) => server.close(() => r())),
  };
}
