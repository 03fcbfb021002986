/** The Registry HTTP API v2's auth challenge (WWW-Authenticate) and the engine's progress messages (pure). */

export interface Challenge {
  scheme: 'basic' | 'bearer';
  params: Record<string, string>;
}

/** `Bearer realm="https://auth.example/token",service="registry",scope="…"` → scheme and params. */
export function parseChallenge(header: string | null | undefined): Challenge | undefined {
  const m = /^\s*(\w+)\s*(.*)$/s.exec(header ?? '');
  if (!m) return undefined;
  const scheme = m[1].toLowerCase();
  if (scheme !== 'basic' && scheme !== 'bearer') return undefined;
  const params: Record<string, string> = {};
  for (const p of m[2].matchAll(/(\w+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g))
    params[p[1].toLowerCase()] = p[2] ?? p[3] ?? '';
  return { scheme, params };
}

/** One message of a push or pull stream, as the engine sends it. */
export interface TransferMessage {
  status?: string;
  id?: string;
  progress?: string;
  error?: string;
  errorDetail?: { message?: string };
  aux?: { Tag?: string; Digest?: string; Size?: number };
}

/**
 * Condenses a transfer's messages to lines a terminal can follow: one per layer and state change
 * ("a1b2c3: Pushed"), not one per progress tick. Returns undefined for a message that adds nothing.
 */
export function transferLine(m: TransferMessage, seen: Map<string, string>): string | undefined {
  if (!m.status) return undefined;
  if (!m.id) return m.status;
  if (seen.get(m.id) === m.status) return undefined;
  seen.set(m.id, m.status);
  return `${m.id}: ${m.status}`;
}
