#!/usr/bin/env bash
# package-root.sh ROOT CACHE COMMAND [ARG]...: runs COMMAND as root inside the Debian
# root ROOT (scripts/package-check.sh makes it), with /proc, /dev and /sys, the host's
# /tmp (the X display and the end-to-end tests' temporary folders) and apt's caches in
# CACHE. The mounts are made in a mount namespace of this command's own, so they go
# when it ends: nothing is left mounted inside ROOT for a later `rm -rf` to follow.
# The wrappers the end-to-end harness starts as "the installed app" call this too.
set -euo pipefail
root=$1 cache=$2
shift 2
exec unshare --mount --propagation private -- /bin/sh -ec '
  root=$1 cache=$2
  shift 2
  mount -t proc proc "$root/proc"
  mount --rbind /dev "$root/dev"
  mount --rbind /sys "$root/sys"
  mount --bind /tmp "$root/tmp"
  mkdir -p "$cache/apt-archives/partial" "$cache/apt-lists/partial"
  mount --bind "$cache/apt-archives" "$root/var/cache/apt/archives"
  mount --bind "$cache/apt-lists" "$root/var/lib/apt/lists"
  exec chroot "$root" "$@"
' sh "$(realpath "$root")" "$(realpath "$cache")" "$@"
