#!/usr/bin/env bash
# Foundation benchmark: wall time of a 5 s 720p colour-look edit through the server (submit → SUCCEEDED),
# against a plain `ffmpeg -i in.mp4 -c:v libx264 -preset veryfast out.mp4` of the same clip, in one run.
# Usage: bench/edit-vs-transcode.sh [runs]   (prints a markdown table; target ratio ≤ 2.0)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
work="$(mktemp -d /tmp/recut-bench-XXXX)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
cd "$work"
mkdir media
ffmpeg -hide_banner -loglevel error -f lavfi -i "testsrc2=size=1280x720:rate=30:duration=5" \
  -f lavfi -i "sine=frequency=440:duration=5" -c:v libx264 -preset veryfast -pix_fmt yuv420p -c:a aac -shortest media/in.mp4
ffmpeg -hide_banner -loglevel error -f lavfi -i "gradients=s=960x540:c0=0xff7a00:c1=0x7a1fa2:nb_colors=2:seed=7" -frames:v 1 media/look.png

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
(cd media && python3 -m http.server "$mport" --bind 127.0.0.1 >/dev/null 2>&1) &
RECUT_API_KEYS=bench RECUT_ALLOW_PRIVATE_FETCH=true RECUT_WORKERS=1 "$root/recut" serve --urls "http://127.0.0.1:$port" --data "$work/data" >"$work/server.log" 2>&1 &
for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done

now() { date +%s.%N; }
body=$(cat <<JSON
{"model":"wan2.7-videoedit","input":{"prompt":"Give the video the colour look of the reference image",
 "media":[{"type":"video","url":"http://127.0.0.1:$mport/in.mp4"},{"type":"reference_image","url":"http://127.0.0.1:$mport/look.png"}]},
 "parameters":{"resolution":"720P","prompt_extend":true}}
JSON
)
edit_times=(); plain_times=()
for i in $(seq 1 "$runs"); do
  t0=$(now)
  id=$(curl -fs "http://127.0.0.1:$port/wan/api/v1/services/aigc/video-generation/video-synthesis" \
      -H 'Authorization: Bearer bench' -H 'X-DashScope-Async: enable' -H 'Content-Type: application/json' -d "$body" \
      | python3 -c 'import sys,json; print(json.load(sys.stdin)["output"]["task_id"])')
  while :; do
    s=$(curl -fs "http://127.0.0.1:$port/v1/tasks/$id" -H 'Authorization: Bearer bench' | python3 -c 'import sys,json; print(json.load(sys.stdin)["status"])')
    [ "$s" = completed ] && break
    [ "$s" = failed ] && { echo "edit failed"; cat "$work/server.log"; exit 1; }
    sleep 0.05
  done
  t1=$(now)
  ffmpeg -hide_banner -loglevel error -y -i media/in.mp4 -c:v libx264 -preset veryfast "$work/plain.mp4"
  t2=$(now)
  edit_times+=("$(echo "$t1 - $t0" | bc)"); plain_times+=("$(echo "$t2 - $t1" | bc)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
e=$(median "${edit_times[@]}"); p=$(median "${plain_times[@]}")
echo "| measure (median of $runs, $(nproc) cores) | seconds |"
echo "|---|---|"
printf '| 5 s 720p colour-look edit through the server (submit → SUCCEEDED) | %.2f |\n' "$e"
printf '| plain ffmpeg libx264 veryfast transcode of the same clip | %.2f |\n' "$p"
printf '| ratio (target ≤ 2.0) | %.2f |\n' "$(echo "$e / $p" | bc -l)"
