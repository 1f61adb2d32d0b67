#!/bin/sh
# Prints the path of a Chromium for the browser tests (dashboard/browser-tests), installing Debian's
# `chromium` package when none is found and this machine can (apt-get, as root or with passwordless sudo).
#   1. $CHROMIUM_PATH, when set (it must be executable);
#   2. chromium, chromium-browser or google-chrome on PATH;
#   3. apt-get install chromium (Debian/Ubuntu), then its path;
#   4. otherwise: exit 1 with what to install.
# Messages go to stderr; stdout holds only the path.
set -eu

say() { echo "find-chromium: $*" >&2; }

if [ -n "${CHROMIUM_PATH:-}" ]; then
  if [ -x "$CHROMIUM_PATH" ]; then
    echo "$CHROMIUM_PATH"
    exit 0
  fi
  say "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file"
  exit 1
fi

find_on_path() {
  for name in chromium chromium-browser google-chrome google-chrome-stable; do
    found=$(command -v "$name" 2>/dev/null || true)
    if [ -n "$found" ]; then
      echo "$found"
      return 0
    fi
  done
  return 1
}

if find_on_path; then
  exit 0
fi

if command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then
    as_root=""
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root="sudo -n"
  else
    say "no Chromium found, and installing one needs root: run 'sudo apt-get install chromium' (or set CHROMIUM_PATH)"
    exit 1
  fi
  say "no Chromium found: installing Debian's chromium package with apt-get (a few minutes, once)"
  export DEBIAN_FRONTEND=noninteractive
  $as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2 \
    || $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-browser >&2
  if find_on_path; then
    say "installed"
    exit 0
  fi
  say "apt-get finished but no chromium is on PATH"
  exit 1
fi

say "no Chromium found. Install Chromium or Google Chrome (Debian/Ubuntu: apt-get install chromium; macOS: brew install --cask chromium), or set CHROMIUM_PATH to its executable"
exit 1
