#!/bin/sh
# Builds the libFuzzer targets of tests/fuzz with clang (ASan + UBSan) in
# BUILD_DIR and runs each for RUNS executions (default 1,000,000) from its seed
# corpus. Fails on any crash, leak, sanitizer report or timeout of one input.
#   scripts/run_fuzz.sh [BUILD_DIR] [RUNS] [TARGET...]     (no TARGET: every target)
# Prints one line per target: FUZZ <target> <executions> <seconds>
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build/fuzz}
RUNS=${2:-1000000}
[ $# -ge 2 ] && shift 2 || set --
mkdir -p "$BUILD"
cmake -S "$ROOT/tests/fuzz" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
      -DCMAKE_CXX_COMPILER="${CLANGXX:-clang++}" >"$BUILD/configure.log" 2>&1 || { cat "$BUILD/configure.log"; exit 1; }
cmake --build "$BUILD" -j2
if [ $# -eq 0 ]; then
  for f in "$ROOT"/tests/fuzz/fuzz_*.cpp; do
    n=$(basename "$f" .cpp); set -- "$@" "${n#fuzz_}"
  done
fi
# ASan keeps one stack trace per distinct allocation site and never frees them;
# a YAML parser's deep, varied recursion grows that store to gigabytes over a
# million runs and slows every allocation. Reports still name the faulting
# access; re-run a crash input with ASAN_OPTIONS= unset for allocation stacks.
export ASAN_OPTIONS="${ASAN_OPTIONS:-malloc_context_size=0}"
for target in "$@"; do
  work="$BUILD/corpus-$target"
  rm -rf "$work" && mkdir -p "$work"
  cp -r "$ROOT/tests/fuzz/corpus/$target/." "$work/" 2>/dev/null || true
  dict=""; [ -f "$ROOT/tests/fuzz/$target.dict" ] && dict="-dict=$ROOT/tests/fuzz/$target.dict"
  extra=""; [ -f "$ROOT/tests/fuzz/$target.options" ] && extra=$(cat "$ROOT/tests/fuzz/$target.options")
  log="$BUILD/fuzz-$target.log"
  start=$(date +%s)
  # -timeout flags any single input taking over 2 s (a hang); defaults keep
  # inputs at 4 KiB unless the target's .options raises it.
  # shellcheck disable=SC2086
  if ! "$BUILD/fuzz_$target" "$work" -runs="$RUNS" -max_len=4096 -timeout=2 -rss_limit_mb=2048 \
       -print_final_stats=1 $dict $extra >"$log" 2>&1; then
    tail -60 "$log"; echo "FUZZ $target FAILED (log: $log)"; exit 1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  echo "FUZZ $target ${runs:-?} $(( $(date +%s) - start ))"
done
