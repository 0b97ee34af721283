#!/bin/sh
# Installs stance under a prefix and records every file and folder it creates in a
# manifest, so that tools/uninstall.sh removes exactly what was installed.
#
# Usage: tools/install.sh BINARY STAGE PREFIX
#   BINARY  the built stance executable
#   STAGE   a folder holding stance.1 and the completions (bash, zsh, fish) made from BINARY
#   PREFIX  the install prefix; $DESTDIR is put in front of it, as usual
#
# Layout (ShippedModels.swift looks for the models in ../share/stance/models next to the
# binary):
#   PREFIX/bin/stance
#   PREFIX/share/stance/models/{stance,sentiment}.stance and their MODEL_CARD.md
#   PREFIX/share/man/man1/stance.1
#   PREFIX/share/bash-completion/completions/stance
#   PREFIX/share/zsh/site-functions/_stance
#   PREFIX/share/fish/vendor_completions.d/stance.fish
#   PREFIX/share/stance/install-manifest (this list: "file PATH" and "dir PATH" lines)
set -eu

[ $# -eq 3 ] || { echo "usage: tools/install.sh BINARY STAGE PREFIX" >&2; exit 64; }
binary=$1
stage=$2
root=${DESTDIR:-}$3
case $root in
  *[[:space:]]*) echo "install: the prefix '$root' holds white space; choose another" >&2; exit 64 ;;
  /*) ;;
  *) echo "install: the prefix '$root' is not an absolute path" >&2; exit 64 ;;
esac
manifest=$root/share/stance/install-manifest
new_manifest=$(mktemp)
trap 'rm -f "$new_manifest"' EXIT

# Folders created by an earlier install stay ours to remove.
if [ -f "$manifest" ]; then grep '^dir ' "$manifest" >> "$new_manifest" || true; fi

# make_folder PATH: mkdir -p, recording each folder that did not exist (outermost first).
make_folder() {
  missing=""
  folder=$1
  while [ ! -d "$folder" ]; do
    missing="$folder $missing"
    folder=$(dirname "$folder")
  done
  for folder in $missing; do
    mkdir "$folder"
    echo "dir $folder" >> "$new_manifest"
  done
}

# put MODE SOURCE TARGET
put() {
  make_folder "$(dirname "$3")"
  install -m "$1" "$2" "$3"
  echo "file $3" >> "$new_manifest"
  echo "installed $3"
}

put 0755 "$binary" "$root/bin/stance"
for model in stance sentiment; do
  put 0644 "models/$model.stance" "$root/share/stance/models/$model.stance"
  put 0644 "models/$model.MODEL_CARD.md" "$root/share/stance/models/$model.MODEL_CARD.md"
done
put 0644 "$stage/stance.1" "$root/share/man/man1/stance.1"
put 0644 "$stage/stance.bash" "$root/share/bash-completion/completions/stance"
put 0644 "$stage/_stance" "$root/share/zsh/site-functions/_stance"
put 0644 "$stage/stance.fish" "$root/share/fish/vendor_completions.d/stance.fish"

make_folder "$root/share/stance"
echo "file $manifest" >> "$new_manifest"
sort -u "$new_manifest" > "$manifest"
chmod 0644 "$manifest"
echo "installed $manifest (make uninstall PREFIX=$3 removes what it lists)"
