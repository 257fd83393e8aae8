#!/usr/bin/env bash
# Foundation benchmark: 5 s 720p edits through `recut serve` against two transcode yardsticks, interleaved, with the
# load average. The work is done by the C# bench (bench/Recut.Bench/Foundation), which drives the server through one
# persistent HTTP client and its event stream, so nothing is spawned while an edit runs.
# Usage: bench/edit-vs-transcode.sh [--runs N] [--edits colour,overlay,global] [--recut LABEL=PATH]...
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/recut" --version >/dev/null   # builds the CLI the server runs from, when stale
dotnet build "$root/bench/Recut.Bench" -c Release --nologo -v q -clp:ErrorsOnly >&2
exec dotnet "$root/bench/Recut.Bench/bin/Release/net10.0/Recut.Bench.dll" edit-vs-transcode "$@"
