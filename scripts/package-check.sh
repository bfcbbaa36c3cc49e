#!/usr/bin/env bash
# Builds the packages (scripts/package.sh; a second run reuses its release build) and
# checks them as a user and a desk's IT would meet them:
#  - lintian reports no error on any .deb (app, command line, server); the AppStream metainfo validates; the
#    versions agree; the app's .deb is at most 25 MB; neither depends on a -dev package
#    and the server on no GUI library;
#  - each .deb installs with `apt-get install ./…deb` (declared dependencies only, no
#    recommends) into a fresh Debian 12 root made by debootstrap from Debian's mirror
#    (the base root and apt's downloads are kept in target/package-check/);
#  - the server: `--version`, its system user, its config file's owner, `migrate` and
#    `desk create` as that user through /etc/greenroom/server.toml on a throwaway
#    PostgreSQL outside the root, and a purge that leaves the database's rows;
#  - the app: both binaries' `--version`, a PDF with Arabic and CJK names set in the
#    Noto fonts the package depends on, the installed window started under Xvfb and
#    driven by the end-to-end harness (GREENROOM_APP_BINARY: the window inside the
#    root, through this host's WebKitWebDriver) to its first-run screen and its About
#    line, and a purge that leaves the user's database byte for byte.
# Needs root (chroot, mounts), debootstrap, lintian, appstreamcli, rpm, pg_virtualenv,
# xvfb-run and tauri-driver (`scripts/setup.sh test` installs them).
#
# `--prepare` does only the long part: the packages built and the root's base made.
# scripts/test.sh starts it at the lowest priority beside the tests, whose end-to-end
# half leaves the cores idle most of the time, then runs `--prepared`, which checks
# what it made. With no option, both, one after the other.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=target/packages
CACHE=target/package-check
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
root=$CACHE/root
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
arch=$(dpkg --print-architecture)
app_deb=greenroom_${version}_${arch}.deb
cli_deb=greenroom-cli_${version}_${arch}.deb
server_deb=greenroom-server_${version}_${arch}.deb

step() { printf '\npackage-check: %s\n' "$*"; }
fail() {
  echo "package-check: FAILED: $*" >&2
  exit 1
}
in_root() { scripts/package-root.sh "$root" "$CACHE" "$@"; }
apt_in_root() { in_root env DEBIAN_FRONTEND=noninteractive apt-get -y -qq -o Dpkg::Use-Pty=0 "$@"; }

# The server's database part runs inside pg_virtualenv (PG* variables set for it).
if [ "${1:-}" = --server-database ]; then
  url="postgresql://$PGUSER:$PGPASSWORD@127.0.0.1:$PGPORT/$PGDATABASE"
  sed -i "s|^#database-url = .*|database-url = \"$url\"|" "$root/etc/greenroom/server.toml"
  as_server() { in_root runuser -u greenroom -- greenroom-server "$@" --config /etc/greenroom/server.toml; }
  as_server migrate
  desk=$(as_server desk create "Package check")
  apt_in_root purge greenroom-server
  [ ! -e "$root/etc/greenroom/server.toml" ] || fail "purge left /etc/greenroom/server.toml"
  [ "$(psql -Atc "SELECT name FROM desk WHERE id = '$desk'")" = "Package check" ] ||
    fail "the desk's database lost its desk when the package was purged"
  echo "server: migrate and desk create through its config file; purged, the desk's rows stay"
  exit 0
fi

# The root's base and apt's downloads are network work: they run while package.sh
# compiles. The download is only a warm-up of apt's cache; the installs below resolve
# each package's own Depends.
base=$CACHE/bookworm
prepare_root() {
  if [ ! -x "$base/usr/bin/apt-get" ]; then
    rm -rf --one-file-system "$base.tmp"
    debootstrap --variant=minbase bookworm "$base.tmp" "$MIRROR"
    # The point release and its security updates, as a user's machine has them.
    printf 'deb %s bookworm main\ndeb %s bookworm-updates main\ndeb http://deb.debian.org/debian-security bookworm-security main\n' \
      "$MIRROR" "$MIRROR" >"$base.tmp/etc/apt/sources.list"
    mv "$base.tmp" "$base"
  fi
  rm -rf --one-file-system "$root"
  cp -a "$base" "$root"
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  apt_in_root update
  apt_in_root install --download-only --no-install-recommends \
    libwebkit2gtk-4.1-0 libgtk-3-0 fonts-noto-core fonts-noto-cjk adduser
}

