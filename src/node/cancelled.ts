/**
 * The error a long job throws when its AbortSignal fires. Named AbortError, like the platform's own
 * aborts, so the editor's error boundary can stay silent for a cancel the user asked for.
 */
export function cancelled(what: string): Error {
  const e = new Error(`${what} cancelled`);
  e.name = 'AbortError';
  return e;
}
