/** What other installed extensions already show for Dockerfiles. */
export interface Peers {
  /** dockerfile-utils' findings (Container Tools, Docker, Docker DX). */
  syntax: boolean;
  /** BuildKit's build checks (Docker DX, through Docker's language server). */
  buildChecks: boolean;
}

/**
 * Which of our rules keep quiet under `dsContainers.dockerfile.diagnostics` (auto: what a peer shows;
 * always: nothing; never: like a peer that shows everything), so that one problem is one diagnostic.
 */
export function peerQuiet(mode: string, peers: Peers): { buildChecks: boolean; peerShowsSyntax: boolean } {
  if (mode === 'always') return { buildChecks: true, peerShowsSyntax: false };
  if (mode === 'never') return { buildChecks: false, peerShowsSyntax: true };
  return { buildChecks: !peers.buildChecks, peerShowsSyntax: peers.syntax };
}
