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
exec env GSETTINGS_SCHEMA_DIR="$root/_build/data" RAPPORT_LOCALEDIR="$root/_build/po" \
  RAPPORT_DATADIR="$root/data" RAPPORT_HELPDIR="$root/help" "$root/_build/src/ui/rapport" "$@"
