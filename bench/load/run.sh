#!/usr/bin/env bash
# Load benchmark (not CI-gating): one `recut serve --role api` process, wrk on loopback, the same machine.
# Measures task creates/s and status queries/s with p50/p99 latency on SQLite and on PostgreSQL, plus
# reference points that show where the time goes: the HTTP stack alone (a wrong key: 401 before any store
# access), a create that is parsed and validated but refused (400, no store), and, on PostgreSQL, the
# store's own SQL alone (pgbench, no HTTP, no .NET). CPU per request is measured per process group.
#
#   bench/load/run.sh [sqlite|postgres|both]         (default both)
#   DURATION=20s CONNECTIONS=32 THREADS=1 bench/load/run.sh
#   PG_EXTRA='No Reset On Close=false' bench/load/run.sh postgres   (Npgsql settings appended to RECUT_DB)
#   RECUT_DLL=/other/tree/src/Recut.Cli/bin/Release/net10.0/recut.dll bench/load/run.sh   (an A/B: that build, this script)
#   SCENARIOS="create query" bench/load/run.sh      (a subset of: create query http-only create-invalid pgbench)
#
# Needs wrk (apt-get install wrk) and, for PostgreSQL, scripts/start-postgres.sh (Debian's postgresql).
# Results: bench/load/results/<utc time>/ (raw wrk/pgbench output, server logs, summary.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

which_stores="${1:-both}"
DURATION="${DURATION:-20s}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-1}"
PORT="${PORT:-18480}"
KEY="bench-key"
TENANT="t_b0962662e937d44c699c8305" # "t_" + sha256("bench-key")[:24], as ApiKeyRing derives it
url="http://127.0.0.1:$PORT"

command -v wrk >/dev/null || { echo "bench: wrk is needed: apt-get install wrk" >&2; exit 1; }
SCENARIOS="${SCENARIOS:-create query http-only create-invalid pgbench}"
wants() { [[ " $SCENARIOS " == *" $1 "* ]]; }
if [ -n "${RECUT_DLL:-}" ]; then
  dll="$RECUT_DLL"
else
  echo "bench: building the CLI (Release)" >&2
  dotnet build src/Recut.Cli -c Release --nologo -v q -clp:ErrorsOnly >&2
  dll="src/Recut.Cli/bin/Release/net10.0/recut.dll"
fi
out="bench/load/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
summary="$out/summary.md"

server_pid=""
scratch="$(mktemp -d /tmp/recut-load.XXXXXX)"
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT

start_server() { # store db
  local store="$1" db="$2"
  # No queue caps either: nothing leases in an api-only server, and the benchmark measures create throughput.
  RECUT_API_KEYS="$KEY" Recut__SubmitsPerSecond=1000000000 Recut__QueriesPerSecond=1000000000 \
    Recut__MaxPendingPerKey=0 Recut__MaxPendingTotal=0 \
    dotnet "$dll" serve --role api --urls "$url" --data "$scratch/data-$store" --db "$db" \
    >"$out/server-$store.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do
    curl -fs "$url/healthz" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "bench: the server did not come up; see $out/server-$store.log" >&2
  exit 1
}

stop_server() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

# wrk prints "1.23ms", "456.00us" or "1.02s"; the table wants milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 }
    else printf "%s", v }'
}

# CPU time (clock ticks, usually 1/100 s) used so far by the given processes; exited ones count as 0.
ticks() {
  local total=0 p t
  for p in "$@"; do
    t="$(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0)"
    total=$((total + t))
  done
  echo "$total"
}
postgres_pids() { { pgrep -x postgres || true; } | tr "\n" " "; }

row() { # store scenario rawfile note   (reads the CPU figures wrk_run left in cpu_*)
  local file="$out/$3.txt"
  local rps p50 p99 bad requests errors
  rps="$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' "$file")"
  p50="$(to_ms "$(awk '$1 == "50%" { print $2 }' "$file")")"
  p99="$(to_ms "$(awk '$1 == "99%" { print $2 }' "$file")")"
  bad="$(awk '/Non-2xx or 3xx responses/ { print $5 }' "$file")"
  requests="$(awk '/requests in/ { print $1 }' "$file")"
  errors="$(awk '/Socket errors/ { print $0 }' "$file" | sed 's/^ *//')"
  # CPU per request in microseconds, per process group: where the two cores went.
  local hz per
  hz="$(getconf CLK_TCK)"
  per() { awk -v t="$1" -v n="$requests" -v hz="$hz" 'BEGIN { if (n > 0) printf "%.0f", t * 1e6 / hz / n; else print "-" }'; }
  echo "| $1 | $2 | $rps | $p50 | $p99 | ${bad:-0}${errors:+ ($errors)} | $(per "$cpu_server") / $(per "$cpu_db") / $(per "$cpu_wrk") | $4 |" | tee -a "$summary"
}

wrk_run() { # name script args...   (sets cpu_server, cpu_db, cpu_wrk: ticks used during the run)
  local name="$1" script="$2"; shift 2
  local pg s0 d0 s1 d1
  pg="$(postgres_pids)"
  s0="$(ticks "$server_pid")"; d0="$(ticks $pg)"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "bench/load/$script" "$url" -- "$@" >"$out/$name.txt" &
  local wrk_pid=$! w=0 t
  # wrk's own CPU, sampled until it exits (its /proc entry goes with it).
  while kill -0 "$wrk_pid" 2>/dev/null; do
    t="$(ticks "$wrk_pid")"
    if [ "$t" -gt 0 ]; then w="$t"; fi
    sleep 0.2
  done
  wait "$wrk_pid"
  pg="$(postgres_pids)"
  s1="$(ticks "$server_pid")"; d1="$(ticks $pg)"
  cpu_server=$((s1 - s0)); cpu_db=$((d1 - d0)); cpu_wrk="$w"
  if [ "$cpu_db" -lt 0 ]; then cpu_db=0; fi
}

