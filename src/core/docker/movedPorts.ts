// A server's port that was taken on the host is published on another one; the server's own banner still
// names the container port ("Running on http://0.0.0.0:5000"), so the move is said once, in one line per
// port (issue 26, defect 10: the fallback was silent).

/** One line per container port published on another host port than its own. */
export function movedPortLines(hostPorts: ReadonlyMap<number, number>): string[] {
  return [...hostPorts]
    .filter(([c, h]) => c !== h)
    .map(
      ([c, h]) =>
        `port ${c} is in use on this machine, so the server is published on ${h} instead: ` +
        `where its own output says :${c}, open http://127.0.0.1:${h}`,
    );
}

/** URLs in a server's output rewritten to the host port they are published on (`http://0.0.0.0:5000` → …:49153). */
export function rewriteToHostPorts(text: string, hostPorts: ReadonlyMap<number, number>): string {
  return text.replace(/https?:\/\/[^\s/:]+:(\d+)(?=[/?\s"')]|$)/g, (m, p: string) => {
    const h = hostPorts.get(Number(p));
    return h && h !== Number(p) ? `http://127.0.0.1:${h}` : m;
  });
}
