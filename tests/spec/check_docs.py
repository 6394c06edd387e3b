#!/usr/bin/env python3
"""Checks that the docs state the contract the code uses: every register of spec/soc_map.h appears in
docs/memory-map.md with its offset, every region base with its address, and every counter event of
spec/hpm_events.h appears in docs/counters.md with its number and name."""
import re
import sys

root = sys.argv[1]
soc = open(f"{root}/spec/soc_map.h", encoding="utf-8").read()
mm = open(f"{root}/docs/memory-map.md", encoding="utf-8").read()
ev = open(f"{root}/spec/hpm_events.h", encoding="utf-8").read()
counters = open(f"{root}/docs/counters.md", encoding="utf-8").read()
errors = []

for name, value in re.findall(r"#define SOC_(\w+)_BASE\s+SOC_U\(0x([0-9A-Fa-f]+)\)", soc):
    v = int(value, 16)
    if v < 0x1000:  # a register offset such as SOC_CTRL_RAM_BASE, checked below
        continue
    text = f"`0x{v >> 16:04X}_{v & 0xffff:04X}`"
    if text not in mm:
        errors.append(f"memory-map.md does not give {name} base {text}")

for block in ("UART", "TIMER", "CTRL"):
    for reg, value in re.findall(rf"#define SOC_{block}_(\w+)\s+SOC_U\(0x([0-9A-Fa-f]+)\)", soc):
        if reg == "BASE" or reg.startswith(("STATUS_", "CTRL_")):
            continue
        row = rf"\|\s*`0x{int(value, 16):02X}`\s*\|\s*{reg}\s*\|"
        if not re.search(row, mm):
            errors.append(f"memory-map.md has no row `0x{int(value, 16):02X}` | {reg} for SOC_{block}_{reg}")

events = re.findall(r'HPM_EVENT\((\d+),\s*(\w+),\s*"([^"]*)"\)', ev)
if not events:
    errors.append("no events parsed from spec/hpm_events.h")
for num, name, _ in events:
    if not re.search(rf"\|\s*{num}\s*\|\s*`?{name}`?\s*\|", counters):
        errors.append(f"counters.md has no row | {num} | {name} |")

for e in errors:
    print("FAIL:", e)
print(f"{len(errors)} problems")
sys.exit(1 if errors else 0)
