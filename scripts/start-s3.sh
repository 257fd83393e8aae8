#!/usr/bin/env bash
# Starts an S3-compatible server (s3rver, from npm) on 127.0.0.1 for the tests and prints how to reach it:
#   eval "$(scripts/start-s3.sh)"     # sets RECUT_TEST_S3
# Idempotent: a server already answering on the port is kept; the bucket is created only when missing.
# Installed into .build/s3rver (npm ci from scripts/s3rver/package-lock.json), data under .build/s3rver-data. Only the export line goes to stdout.
# RECUT_TEST_S3 is a ';'-separated list of settings the tests read: Endpoint, Bucket, Region, AccessKey, SecretKey.
# Overridable: RECUT_TEST_S3_PORT (4569), RECUT_TEST_S3_BUCKET (recut-test).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

port="${RECUT_TEST_S3_PORT:-4569}"
bucket="${RECUT_TEST_S3_BUCKET:-recut-test}"
endpoint="http://127.0.0.1:$port"
# s3rver's one built-in account; it checks signatures made with any other key (InvalidAccessKeyId).
access_key=S3RVER
secret_key=S3RVER
# The maintained fork: plain `s3rver` (3.7.1) has not been released since 2021 and does not parse the AWS SDK 4's
# requests. Its package.json asks for Node >= 24; it runs on the Node 20 Debian and the CI machine have (tested).
package="@20minutes/s3rver@5.0.0"
home=".build/s3rver"
data=".build/s3rver-data"
log=".build/s3rver.log"

log() { echo "start-s3: $*" >&2; }

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  log "Node.js and npm are needed (apt-get install nodejs npm)"
  exit 1
fi

# HTTP through node (curl is not on every fresh machine; node is, for npm): prints the status code of METHOD URL.
http_status() {
  node -e '
    const req = require("http").request(process.argv[2], { method: process.argv[1], timeout: 10000 }, (res) => {
      res.resume(); console.log(res.statusCode) })
    req.on("timeout", () => req.destroy(new Error("timeout")))
    req.on("error", () => console.log(0))
    req.end()' "$1" "$2"
}
answering() { [ "$(http_status GET "$endpoint/")" != "0" ]; }

mkdir -p "$home" "$data"
# Installed from the lock file kept beside this script (scripts/s3rver), so every run gets the same dependency tree;
# reinstalled when the lock file changes.
if ! cmp -s scripts/s3rver/package-lock.json "$home/package-lock.json" || [ ! -f "$home/node_modules/@20minutes/s3rver/package.json" ]; then
  log "installing $package into $home"
  cp scripts/s3rver/package.json scripts/s3rver/package-lock.json "$home/"
  (cd "$home" && npm ci --no-audit --no-fund --loglevel=error >&2)
  cp scripts/s3rver/package-lock.json "$home/package-lock.json"
fi

# s3rver 5.0.0 canonicalises a path-style request for the bucket itself (ListObjects, HEAD bucket, create bucket) as
# "/<bucket>", while SigV4 clients sign the path they sent, "/<bucket>/": every signed bucket-level call of the AWS SDK
# failed with SignatureDoesNotMatch. The patch signs the path as received for bucket-level requests, as S3 does. It
# is applied to the installed copy (idempotently, checked by a marker) so a fresh install gets it too.
auth="$home/node_modules/@20minutes/s3rver/lib/middleware/authentication.js"
if ! grep -q 'recut-patch: bucket path' "$auth"; then
  node - "$auth" <<'EOF'
const fs = require('fs')
const file = process.argv[2]
const source = fs.readFileSync(file, 'utf8')
const original = "      if (ctx.params.key) {\n        canonicalizedResource += `/${ctx.params.key}`\n      }"
const patched = original + "\n      // recut-patch: bucket path — a bucket-level request signed as \"/<bucket>/\" keeps its trailing slash\n" +
  "      else if (!ctx.state.vhost && ctx.path.endsWith('/')) {\n        canonicalizedResource += '/'\n      }"
if (!source.includes(original)) {
  console.error('start-s3: s3rver changed; the bucket path patch no longer applies')
  process.exit(1)
}
fs.writeFileSync(file, source.replace(original, patched))
EOF
  log "patched s3rver's bucket path canonicalisation"
fi

# s3rver 5.0.0 makes the continuation token of a truncated ListObjectsV2 page with DES, which the OpenSSL 3 of Node
# 18+ no longer offers: any listing with more objects than max-keys answered 500 InternalError (a start-up check
# listing one key under a prefix holding two results stopped every restarted worker). The token is opaque to
# clients, so the patch makes it plain base64 of the same text. Applied the same way as the patch above.
bucket_controller="$home/node_modules/@20minutes/s3rver/lib/controllers/bucket.js"
if ! grep -q 'recut-patch: continuation token' "$bucket_controller"; then
  node - "$bucket_controller" <<'EOF'
const fs = require('fs')
const file = process.argv[2]
let source = fs.readFileSync(file, 'utf8')
const make = /function generateContinuationToken\(bucket, keyName, region\) \{[\s\S]*?\n\}\n/
const read = /function decipherContinuationToken\(token\) \{[\s\S]*?\n\}\n/
if (!make.test(source) || !read.test(source)) {
  console.error('start-s3: s3rver changed; the continuation token patch no longer applies')
  process.exit(1)
}
source = source.replace(make, "// recut-patch: continuation token — base64, not DES (gone from OpenSSL 3)\n" +
  "function generateContinuationToken(bucket, keyName, region) {\n" +
  "  return Buffer.from(`${region}/${bucket}/${keyName}`, 'utf8').toString('base64')\n}\n")
source = source.replace(read, "function decipherContinuationToken(token) {\n" +
  "  return Buffer.from(token, 'base64').toString('utf8')\n}\n")
fs.writeFileSync(file, source)
EOF
  log "patched s3rver's continuation tokens"
fi

if ! answering; then
  log "starting s3rver on $endpoint (data in $data, log in $log)"
  # setsid + nohup: the server outlives this script and the shell that eval'd it, like the PostgreSQL cluster does.
  setsid nohup node -e "require('./$home/node_modules/@20minutes/s3rver/lib/cli.js').parseAsync(['node','s3rver','-d','$data','-a','127.0.0.1','-p','$port','--silent'])" \
    > "$log" 2>&1 < /dev/null &
  for _ in $(seq 1 120); do
    if answering; then break; fi
    sleep 0.5
  done
  if ! answering; then
    log "s3rver did not answer on $endpoint; its log:"
    cat "$log" >&2
    exit 1
  fi
fi

# Create the bucket when missing (unsigned requests are accepted by s3rver; a PUT of an existing bucket is refused).
status="$(http_status HEAD "$endpoint/$bucket")"
if [ "$status" != "200" ]; then
  log "creating bucket $bucket"
  created="$(http_status PUT "$endpoint/$bucket")"
  if [ "$created" != "200" ]; then
    log "could not create bucket $bucket (HTTP $created)"
    exit 1
  fi
fi
log "s3rver ready on $endpoint, bucket $bucket"
echo "export RECUT_TEST_S3='Endpoint=$endpoint;Bucket=$bucket;Region=us-east-1;AccessKey=$access_key;SecretKey=$secret_key'"
