#!/usr/bin/env bash
# `make demo`: the main job as it stands: hello and a benchmark on the golden ISS, with the
# benchmark's counters. (Later the same programs run on the RTL cores and on a simulated board.)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
coresim="$root/build/bin/coresim"
sw="$root/build/sw"

step() { printf '\n\033[1m== %s\033[0m\n$ %s\n' "$1" "${*:2}"; "${@:2}"; }

step "Hello on the golden ISS" "$coresim" --core iss "$sw/examples/hello.elf"
step "Timer interrupts" "$coresim" --core iss "$sw/examples/timer_irq.elf"
step "A benchmark (all kernels mixed) with the simulator's counters" \
  "$coresim" --core iss --stats "$sw/bench/mix.elf"
step "The program's own view of its counters (mhpmcounters)" "$coresim" --core iss "$sw/examples/counters.elf"
printf '\nNext: make test (all tests), make bench (benchmarks and simulator speed, docs/perf.md).\n'
