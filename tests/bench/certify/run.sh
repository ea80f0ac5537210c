#!/bin/sh
# run.sh: libcertify's figures (bench.c): one certificate's PDF, payloads
# signed and verified per second. No stack needed.
#   tests/bench/certify/run.sh [DOCS]     (HAVRE_BUILD: build folder, default build/)
set -e
srcdir=$(cd "$(dirname "$0")/../../.." && pwd)
build=${HAVRE_BUILD:-$srcdir/build}
make -s -C "$build" tests/bench/certify/bench
exec "$build/tests/bench/certify/bench" "${1:-50}"
