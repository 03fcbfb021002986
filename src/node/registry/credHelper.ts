// The docker-credential-* helper protocol (the same helpers Docker uses: pass, secretservice,
// osxkeychain, wincred, ecr-login…): `store` reads {ServerURL, Username, Secret} on stdin, `get` reads
// the server URL and prints that JSON, `erase` reads the server URL. Argv only, secrets on stdin.
import { spawn } from 'node:child_process';
import { Credentials } from '../../core/registry/dockerConfig';

export class CredentialHelperError extends Error {}

function helperRun(
  helper: string,
  verb: 'store' | 'get' | 'erase',
  input: string,
  env?: NodeJS.ProcessEnv,
): Promise<{ code: number; out: string }> {
  const bin = `docker-credential-${helper}`;
  return new Promise((resolve, reject) => {
    const p = spawn(bin, [verb], { env: env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    p.stderr.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    p.on('error', (e: NodeJS.ErrnoException) => {
      reject(
        new CredentialHelperError(
          e.code === 'ENOENT'
            ? `the credential helper ${bin} (named in the Docker config) is not on PATH`
            : `${bin} ${verb}: ${e.message}`,
        ),
      );
    });
    p.on('close', (code) => resolve({ code: code ?? 1, out }));
    p.stdin.on('error', () => {
      /* the helper may exit before reading; its exit code tells */
    });
    p.stdin.end(input);
  });
}

/** The helper's credentials for a server, or undefined when it has none. */
export async function helperGet(
  helper: string,
  serverUrl: string,
  env?: NodeJS.ProcessEnv,
): Promise<Credentials | undefined> {
  const r = await helperRun(helper, 'get', serverUrl, env);
  if (r.code !== 0) {
    if (/not found/i.test(r.out)) return undefined;
    throw new CredentialHelperError(`docker-credential-${helper} get failed: ${r.out.trim().split('\n')[0]}`);
  }
  try {
    const j = JSON.parse(r.out) as { Username?: string; Secret?: string };
    return j.Secret ? { username: j.Username ?? '', secret: j.Secret } : undefined;
  } catch {
    throw new CredentialHelperError(`docker-credential-${helper} get printed something that is not JSON`);
  }
}

export async function helperStore(
  helper: string,
  serverUrl: string,
  c: Credentials,
  env?: NodeJS.ProcessEnv,
): Promise<void> {
  const r = await helperRun(
    helper,
    'store',
    JSON.stringify({ ServerURL: serverUrl, Username: c.username, Secret: c.secret }),
    env,
  );
  if (r.code !== 0)
    throw new CredentialHelperError(`docker-credential-${helper} store failed: ${r.out.trim().split('\n')[0]}`);
}

export async function helperErase(helper: string, serverUrl: string, env?: NodeJS.ProcessEnv): Promise<void> {
  const r = await helperRun(helper, 'erase', serverUrl, env);
  if (r.code !== 0 && !/not found/i.test(r.out))
    throw new CredentialHelperError(`docker-credential-${helper} erase failed: ${r.out.trim().split('\n')[0]}`);
}
