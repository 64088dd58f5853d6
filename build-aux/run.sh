#!/bin/bash
# Install what is missing, build, and run Rapport from the build tree.
# The first run without a database of your own opens a demo shop.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
root=$(rpt_root)
cd "$root"
RPT_PACKAGES+=(yelp)   # the help viewer, for Help (F1); the tests do not need it
rpt_install_deps
rpt_configure _build
rpt_build _build
# Staged install: the help in every language, the icon and the desktop file
# where the help viewer and the desktop look for them.
stage="$root/_build/stage"
meson install -C _build --destdir "$stage" --no-rebuild >/dev/null
share=$(find "$stage" -type d -path '*/share/help' -printf '%h\n' | head -n 1)
exec env GSETTINGS_SCHEMA_DIR="$root/_build/data" RAPPORT_LOCALEDIR="$root/_build/po" \
  RAPPORT_DATADIR="$root/data" XDG_DATA_DIRS="$share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}" \
  "$root/_build/src/ui/rapport" "$@"
