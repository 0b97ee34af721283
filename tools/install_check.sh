#!/bin/sh
# `make install-check`: installs into a temporary prefix and checks the result as a user on
# a machine without Swift would meet it, then uninstalls and checks that nothing is left.
#
#   1. ldd: the binary needs no Swift runtime library (libswiftCore, libFoundation*,
#      libdispatch, libBlocksRuntime, libswift_*): the standard library and Foundation are
#      linked in statically. Only system libraries (libc, libm, libstdc++, BLAS/LAPACK) remain.
#   2. From another folder, with a PATH that holds only the prefix and /usr/bin:/bin and no
#      STANCE_MODELS, `stance predict` finds the shipped model under PREFIX/share/stance.
#   3. The man page renders (where man is installed) and the completion scripts parse.
#   4. make uninstall leaves the prefix empty.
#
# Usage: tools/install_check.sh   (from the repository root; MAKE and PREFIX may be set)
set -eu

make=${MAKE:-make}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=${PREFIX:-$work/prefix}
fail() { echo "install-check: $*" >&2; exit 1; }

$make --no-print-directory install PREFIX="$prefix" > "$work/install.log" \
  || { cat "$work/install.log"; fail "make install failed"; }
binary=$prefix/bin/stance
[ -x "$binary" ] || fail "no $binary"

echo "ldd $binary:"
ldd "$binary" | sed 's/^/  /'
if ldd "$binary" | grep -E 'libswift|libFoundation|libdispatch|libBlocksRuntime|libXCTest|/swift/'; then
  fail "the installed binary needs the Swift runtime (above)"
fi
echo "ok: no Swift runtime library is needed"

answer=$(cd "$work" && env -u STANCE_MODELS PATH="$prefix/bin:/usr/bin:/bin" \
  stance predict --text "We will respond with force if the blockade continues.")
case $answer in
  *"	We will respond with force if the blockade continues.") echo "ok: stance predict: $answer" ;;
  *) fail "stance predict with the installed model printed '$answer'" ;;
esac

if command -v man > /dev/null; then
  MANWIDTH=80 man -l "$prefix/share/man/man1/stance.1" 2> "$work/man.err" | grep -q 'stance train' \
    || { cat "$work/man.err"; fail "the man page does not render"; }
  echo "ok: man -l renders the man page"
fi
bash -n "$prefix/share/bash-completion/completions/stance" || fail "bash completion does not parse"
if command -v zsh > /dev/null; then zsh -n "$prefix/share/zsh/site-functions/_stance"; fi
if command -v fish > /dev/null; then fish -n "$prefix/share/fish/vendor_completions.d/stance.fish"; fi
echo "ok: completion scripts parse"

$make --no-print-directory uninstall PREFIX="$prefix" > "$work/uninstall.log" \
  || { cat "$work/uninstall.log"; fail "make uninstall failed"; }
left=$(find "$prefix" -mindepth 1 2>/dev/null || true)
[ -z "$left" ] || fail "make uninstall left: $left"
echo "ok: make uninstall removed everything it installed"
