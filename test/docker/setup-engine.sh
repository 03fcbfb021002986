#!/usr/bin/env bash
# Idempotent: a running Docker engine (Debian's docker.io, started without systemd) and the offline
# stand-in images the docker tier needs. Nothing can be pulled on these machines, so the images are
# built from Debian packages: a python:3.11-slim look-alike, a scientific one, a Jupyter one, and an older
# Python (bullseye's 3.9).
# Fast when the images exist; tarballs are cached under $DSC_CACHE so a reused machine skips mmdebstrap.
set -euo pipefail
MIRROR=${DEBIAN_MIRROR:-$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | sed -n 's/^URIs: *//p' | head -n1)}
[ -n "$MIRROR" ] || MIRROR=$(sed -n 's/^deb \(\[[^]]*\] \)\{0,1\}\([^ ]*\).*/\2/p' /etc/apt/sources.list 2>/dev/null | head -n1)
CACHE=${DSC_CACHE:-/var/cache/ds-containers}/images
SLIM_TAG=python:3.11-slim
SCI_TAG=local/python:3.11-scipy
JUP_TAG=local/jupyter:3.11
WEB_TAG=local/python:3.11-web
FLASK_TAG=local/python:3.11-flask
export DEBIAN_FRONTEND=noninteractive DOCKER_BUILDKIT=0   # the legacy builder needs no buildx plugin
log() { printf '[engine-setup %s] %s\n' "$(date +%T)" "$*" >&2; }
have() { docker image inspect "$1" >/dev/null 2>&1; }

