#!/bin/sh
# Removes what tools/install.sh installed under a prefix: every file its manifest lists,
# then every folder it created, if empty (deepest first); nothing else.
#
# Usage: tools/uninstall.sh PREFIX   ($DESTDIR is put in front of it, as usual)
set -eu

[ $# -eq 1 ] || { echo "usage: tools/uninstall.sh PREFIX" >&2; exit 64; }
root=${DESTDIR:-}$1
manifest=$root/share/stance/install-manifest
if [ ! -f "$manifest" ]; then
  echo "uninstall: no $manifest: nothing was installed under $root by make install" >&2
  exit 66
fi
folders=$(mktemp)
trap 'rm -f "$folders"' EXIT
sed -n 's/^dir //p' "$manifest" | awk '{ print length($0) "\t" $0 }' | sort -rn | cut -f2- > "$folders"
sed -n 's/^file //p' "$manifest" | while IFS= read -r file; do
  [ "$file" = "$manifest" ] && continue
  if [ -e "$file" ] || [ -L "$file" ]; then rm -f "$file" && echo "removed $file"; fi
done
rm -f "$manifest"
echo "removed $manifest"
while IFS= read -r folder; do
  if [ -d "$folder" ] && rmdir "$folder" 2>/dev/null; then echo "removed $folder/"; fi
done < "$folders"
