#!/usr/bin/env bash
# Runs every test: installs what is missing, starts PostgreSQL for the store tests, then dotnet test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
./setup.sh --test
[ -x scripts/start-postgres.sh ] && eval "$(scripts/start-postgres.sh)"
dotnet build Recut.sln -c Release --nologo -v q -clp:ErrorsOnly
mkdir -p artifacts
status=0
dotnet test Recut.sln -c Release --no-build --nologo -v q \
  --logger "console;verbosity=normal" --results-directory artifacts/test-results "$@" 2>&1 | tee artifacts/test-output.log \
  || status=$?
# One closing line over all test assemblies: "N passed, N failed, N skipped".
awk '$1 == "Passed:" && NF == 2 { p += $2 } $1 == "Failed:" && NF == 2 { f += $2 } $1 == "Skipped:" && NF == 2 { s += $2 }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' artifacts/test-output.log
# The chaos run's counts (its test output is hidden at this verbosity when it passes).
cat artifacts/chaos/summary.txt 2>/dev/null || true
exit "$status"
