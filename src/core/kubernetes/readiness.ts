// The readiness probe of an app: Kubernetes counts only 200-399 as ready, while the image's HEALTHCHECK counts
// any answer below 500, so a Flask app answering 404 on `/` was never ready (issue 26, defect 10). The probe
// asks a route the app defines (`/`, else a health-like one), else runs the HEALTHCHECK's own program.
import { healthProbeProgram } from '../generate/dockerfile';

/** The paths of the routes a Flask/FastAPI source defines for GET (`@app.route("/")`, `@app.get("/health")`). */
export function appRoutes(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/@\w+\.(route|get)\(\s*["']([^"']*)["']([^)]*)\)/g)) {
    // A route whose methods leave GET out does not answer the probe.
    if (m[1] === 'route' && /methods\s*=/.test(m[3]) && !/["']GET["']/i.test(m[3])) continue;
    if (!out.includes(m[2])) out.push(m[2]);
  }
  return out;
}

const HEALTHY = /^\/(?:health|healthz|healthcheck|ping|ready|readyz|status|live|livez)\/?$/i;

/**
 * The probe for an app whose health path is `path`: httpGet when it is known to answer 2xx (a framework path, or
 * `/` the app routes), else on a health-like route it defines, else the HEALTHCHECK's program as an exec probe.
 * `routes` undefined: not read, `path` as it is.
 */
export function appReadinessProbe(port: number, path: string, routes?: readonly string[]): Record<string, unknown> {
  const timing = { initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 5 };
  const paramless = (r: string) => !/[<{]/.test(r);
  const chosen =
    routes === undefined || path !== '/' || routes.includes('/')
      ? path
      : routes.find((r) => HEALTHY.test(r) && paramless(r));
  if (chosen !== undefined) return { httpGet: { path: chosen, port: 'http' }, ...timing };
  return { exec: { command: ['python', '-c', healthProbeProgram(port, path)] }, ...timing };
}