seed_ids() { # store → file of 200 task ids
  local file="$scratch/ids-$1.txt"
  : >"$file"
  local id
  for _ in $(seq 1 200); do
    id="$(curl -fs -H "Authorization: Bearer $KEY" -H "X-DashScope-Async: enable" -H "Content-Type: application/json" \
      -d '{"model":"wan2.7-videoedit","input":{"prompt":"make it black and white","media":[{"type":"video","url":"http://127.0.0.1:9/clip.mp4"}]},"parameters":{"resolution":"720P"}}' \
      "$url/api/v1/services/aigc/video-generation/video-synthesis" \
      | sed -n 's/.*"task_id":"\([0-9a-f-]\{36\}\)".*/\1/p')"
    echo "$id" >>"$file"
  done
  # A query of a well-formed, existing id must find the task (a bad id would answer UNKNOWN without touching the store).
  if [ "$(grep -c -E '^[0-9a-f-]{36}$' "$file")" -ne 200 ] \
    || ! curl -fs -H "Authorization: Bearer $KEY" "$url/api/v1/tasks/$(head -1 "$file")" | grep -q '"task_status":"PENDING"'; then
    echo "bench: seeding task ids failed" >&2
    exit 1
  fi
  echo "$file"
}

bench_store() { # store db
  local store="$1" db="$2"
  echo "bench: $store" >&2
  start_server "$store" "$db"
  # Warm-up: JIT, connection pools, the table's first pages.
  wrk -t1 -c8 -d5s -s bench/load/create.lua "$url" -- "$KEY" >/dev/null
  local ids
  ids="$(seed_ids "$store")"
  wrk -t1 -c8 -d5s -s bench/load/query.lua "$url" -- "$ids" "$KEY" >/dev/null

  if wants create; then
    wrk_run "create-$store" create.lua "$KEY"
    row "$store" "create (POST, 200 PENDING)" "create-$store" "load $(cut -d' ' -f1 /proc/loadavg)"
  fi
  if wants query; then
    wrk_run "query-$store" query.lua "$ids" "$KEY"
    row "$store" "query (GET DashScope shape)" "query-$store" "load $(cut -d' ' -f1 /proc/loadavg)"
  fi
  if wants http-only; then
    wrk_run "http-only-$store" query.lua "$ids" "wrong-key"
    row "$store" "HTTP stack only (401, no store)" "http-only-$store" "all 401 by design"
  fi
  if wants create-invalid; then
    wrk_run "create-invalid-$store" create.lua "$KEY" invalid
    row "$store" "create parsed + validated, refused (400, no store)" "create-invalid-$store" "all 400 by design"
  fi
  stop_server
}

echo "| store | scenario | req/s | p50 ms | p99 ms | non-2xx | CPU µs/req: server / database / wrk | note |" | tee "$summary"
echo "|---|---|---|---|---|---|---|---|" | tee -a "$summary"

if [ "$which_stores" = "sqlite" ] || [ "$which_stores" = "both" ]; then
  bench_store sqlite "$scratch/data-sqlite/tasks.db"
fi

if [ "$which_stores" = "postgres" ] || [ "$which_stores" = "both" ]; then
  eval "$(scripts/start-postgres.sh)"
  schema="recut_load_$(date +%s)"
  pg() { psql "$(printf '%s' "$RECUT_TEST_PG" | sed 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Database=/dbname=/; s/Username=/user=/; s/Password=/password=/')" -v ON_ERROR_STOP=1 -Atq "$@"; }
  pg -c "CREATE SCHEMA $schema;"
  bench_store postgres "$RECUT_TEST_PG;Search Path=$schema${PG_EXTRA:+;$PG_EXTRA}"

  # The same SQL without HTTP or .NET: the database's share of the time.
  conn="$(printf '%s' "$RECUT_TEST_PG" | sed 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Database=/dbname=/; s/Username=/user=/; s/Password=/password=/')"
  one_id="$(head -1 "$scratch/ids-postgres.txt")"
  for what in $(wants pgbench && echo get create); do
    PGOPTIONS="-c search_path=$schema" pgbench "$conn" -n -c "$CONNECTIONS" -j 1 -T 10 -f "bench/load/pgbench-$what.sql" \
      -D "id='$one_id'" -D "tenant='$TENANT'" >"$out/pgbench-$what.txt" 2>&1
    tps="$(awk '/^tps/ { printf "%.0f", $3 }' "$out/pgbench-$what.txt")"
    avg="$(awk '/^latency average/ { print $4 }' "$out/pgbench-$what.txt")"
    echo "| postgres | SQL alone: $what (pgbench, $CONNECTIONS clients) | $tps | avg $avg | – | – | – | no HTTP, no .NET |" | tee -a "$summary"
  done
  rows="$(pg -c "SELECT count(*) FROM $schema.tasks;")"
  echo "bench: $rows rows in $schema at the end" >&2
  pg -c "DROP SCHEMA $schema CASCADE;"
fi

{
  echo
  echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency on 127.0.0.1, one API process (--role api), $(nproc) cores,"
  echo "$(date -u +%Y-%m-%d), $(uname -r), load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "$summary"
echo "bench: results in $out" >&2
