#!/usr/bin/env bash
# Installs a native PostgreSQL with pgvector (and plpgsql_check) on Debian 12 or 13.
# Idempotent: does nothing that is already done. Needs root (CI runs as root).
# Debian 13: postgresql-17 + postgresql-17-pgvector from the archive.
# Debian 12: postgresql-15 from the archive; pgvector is not packaged there, so it is built
# from Debian 13's `pgvector` source package. The deb-src entry is derived from this machine's
# own apt sources (no host name is written in the repository).
set -euo pipefail

. /etc/os-release
case "${VERSION_CODENAME:-}" in
  trixie)   PGV=17 ;;
  bookworm) PGV=15 ;;
  *) echo "provision-postgres: unsupported OS ${PRETTY_NAME:-unknown}; set TEST_DATABASE_URL to a server with pgvector instead" >&2; exit 1 ;;
esac
export DEBIAN_FRONTEND=noninteractive
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
PG_CONFIG=/usr/lib/postgresql/$PGV/bin/pg_config

need=()
dpkg -s "postgresql-$PGV" >/dev/null 2>&1 || need+=("postgresql-$PGV")
dpkg -s "postgresql-$PGV-plpgsql-check" >/dev/null 2>&1 || need+=("postgresql-$PGV-plpgsql-check")
if [ "$PGV" = 17 ]; then
  dpkg -s postgresql-17-pgvector >/dev/null 2>&1 || need+=(postgresql-17-pgvector)
else
  [ -f "/usr/share/postgresql/$PGV/extension/vector.control" ] || { dpkg -s "postgresql-server-dev-$PGV" >/dev/null 2>&1 || need+=("postgresql-server-dev-$PGV"); }
fi
if [ "${#need[@]}" -gt 0 ]; then
  echo "provision-postgres: installing ${need[*]}"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [ ! -f "/usr/share/postgresql/$PGV/extension/vector.control" ]; then
  # Derive a deb-src entry for trixie from the first Debian stanza of this machine's sources.
  src=/etc/apt/sources.list.d/kitchen-db-trixie-src.sources
  if [ ! -f "$src" ]; then
    if [ -f /etc/apt/sources.list.d/debian.sources ]; then
      awk 'BEGIN{RS="";ORS="\n\n"} /Suites:[^\n]*bookworm([ \n]|$)/ && !done {print; done=1}' \
        /etc/apt/sources.list.d/debian.sources \
        | sed -e 's/^Types:.*/Types: deb-src/' -e 's/^Suites:.*/Suites: trixie/' | $SUDO tee "$src" >/dev/null
    else
      uri=$(awk '$1=="deb" && $3=="bookworm" {print ($2 ~ /^\[/ ? $3 : $2); exit}' /etc/apt/sources.list)
      printf 'Types: deb-src\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$uri" | $SUDO tee "$src" >/dev/null
    fi
    $SUDO apt-get update -qq
  fi
  work=$(mktemp -d)
  ( cd "$work" && apt-get source --download-only pgvector >/dev/null 2>&1 )
  tar -xzf "$work"/pgvector_*.orig.tar.gz -C "$work"
  dir=$(find "$work" -maxdepth 1 -type d -name 'pgvector-*' | head -n1)
  echo "provision-postgres: building $(basename "$dir") against PostgreSQL $PGV"
  make -s -C "$dir" PG_CONFIG="$PG_CONFIG" >/dev/null 2>&1
  $SUDO make -s -C "$dir" PG_CONFIG="$PG_CONFIG" install >/dev/null
  rm -rf "$work"
fi
echo "provision-postgres: PostgreSQL $PGV with pgvector $(sed -n "s/^default_version = '\(.*\)'/\1/p" /usr/share/postgresql/$PGV/extension/vector.control) ready"