# The root and the packages, at once: the root's part is network work and runs while
# package.sh compiles.
prepare() {
  mkdir -p "$CACHE"
  prepare_root >"$CACHE/prepare.log" 2>&1 &
  local preparing=$!
  trap "kill $preparing 2>/dev/null || true" EXIT
  scripts/package.sh
  wait "$preparing" || fail "preparing the root: $(tail -5 "$CACHE/prepare.log")"
  trap - EXIT
}

started=$(date +%s)
case "${1:-}" in
  --prepare)
    prepare
    step "prepared in $(($(date +%s) - started)) s"
    exit 0
    ;;
  --prepared)
    [ -x "$base/usr/bin/apt-get" ] && [ -f "$OUT/$app_deb" ] || fail "nothing prepared: run $0 --prepare first"
    ;;
  "") prepare ;;
  *) fail "unknown option $1 (--prepare, --prepared or none)" ;;
esac
built=$(date +%s)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

step "lintian"
lintian --fail-on error --tag-display-limit 0 "$OUT/$app_deb" "$OUT/$cli_deb" "$OUT/$server_deb"

step "metadata, versions and sizes"
appstreamcli validate --no-net packaging/app/app.greenroom.desktop.metainfo.xml
for deb in "$app_deb" "$cli_deb" "$server_deb"; do
  [ "$(dpkg-deb -f "$OUT/$deb" Version)" = "$version" ] || fail "$deb is not version $version"
  if grep -q -- '-dev\b' <<<"$(dpkg-deb -f "$OUT/$deb" Depends | tr ',' '\n')"; then
    fail "$deb depends on a -dev package"
  fi
done
if grep -qiE 'gtk|webkit|x11' <<<"$(dpkg-deb -f "$OUT/$server_deb" Depends)"; then
  fail "the server depends on a GUI library"
fi
grep -q "<release version=\"$version\"" packaging/app/app.greenroom.desktop.metainfo.xml ||
  fail "the metainfo has no <release> for $version"
grep -q "^## $version " CHANGELOG.md || fail "CHANGELOG.md has no section for $version"
rpm_file=$(ls "$OUT"/greenroom-"$version"-1.*.rpm)
# Read whole first: `grep -q` ending a pipe early is a failed pipe under pipefail.
requires=$(rpm -qp --requires "$rpm_file")
files=$(rpm -qlp "$rpm_file")
grep -q 'libwebkit2gtk-4.1.so.0' <<<"$requires" || fail "the rpm does not require WebKitGTK 4.1"
grep -q 'font(notosanscjksc)' <<<"$requires" || fail "the rpm does not require the CJK font"
grep -qx /usr/bin/greenroom-desktop <<<"$files" || fail "the rpm lacks the window"
grep -q fonts-noto-cjk <<<"$(dpkg-deb -f "$OUT/$cli_deb" Depends)" || fail "the command line does not depend on the CJK font"
app_size=$(stat -c %s "$OUT/$app_deb")
[ "$app_size" -le $((25 * 1024 * 1024)) ] || fail "$app_deb is $app_size bytes, over 25 MB"
ls -l "$OUT"/*.deb "$OUT"/*.rpm

fresh_root() {
  # Nothing is ever mounted there outside package-root.sh's own namespace.
  rm -rf --one-file-system "$root"
  cp -a "$base" "$root"
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  mkdir "$root/pkgs"
  cp "$OUT/$app_deb" "$OUT/$cli_deb" "$OUT/$server_deb" "$root/pkgs/"
  apt_in_root update
}

step "the server's package"
fresh_root
apt_in_root install --no-install-recommends "./pkgs/$server_deb"
[ "$(in_root greenroom-server --version)" = "greenroom-server $version" ] || fail "greenroom-server --version"
if grep -qE '^lib(gtk|webkit)' <<<"$(in_root dpkg-query -W -f '${Package}\n')"; then
  fail "installing the server brought in a GUI library"
fi
in_root getent passwd greenroom >/dev/null || fail "no greenroom user"
[ "$(stat -c %a "$root/etc/greenroom/server.toml")" = 640 ] || fail "server.toml is not 0640"
[ "$(in_root stat -c %G /etc/greenroom/server.toml)" = greenroom ] || fail "server.toml's group is not greenroom"
pg_virtualenv "$0" --server-database

step "the app's package"
fresh_root
apt_in_root install --no-install-recommends "./pkgs/$app_deb"
[ "$(in_root greenroom-desktop --version)" = "greenroom-desktop $version" ] || fail "greenroom-desktop --version"
# The command line, its own package, beside it.
apt_in_root install --no-install-recommends "./pkgs/$cli_deb"
[ "$(in_root greenroom --version)" = "greenroom $version" ] || fail "greenroom --version"
[ -f "$root/usr/share/applications/Greenroom.desktop" ] || fail "no .desktop entry"
ls "$root"/usr/share/icons/hicolor/*/apps/greenroom-desktop.png

