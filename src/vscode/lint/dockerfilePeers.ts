import * as vscode from 'vscode';
import type { DiagnosticsMode } from '../platform/settings';
import type { Peers } from '../../core/dockerfile/peerRules';

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

/** The hadolint extension shows hadolint's rules and, through hadolint, ShellCheck's findings. */
export const HADOLINT_PEERS = ['exiasr.hadolint'];

const installed = (ids: string[]) => ids.some((id) => vscode.extensions.getExtension(id) !== undefined);

/** What installed peers show, for core's peerQuiet. */
export function installedPeers(): Peers {
  return { syntax: peerPresent(), buildChecks: installed(BUILD_CHECK_PEERS), hadolint: installed(HADOLINT_PEERS) };
}

/** `auto`: our syntax diagnostics only when no peer shows them; `always`/`never` override. */
export function syntaxDiagnosticsOn(mode: DiagnosticsMode, peer: boolean): boolean {
  return mode === 'always' || (mode === 'auto' && !peer);
}
