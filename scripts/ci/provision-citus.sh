#!/usr/bin/env bash
# Builds and installs Citus 13.2.2 for the native PostgreSQL 15 from the vendored source, with a
# cache: the first run builds (about 10 minutes on 2 busy cores) and stages the installed files
# under ~/.cache/kitchen-db/citus-…; every later run with the same tarball and the same PostgreSQL
# only copies them into place (seconds). Idempotent; prints what it did. Needs root (CI runs as root)
# and PostgreSQL 15 with its server headers (scripts/ci/provision-postgres.sh on Debian 12).
#
# The source is ../shared/vendor/citus-13.2.2.tar.gz beside the clone (CI has a read-only copy of
# shared/ there), or beside the repository the clone was made from (a clean clone in /tmp of a
# local checkout); override with CITUS_TARBALL. Its sha256 is checked. The tarball is only needed
# for a cold build: the cache key uses the pinned sha256, so a warm cache installs without it. The
# tarball is never modified: the PostgreSQL 15.20 compatibility fix (below) is applied to a
# temporary unpacked copy.
#
# Environment:
#   CITUS_TARBALL     path of the source tarball (default ../shared/vendor/citus-13.2.2.tar.gz, then
#                     the same path beside the local repository the clone's origin points to)
#   CITUS_PG_CONFIG   pg_config of the target server (default /usr/lib/postgresql/15/bin/pg_config)
#   CITUS_CACHE       cache root (default ${XDG_CACHE_HOME:-$HOME/.cache}/kitchen-db)
#   CITUS_WITH_LLVM   yes to also build the LLVM bitcode for JIT inlining (needs clang-14; default no:
#                     it doubles the compile time and only lets JIT inline Citus's own functions)
#   CITUS_JOBS        make -j (default: the number of cores)
set -euo pipefail
cd "$(dirname "$0")/../.."

CITUS_VERSION=13.2.2
CITUS_SHA256=dd2453caec20a830e5e63f1def5c5a98cb6f57ae510407cdcd800916fcdab430
RECIPE=1   # bump when the build recipe below changes: it is part of the cache key
if [ -n "${CITUS_TARBALL:-}" ]; then
  tarball=$CITUS_TARBALL
else
  tarball=../shared/vendor/citus-$CITUS_VERSION.tar.gz
  origin=$(git config --get remote.origin.url 2>/dev/null || true)
  if [ ! -f "$tarball" ] && [ -n "$origin" ] && [ -d "$origin" ] && [ -f "$origin/../shared/vendor/citus-$CITUS_VERSION.tar.gz" ]; then
    tarball=$origin/../shared/vendor/citus-$CITUS_VERSION.tar.gz
  fi
