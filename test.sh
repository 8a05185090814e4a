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
/usr/bin/python3 -c 'import slixmpp' 2>/dev/null || apt_install python3-slixmpp \
  || log "could not install python3-slixmpp; the third-party client test will be skipped"
log "running the test suite"
mvn -B -ntp install "$@"
