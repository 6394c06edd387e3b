#!/usr/bin/env bash
# `make demo`: the main job as it stands: programs on the golden ISS, then a benchmark on the
# pipelined RTL core in lockstep with the ISS, with the counters of both. (Later: a simulated board
# driven by corectl, and the out-of-order core.)
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
step "The same benchmark on the 5-stage pipelined RTL core, checked against the ISS instruction by instruction" \
  "$coresim" --core pipe --cosim --stats "$sw/bench/mix.elf"
printf '\nNext: make test (all tests), make bench (benchmarks and simulator speed, docs/perf.md).\n'
