#!/usr/bin/env bash
# Builds Greenroom's packages into target/packages/:
#   greenroom_VERSION_ARCH.deb, greenroom-VERSION-1.ARCH.rpm: the window
#     (greenroom-desktop), bundled by the Tauri CLI (installed with cargo into .tools/),
#     the .deb repacked with xz;
#   greenroom-cli_VERSION_ARCH.deb: the command line (greenroom), its own package: each
#     binary carries Typst, and both in one package made it twice the size (55.8 MB
#     against a 25 MB budget); a producer needs only the window;
#   greenroom-server_VERSION_ARCH.deb: the desk server with its systemd service.
# The last two are put together with dpkg-deb (packaging/cli/, packaging/server/).
# One release build makes the three binaries, so their dependencies are built once; a
# second run reuses it. scripts/package-check.sh checks what this makes.
# AppImage is not built: the bundler downloads its tools from outside the registries.
set -euo pipefail
cd "$(dirname "$0")/.."

# ^2, pinned: crates.io's newest tauri-cli is a 3.0 alpha.
TAURI_CLI_VERSION=2.12.4
OUT=target/packages
# tauri.conf.json names the CLI and the changelog under target/: keep cargo's default.
unset CARGO_TARGET_DIR

# tauri-cli is a build tool: built unoptimized (5.8 CPU-minutes instead of 19.4), without
# debug info, but with its compressors and digests optimized (the rpm's xz, the .deb's
# gzip, their checksums: at -O0 bundling took twice as long), and without its default
# TLS features (rustls and the platform's verifier: 2 CPU-minutes), which only its
# downloads use, for bundles built here from nothing but the release build. It builds
# beside the release build, at a lower priority, in the moments that build leaves a
# core idle.
installing=""
if [ "$(.tools/bin/cargo-tauri --version 2>/dev/null)" != "tauri-cli $TAURI_CLI_VERSION" ]; then
  echo "package: installing tauri-cli $TAURI_CLI_VERSION into .tools/ (log: target/tauri-cli-install.log)"
  mkdir -p target
  fast=()
  for crate in liblzma-sys miniz_oxide zlib-rs md5 sha2; do
    fast+=(--config "profile.dev.package.$crate.opt-level=3")
  done
  nice -n 5 cargo install --locked --root .tools tauri-cli --version "=$TAURI_CLI_VERSION" \
    --no-default-features --debug --config profile.dev.debug=0 "${fast[@]}" >target/tauri-cli-install.log 2>&1 &
  installing=$!
fi

# The release profile, tuned for this build's time: opt-level "s" and one codegen unit
# per crate take two thirds of the CPU time of the default (3, and 16 units joined by a
# local ThinLTO: 20.6 CPU-minutes against 30.6) and make binaries a sixth smaller
# (docs/PERFORMANCE.md, Packages). Stripped: a
# third of the size, and lintian refuses unstripped binaries. Set here, not in
# Cargo.toml: the performance figures are measured on the default release profile.
CARGO_PROFILE_RELEASE_OPT_LEVEL=s CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 CARGO_PROFILE_RELEASE_STRIP=true \
  cargo build --release --locked --features custom-protocol \
  -p greenroom -p greenroom-cli -p greenroom-server
if [ -n "$installing" ]; then
  wait "$installing" || { tail -20 target/tauri-cli-install.log >&2; exit 1; }
fi

# The one version: the workspace's, in Cargo.toml.
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
arch=$(dpkg --print-architecture)
maintainer=$(sed -n 's/^ *"publisher": "\(.*\)",$/\1/p' tauri.conf.json)
[ -n "$version" ] && [ -n "$maintainer" ] || { echo "package: no version or publisher found" >&2; exit 1; }
rm -rf "$OUT"
mkdir -p "$OUT/doc"

# Debian wants a changelog in its own format; it points at CHANGELOG.md. Dated by the
# last commit, so a rebuild of the same commit makes the same file.
stamp=$(date -u -R -d "@${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}")
debian_changelog() {
  printf '%s (%s) stable; urgency=medium\n\n  * Greenroom %s: see CHANGELOG.md in the source for what changed.\n\n -- %s  %s\n' \
    "$1" "$version" "$version" "$maintainer" "$stamp" | gzip -9n
}
debian_changelog greenroom >"$OUT/doc/changelog.gz"

