/** Which engine answers the Docker API: Docker itself, or Podman's compatible service (pure). */
export type EngineKind = 'docker' | 'podman';

/** The /version answer names the engine in its Components (Podman: "Podman Engine"). */
export function engineKindOf(version: { Components?: { Name?: string }[] | null }): EngineKind {
  return (version.Components ?? []).some((c) => /podman/i.test(c.Name ?? '')) ? 'podman' : 'docker';
}

/**
 * What Podman's Docker-compatible service does not do, said once where it matters. Builds use its
 * classic build endpoint (no BuildKit session, so no `RUN --mount=type=cache`).
 */
export const podmanLimits = {
  buildkit:
    'Podman builds with its own builder (Buildah) through the classic build endpoint: ' +
    'no BuildKit, so RUN --mount cache mounts are ignored or rejected',
  compose:
    'compose needs podman-compose, or `docker compose` pointed at the Podman socket (DOCKER_HOST); ' +
    'this extension does not start Podman for you',
} as const;
