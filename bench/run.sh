#!/usr/bin/env bash
# Benchmarks Kith against Prosody and ejabberd on this machine, over loopback only.
#
# Each server gets a throw-away configuration, data directory and self-signed certificate under a
# temporary directory, its own XMPP domain and its own loopback port, and runs pinned to CPU 0 while the
# load generator runs pinned to CPU 1. Servers are started and stopped one after the other. See
# docs/benchmarks.md for what each number means.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: bench/run.sh [options]        (BENCH_JAVA_OPTS adds JVM options to the load generator)
  --only LIST            targets to run, comma-separated: kith,kith-nomam,prosody,ejabberd (default: all;
                         kith-nomam is Kith with MAM switched off, closed loops and open loop)
  --quick                short runs with smaller session counts (a few minutes in total)
  --warmup S             warm-up seconds before each measured window
  --duration S           measured seconds per scenario
  --scenarios LIST       idle-rss,idle,login,closed-small,closed-large,open,muc
  --idle-sessions N      idle sessions for the memory measurement (default 5000)
  --small-sessions N     sessions of the small closed loop (default 100)
  --large-sessions N     sessions of the large closed loop (default 1000)
  --window W             messages in flight per sender in the closed loops (default 8)
  --open-rate R          total messages/s of the open loop (default 5000)
  --open-sessions N      sessions of the open loop (default 100)
  --login-concurrency M  logins in progress at once (default 50)
  --muc-occupants N      room occupants (default 200)
  --muc-senders N        occupants sending in the room (default 10)
  --results DIR          where result files go (default bench/target/results/TIMESTAMP)
  --no-build-kith        skip Kith instead of building the appliance when its jar is missing
  --nice N               scheduling niceness for servers and generator, and for this session's
                         scheduler autogroup while the run lasts (default 0; e.g. -10 for steadier
                         numbers on a machine that is busy with other work)
  --keep                 keep the temporary directory with configurations, data and logs
EOF
}

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"

ONLY="kith,kith-nomam,prosody,ejabberd"
QUICK=0
KEEP=0
BUILD_KITH=1
NICE=0
RESULTS=""
HARNESS_ARGS=()
while [ $# -gt 0 ]; do
    case "$1" in
        --only) ONLY="$2"; shift 2 ;;
        --quick) QUICK=1; shift ;;
        --keep) KEEP=1; shift ;;
        --no-build-kith) BUILD_KITH=0; shift ;;
        --results) RESULTS="$2"; shift 2 ;;
        --nice) NICE="$2"; shift 2 ;;
        --warmup|--duration|--scenarios|--idle-sessions|--small-sessions|--large-sessions|--window|--open-rate|\
        --open-sessions|--login-concurrency|--muc-occupants|--muc-senders)
            HARNESS_ARGS+=("$1" "$2"); shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "run.sh: unknown option $1" >&2; usage >&2; exit 64 ;;
    esac
done

if [ "$QUICK" = 1 ]; then
    # Later options win in the harness, so explicit ones given above still override these.
    HARNESS_ARGS=(--warmup 3 --duration 3 --drain 5 --settle 1 --idle-sessions 1000 "${HARNESS_ARGS[@]}")
else
    HARNESS_ARGS=(--warmup 5 --duration 10 --drain 10 --settle 3 "${HARNESS_ARGS[@]}")
fi

# Ports: loopback only, distinct per server and away from Kith's default 5222.
PROSODY_PORT=15222
EJABBERD_PORT=25222
KITH_C2S_PORT=35222
KITH_C2S_TLS_PORT=35223
KITH_HTTP_PORT=35280
KITH_HTTPS_PORT=35443
KITH_ADMIN_PORT=35290

SERVER_CPU=0
GENERATOR_CPU=1
if [ "$(nproc)" -lt 2 ]; then
    echo "run.sh: fewer than 2 CPUs; server and generator will share them" >&2
    SERVER_CPU=0
    GENERATOR_CPU=0
fi

WORK="$(mktemp -d /tmp/kith-bench.XXXXXX)"
chmod 755 "$WORK"
RESULTS="${RESULTS:-$REPO/bench/target/results/$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$RESULTS"
SERVER_PID=""
STOP_SERVER=""

