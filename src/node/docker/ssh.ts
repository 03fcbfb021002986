// ssh:// endpoints. docker-modem's own ssh mode formats its request URL as "ssh:HOST:PORT/...",
// which Node's url.parse flags with DEP0170 on every call (and future Node versions will reject).
// So the engine talks plain HTTP over an agent whose connections are `docker system dial-stdio`
// sessions over ssh (docker-modem's ssh agent, a fresh one per connection as docker-modem does).
import * as http from 'http';
import type { Duplex } from 'stream';
import { Endpoint } from './endpoint';

type SshAgentFactory = (o: { host?: string; port?: number; username?: string; agent?: string }) => http.Agent;

/** An http.Agent that opens each connection through ssh to the endpoint's host. */
export function sshAgent(ep: Endpoint, env: NodeJS.ProcessEnv = process.env): http.Agent {
  // Loaded lazily, from its own bundle (dist/dockerode-ssh.js): it carries the ssh2 library.
  const factory: SshAgentFactory = require('docker-modem/lib/ssh');
  const config = { host: ep.host, port: ep.port, username: ep.username, agent: env.SSH_AUTH_SOCK };
  class SshAgent extends http.Agent {
    createConnection(options: object, done: (err: Error | null, socket?: Duplex) => void): Duplex | undefined {
      const inner = factory(config) as unknown as { createConnection(o: object, cb: typeof done): Duplex | undefined };
      return inner.createConnection(options, done);
    }
  }
  return new SshAgent();
}
