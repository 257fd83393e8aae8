#!/usr/bin/env bash
# Runs every test: installs what is missing, starts PostgreSQL for the store tests, then dotnet test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
./setup.sh --test
[ -x scripts/start-postgres.sh ] && eval "$(scripts/start-postgres.sh)"
dotnet build Recut.sln -c Release --nologo -v q -clp:ErrorsOnly
dotnet test Recut.sln -c Release --no-build --nologo -v q \
  --logger "console;verbosity=normal" --results-directory artifacts/test-results "$@"
