#!/bin/sh
# Builds the libFuzzer targets with clang (ASan + UBSan) in BUILD_DIR and runs
# the exposition parser for RUNS executions (default 1,000,000) from the seed
# corpus. Fails on any crash, leak, sanitizer report or timeout of one input.
#   scripts/run_fuzz.sh [BUILD_DIR] [RUNS]
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build/fuzz}
RUNS=${2:-1000000}
cmake -S "$ROOT/tests/fuzz" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
      -DCMAKE_CXX_COMPILER="${CLANGXX:-clang++}" >"$BUILD.configure.log" 2>&1 || { cat "$BUILD.configure.log"; exit 1; }
cmake --build "$BUILD" -j2
WORK="$BUILD/corpus"
rm -rf "$WORK" && mkdir -p "$WORK" && cp "$ROOT"/tests/fuzz/corpus/* "$WORK"/
# -max_len keeps every input small enough that 1M runs fit the time budget;
# -timeout flags any single input taking over 2 s (a hang).
exec "$BUILD/fuzz_prometheustext" "$WORK" -runs="$RUNS" -max_len=4096 -timeout=2 -rss_limit_mb=2048 \
     -print_final_stats=1 -dict="$ROOT/tests/fuzz/prometheus.dict"
