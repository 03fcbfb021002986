#!/usr/bin/env bash
# Idempotent: code-server 4.100.3 (a real VS Code 1.100 with a Node extension host) and Debian's
# Chromium, installed offline-safe. @vscode/test-electron cannot download VS Code here; code-server
# installs from npm with the workarounds below. Cached under $DSC_CACHE; prints nothing when ready.
set -euo pipefail
CSV=${CODE_SERVER_VERSION:-4.100.3}     # 4.105+ cannot install offline or needs Node 24
DIR=${DSC_CACHE:-/var/cache/ds-containers}/code-server-$CSV
log() { printf '[editor-setup %s] %s\n' "$(date +%T)" "$*" >&2; }

pk=()
command -v chromium >/dev/null || pk+=(chromium)
command -v rg >/dev/null       || pk+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || pk+=(libkrb5-dev)
command -v g++ >/dev/null      || pk+=(build-essential)
if ((${#pk[@]})); then
  log "apt-get install ${pk[*]}"; apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pk[@]}" >/dev/null
fi

READY=$DIR/node_modules/code-server/lib/vscode/node_modules.asar   # made by code-server's postinstall
[ -e "$READY" ] && exit 0
mkdir -p "$DIR/tmp"
export TMPDIR=$DIR/tmp
export npm_config_unsafe_perm=true   # code-server's postinstall refuses to run as root without it
export npm_config_yes=true           # node-pty's postinstall runs `npx node-gyp`
export npm_config_nodedir=/usr       # node headers from the nodejs package; nothing from nodejs.org
export npm_config_dangerously_allow_all_scripts=true  # npm 11 holds back install scripts; code-server needs its own
export XDG_CONFIG_HOME=$DIR/xdg/config XDG_DATA_HOME=$DIR/xdg/data XDG_CACHE_HOME=$DIR/xdg/cache

# @vscode/ripgrep's postinstall downloads a binary: pre-fill its cache with Debian's rg instead.
W=$(mktemp -d)
( cd "$W"
  npm pack "code-server@$CSV" >/dev/null 2>&1
  RGV=$(tar xzf "code-server-$CSV.tgz" -O package/lib/vscode/npm-shrinkwrap.json |
        node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).packages["node_modules/@vscode/ripgrep"].version))')
  npm pack "@vscode/ripgrep@$RGV" >/dev/null 2>&1
  TAG=$(tar xzf "vscode-ripgrep-$RGV.tgz" -O package/lib/postinstall.js | sed -n "s/^const VERSION = '\(.*\)';/\1/p")
  RGCACHE="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$RGV"
  mkdir -p "$RGCACHE" rgdir && cp "$(command -v rg)" rgdir/rg
  tar czf "$RGCACHE/ripgrep-$TAG-x86_64-unknown-linux-musl.tar.gz" -C rgdir rg )
rm -rf "$W"

log "installing code-server@$CSV (~2 min)"
( cd "$DIR" && { [ -f package.json ] || npm init -y >/dev/null; } &&
  npm install --no-audit --no-fund "code-server@$CSV" > "$DIR/install.log" 2>&1 ) || { tail -40 "$DIR/install.log"; exit 1; }
[ -e "$READY" ] || { tail -40 "$DIR/install.log"; log "code-server's postinstall did not run"; exit 1; }
log "code-server ready at $DIR/node_modules/.bin/code-server"
