#!/usr/bin/env bash
# Synthesizes an RTL top with Yosys' slang front end for one FPGA family and writes the netlist,
# the log and the cell statistics to build/synth/<name>-<family>.*. Fails when Yosys does.
#   scripts/synth.sh ice40|ecp5 [filelist (default hw/rtl/soc_pipe.f)] [top (default soc_top)]
# iCE40 means the UP5K here: DSP multipliers and the main RAM in SPRAM.
# The full flow with place and route belongs to `make bitstream` (boards).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"  # YoWASP tools see only the current directory tree: use relative paths
family=$1
filelist=${2:-hw/rtl/soc_pipe.f}
top=${3:-soc_top}
name=$(basename "$filelist" .f)
out=build/synth
mkdir -p "$out"
yosys=$("$root/scripts/tools.sh" yosys)
slang_args=$("$root/scripts/tools.sh" slang-args)
case "$family" in
  ice40) synth="synth_ice40 -dsp -spram -top $top"; params="-G MainRamSpram=1" ;;
  ecp5) synth="synth_ecp5 -top $top"; params="" ;;
  *) echo "synth.sh: unknown family '$family' (ice40 or ecp5)" >&2; exit 2 ;;
esac
base="$out/$name-$family"
if ! "$yosys" -q -l "$base.log" -p "read_slang $slang_args $params $(tr '\n' ' ' < "$filelist") --top $top; \
    $synth -json $base.json; tee -q -o $base.stat stat" >/dev/null; then
  echo "synth.sh: $family synthesis of $top failed; see $base.log" >&2
  grep -m5 -i error "$base.log" >&2 || true
  exit 1
fi
echo "$family: $top synthesized; cells:"
sed -n '/=== '"$top"' ===/,$p' "$base.stat" | grep -E '^\s+[0-9]+\s+(SB_|TRELLIS|LUT4|CCU2|DP16KD|MULT18|PDPW16KD|FD1|SP256)' || true
