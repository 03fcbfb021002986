/** What other installed extensions already show for Dockerfiles. */
export interface Peers {
  /** dockerfile-utils' findings (Container Tools, Docker, Docker DX). */
  syntax: boolean;
  /** BuildKit's build checks (Docker DX, through Docker's language server). */
  buildChecks: boolean;
  /** hadolint's rules and the ShellCheck findings it includes (the hadolint extension). */
  hadolint?: boolean;
}

/** What our lint leaves to peers (dscLint's options, plus whether ShellCheck's findings are theirs). */
export interface PeerQuiet {
  buildChecks: boolean;
  peerShowsSyntax: boolean;
  peerShowsHadolint: boolean;
}

/**
 * Which of our rules keep quiet under `dsContainers.dockerfile.diagnostics` (auto: what a peer shows;
 * always: nothing; never: like a peer that shows everything), so that one problem is one diagnostic.
 */
export function peerQuiet(mode: string, peers: Peers): PeerQuiet {
  if (mode === 'always') return { buildChecks: true, peerShowsSyntax: false, peerShowsHadolint: false };
  if (mode === 'never') return { buildChecks: false, peerShowsSyntax: true, peerShowsHadolint: true };
  return { buildChecks: !peers.buildChecks, peerShowsSyntax: peers.syntax, peerShowsHadolint: !!peers.hadolint };
}
