// Polling for the editor suites: providers answer asynchronously, so tests wait for a state, never a time.
// `seen` describes the state when the wait gives up, so a failure says what was there instead.
export async function until<T>(
  what: string,
  fn: () => T | undefined | false | Promise<T | undefined | false>,
  ms = 30000,
  seen?: () => string | Promise<string>,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${seen ? `; saw: ${await seen()}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
