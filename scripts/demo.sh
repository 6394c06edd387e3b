#!/usr/bin/env bash
# `make demo`: the main job as it stands: programs on the golden ISS, then a benchmark on the
# pipelined and the out-of-order RTL cores in lockstep with the ISS, their counters side by side,
# then a simulated board driven by corectl.
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
step "The same benchmark on the out-of-order RTL core, also in lockstep with the ISS" \
  "$coresim" --core ooo --cosim --stats "$sw/bench/mix.elf"
step "Both RTL cores side by side: the same program, their counters and what they mean" \
  python3 "$root/scripts/compare_cores.py" "$sw/bench/mix.elf"
# A simulated board: the Verilated SoC with its debug unit, the UART on a pseudo-terminal; corectl
# talks to it exactly as to a board's USB-UART.
corectl="$root/build/bin/corectl"
mkdir -p "$root/build/demo"
board_log="$root/build/demo/board.log"
"$corectl" sim --core pipe >"$board_log" 2>&1 &
board=$!
trap 'kill $board 2>/dev/null; wait $board 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q "board on" "$board_log" && break; sleep 0.1; done
port=$(sed -n 's/.* board on \([^ ]*\) .*/\1/p' "$board_log")
step "A simulated board on $port: what the debug unit reports" "$corectl" --port "$port" info
step "corectl loads a benchmark over the UART (verified), runs it, shows its console and counters" \
  "$corectl" --port "$port" run --verify --perf "$sw/bench/mix.elf"
step "The counters as a live time series while the benchmark runs again, drawn to build/demo/mix.svg" \
  bash -c "'$corectl' --port '$port' load --start '$sw/bench/mix.elf' >/dev/null &&
           '$corectl' --port '$port' perf --watch 0.25 --plot '$root/build/demo/mix.svg'"
printf '\nOpen build/demo/mix.svg to see IPC and the stall breakdown over time.\n'
printf 'Next: make test (all tests), make bench (benchmarks and simulator speed, docs/perf.md).\n'
exit 0
