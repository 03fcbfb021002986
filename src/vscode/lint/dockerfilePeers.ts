import * as vscode from 'vscode';
import type { DiagnosticsMode } from '../platform/settings';

/** Extensions that already report Dockerfile problems: Container Tools, Docker, Docker DX. */
export const PEER_EXTENSIONS = ['ms-azuretools.vscode-containers', 'ms-azuretools.vscode-docker', 'docker.docker'];

/**
 * Whether a peer reports Dockerfile syntax problems. A peer counts once it is installed and enabled
 * (getExtension hides disabled ones): peers activate on the same `onLanguage:dockerfile` event as we
 * do, so waiting for `isActive` would race, and no event tells us when another extension activates.
 */
export function peerPresent(): boolean {
  return PEER_EXTENSIONS.some((id) => vscode.extensions.getExtension(id) !== undefined);
}

/** Docker DX shows BuildKit's build checks (Docker's language server) besides the syntax findings. */
export const BUILD_CHECK_PEERS = ['docker.docker'];

/** What installed peers show, for core's peerQuiet. */
export function installedPeers(): { syntax: boolean; buildChecks: boolean } {
  return {
    syntax: peerPresent(),
    buildChecks: BUILD_CHECK_PEERS.some((id) => vscode.extensions.getExtension(id) !== undefined),
  };
}

/** `auto`: our syntax diagnostics only when no peer shows them; `always`/`never` override. */
export function syntaxDiagnosticsOn(mode: DiagnosticsMode, peer: boolean): boolean {
  return mode === 'always' || (mode === 'auto' && !peer);
}