# The app: the bundler copies the copyright, the changelog and the metainfo in through
# tauri.conf.json's bundle.linux files. Its .deb is gzip-compressed (this tauri-cli has
# no setting for it, unlike the rpm's): repacked with xz by dpkg-deb, a third smaller.
.tools/bin/cargo-tauri bundle --bundles deb,rpm --features custom-protocol --ci
unpacked="$OUT/app-root"
dpkg-deb -R "target/release/bundle/deb/Greenroom_${version}_${arch}.deb" "$unpacked"
dpkg-deb --root-owner-group -Zxz --build "$unpacked" "$OUT/greenroom_${version}_${arch}.deb" >/dev/null
rm -rf "$unpacked"
mv target/release/bundle/rpm/Greenroom-"${version}"-1.*.rpm "$OUT/"
for f in "$OUT"/Greenroom-*.rpm; do mv "$f" "$OUT/greenroom-${f#"$OUT"/Greenroom-}"; done

# The libraries `bin` links, as dpkg-shlibdeps names them (it reads a debian/control,
# so it gets a minimal one).
shlibs() (
  bin=$PWD/$1
  tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
  mkdir "$tmp/debian" && printf 'Source: greenroom\n\nPackage: p\nArchitecture: any\n' >"$tmp/debian/control"
  cd "$tmp" && dpkg-shlibdeps -O "$bin" 2>/dev/null | sed -n 's/^shlibs:Depends=//p'
)

# A package of one binary, by hand with dpkg-deb (already on every Debian machine)
# rather than cargo-deb, one more tool to build in CI for packages this small:
# `name` from packaging/`dir`/ (control, lintian-overrides, and whatever the caller
# put in $root first), depending on what the binary links and on `extra`.
deb_of() {
  local name=$1 dir=$2 bin=$3 extra=$4
  local doc="$root/usr/share/doc/$name"
  install -D -m 0755 "target/release/$bin" "$root/usr/bin/$bin"
  install -D -m 0644 packaging/copyright "$doc/copyright"
  debian_changelog greenroom >"$doc/changelog.gz"
  chmod 0644 "$doc/changelog.gz"
  install -D -m 0644 "packaging/$dir/lintian-overrides" "$root/usr/share/lintian/overrides/$name"
  install -d "$root/DEBIAN"
  (cd "$root" && find . -path ./DEBIAN -prune -o -path ./etc -prune -o -type f -print0 |
    sed -z 's|^\./||' | sort -z | xargs -0 md5sum) >"$root/DEBIAN/md5sums"
  local size
  size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
  sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@MAINTAINER@/$maintainer/" \
    -e "s/@SIZE@/$size/" -e "s/@DEPENDS@/$(shlibs "target/release/$bin")$extra/" \
    "packaging/$dir/control" >"$root/DEBIAN/control"
  dpkg-deb --root-owner-group -Zxz --build "$root" "$OUT/${name}_${version}_${arch}.deb" >/dev/null
  rm -rf "$root"
}

# The command line: the fonts its PDF export needs and the certificate authorities a
# desk's https is checked against, as the app's.
root="$OUT/cli-root"
deb_of greenroom-cli cli greenroom ", fonts-noto-core, fonts-noto-cjk, ca-certificates"

# The desk server: its binary, a unit, a config file and the maintainer scripts.
root="$OUT/server-root"
install -D -m 0644 packaging/server/greenroom-server.service "$root/lib/systemd/system/greenroom-server.service"
install -D -m 0640 packaging/server/server.toml "$root/etc/greenroom/server.toml"
install -d "$root/DEBIAN"
install -m 0755 packaging/server/postinst packaging/server/prerm packaging/server/postrm "$root/DEBIAN/"
echo /etc/greenroom/server.toml >"$root/DEBIAN/conffiles"
deb_of greenroom-server server greenroom-server ", adduser"

ls -l "$OUT"/*.deb "$OUT"/*.rpm
