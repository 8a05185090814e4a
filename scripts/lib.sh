# Shell functions shared by install.sh, test.sh and the benchmark script. Source it; don't run it.

log() { printf '\033[1m[kith]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[kith] error:\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root for: $*"; fi
}

apt_install() {
  command -v apt-get >/dev/null || die "apt-get not found: install $* by hand"
  if [ -z "${KITH_APT_UPDATED:-}" ]; then as_root apt-get update -qq >&2 || true; KITH_APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >&2
}

java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1 | cut -d. -f1; }

# Sets JAVA_HOME to a JDK >= 21: $JAVA_HOME if it qualifies, else the newest under /usr/lib/jvm,
# else one installed with apt.
select_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -ge 21 ]; then
    export JAVA_HOME; return
  fi
  local best="" best_v=0 d v
  for d in /usr/lib/jvm/*/; do
    [ -x "$d/bin/javac" ] || continue
    v=$(java_major "$d/bin/java"); v=${v:-0}
    if [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best=${d%/}; best_v=$v; fi
  done
  if [ -z "$best" ]; then
    log "no JDK 21 or newer found; installing one with apt"
    apt_install openjdk-21-jdk-headless || apt_install openjdk-25-jdk-headless || die "could not install a JDK >= 21"
    select_jdk; return
  fi
  export JAVA_HOME=$best
  log "using JDK $best_v at $JAVA_HOME"
}

ensure_maven() {
  command -v mvn >/dev/null || { log "installing Maven"; apt_install maven; }
}

pg_ready() { (exec 3<>"/dev/tcp/${1:-127.0.0.1}/${2:-5432}") 2>/dev/null; }

# Makes sure a PostgreSQL server answers on 127.0.0.1:5432: starts an installed cluster, or installs one.
ensure_postgres() {
  pg_ready && return 0
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    log "installing PostgreSQL"
    apt_install postgresql
  fi
  local version
  version=$(ls /etc/postgresql | sort -V | tail -1)
  log "starting PostgreSQL $version"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 2>/dev/null \
    || as_root pg_ctlcluster "$version" main start >&2 || true
  for _ in $(seq 1 30); do pg_ready && return 0; sleep 1; done
  die "PostgreSQL does not answer on 127.0.0.1:5432"
}

# Runs SQL as the PostgreSQL superuser (peer auth as the postgres OS user, or trust on loopback).
psql_admin() {
  if [ "$(id -u)" -eq 0 ] && id postgres >/dev/null 2>&1; then
    runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qAt "$@"
  else
    psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt "$@"
  fi
}