pk=()
command -v dockerd >/dev/null        || pk+=(docker.io)
command -v mmdebstrap >/dev/null     || pk+=(mmdebstrap)
command -v docker-compose >/dev/null || pk+=(docker-compose)
command -v zstd >/dev/null           || pk+=(zstd)
if ((${#pk[@]})); then
  log "apt-get install ${pk[*]}"; apt-get update -qq; apt-get install -y -qq "${pk[@]}" >/dev/null
fi

if ! docker info >/dev/null 2>&1; then            # no systemd on these machines: start it ourselves
  log "starting dockerd"; nohup dockerd >/var/log/dockerd-dsc.log 2>&1 &
  for _ in $(seq 120); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
  docker info >/dev/null 2>&1 || { tail -n 30 /var/log/dockerd-dsc.log; exit 1; }
fi

mkdir -p "$CACHE"
ENVS='ENV LANG=C.UTF-8 PYTHON_VERSION=3.11.2 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_RETRIES=0 PIP_TIMEOUT=5 PIP_BREAK_SYSTEM_PACKAGES=1'
if ! have "$SLIM_TAG"; then
  t=$CACHE/py311-slim.rootfs.tar.zst
  if [ ! -s "$t" ]; then
    log "mmdebstrap $SLIM_TAG rootfs (~1 min)"
    mmdebstrap --quiet --variant=minbase --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
      --include=python3,python3-pip,python3-venv,python-is-python3,ca-certificates \
      --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
      --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-include=/usr/share/locale/locale.alias' \
      --customize-hook='rm -f "$1"/usr/lib/python3*/EXTERNALLY-MANAGED' \
      bookworm - "$MIRROR" 2>"$CACHE/mmdebstrap.log" | zstd -T0 -3 -q -o "$t.tmp"
    mv "$t.tmp" "$t"
  fi
  log "importing $SLIM_TAG"
  zstd -dc "$t" | docker import -c "$ENVS" -c 'CMD ["python3"]' - "$SLIM_TAG" >/dev/null
fi

# An OLDER Python: bullseye's 3.9 with its numpy 1.19.5 (wheels for CPython 3.6-3.9 only), so that pins
# which cannot install on 3.11 build offline on the base the scaffold proposes (pip finds them installed).
OLD_TAG=python:3.9-slim
if ! have "$OLD_TAG"; then
  t=$CACHE/py39-slim.rootfs.tar.zst
  if [ ! -s "$t" ]; then
    log "mmdebstrap $OLD_TAG rootfs from bullseye (~1 min)"
    mmdebstrap --quiet --variant=minbase \
      --include=python3,python3-pip,python-is-python3,python3-numpy,ca-certificates \
      --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
      --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-include=/usr/share/locale/locale.alias' \
      bullseye - "$MIRROR" 2>"$CACHE/mmdebstrap-bullseye.log" | zstd -T0 -3 -q -o "$t.tmp"
    mv "$t.tmp" "$t"
  fi
  log "importing $OLD_TAG"
  zstd -dc "$t" | docker import -c "${ENVS/3.11.2/3.9.2}" -c 'CMD ["python3"]' - "$OLD_TAG" >/dev/null
fi

# build_on TAG CACHE-NAME PACKAGES [EXTRA-RUN]: an image FROM the slim stand-in with Debian packages.
build_on() {
  local tag=$1 name=$2 pkgs=$3 extra=${4:-true} t=$CACHE/$2.image.tar.zst
  have "$tag" && return 0
  if [ -s "$t" ]; then log "loading $tag from cache"; zstd -dc "$t" | docker load -q >/dev/null; return 0; fi
  log "building $tag (apt inside the build)"
  local X='-o Dpkg::Options::=--path-exclude='
  printf '%s\n' "FROM $SLIM_TAG" "RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends \
${X}/usr/share/doc/* ${X}/usr/share/man/* ${X}/usr/include/boost/* $pkgs >/dev/null \
&& apt-get clean && rm -rf /var/lib/apt/lists/* && $extra" | docker build -q -t "$tag" - >/dev/null
  docker save "$tag" | zstd -T0 -3 -q -o "$t.tmp" && mv "$t.tmp" "$t"
}
build_on "$SCI_TAG" py311-scipy 'python3-numpy python3-pandas python3-sklearn python3-matplotlib'
# Jupyter images ship `jupyter lab`; Debian has the classic notebook server only, so the stand-in maps
# `jupyter lab` onto it (same flags, same token in the log) to behave like a jupyter/* base image.
build_on "$JUP_TAG" jupyter311 'jupyter-notebook python3-numpy' \
  "printf '#!/bin/sh\nexec jupyter-notebook \"\$@\"\n' >/usr/local/bin/jupyter-lab && chmod +x /usr/local/bin/jupyter-lab"
# FastAPI and uvicorn from Debian: the docker tier serves a FastAPI app from bare source with them.
# Debian's fastapi 0.92 declares starlette<0.26 beside Debian's starlette 0.26.1: relax that one bound in its
# metadata, or pip (offline) tries to resolve a starlette no index can give here.
build_on "$WEB_TAG" py311-web 'python3-fastapi python3-uvicorn python3-numpy' \
  "sed -i 's/^Requires-Dist: starlette.*/Requires-Dist: starlette/' /usr/lib/python3/dist-packages/fastapi-*.dist-info/METADATA"
# Flask from Debian (2.2): the docker tier starts a Flask app the way its README does (`python main.py PORT`).
build_on "$FLASK_TAG" py311-flask 'python3-flask python3-numpy'
docker run --rm "$WEB_TAG" pip install --no-index -q --root-user-action=ignore fastapi uvicorn >/dev/null
# A non-root host user in the docker group: the dev container test runs the Dev Containers CLI as this user to
# prove that the container's user takes the host user's UID (as root, UID 0, there is nothing to align).
getent passwd dsc-dev >/dev/null || useradd --uid 1234 --user-group --no-create-home --groups docker --shell /usr/sbin/nologin dsc-dev
docker run --rm "$SCI_TAG" python -c 'import numpy, pandas, sklearn, matplotlib' >/dev/null
docker run --rm "$WEB_TAG" python -c 'import fastapi, uvicorn' >/dev/null
docker run --rm "$JUP_TAG" jupyter lab --version >/dev/null
docker run --rm "$OLD_TAG" python -c 'import numpy' >/dev/null
docker run --rm "$FLASK_TAG" python -c 'import flask' >/dev/null
log "ready: $SLIM_TAG $SCI_TAG $JUP_TAG $WEB_TAG $OLD_TAG $FLASK_TAG"
