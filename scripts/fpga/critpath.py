#!/usr/bin/env python3
"""Condense nextpnr's critical-path report of a pnr.log.

One line per hop: cumulative delay, the hop's delay (routing + logic), the net's name (Yosys keeps
some name near the driver: often the register or signal the logic comes from) and the RTL lines
nextpnr gives for it. Runs of carry-chain hops are folded into one line.

  scripts/fpga/critpath.py build/fpga/<board>-<core>/pnr.log [WIDTH] [--cone] [--clock NAME]

--clock NAME: that clock's report (nextpnr's name, e.g. clk on the iCE40 builds); by default the
first clock's that nextpnr did not make up itself (the iCE40 packer's '$PACKER_GND_NET...' clock
comes first where DSP blocks are clocked by a constant, as the iCEBreaker's were before session
20, docs/fpga.md; it is not the SoC's).

--cone: the net names after abc9 often say little (Yosys names a LUT after some net near it), so
for each hop this also lists the registers that enter its fan-in cone there (up to 6 cells back,
from the build's synth.json): the path's logic, read as "which flops does it combine by now".
"""
import os
import re
import sys

from netlist import Netlist

STEP = re.compile(r"Info:\s+(clk-to-q|routing|logic|setup)\s+([\d.]+)\s+([\d.]+)\s+(?:Source|Net)\s+(\S+)")


class Cones(Netlist):
    """The synthesized netlist's registers behind each net (synth.json next to the pnr.log)."""

    def __init__(self, synth_json: str):
        super().__init__(synth_json)
        self.seen: set[str] = set()

    def registers(self, bit: int, depth: int = 0, visited: set | None = None) -> set[str]:
        visited = set() if visited is None else visited
        if bit in visited or depth > 6:
            return set()
        visited.add(bit)
        drv = self.driver.get(bit)
        cell = self.cells[drv[0]] if drv else None
        if cell is None or any(k in cell["type"] for k in ("FF", "RAM", "DP16", "MULT", "MAC")):
            return {self.name_of.get(bit, "?")}
        found: set[str] = set()
        for _, b in self.inputs(cell):
            found |= self.registers(b, depth + 1, visited)
        return found

    def new_at(self, net: str) -> list[str]:
        """The registers behind this net that no earlier hop had."""
        bit = self.bit_of.get(net)
        regs = self.registers(bit) if bit is not None else set()
        new = sorted(regs - self.seen)
        self.seen |= regs
        return new


REPORT = re.compile(r"Critical path report for clock '([^']*)'")


def main() -> int:
    argv = sys.argv[1:]
    clock = None
    if "--clock" in argv:
        i = argv.index("--clock")
        if i + 1 >= len(argv):
            print("critpath: --clock needs a clock name", file=sys.stderr)
            return 2
        clock = argv[i + 1]
        del argv[i:i + 2]
    args = [a for a in argv if a != "--cone"]
    if len(args) not in (1, 2):
        print("usage: critpath.py PNR_LOG [WIDTH] [--cone] [--clock NAME]", file=sys.stderr)
        return 2
    width = int(args[1]) if len(args) == 2 else 90
    cones = None
    try:
        if "--cone" in sys.argv:
            cones = Cones(os.path.join(os.path.dirname(args[0]) or ".", "synth.json"))
        lines = open(args[0], encoding="utf-8").read().splitlines()
    except OSError as err:
        print(f"critpath: {err}", file=sys.stderr)
        return 1
    reports = [(i, m.group(1)) for i, l in enumerate(lines) if (m := REPORT.search(l))]
    picked = [i for i, name in reports
              if (name == clock if clock is not None else not name.startswith("$PACKER"))]
    if not picked:
        print(f"critpath: no critical-path report{f' for clock {clock}' if clock else ''} in the log"
              f" (clocks: {', '.join(n for _, n in reports) or 'none'})", file=sys.stderr)
        return 1
    start = picked[0]
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
        if cones:
            new = [re.sub(r"^u_soc\.u_soc\.", "", r) for r in cones.new_at(name)]
            if new:
                print(f"{'':15}+ {len(new)} registers: {', '.join(new[:6])}"
                      + (", ..." if len(new) > 6 else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
