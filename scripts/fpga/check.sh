#!/usr/bin/env bash
# make fpga-check (CI): Yosys synthesis of every board with each core it lists (board.toml `cores`), then for the boards in
# FPGA_CHECK_BOARDS (BOARD or BOARD:MHZ, default: the board's target clock) the full flow (place and
# route, timing, bitstream),
# `make program-image`'s swap, and the bitstream loaded and flashed into the board's device model by
# corectl (which parses it: an iCE40 image's commands and CRC, an ECP5 image's IDCODE and frames).
# Fails on the first board that does not synthesize, fit or meet timing.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
flow="python3 $root/scripts/fpga/flow.py"
corectl="$root/build/bin/corectl"
boards=$(python3 "$root/scripts/fpga/boards.py" list | cut -d" " -f1)
for board in $boards; do
  # the cores the board builds (board.toml `cores`)
  for core in $(python3 "$root/scripts/fpga/boards.py" show "$board" | \
                python3 -c 'import json,sys; print(" ".join(json.load(sys.stdin)["cores"]))'); do
    $flow synth --board "$board" --core "$core"
  done
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# flow.py area (a diagnostic): the iCEBreaker build's gates by source must name the core's files.
$flow area --board icebreaker --core pipe --lines 5 > "$work/area.md"
grep -q '^| pipe_core.sv | [1-9]' "$work/area.md" && grep -q '^| rv_alu.sv | [1-9]' "$work/area.md" ||
  { echo "fpga-check: flow.py area found no gates of the pipe core" >&2; exit 1; }
# depth.py (a diagnostic): the ULX3S build's longest paths must include the pipe core's.
python3 "$root/scripts/fpga/depth.py" "$root/${FPGA_BUILD:-build/fpga}/ulx3s-85f-pipe/synth-only/synth.json" \
  --top 40 > "$work/depth.txt"
grep -q 'g_pipe.u_core' "$work/depth.txt" ||
  { echo "fpga-check: depth.py listed no path of the pipe core" >&2; exit 1; }
# The flow end to end, each board at its target clock (BOARD:MHZ sets another), so a timing
# regression fails CI: the HX8K breakout, the iCEBreaker (30 MHz) and the ULX3S (80 MHz). Up to
# FPGA_CHECK_TRIES place-and-route seeds each, as `make bitstream` tries: the two goals are met on
# some seeds, not on every one (session 21's main: the iCEBreaker on seed 1, the ULX3S on seed
# 4; docs/fpga-results.md).
for entry in ${FPGA_CHECK_BOARDS:-hx8k-breakout icebreaker ulx3s}; do
  board=${entry%%:*}
  mhz=$([ "$entry" != "$board" ] && echo "--mhz ${entry#*:}" || true)
  $flow bitstream --board "$board" --core pipe --tries "${FPGA_CHECK_TRIES:-5}" $mhz
  bit=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["bitstream"])' \
        "$(ls -d "$root/${FPGA_BUILD:-build/fpga}/$board"*-pipe | head -1)/report.json")
  before=$(md5sum < "$root/$bit")
  $flow program-image --board "$board" --core pipe --program "$root/build/sw/fpga/blinky_test.elf"
  [ "$(md5sum < "$root/$bit")" != "$before" ] || { echo "fpga-check: program-image left $bit unchanged" >&2; exit 1; }
  $flow program-image --board "$board" --core pipe --program "$root/build/sw/fpga/blinky.elf"
  [ "$(md5sum < "$root/$bit")" = "$before" ] || { echo "fpga-check: swapping blinky back differs" >&2; exit 1; }
  cable=$(python3 "$root/scripts/fpga/boards.py" show "$board" | python3 -c \
          'import json,sys; b=json.load(sys.stdin); print("" if b.get("usb") else "--cable ft232h")')
  "$corectl" --board "$board" $cable --model "$work/$board" flash --sram "$root/$bit"
  "$corectl" --board "$board" $cable --model "$work/$board" flash "$root/$bit"
  echo "fpga-check: $board: $bit built, swapped, loaded and flashed into the device model"
done
