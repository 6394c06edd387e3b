#!/usr/bin/env python3
"""Condense nextpnr's critical-path report of a pnr.log.

One line per hop: cumulative delay, the hop's delay (routing + logic), the net's name (Yosys keeps
some name near the driver: often the register or signal the logic comes from) and the RTL lines
nextpnr gives for it. Runs of carry-chain hops are folded into one line.

  scripts/fpga/critpath.py build/fpga/<board>-<core>/pnr.log [WIDTH]
"""
import re
import sys

STEP = re.compile(r"Info:\s+(clk-to-q|routing|logic|setup)\s+([\d.]+)\s+([\d.]+)\s+(?:Source|Net)\s+(\S+)")


def main() -> int:
    if len(sys.argv) not in (2, 3):
        print("usage: critpath.py PNR_LOG [WIDTH]", file=sys.stderr)
        return 2
    width = int(sys.argv[2]) if len(sys.argv) == 3 else 90
    try:
        lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
    except OSError as err:
        print(f"critpath: {err}", file=sys.stderr)
        return 1
    start = next((i for i, l in enumerate(lines) if "Critical path report for clock" in l), None)
    if start is None:
        print("critpath: no critical-path report in the log", file=sys.stderr)
        return 1
    hops = []  # [total, delay, net, sources]
    for line in lines[start + 2:]:
        if not line.startswith("Info:") or "Critical path report" in line:
            break
        m = STEP.match(line)
        if m:
            kind, delay, total, name = m.group(1), float(m.group(2)), float(m.group(3)), m.group(4)
            if kind == "routing" or not hops:
                hops.append([total, delay, name, []])
            else:
                hops[-1][0] = total
                hops[-1][1] += delay
            continue
        src = line.split("Info:", 1)[1].strip()
        if hops and src.startswith(("hw/", "boards/")):
            hops[-1][3].append(src)
    folded = []
    for hop in hops:
        chain = "$CCU2" in hop[2] or hop[2].endswith("_COUT") or "FCI_INT" in hop[2]
        if folded and chain and folded[-1][4]:
            folded[-1][0] = hop[0]
            folded[-1][1] += hop[1]
            folded[-1][3] += hop[3]
            continue
        folded.append(hop + [chain])
    for total, delay, name, srcs, chain in folded:
        tag = "carry " if chain else ""
        where = ", ".join(dict.fromkeys(srcs))
        print(f"{total:7.2f} {delay:5.2f}  {tag}{name[:width]}" + (f"  [{where}]" if where else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