AUTOGROUP_NICE=""
cleanup() {
    if [ -n "$STOP_SERVER" ]; then
        "$STOP_SERVER" || true
    fi
    if [ -n "$AUTOGROUP_NICE" ]; then
        echo "$AUTOGROUP_NICE" > /proc/self/autogroup 2>/dev/null || true
    fi
    if [ "$KEEP" = 1 ]; then
        echo "kept $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '\n### %s\n' "$*"; }

selected() { [[ ",$ONLY," == *",$1,"* ]]; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_for_port PORT SECONDS PID: 0 once the port accepts connections, 1 on timeout or if PID died.
wait_for_port() {
    local deadline=$((SECONDS + $2))
    while [ $SECONDS -lt $deadline ]; do
        if port_open "$1"; then return 0; fi
        if ! kill -0 "$3" 2>/dev/null; then return 1; fi
        sleep 0.5
    done
    return 1
}

# running PID: whether the process exists and has not exited (an exited child stays a zombie until reaped).
running() {
    local state
    state=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
    [[ $state != Z* ]]
}

# stop_pid PID SECONDS: TERM, then KILL after the grace period; reaps it when it is this shell's child.
stop_pid() {
    local pid=$1 deadline=$((SECONDS + $2))
    kill -TERM "$pid" 2>/dev/null || return 0
    while running "$pid" && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
    if running "$pid"; then
        echo "process $pid did not stop within $2 s: killing it"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

self_signed() { # DIR DOMAIN
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
        -subj "/CN=$2" -addext "subjectAltName=DNS:$2,DNS:conference.$2" \
        -keyout "$1/key.pem" -out "$1/cert.pem" 2>/dev/null
}

ensure_packages() { # PACKAGE...
    local missing=()
    for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "installing ${missing[*]}"
    # Keep the packages' own services from starting on their default ports.
    local guard=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        guard=/usr/sbin/policy-rc.d
        printf '#!/bin/sh\nexit 101\n' > "$guard"
        chmod 755 "$guard"
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null ||
        { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null; }
    [ -n "$guard" ] && rm -f "$guard"
    return 0
}

build_harness() {
    local jar="$REPO/bench/target/kith-bench-0.1.0-SNAPSHOT.jar"
    if [ ! -f "$jar" ] || [ -n "$(find "$REPO/bench/src" "$REPO/bench/pom.xml" -newer "$jar" -print -quit)" ]; then
        log "building the load generator"
        (cd "$REPO" && mvn -B -q -pl bench -DskipTests package)
    fi
    BENCH_JAR="$jar"
}

# run_harness LABEL PORT DOMAIN [extra harness options...]
run_harness() {
    local label=$1 port=$2 domain=$3
    shift 3
    log "$label: load generator on CPU $GENERATOR_CPU, server pid $SERVER_PID on CPU $SERVER_CPU"
    cat /proc/loadavg | awk '{print "load average before: " $1 " " $2 " " $3}'
    nice -n "$NICE" taskset -c "$GENERATOR_CPU" "$JAVA" -Xms512m -Xmx2g -XX:+UseSerialGC \
        --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow ${BENCH_JAVA_OPTS:-} \
        -jar "$BENCH_JAR" run --label "$label" --host 127.0.0.1 --port "$port" --domain "$domain" \
        --server-pid "$SERVER_PID" --clk-tck "$(getconf CLK_TCK)" --deadline 900 \
        --out "$RESULTS/$label.tsv" "$@" "${HARNESS_ARGS[@]}" 2>&1 | tee "$RESULTS/$label.log" || true
}

# --- Prosody ---------------------------------------------------------------------------------------------

stop_prosody() { stop_pid "$SERVER_PID" 20; STOP_SERVER=""; }

bench_prosody() {
    ensure_packages prosody
    local dir="$WORK/prosody" domain=prosody.bench.test
    mkdir -p "$dir/data" "$dir/certs"
    self_signed "$dir/certs" "$domain"
    cat > "$dir/prosody.cfg.lua" <<EOF
-- Throw-away benchmark configuration.
pidfile = "$dir/prosody.pid"
data_path = "$dir/data"
certificates = "$dir/certs"
log = { warn = "$dir/prosody.log" }
network_backend = "epoll"
network_settings = { nagle = false; tcp_backlog = 1024 }
interfaces = { "127.0.0.1" }
c2s_ports = { $PROSODY_PORT }
c2s_direct_tls_ports = {}
legacy_ssl_ports = {}
s2s_ports = {}
component_ports = {}
http_ports = {}
https_ports = {}
modules_enabled = { "roster"; "saslauth"; "tls"; "disco"; "ping"; "register"; "offline" }
modules_disabled = { "s2s" }
c2s_require_encryption = true
allow_registration = true
registration_whitelist = { "127.0.0.1", "::1" }
min_seconds_between_registrations = 0
authentication = "internal_hashed"
storage = "internal"
ssl = { key = "$dir/certs/key.pem"; certificate = "$dir/certs/cert.pem" }
VirtualHost "$domain"
Component "conference.$domain" "muc"
EOF
    chown -R prosody:prosody "$dir"
    nice -n "$NICE" taskset -c "$SERVER_CPU" setpriv --reuid=prosody --regid=prosody --init-groups -- \
        prosody --config "$dir/prosody.cfg.lua" -F > "$dir/stdout.log" 2>&1 &
    SERVER_PID=$!
    STOP_SERVER=stop_prosody
    if ! wait_for_port "$PROSODY_PORT" 30 "$SERVER_PID"; then
        echo "Prosody did not start; last log lines:"; tail -5 "$dir/stdout.log" "$dir/prosody.log" 2>/dev/null
        stop_prosody
        return 0
    fi
    echo "prosody $(dpkg-query -W -f='${Version}' prosody)" >> "$RESULTS/versions.txt"
    run_harness prosody "$PROSODY_PORT" "$domain" --provision inband
    stop_prosody
}

# --- ejabberd --------------------------------------------------------------------------------------------

EJABBERDCTL=()

stop_ejabberd() {
    timeout 30 "${EJABBERDCTL[@]}" stop >/dev/null 2>&1 || true
    [ -n "$SERVER_PID" ] && stop_pid "$SERVER_PID" 15
    STOP_SERVER=""
}

bench_ejabberd() {
    ensure_packages ejabberd
    local dir="$WORK/ejabberd" domain=ejabberd.bench.test
    # setpriv rather than ejabberdctl's own su, which would drop the open-files limit to 1024.
    EJABBERDCTL=(setpriv --reuid=ejabberd --regid=ejabberd --init-groups -- env HOME=/var/lib/ejabberd
                 ejabberdctl --config-dir "$dir" --config "$dir/ejabberd.yml" --ctl-config "$dir/ejabberdctl.cfg"
                 --spool "$dir/spool" --logs "$dir/logs")
    mkdir -p "$dir/spool" "$dir/logs"
    self_signed "$dir" "$domain"
    cat "$dir/key.pem" "$dir/cert.pem" > "$dir/server.pem"
    cp /etc/ejabberd/inetrc "$dir/inetrc"
    cat > "$dir/ejabberdctl.cfg" <<EOF
ERLANG_NODE=kith-bench-ejabberd@localhost
EJABBERD_PID_PATH=$dir/ejabberd.pid
ERL_OPTIONS="-env ERL_CRASH_DUMP_BYTES 0"
EOF
    cat > "$dir/ejabberd.yml" <<EOF
# Throw-away benchmark configuration.
hosts:
  - $domain
loglevel: warning
certfiles:
  - $dir/server.pem
acme:
  auto: false
listen:
  -
    port: $EJABBERD_PORT
    ip: "127.0.0.1"
    module: ejabberd_c2s
    max_stanza_size: 262144
    shaper: c2s_shaper
    access: c2s
    starttls_required: true
    backlog: 1024
access_rules:
  c2s:
    allow: all
  register:
    allow: all
  muc_create:
    allow: all
shaper_rules:
  c2s_shaper: none
  max_user_sessions: 100
  max_user_offline_messages: 5000
auth_method: internal
auth_password_format: scram
auth_scram_hash: sha256
registration_timeout: infinity
modules:
  mod_disco: {}
  mod_ping: {}
  mod_roster: {}
  mod_offline: {}
  mod_register:
    access: register
    ip_access: all
  mod_muc:
    host: conference.$domain
    access: all
    access_create: muc_create
    access_persistent: muc_create
    max_users: 1000
    history_size: 0
    default_room_options:
      mam: false
EOF
    chown -R ejabberd:ejabberd "$dir"
    nice -n "$NICE" taskset -c "$SERVER_CPU" "${EJABBERDCTL[@]}" foreground > "$dir/stdout.log" 2>&1 &
    local launcher=$!
    STOP_SERVER=stop_ejabberd
    SERVER_PID=""
    if ! wait_for_port "$EJABBERD_PORT" 60 "$launcher"; then
        echo "ejabberd did not start; last log lines:"; tail -5 "$dir/stdout.log" "$dir/logs/ejabberd.log" 2>/dev/null
        stop_ejabberd
        return 0
    fi
    # The server is the beam.smp whose command line names this run's spool directory.
    for pid in $(pgrep -x beam.smp); do
        if tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF "$dir/spool"; then SERVER_PID=$pid; fi
    done
    if [ -z "$SERVER_PID" ]; then
        echo "ejabberd: cannot find its beam.smp process"; stop_ejabberd; return 0
    fi
    echo "ejabberd $(dpkg-query -W -f='${Version}' ejabberd) (erlang-base $(dpkg-query -W -f='${Version}' erlang-base))" \
        >> "$RESULTS/versions.txt"
    run_harness ejabberd "$EJABBERD_PORT" "$domain" --provision inband
    stop_ejabberd
}

# --- Kith ------------------------------------------------------------------------------------------------

stop_kith() { stop_pid "$SERVER_PID" 20; STOP_SERVER=""; }

# bench_kith [LABEL [harness options...]]: LABEL kith-nomam runs the node with MAM switched off.
bench_kith() {
    local label=${1:-kith}
    shift || true
    local jar="$REPO/appliance/target/quarkus-app/quarkus-run.jar" dir="$WORK/$label" domain=kith.bench.test
    if [ ! -f "$jar" ] && [ "$BUILD_KITH" = 1 ]; then
        log "building the Kith appliance"
        (cd "$REPO" && mvn -B -q -DskipTests package) || echo "Kith: build failed"
    fi
    if [ ! -f "$jar" ]; then
        echo "Kith: skipped, $jar is missing"
        return 0
    fi
    if [ ! -x "$REPO/bin/kithctl" ]; then
        echo "Kith: skipped, bin/kithctl is missing (needed to provision accounts)"
        return 0
    fi
    mkdir -p "$dir/data"
    if ! { psql -q -U postgres -h 127.0.0.1 -c "DROP DATABASE IF EXISTS kith_bench" &&
           psql -q -U postgres -h 127.0.0.1 -c "CREATE DATABASE kith_bench"; } >/dev/null; then
        echo "Kith: skipped, cannot recreate the kith_bench database on 127.0.0.1:5432"
        return 0
    fi
    export KITH_DOMAIN=$domain KITH_DATA_DIR="$dir/data" KITH_DB_URL=jdbc:postgresql://127.0.0.1:5432/kith_bench \
        KITH_DB_USER=postgres KITH_DB_PASSWORD= KITH_C2S_MAX_PENDING_PER_IP=100000 KITH_ACME_DIRECTORY=off
    # A closed-loop pair sends far more than a person would; the per-connection inbound limit (128 KiB/s by
    # default) would measure the limit, not the server. Prosody and ejabberd run without one here too.
    export KITH_C2S_RATE_BYTES=0
    if [ "$label" = kith-nomam ]; then export KITH_FEATURES_MAM_ENABLED=false; else unset KITH_FEATURES_MAM_ENABLED; fi
    export KITH_C2S_PORT KITH_C2S_TLS_PORT KITH_HTTP_PORT KITH_HTTPS_PORT KITH_ADMIN_PORT
    # The JVM options install.sh starts Kith with (KITH_JAVA_OPTS overrides both).
    nice -n "$NICE" taskset -c "$SERVER_CPU" "$JAVA" ${KITH_JAVA_OPTS:--XX:+UseSerialGC -Xss512k} -jar "$jar" \
        > "$dir/stdout.log" 2>&1 &
    SERVER_PID=$!
    STOP_SERVER=stop_kith
    if ! wait_for_port "$KITH_C2S_PORT" 60 "$SERVER_PID"; then
        echo "Kith: skipped, the node did not accept connections on port $KITH_C2S_PORT within 60 s; its log ends:"
        if [ -s "$dir/stdout.log" ]; then tail -n 5 "$dir/stdout.log" | sed 's/^/  /'; else echo "  (nothing)"; fi
        stop_kith
        return 0
    fi
    echo "kith $(git -C "$REPO" rev-parse --short HEAD)" >> "$RESULTS/versions.txt"
    run_harness "$label" "$KITH_C2S_PORT" "$domain" --provision import \
        --provision-command "$REPO/bin/kithctl user import {file}" "$@"
    stop_kith
    # A run whose archive queue overflowed delivered messages without archiving them: its MAM rates are void.
    if grep -q 'archive queue full' "$dir/stdout.log"; then
        echo "Kith ($label): WARNING: the archive queue overflowed, some messages were not archived;" \
            "rates measured with MAM on are not valid" | tee -a "$RESULTS/$label.log"
    fi
}

# --- main ------------------------------------------------------------------------------------------------

if [ "$(id -u)" != 0 ] && { selected prosody || selected ejabberd; }; then
    echo "run.sh: must run as root to install and start Prosody and ejabberd under their own users" >&2
    exit 1
fi
if [ "$NICE" != 0 ] && [ -w /proc/self/autogroup ]; then
    # With autogroup scheduling, niceness only ranks processes within a session; raise the session too.
    AUTOGROUP_NICE=$(awk '{print $NF}' /proc/self/autogroup)
    echo "$NICE" > /proc/self/autogroup
fi
build_harness
{
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "machine: $(nproc) CPUs, $(free -g | awk '/^Mem:/ {print $2}') GiB, $(uname -sr)"
    echo "java: $("$JAVA" -version 2>&1 | head -1)"
    echo "options: ${HARNESS_ARGS[*]}"
    echo "pinning: servers on CPU $SERVER_CPU, generator on CPU $GENERATOR_CPU, niceness $NICE"
} > "$RESULTS/environment.txt"
: > "$RESULTS/versions.txt"

for target in kith prosody ejabberd; do
    if selected "$target"; then
        log "$target"
        "bench_$target"
    fi
done
if selected kith-nomam; then
    log "kith-nomam: Kith with message archiving (MAM) switched off, closed loops and the open loop"
    bench_kith kith-nomam --scenarios closed-small,closed-large,open
fi

log "results ($RESULTS)"
cat "$RESULTS/environment.txt" "$RESULTS/versions.txt"
echo
"$JAVA" -jar "$BENCH_JAR" report --subject "Kith=$RESULTS/kith.tsv" --peer "Prosody=$RESULTS/prosody.tsv" \
    --peer "ejabberd=$RESULTS/ejabberd.tsv" --out "$RESULTS/table.md"
# The cost of archiving: Kith's closed-loop rates with MAM on (every message stored twice) and off.
if [ -f "$RESULTS/kith.tsv" ] && [ -f "$RESULTS/kith-nomam.tsv" ]; then
    for scenario in closed-small closed-large; do
        on=$(awk -v k="$scenario.msgs_per_s" '$1 == k {print $2}' "$RESULTS/kith.tsv")
        off=$(awk -v k="$scenario.msgs_per_s" '$1 == k {print $2}' "$RESULTS/kith-nomam.tsv")
        if [ -n "$on" ] && [ -n "$off" ]; then
            awk -v s="$scenario" -v on="$on" -v off="$off" \
                'BEGIN {printf "MAM %s: %.0f msgs/s archived, %.0f without archive, ratio %.2f (goal >= 0.50)\n", s, on, off, on / off}'
        fi
    done | tee -a "$RESULTS/table.md"
    on=$(awk '$1 == "open.p99_ms" {print $2}' "$RESULTS/kith.tsv")
    off=$(awk '$1 == "open.p99_ms" {print $2}' "$RESULTS/kith-nomam.tsv")
    if [ -n "$on" ] && [ -n "$off" ]; then
        echo "MAM open loop at the fixed rate: p99 $on ms archived, $off ms without archive" | tee -a "$RESULTS/table.md"
    fi
fi
