#!/bin/sh
# Prints the path of a kubectl that can render deploy/k8s (`kubectl kustomize` needs no cluster), installing
# Debian's package when none is found and this machine can (apt-get, as root or with passwordless sudo):
#   1. $KUBECTL, when set (an executable file);
#   2. kubectl on PATH;
#   3. apt-get install kubectl, or else kubernetes-client (Debian's name for the package that has kubectl);
#   4. otherwise: exit 1 with what to install.
# The overlays use kustomize's `resources:` folders and `patches:` with targets: kubectl 1.21 or newer
# (kustomize v4+); an older one is refused with that message. Debian 12's kubernetes-client (1.20) is too
# old: install a current kubectl (https://kubernetes.io/docs/tasks/tools/) and put it on PATH or in $KUBECTL.
# Messages go to stderr; stdout holds only the path.
set -eu

say() { echo "find-kubectl: $*" >&2; }

# kubectl's minor version (client only, no cluster asked), or nothing
minor() {
  "$1" version --client 2>/dev/null | sed -n 's/.*Client Version: v\{0,1\}[0-9]*\.\([0-9]*\).*/\1/p; s/.*Minor:"\([0-9]*\).*/\1/p' | head -n 1
}

usable() {
  m=$(minor "$1")
  if [ -z "$m" ]; then
    say "$1 did not tell its version (kubectl version --client)"
    return 1
  fi
  if [ "$m" -lt 21 ]; then
    say "$1 is kubectl 1.$m; deploy/k8s needs 1.21 or newer (its kustomize); install a current kubectl and put it on PATH or in \$KUBECTL"
    return 1
  fi
  return 0
}

if [ -n "${KUBECTL:-}" ]; then
  if [ -x "$KUBECTL" ] && usable "$KUBECTL"; then
    echo "$KUBECTL"
    exit 0
  fi
  say "KUBECTL=$KUBECTL is not a usable kubectl"
  exit 1
fi

found=$(command -v kubectl 2>/dev/null || true)
if [ -n "$found" ]; then
  if usable "$found"; then
    echo "$found"
    exit 0
  fi
  exit 1
fi

if command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then
    as_root=""
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root="sudo -n"
  else
    say "no kubectl found, and installing one needs root: run 'sudo apt-get install kubectl' (or set KUBECTL)"
    exit 1
  fi
  say "no kubectl found: installing Debian's package with apt-get"
  # shellcheck disable=SC2086
  $as_root apt-get update -qq >&2 || true
  for package in kubectl kubernetes-client; do
    # shellcheck disable=SC2086
    if DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq "$package" >&2; then
      break
    fi
  done
  found=$(command -v kubectl 2>/dev/null || true)
  if [ -n "$found" ] && usable "$found"; then
    echo "$found"
    exit 0
  fi
fi

say "no usable kubectl: install kubectl 1.21 or newer (Debian/Ubuntu: apt-get install kubectl) or set KUBECTL to one"
exit 1
