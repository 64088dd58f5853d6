#!/bin/bash
# The translated help pages are valid Mallard: merge each help/LANG/LANG.po
# into the pages with itstool, as installing does, and validate the result.
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
while read -r lang; do
  case "$lang" in ''|'#'*) continue ;; esac
  mkdir -p "$tmp/$lang"
  msgfmt -o "$tmp/$lang.mo" "$root/help/$lang/$lang.po"
  itstool -m "$tmp/$lang.mo" -o "$tmp/$lang" "$root"/help/C/*.page
  yelp-check validate "$tmp/$lang"/*.page
done < "$root/help/LINGUAS"
echo "translated help pages valid"
