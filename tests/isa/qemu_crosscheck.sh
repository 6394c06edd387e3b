#!/usr/bin/env bash
# Cross-checks the expected values of the pure-ISA tests against QEMU (an independent RISC-V model):
# builds each test with -DTEST_QEMU_VIRT (exit through the virt machine's test finisher) and runs it
# on qemu-system-riscv32. Tests of our SoC's own choices (CSRs, traps, MMIO) are not portable.
# Usage: tests/isa/qemu_crosscheck.sh [test ...]   (default: the pure-ISA tests)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
tests=("$@")
[ ${#tests[@]} -gt 0 ] || tests=(alu logic alu_imm shifts mul div upper branches jumps loads_stores fence)
failed=0
for t in "${tests[@]}"; do
  riscv64-unknown-elf-gcc -march=rv32im_zicsr_zifencei -mabi=ilp32 -DTEST_QEMU_VIRT \
    -I"$root/spec" -I"$root/tests/isa" -nostdlib -nostartfiles -T"$root/sw/crt/link.ld" \
    -Wl,--no-warn-rwx-segments -o "$out/$t.elf" "$root/tests/isa/$t.S"
  status=0
  timeout 20 qemu-system-riscv32 -M virt -bios none -nographic -kernel "$out/$t.elf" \
    >"$out/$t.log" 2>&1 || status=$?
  echo "$t: exit $status"
  [ "$status" -eq 0 ] || failed=1
done
exit $failed
