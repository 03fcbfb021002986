// login, logout, push, pull: registries the way the Docker CLI uses them (same config file, same
// credential helpers), with the engine doing the transfers.
import { CliCommand, CliError, CliIo } from '../io';
import { parseArgs } from '../args';
import { engineFor } from './dockerShared';
import { isValidTag } from '../../core/docker/tag';
import {
  parseReference,
  referenceProblem,
  registryHostProblem,
  registryKey,
  registryLabel,
} from '../../core/registry/reference';
import { eraseCredentials, storeCredentials } from '../../node/registry/credentials';
import { CredentialHelperError } from '../../node/registry/credHelper';
import { RegistryError, verifyLogin } from '../../node/registry/client';
import { TransferError, transferImage } from '../../node/registry/transfer';

export const loginCommand: CliCommand = {
  name: 'login',
  usage: 'login REGISTRY [--username U] [--password-stdin]',
  summary: 'check credentials against a registry and store them where Docker does (its credential helper when set)',
  run: (argv, io) =>
    userFacing(async () => {
      const a = parseArgs(argv, ['password-stdin'], ['username', 'u']);
      const key = oneRegistry(a.positional, 'login');
      const shown = registryLabel(key);
      const username = str(a.flags.get('username') ?? a.flags.get('u'));
      if (!username) throw new CliError('--username U is required');
      let password: string;
      if (a.flags.has('password-stdin')) password = (await readAll(io)).replace(/\r?\n$/, '');
      else
        throw new CliError(
          'give the password on standard input with --password-stdin (e.g. from a secret store), never as an argument',
        );
      if (!password) throw new CliError('the password on standard input is empty');
      await verifyLogin(key, { username, secret: password }, { signal: io.signal });
      const where = await storeCredentials(key, { username, secret: password }, io.env);
      io.out(`logged in to ${shown} as ${username} (credentials in ${where})`);
      return 0;
    }),
};

export const logoutCommand: CliCommand = {
  name: 'logout',
  usage: 'logout REGISTRY',
  summary: 'remove the stored credentials for a registry',
  run: (argv, io) =>
    userFacing(async () => {
      const key = oneRegistry(parseArgs(argv, []).positional, 'logout');
      const shown = registryLabel(key);
      io.out((await eraseCredentials(key, io.env)) ? `logged out of ${shown}` : `not logged in to ${shown}`);
      return 0;
    }),
};

export const pushCommand: CliCommand = {
  name: 'push',
  usage: 'push IMAGE',
  summary: 'push a local image (REGISTRY/NAME:TAG) with the stored credentials; prints its digest',
  run: (argv, io) => transfer('push', argv, io),
};

export const pullCommand: CliCommand = {
  name: 'pull',
  usage: 'pull IMAGE',
  summary: 'pull an image (REGISTRY/NAME[:TAG], latest when no tag) with the stored credentials',
  run: (argv, io) => transfer('pull', argv, io),
};

async function transfer(kind: 'push' | 'pull', argv: string[], io: CliIo): Promise<number> {
  return userFacing(async () => {
    const a = parseArgs(argv, []);
    if (a.positional.length !== 1) throw new CliError(`expected one image: ${kind} IMAGE`);
    const ref = a.positional[0];
    if (!isValidTag(ref.split('@')[0]))
      throw new CliError(
        `"${ref}" is not an image reference: ` +
          'use lower-case REGISTRY/NAME:TAG, e.g. registry.example.com/team/churn:1.0',
      );
    const problem = referenceProblem(ref, kind === 'push');
    if (problem) throw new CliError(problem);
    const engine = engineFor(io);
    if (kind === 'push' && !(await engine.imageSummary(ref)))
      throw new CliError(`no local image ${ref}: build or tag it first`);
    const full = kind === 'pull' && !parseReference(ref).tag && !parseReference(ref).digest ? `${ref}:latest` : ref;
    const r = await transferImage(engine, kind, full, { env: io.env, signal: io.signal, onLine: io.err });
    io.out(`${kind === 'push' ? 'pushed' : 'pulled'} ${full}${r.digest ? ` (${r.digest})` : ''}`);
    return 0;
  });
}

/** Registry, helper and transfer failures are the user's to act on: one line, exit 1. */
async function userFacing(fn: () => Promise<number>): Promise<number> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof RegistryError || e instanceof TransferError || e instanceof CredentialHelperError)
      throw new CliError(e.message, 1);
    throw e;
  }
}

function oneRegistry(positional: string[], verb: string): string {
  if (positional.length !== 1)
    throw new CliError(`expected one registry: ${verb} REGISTRY (e.g. ghcr.io, registry.example.com:5000)`);
  const problem = registryHostProblem(positional[0]);
  if (problem) throw new CliError(problem);
  return registryKey(positional[0]);
}

async function readAll(io: CliIo): Promise<string> {
  if (!io.stdin) throw new CliError('--password-stdin: no standard input');
  let text = '';
  for await (const chunk of io.stdin)
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
  return text;
}

function str(v: string | true | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