fi
PG_CONFIG=${CITUS_PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
cache_root=${CITUS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kitchen-db}
with_llvm=${CITUS_WITH_LLVM:-no}
jobs=${CITUS_JOBS:-$(nproc)}
say() { echo "provision-citus: $*"; }
die() { echo "provision-citus: $*" >&2; exit 1; }
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
t0=$(date +%s)

[ -x "$PG_CONFIG" ] || die "no $PG_CONFIG: install PostgreSQL 15 with its server headers first (scripts/ci/provision-postgres.sh)"
pg_version=$("$PG_CONFIG" --version | awk '{print $2}')          # e.g. 15.20
pg_major=${pg_version%%.*}
pkglibdir=$("$PG_CONFIG" --pkglibdir)
sharedir=$("$PG_CONFIG" --sharedir)

# The key names the pinned sha256: a cache entry can only have been built from a tarball that had it.
sha=$CITUS_SHA256
key="citus-$CITUS_VERSION-pg$pg_version-${sha:0:16}-r$RECIPE-llvm_$with_llvm"
cache="$cache_root/$key"

# Build dependencies (SCALE-OUT.md). Installed only when something is missing.
apt_need() {
  local need=() p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
  if [ "${#need[@]}" -gt 0 ]; then
    say "apt: installing ${need[*]}"
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
}
build_deps=("postgresql-server-dev-$pg_major" gcc make libcurl4-openssl-dev liblz4-dev libzstd-dev
            libkrb5-dev libselinux1-dev libxslt1-dev libpam0g-dev)
[ "$with_llvm" = yes ] && build_deps+=(clang-14 llvm-14)

# 1. Build into the cache unless it holds this key already.
if [ -f "$cache/complete" ]; then
  say "cache hit: $cache"
else
  [ -f "$tarball" ] || die "no Citus source at $tarball and no build in $cache (set CITUS_TARBALL)"
  tar_sha=$(sha256sum "$tarball" | awk '{print $1}')
  [ "$tar_sha" = "$CITUS_SHA256" ] || die "sha256 of $tarball is $tar_sha, expected $CITUS_SHA256: refusing to build it"
  apt_need "${build_deps[@]}"
  work=$(mktemp -d /tmp/kitchen-db-citus-build.XXXXXX)
  say "cold build of Citus $CITUS_VERSION against PostgreSQL $pg_version in $work (make -j$jobs, LLVM bitcode: $with_llvm)"
  tar -xzf "$tarball" -C "$work"
  src="$work/citus-$CITUS_VERSION"
  # PostgreSQL 15.20's commands/dbcommands.h declares `extern bool have_createdb_privilege(void)`;
  # Citus 13.2.2's pg_version_compat.h (PG < 16 branch) also defines a `static inline` one, and
  # the build stops with "static declaration of 'have_createdb_privilege' follows non-static
  # declaration". Rename Citus's copy: it is then unused and PostgreSQL's own is linked.
  compat="$src/src/include/pg_version_compat.h"
  if grep -q '^have_createdb_privilege(void)$' "$compat" \
     && grep -qs 'extern bool have_createdb_privilege' "$("$PG_CONFIG" --includedir-server)/commands/dbcommands.h"; then
    sed -i 's/^have_createdb_privilege(void)$/citus_compat_have_createdb_privilege_unused(void)/' "$compat"
    say "applied the have_createdb_privilege compat fix to the unpacked copy"
  fi
  b0=$(date +%s)
  ( cd "$src" && ./configure PG_CONFIG="$PG_CONFIG" >"$work/configure.log" 2>&1 ) \
    || { tail -n 40 "$work/configure.log" >&2; die "configure failed"; }
  ( cd "$src" && make -j"$jobs" with_llvm="$with_llvm" >"$work/make.log" 2>&1 ) \
    || { grep -E 'error|Error' "$work/make.log" | head -n 20 >&2; die "make failed (log: $work/make.log)"; }
  staging="$work/stage"
  ( cd "$src" && make install with_llvm="$with_llvm" DESTDIR="$staging" >"$work/install.log" 2>&1 ) \
    || { tail -n 20 "$work/install.log" >&2; die "make install failed"; }
  [ -f "$staging$pkglibdir/citus.so" ] || die "the staged tree has no $pkglibdir/citus.so"
  mkdir -p "$cache_root"
  rm -rf "$cache.tmp" && mkdir -p "$cache.tmp"
  mv "$staging" "$cache.tmp/root"
  ( cd "$cache.tmp/root" && find . -type f -o -type l | sed 's|^\.||' | sort ) >"$cache.tmp/files"
  printf 'citus %s\nsource sha256 %s\npostgresql %s\nbuilt %s in %ss\n' "$CITUS_VERSION" "$sha" \
    "$pg_version" "$(date -u +%FT%TZ)" "$(( $(date +%s) - b0 ))" >"$cache.tmp/complete"
  rm -rf "$cache" && mv "$cache.tmp" "$cache"
  rm -rf "$work"   # kept on failure, for its logs
  say "built in $(( $(date +%s) - b0 ))s, staged in $cache ($(wc -l <"$cache/files") files)"
fi

# 2. Install: copy the staged files into place unless they are there already, byte for byte.
installed=yes
while read -r f; do cmp -s "$cache/root$f" "$f" || { installed=no; break; }; done <"$cache/files"
if [ "$installed" = yes ]; then
  say "already installed (every staged file matches)"
else
  $SUDO cp -a --no-preserve=ownership "$cache/root/." /
  say "installed $(wc -l <"$cache/files") files from the cache into $pkglibdir, $sharedir/extension …"
fi

# 3. Runtime libraries (a cache restored onto a fresh machine may lack them).
if ldd "$pkglibdir/citus.so" | grep -q 'not found'; then
  say "citus.so misses libraries: $(ldd "$pkglibdir/citus.so" | awk '/not found/ {print $1}' | xargs)"
  apt_need libcurl4 liblz4-1 libzstd1
  ! ldd "$pkglibdir/citus.so" | grep -q 'not found' || die "citus.so still misses libraries"
fi
say "Citus $(sed -n "s/^default_version = '\(.*\)'/\1/p" "$sharedir/extension/citus.control") ready for PostgreSQL $pg_version ($(( $(date +%s) - t0 ))s)"
