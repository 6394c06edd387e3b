#!/usr/bin/env bash
# make fpga-check (CI): Yosys synthesis of every board x core that exists, then the full flow
# (place and route, timing, bitstream) for the boards CI must keep building. Fails on the first
# board that does not synthesize, does not fit or misses timing.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
flow="python3 $root/scripts/fpga/flow.py"
cores=()
for f in "$root"/hw/rtl/soc_*.f; do c=$(basename "$f" .f); cores+=("${c#soc_}"); done
for board in $(python3 "$root/scripts/fpga/boards.py" list | cut -d" " -f1); do
  for core in "${cores[@]}"; do
    $flow synth --board "$board" --core "$core"
  done
done
# Full place and route with timing met (the issue's targets: docs/fpga-results.md).
for board in ${FPGA_CHECK_BOARDS:-icebreaker ulx3s}; do
  $flow bitstream --board "$board" --core pipe
done
