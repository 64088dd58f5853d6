# build-aux/setup.sh — shared by run.sh and test.sh: install what is missing
# from Debian, generate the locales the app and tests use, configure, build.
# shellcheck shell=bash

RPT_PACKAGES=(
  gcc libc6-dev meson ninja-build pkg-config git
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev libsqlite3-dev libjson-glib-dev
  libpango1.0-dev libcairo2-dev libpoppler-glib-dev poppler-utils
  gettext itstool yelp-tools desktop-file-utils appstream
  xvfb xauth xfonts-base fonts-noto-cjk fonts-droid-fallback fonts-dejavu-core fonts-cantarell
  adwaita-icon-theme hicolor-icon-theme librsvg2-common
  dbus dbus-x11 at-spi2-core locales sqlite3
  python3 python3-pandas
)
RPT_LOCALES=(en_US.UTF-8 es_ES.UTF-8 zh_CN.UTF-8 zh_TW.UTF-8)

rpt_root () {
  cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd
}

rpt_sudo () {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

rpt_install_deps () {
  local missing=() pkg
  for pkg in "${RPT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    rpt_sudo apt-get update -qq
    rpt_sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  fi
  rpt_ensure_locales
}

rpt_ensure_locales () {
  local want=() loc have
  have=$(locale -a 2>/dev/null | tr 'A-Z' 'a-z' | sed 's/utf-8/utf8/')
  for loc in "${RPT_LOCALES[@]}"; do
    grep -qx "$(echo "$loc" | tr 'A-Z' 'a-z' | sed 's/utf-8/utf8/')" <<<"$have" || want+=("$loc")
  done
  [ ${#want[@]} -eq 0 ] && return 0
  for loc in "${want[@]}"; do
    if grep -q "^# *$loc UTF-8" /etc/locale.gen 2>/dev/null; then
      rpt_sudo sed -i "s/^# *$loc UTF-8/$loc UTF-8/" /etc/locale.gen
    elif ! grep -q "^$loc UTF-8" /etc/locale.gen 2>/dev/null; then
      echo "$loc UTF-8" | rpt_sudo tee -a /etc/locale.gen >/dev/null
    fi
  done
  rpt_sudo locale-gen >/dev/null
}

rpt_configure () {
  local builddir=$1; shift
  local corpus args=()
  corpus=$(cd "$(rpt_root)/../shared/corpus" 2>/dev/null && pwd || true)
  [ -n "$corpus" ] && args+=("-Dcorpus_dir=$corpus")
  if [ -f "$builddir/build.ninja" ]; then
    meson setup --reconfigure "$builddir" "${args[@]}" "$@" >/dev/null
  else
    meson setup "$builddir" "${args[@]}" "$@" >/dev/null
  fi
}

rpt_build () {
  meson compile -C "$1" >/dev/null || meson compile -C "$1"
}
