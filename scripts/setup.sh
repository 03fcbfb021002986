#!/usr/bin/env bash
# One command for a newcomer or CI (as root, Debian): system packages, a running Docker engine with
# the offline stand-in images, code-server + Chromium for the editor tier, npm packages, a build.
# Idempotent and quick when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '[setup %s] %s\n' "$(date +%T)" "$*" >&2; }

need=()
# docker-registry + apache2-utils (htpasswd): a real registry on 127.0.0.1 for the digest and registry tests
# (docker tier, and the editor tier's Registries view test).
# podman: the docker tier also runs up and the explorer against Podman's Docker-compatible service.
# shellcheck: `lint` and the editor run it on RUN scripts when present; the unit tier tests the real one.
# openssl: the docker tier's token server signs registry tokens with a certificate it makes.
# squashfs-tools + siftool: `sif` writes an Apptainer image without Apptainer (mksquashfs, then siftool).
for p in docker.io mmdebstrap docker-compose zstd chromium ripgrep libkrb5-dev build-essential git docker-registry apache2-utils podman shellcheck openssl squashfs-tools siftool; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if ((${#need[@]})); then
  log "apt-get install ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
bash test/docker/setup-engine.sh
bash test/editor/setup-editor.sh
log "npm ci"; npm ci --no-audit --no-fund --loglevel=error
log "build"; npm run --silent build
log "ready: npm test"