# A run-sheet with Arabic and CJK names, exported by the installed command line, is set
# in the Noto fonts the package depends on.
id=$(in_root greenroom --db "$work/fonts.db" programme add --title "Fonts" \
  --guest "محمد المصري – الجزيرة" --guest "王小明 – 新华社")
in_root greenroom --db "$work/fonts.db" export "$id" --format pdf --out "$work/fonts.pdf"
fonts=$(pdffonts "$work/fonts.pdf")
grep -q 'NotoSansArabic\|NotoNaskhArabic' <<<"$fonts" || fail "no Arabic Noto font in the PDF: $fonts"
grep -q 'NotoSansCJK' <<<"$fonts" || fail "no CJK Noto font in the PDF: $fonts"

# The installed window, driven from this host: tauri-driver and WebKitWebDriver run
# here and start "the app" through these wrappers, which run it inside the root on
# its own libraries (the root's WebKitGTK is the same Debian version as this host's
# WebKitWebDriver).
wrappers=$CACHE/bin
mkdir -p "$wrappers"
for bin in greenroom-desktop greenroom; do
  printf '#!/bin/sh\nexec %q %q %q /usr/bin/%s "$@"\n' \
    "$PWD/scripts/package-root.sh" "$PWD/$root" "$PWD/$CACHE" "$bin" >"$wrappers/$bin"
  chmod 0755 "$wrappers/$bin"
done
GREENROOM_APP_BINARY=$PWD/$wrappers/greenroom-desktop GREENROOM_CLI_BINARY=$PWD/$wrappers/greenroom \
  NO_AT_BRIDGE=1 xvfb-run -a -s "-screen 0 1280x800x24" \
  cargo test --workspace --locked --test e2e -- --test-threads=1 \
  first_run::an_empty_database_offers_the_example_programme \
  first_run::settings_say_which_version_is_running_on_which_database

# Removing the package leaves the user's database as it was.
in_root env HOME=/root greenroom programme example >/dev/null
db=$root/root/.local/share/app.greenroom.desktop/greenroom.db
sum=$(sha256sum "$db")
apt_in_root purge greenroom greenroom-cli
for bin in greenroom greenroom-desktop; do
  [ ! -e "$root/usr/bin/$bin" ] || fail "purge left /usr/bin/$bin"
done
[ "$(sha256sum "$db")" = "$sum" ] || fail "purging the app changed the user's database"
rm -rf --one-file-system "$root"

step "passed in $(($(date +%s) - started)) s ($((built - started)) s building the packages here); sizes:"
stat -c '%n %s bytes' "$OUT"/*.deb "$OUT"/*.rpm
