#!/bin/sh
# Prints the command of a Docker Compose client that can check docker-compose.yml (`config -q` needs no Docker
# daemon), installing Debian's `docker-compose` package when none is found and this machine can (apt-get, as root
# or with passwordless sudo; without its recommended docker.io: the client is all the check needs).
#   1. $DOCKER_COMPOSE, when set (an executable file);
#   2. docker-compose on PATH (the standalone client: Debian's v1 package or Compose v2's binary);
#   3. `docker compose` (the v2 plugin of the docker CLI), when the docker CLI has it;
#   4. apt-get install docker-compose (Debian/Ubuntu), then its path;
#   5. otherwise: exit 1 with what to install.
# Messages go to stderr; stdout holds only the command (one line: a path, or "<docker path> compose").
set -eu

say() { echo "find-docker-compose: $*" >&2; }

if [ -n "${DOCKER_COMPOSE:-}" ]; then
  if [ -x "$DOCKER_COMPOSE" ]; then
    echo "$DOCKER_COMPOSE"
    exit 0
  fi
  say "DOCKER_COMPOSE=$DOCKER_COMPOSE is not an executable file"
  exit 1
fi

find_client() {
  found=$(command -v docker-compose 2>/dev/null || true)
  if [ -n "$found" ]; then
    echo "$found"
    return 0
  fi
  docker=$(command -v docker 2>/dev/null || true)
  # `docker compose version` asks the plugin only, not the daemon
  if [ -n "$docker" ] && "$docker" compose version >/dev/null 2>&1; then
    echo "$docker compose"
    return 0
  fi
  return 1
}

if find_client; then
  exit 0
fi

if command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then
    as_root=""
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root="sudo -n"
  else
    say "no Docker Compose client found, and installing one needs root: run 'sudo apt-get install docker-compose' (or set DOCKER_COMPOSE)"
    exit 1
  fi
  say "no Docker Compose client found: installing Debian's docker-compose package with apt-get (once)"
  $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >&2 \
    || { $as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 \
         && $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >&2; } || true
  if find_client; then
    say "installed"
    exit 0
  fi
  say "apt-get finished but no docker-compose is on PATH"
  exit 1
fi

say "no Docker Compose client found. Install Docker Compose (Debian/Ubuntu: apt-get install docker-compose; elsewhere: Docker Desktop or the docker-compose-plugin package), or set DOCKER_COMPOSE to its executable"
exit 1
