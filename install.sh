#!/usr/bin/env bash
# Installs and runs Kith on a Debian or Ubuntu machine, in the foreground.
#
#   KITH_DOMAIN=chat.example.org ./install.sh
#
# It finds (or installs) a JDK >= 21 and Maven, uses the PostgreSQL server given by KITH_DB_URL or
# installs and starts a local one, creates the 'kith' role and database, builds Kith and starts it.
# Running it again reuses everything that exists and loses nothing. See README.md for all settings.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/lib.sh

export KITH_DOMAIN=${KITH_DOMAIN:-localhost}
export KITH_DATA_DIR=${KITH_DATA_DIR:-$PWD/data}
mkdir -p "$KITH_DATA_DIR"
chmod 700 "$KITH_DATA_DIR"

select_jdk
ensure_maven

if [ -z "${KITH_DB_URL:-}" ]; then
  ensure_postgres
  export KITH_DB_USER=${KITH_DB_USER:-kith}
  password_file="$KITH_DATA_DIR/db.password"
  if [ ! -s "$password_file" ]; then
    (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$password_file")
  fi
  export KITH_DB_PASSWORD=${KITH_DB_PASSWORD:-$(cat "$password_file")}
  if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$KITH_DB_USER'")" != "1" ]; then
    log "creating PostgreSQL role $KITH_DB_USER"
    psql_admin -c "CREATE ROLE \"$KITH_DB_USER\" LOGIN PASSWORD '$KITH_DB_PASSWORD'"
  fi
  if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = 'kith'")" != "1" ]; then
    log "creating database kith"
    psql_admin -c "CREATE DATABASE kith OWNER \"$KITH_DB_USER\""
  fi
  export KITH_DB_URL="jdbc:postgresql://127.0.0.1:5432/kith"
fi

jar=appliance/target/quarkus-app/quarkus-run.jar
if [ ! -f "$jar" ] || [ -n "$(find . -path ./data -prune -o -newer "$jar" -name '*.java' -print -quit)" ] \
    || [ -n "${KITH_REBUILD:-}" ]; then
  log "building Kith"
  mvn -B -ntp -q -DskipTests install
fi

log "starting Kith for $KITH_DOMAIN (data in $KITH_DATA_DIR); stop with Ctrl-C"
log "create a user with: bin/kithctl user add alice   (password on stdin)"
exec "$JAVA_HOME/bin/java" ${KITH_JAVA_OPTS:--XX:+UseSerialGC -Xss512k} -jar "$jar"
