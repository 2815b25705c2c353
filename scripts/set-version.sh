#!/usr/bin/env bash
# Sets Tapback's one version (docs/deploy.md#versions) everywhere it is written:
#   Directory.Build.props <Version>         the server, the dotnet tool, the container image, Tapback.Client
#   sdk/typescript/package.json (+ package-lock.json's two copies of it)
#   sdk/python/pyproject.toml [project] version (+ src/tapback/_version.py's __version__)
# Hosting/Packaging/VersionTests checks that they agree. Add the release's section to CHANGELOG.md yourself.
#   ./scripts/set-version.sh 0.16.0
# TAPBACK_ROOT points it at another copy of the repository (the test runs it on one).
set -euo pipefail
root="${TAPBACK_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}"
version="${1:-}"
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]]; then
  echo "Usage: $0 MAJOR.MINOR.PATCH[-PRERELEASE]   (got '${version}')" >&2
  exit 2
fi

changed=()
# Replaces the first $3 matches of the extended regex $2 in file $1 (the matched text's value part is
# its last group) and fails when there are fewer: a version that cannot be found is not left stale.
set_in() {
  local file="$1" pattern="$2" count="$3" replacement="$4"
  [ -f "$root/$file" ] || return 0
  local found
  found="$(grep -cE "$pattern" "$root/$file" || true)"
  if [ "$found" -lt "$count" ]; then
    echo "$file: expected $count line(s) matching $pattern, found $found" >&2
    exit 1
  fi
  awk -v pattern="$pattern" -v count="$count" -v replacement="$replacement" '
    n < count && $0 ~ pattern { sub(pattern, replacement); n++ }
    { print }' "$root/$file" > "$root/$file.new"
  mv "$root/$file.new" "$root/$file"
  changed+=("$file")
}

set_in Directory.Build.props '<Version>[^<]*</Version>' 1 "<Version>$version</Version>"
# npm writes the package's own version first; a lock file (v2/v3) repeats it at the top and under packages[""].
set_in sdk/typescript/package.json '"version": *"[^"]*"' 1 "\"version\": \"$version\""
set_in sdk/typescript/package-lock.json '"version": *"[^"]*"' 2 "\"version\": \"$version\""
set_in sdk/python/pyproject.toml '^version *= *"[^"]*"' 1 "version = \"$version\""
set_in sdk/python/src/tapback/_version.py '^__version__ *= *"[^"]*"' 1 "__version__ = \"$version\""

printf 'Set %s in:\n' "$version"
printf '  %s\n' "${changed[@]}"
echo "Now add a '## [$version]' section to CHANGELOG.md, and run the VersionTests."
