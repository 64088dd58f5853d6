#!/bin/bash
# Install what is missing, build, and run the whole test suite: once in a
# normal build, once built with AddressSanitizer and UndefinedBehaviorSanitizer.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
root=$(rpt_root)
cd "$root"
rpt_install_deps

run_suite () {
  local builddir=$1
  xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- \
    env GSETTINGS_BACKEND=memory meson test -C "$builddir" --print-errorlogs --num-processes 2
}

echo "== build"
rpt_configure _build
rpt_build _build
echo "== tests"
run_suite _build

echo "== build with AddressSanitizer and UndefinedBehaviorSanitizer"
rpt_configure _build-asan -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug
rpt_build _build-asan
echo "== tests under the sanitizers"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:detect_odr_violation=0:fast_unwind_on_malloc=0 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
LSAN_OPTIONS="suppressions=$root/build-aux/lsan.supp:print_suppressions=0" \
  run_suite _build-asan
