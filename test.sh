#!/usr/bin/env bash
# Runs Kith's whole test suite: unit tests and the integration tests against a real PostgreSQL server.
# Usage: ./test.sh [extra Maven arguments]
set -euo pipefail
cd "$(dirname "$0")"
. scripts/lib.sh

select_jdk
ensure_maven
if [ -z "${KITH_TEST_PG_HOST:-}" ]; then
  ensure_postgres
fi
# Real peers the integration tests run against: an ACME test CA and other XMPP servers.
for pkg in pebble prosody; do
  command -v "$pkg" >/dev/null || apt_install "$pkg" || log "could not install $pkg; tests that need it will be skipped"
done
if [ ! -x /usr/sbin/ejabberdctl ]; then
  if apt_install ejabberd; then
    # The package may start a system ejabberd on the standard ports; the federation test runs its own.
    if [ -d /run/systemd/system ]; then
      as_root systemctl disable --now ejabberd >/dev/null 2>&1 || true
    elif pgrep -u ejabberd -f 'name ejabberd@' >/dev/null; then
      as_root /usr/sbin/ejabberdctl stop >/dev/null 2>&1 || true
    fi
  else
    log "could not install ejabberd; tests that need it will be skipped"
  fi
fi
command -v turnserver >/dev/null || apt_install coturn || log "could not install coturn; the TURN tests will be skipped"
/usr/bin/python3 -c 'import slixmpp' 2>/dev/null || apt_install python3-slixmpp \
  || log "could not install python3-slixmpp; the third-party client test will be skipped"
log "running the test suite"
mvn -B -ntp install "$@"
