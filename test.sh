#!/usr/bin/env bash
# Runs every test: installs what is missing, starts PostgreSQL for the store tests and s3rver (npm) for the object
# storage tests, builds once, then runs the test
# assemblies — the light ones side by side, then the heavy ones (real renders, servers, chromium) one after another.
# `dotnet test Recut.sln` would run all eight at once; on two shared cores the heavy ones starve each other into
# timeouts. Extra arguments (e.g. --filter "Category!=Postgres&Category!=S3") go to every assembly.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
./setup.sh --test
[ -x scripts/start-postgres.sh ] && eval "$(scripts/start-postgres.sh)"
[ -x scripts/start-s3.sh ] && eval "$(scripts/start-s3.sh)"
dotnet build Recut.sln -c Release --nologo -v q -clp:ErrorsOnly
mkdir -p artifacts/test-logs
rm -f artifacts/test-logs/*.log artifacts/chaos/summary.txt
light=(Recut.Protocol.Tests Recut.Server.Tests Recut.Tasks.Tests Recut.Client.Tests Recut.Media.Tests)
heavy=(Recut.Engines.Tests Recut.IntegrationTests Recut.BrowserTests)
status=0

run() { # one assembly; its output to artifacts/test-logs/<name>.log, its wall time to the timing line
  local name=$1 rc=0 start=$SECONDS
  shift
  dotnet test "tests/$name/$name.csproj" -c Release --no-build --nologo -v q \
    --logger "console;verbosity=normal" --results-directory artifacts/test-results "$@" > "artifacts/test-logs/$name.log" 2>&1 || rc=$?
  echo "$name: $((SECONDS - start)) s, exit $rc" | tee -a artifacts/test-logs/timings.txt
  return $rc
}

: > artifacts/test-logs/timings.txt
pids=()
for name in "${light[@]}"; do
  run "$name" "$@" & pids+=($!)
done
for pid in "${pids[@]}"; do
  wait "$pid" || status=1
done
for name in "${heavy[@]}"; do
  run "$name" "$@" || status=1
done

for name in "${light[@]}" "${heavy[@]}"; do
  cat "artifacts/test-logs/$name.log"
done > artifacts/test-output.log
grep -E '^\s+Failed |^(Passed|Failed)!' artifacts/test-output.log || true

# One closing line over all test assemblies: "N passed, N failed, N skipped".
awk '$1 == "Passed:" && NF == 2 { p += $2 } $1 == "Failed:" && NF == 2 { f += $2 } $1 == "Skipped:" && NF == 2 { s += $2 }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' artifacts/test-output.log
# The chaos run's counts (its test output is hidden at this verbosity when it passes).
cat artifacts/chaos/summary.txt 2>/dev/null || true
exit "$status"
