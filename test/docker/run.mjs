// Docker tier: node:test files under out/test/docker against the real engine; one line if none.
import http from 'node:http';
import { run, unavailable, nodeTest, inCI } from '../tiers.mjs';

function ping() {
  const host = process.env.DOCKER_HOST || 'unix:///var/run/docker.sock';
  const opts = host.startsWith('unix://')
    ? { socketPath: host.slice(7) }
    : (() => {
        const u = new URL(host.replace(/^tcp:/, 'http:'));
        return { host: u.hostname, port: u.port };
      })();
  return new Promise((resolve) => {
    const req = http.get({ ...opts, path: '/_ping', timeout: 3000 }, (r) => {
      r.resume();
      resolve(r.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  }).then((ok) => ({ ok, host }));
}

const { ok, host } = await ping();
if (!ok) unavailable('docker', `no Docker engine answers at ${host} (run test/docker/setup-engine.sh)`);
const r = await run(nodeTest('out/test/docker/'), {
  env: { ...process.env, DSC_DOCKER_TIER: '1', CI: inCI ? 'true' : '' },
});
process.exitCode = r.code;
