#!/usr/bin/env bash
# Builds the libFuzzer targets of StanceKit into $FUZZ_BUILD (default .build-fuzz).
#
# SwiftPM cannot build a libFuzzer executable (it insists on a `main`), so the library
# modules are compiled straight from Sources/ with swiftc, one whole-module object each,
# instrumented with -sanitize=fuzzer,address; every target in Tests/Fuzz/targets/ is then
# linked against them, with libFuzzer's own main, BLAS, LAPACK and LAPACKE.
#
# Usage: Tests/Fuzz/build.sh [target...]     (no target: all of them)
set -euo pipefail
shopt -s nullglob

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
build="${FUZZ_BUILD:-.build-fuzz}"
swiftc="${SWIFTC:-swiftc}"
mkdir -p "$build/modules" "$build/bin"

# The package's C target, as SwiftPM would present it: a module map naming its header, and
# its one source file compiled to an object.
mkdir -p "$build/cmodules"
cat > "$build/cmodules/module.modulemap" <<MODULES
module CStanceSupport {
  header "$root/Sources/CStanceSupport/include/CStanceSupport.h"
  export *
}
MODULES
cc="${CC:-clang}"
if [ ! -f "$build/cmodules/CStanceSupport.o" ] \
  || [ Sources/CStanceSupport/CRC32C.c -nt "$build/cmodules/CStanceSupport.o" ]; then
  echo "  cc CStanceSupport"
  "$cc" -O2 -g -I Sources/CStanceSupport/include -c Sources/CStanceSupport/CRC32C.c \
    -o "$build/cmodules/CStanceSupport.o"
fi

flags=(-swift-version 6 -O -g -sanitize=fuzzer,address -parse-as-library -package-name StanceKit
  -I "$build/modules" -I Sources/CBLAS -I "$build/cmodules")

# The library modules in dependency order (StanceKit imports NewsQuotes).
modules=(StanceSupport LinearAlgebra TextFeatures Classifier Evaluation NewsQuotes DataFiles StanceKit)

earlier=()
for module in "${modules[@]}"; do
  object="$build/modules/$module.o"
  # Recursive: modules keep parts in subfolders (TextFeatures/Counting, StanceKit/Reports).
  mapfile -t sources < <(find Sources/"$module" -name '*.swift' | sort)
  # Rebuild when a source, or a module listed before this one (one it may import), is
  # newer than the object. Only the earlier modules count: every later one is newer by
  # construction, and counting them rebuilt all but the last module on every run.
  dependencies=()
  for name in "${earlier[@]}"; do dependencies+=("$build/modules/$name.swiftmodule"); done
  earlier+=("$module")
  if [ -f "$object" ] && [ -z "$(find Sources/"$module" "${dependencies[@]}" -newer "$object" \
    \( -name '*.swift' -o -name '*.swiftmodule' \) -print -quit)" ]; then
    continue
  fi
  echo "  swiftc $module"
  "$swiftc" "${flags[@]}" -wmo -module-name "$module" -emit-module \
    -emit-module-path "$build/modules/$module.swiftmodule" -c "${sources[@]}" -o "$object"
done

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for file in Tests/Fuzz/targets/*.swift; do targets+=("$(basename "$file" .swift)"); done
fi

objects=("$build/cmodules/CStanceSupport.o")
for module in "${modules[@]}"; do objects+=("$build/modules/$module.o"); done

for target in "${targets[@]}"; do
  echo "  link $target"
  "$swiftc" "${flags[@]}" -module-name "FuzzTarget" "Tests/Fuzz/targets/$target.swift" \
    Tests/Fuzz/targets/Support/*.swift "${objects[@]}" \
    -lblas -llapack -llapacke -o "$build/bin/$target" 2>&1 \
    | { grep -v "Cannot export local symbol '__asan" || true; }
  [ -x "$build/bin/$target" ] || exit 1
done
