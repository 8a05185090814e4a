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
log "running the test suite"
mvn -B -ntp install "$@"
