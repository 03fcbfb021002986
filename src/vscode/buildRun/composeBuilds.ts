import * as fs from 'fs';
import * as path from 'path';
import { composeFileFor } from '../platform/target';

/** The compose file next to the Dockerfile when one of its services builds that Dockerfile. */
export function composeBuilding(dockerfile: string): string | undefined {
  const dir = path.dirname(dockerfile);
  const file = composeFileFor(dir);
  if (!file) return undefined;
  let doc: { services?: Record<string, { build?: string | { context?: string; dockerfile?: string } }> };
  try {
    // Loaded on first use from its own chunk (scripts/bundle.mjs): activation does not parse it.
    const { parse } = require('yaml') as typeof import('yaml');
    doc = parse(fs.readFileSync(file, 'utf8')) ?? {};
  } catch {
    return undefined; // a broken compose file gets no lens; compose itself will say why
  }
  for (const svc of Object.values(doc.services ?? {})) {
    const b = svc?.build;
    if (!b) continue;
    const context = path.resolve(dir, typeof b === 'string' ? b : (b.context ?? '.'));
    const df = path.resolve(context, typeof b === 'string' ? 'Dockerfile' : (b.dockerfile ?? 'Dockerfile'));
    if (df === path.resolve(dockerfile)) return file;
  }
  return undefined;
}
