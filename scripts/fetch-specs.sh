#!/usr/bin/env bash
# Downloads the official API definitions and vendor examples the contract tests read, each from its
# upstream repository at the recorded commit, and checks its sha256 (test/contract/specs-manifest.json).
# Needs internet access to raw.githubusercontent.com. Writes to BATCHDECK_SPECS_DIR / BATCHDECK_FIXTURES_DIR
# (default ../shared/specs and ../shared/fixtures).
set -euo pipefail
cd "$(dirname "$0")/.."
specs=${BATCHDECK_SPECS_DIR:-../shared/specs}
fixtures=${BATCHDECK_FIXTURES_DIR:-../shared/fixtures}
node -e 'for (const f of require("./test/contract/specs-manifest.json").files) console.log([f.dir, f.repository, f.commit, f.path, f.local, f.sha256].join("\t"))' |
while IFS=$'\t' read -r dir repo commit path local sha; do
  root=$specs; [ "$dir" = fixtures ] && root=$fixtures
  target="$root/$local"
  if [ -f "$target" ] && echo "$sha  $target" | sha256sum -c --status; then continue; fi
  mkdir -p "$(dirname "$target")"
  echo "fetching $repo@${commit:0:10} $path"
  curl -fsSL "https://raw.githubusercontent.com/$repo/$commit/$path" -o "$target.tmp"
  if ! echo "$sha  $target.tmp" | sha256sum -c --status; then
    echo "sha256 mismatch for $path (expected $sha); kept as $target.tmp" >&2
    exit 1
  fi
  mv "$target.tmp" "$target"
done
echo "definitions are in $specs and $fixtures"
