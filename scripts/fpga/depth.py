#!/usr/bin/env python3
"""Every register's longest input path in a synthesized ECP5 netlist, estimated before placement.

nextpnr reports one critical path per run (minutes of place and route, and the next-longest path
stays hidden until the first is cut). This reads the build's synth.json and estimates, for every
flip-flop and RAM input, the latest arrival through the mapped cells with a simple delay model
(per-cell logic delays of the -6 part and one average routed hop per net, calibrated on our
nextpnr logs), then lists the registers whose inputs arrive later than the clock period allows,
each with its path: so all the long paths of a design are seen, and ranked, after a synthesis.

  scripts/fpga/depth.py build/fpga/<build>/synth.json [--mhz 80] [--top 40] [--path NAME]

The estimate is not nextpnr's: placement makes some hops longer and keeps others local. It ranks
paths well (the ones nextpnr reports are near the top) and says which are far from the goal.
--path NAME prints the hops (with their RTL lines) of the registers whose name contains NAME.
"""
import argparse
import re
import sys

from netlist import Netlist

ROUTE = 0.8  # ns, an average routed hop between cells on the -6 part (our pnr logs)
# (cell type, output port prefix) -> delay from a clock edge, for the cells that start paths
CLOCKED = {"TRELLIS_FF": 0.52, "DP16KD": 5.6, "TRELLIS_IO": 0.0, "EHXPLLL": 0.0}
LOGIC = {"LUT4": 0.24, "PFUMX": 0.2, "L6MUX21": 0.2, "CCU2C": 0.45, "TRELLIS_DPR16X4": 0.4,
         "MULT18X18D": 4.0}
# hops that stay inside a slice or a carry chain (no general routing)
LOCAL = {("CCU2C", "COUT", "CCU2C", "CIN"), ("LUT4", "Z", "PFUMX", "ALUT"),
         ("LUT4", "Z", "PFUMX", "BLUT"), ("PFUMX", "Z", "L6MUX21", "D0"),
         ("PFUMX", "Z", "L6MUX21", "D1")}


def base(port: str) -> str:
    return re.sub(r"\d+$", "", port)


class Timing(Netlist):
    def __init__(self, path: str):
        super().__init__(path)
        self.arrival: dict[int, float] = {}
        self.prev: dict[int, int | None] = {}

    def arcs(self, cell: dict, out_port: str) -> list[tuple[str, int]]:
        """The (port, bit) inputs with a combinational arc to out_port."""
        t = cell["type"]
        return [(port, b) for port, b in self.inputs(cell)
                if not (t == "TRELLIS_DPR16X4" and port != "RAD")  # the write side is clocked
                and not (t == "CCU2C" and out_port == "S0" and port.endswith("1"))]  # (lower half)

    def arrive(self, bit: int) -> float:
        """The latest arrival time at a net (iterative DFS: carry chains run deep)."""
        stack = [bit]
        while stack:
            b = stack[-1]
            if b in self.arrival:
                stack.pop()
                continue
            drv = self.driver.get(b)
            if drv is None:
                self.arrival[b], self.prev[b] = 0.0, None
                stack.pop()
                continue
            cname, oport = drv
            cell = self.cells[cname]
            t = cell["type"]
            if t in CLOCKED or t not in LOGIC:
                self.arrival[b], self.prev[b] = CLOCKED.get(t, 0.0), None
                stack.pop()
                continue
            pending = [ib for _, ib in self.arcs(cell, oport) if ib not in self.arrival]
            if pending:
                if any(p in stack for p in pending):  # a combinational loop: reads as 0
                    self.arrival[b], self.prev[b] = 0.0, None
                    stack.pop()
                    continue
                stack.extend(pending)
                continue
            best, best_in = 0.0, None
            for iport, ib in self.arcs(cell, oport):
                src = self.driver.get(ib)
                hop = 0.0
                if src is not None:
                    st = self.cells[src[0]]["type"]
                    if (st, base(src[1]), t, base(iport)) not in LOCAL:
                        hop = ROUTE
                delay = LOGIC[t]
                if t == "CCU2C" and iport == "CIN":
                    delay = 0.07 if oport == "COUT" else 0.24
                a = self.arrival[ib] + hop + delay
                if a > best:
                    best, best_in = a, ib
            self.arrival[b], self.prev[b] = best, best_in
            stack.pop()
        return self.arrival[bit]

    def endpoints(self):
        """(register name, input port, bit, arrival) of every clocked cell's data-side input."""
        for cname, cell in self.cells.items():
            t = cell["type"]
            if t not in ("TRELLIS_FF", "DP16KD", "TRELLIS_DPR16X4"):
                continue
            if t == "TRELLIS_FF":
                q = cell["connections"].get("Q", [None])[0]
                reg = self.name_of.get(q, cname) if isinstance(q, int) else cname
            else:
                reg = cname
            for port, bits in cell["connections"].items():
                if cell["port_directions"].get(port) != "input" or port.startswith(("CLK", "WCK")):
                    continue
                if t == "TRELLIS_DPR16X4" and port == "RAD":
                    continue
                for b in bits:
                    if isinstance(b, int):
                        # (a flip-flop is packed with the LUT that feeds it: no routing)
                        src = self.driver.get(b)
                        packed = t == "TRELLIS_FF" and src is not None and \
                            self.cells[src[0]]["type"] in LOGIC and port == "DI"
                        hop = 0.0 if src is None or packed else ROUTE
                        yield reg, port, b, self.arrive(b) + hop

    def path(self, bit: int) -> list[int]:
        chain = [bit]
        while self.prev.get(chain[-1]) is not None:
            chain.append(self.prev[chain[-1]])
        return chain[::-1]

    def src(self, bit: int) -> str:
        drv = self.driver.get(bit)
        if drv is None:
            return ""
        s = self.cells[drv[0]].get("attributes", {}).get("src", "")
        return s.split("|")[0]


def group(reg: str) -> str:
    g = re.sub(r"\[\d+\]$", "", reg)
    return re.sub(r"_TRELLIS_FF_Q(_\d+)?$", "", g).removeprefix("u_soc.u_soc.")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("synth_json")
    ap.add_argument("--mhz", type=float, default=80.0)
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--path", help="print the hops into the registers whose name contains this")
    args = ap.parse_args()
    n = Timing(args.synth_json)
    period = 1000.0 / args.mhz
    worst: dict[str, tuple[float, str, int]] = {}
    for reg, port, bit, t in n.endpoints():
        g = group(reg)
        if g not in worst or t > worst[g][0]:
            worst[g] = (t, port, bit)
    ranked = sorted(worst.items(), key=lambda kv: -kv[1][0])
    if args.path:
        for g, (t, port, bit) in ranked:
            if args.path in g:
                print(f"{t:6.2f} ns  {g} .{port}")
                for b in n.path(bit):
                    print(f"   {n.arrival.get(b, 0):6.2f}  {n.name_of.get(b, '?')[:90]}  {n.src(b)}")
                return 0
        print(f"depth.py: no register matches {args.path}", file=sys.stderr)
        return 1
    late = [(g, v) for g, v in ranked if v[0] > period]
    print(f"{len(late)} of {len(ranked)} registers estimated later than {period:.2f} ns "
          f"({args.mhz:g} MHz); the {min(args.top, len(ranked))} latest:")
    for g, (t, port, bit) in ranked[:args.top]:
        start = n.path(bit)[0]
        print(f"{t:6.2f}  {g[:70]:70} <- {group(n.name_of.get(start, '?'))[:60]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
