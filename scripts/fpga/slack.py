#!/usr/bin/env python3
"""Every long register-to-register path of a routed iCE40 UP5K design, not only nextpnr's worst.

nextpnr reports one critical path per clock, so after a cut the next-longest paths stay hidden.
This times the routed netlist again with nextpnr's own delay model (its cell delays, each net's
routed pips, the clock's routing to each register), ranks the registers by their worst slack and
prints the worst path into the first few.

  scripts/fpga/slack.py build/<X>/icebreaker-pipe/report.json build/<X>/icebreaker-pipe/routed.json [--clock clk] [--mhz 30] [--top 25]

Both files come from nextpnr-ice40's `--report R.json --detailed-timing-report --write routed.json`.
Its detailed_net_timings (nextpnr 0.7 on) holds each register input's arrival, not each net's
delays: it is the check here, and the net delays come from the pips in routed.json.
"""
import argparse
import json
import re
import sys
from collections import defaultdict

from netlist import Netlist

LC = "ICESTORM_LC"
# nextpnr's up5k chipdb holds icestorm's timings_up5k.txt figures (slow corner, the larger of rise
# and fall, in ps) times about 1.3244, truncated to whole ps: with that factor every LUT, carry and
# clock-to-output delay its reports print, and every register input's arrival, comes out to the ps
# (LUT I3 660 -> 0.874 ns, LocalMux + InMux 830 + 500 -> 1.761 ns).
SCALE = 1.3244
LUT_PS = {"I0": 970, "I1": 930, "I2": 910, "I3": 660}  # LogicCell40 inN -> lcout


def ns(ps: float) -> float:
    return int(ps * SCALE) / 1000


# Combinational arcs (cell type, from port, to port) -> ns; the report's critical paths override them.
ARCS = {(LC, p, "O"): ns(v) for p, v in LUT_PS.items()}
ARCS.update({(LC, "I1", "COUT"): ns(510), (LC, "I2", "COUT"): ns(460), (LC, "CIN", "COUT"): ns(210),
             ("SB_GB", "USER_SIGNAL_TO_GLOBAL_BUFFER", "GLOBAL_BUFFER_OUTPUT"): ns(1200)})
# Clock to output by cell type (the chipdb has none for the DSP: nextpnr takes 0.1 ns).
CLK_TO_Q = {LC: ns(1050), "ICESTORM_RAM": ns(890), "ICESTORM_SPRAM": ns(1375), "ICESTORM_DSP": 0.1}
CLOCK_PORT = {LC: "CLK", "ICESTORM_SPRAM": "CLOCK", "ICESTORM_DSP": "CLK"}  # the RAM: RCLK, WCLK
# A pip's delay by the wire it drives, as nextpnr's ice40/chipdb.py assigns it (see pip_ps).
PIP_PS = {"carry_in_mux": 420, "fabout": 0, "clk": 0}  # ICE_CARRY_IN_MUX
PIP_PS.update(dict.fromkeys(("lutff_global/clk", "io_global/inclk", "io_global/outclk", "ram/RCLK",
                             "ram/WCLK"), 700))  # ClkMux
PIP_PS.update(dict.fromkeys(("lutff_global/s_r", "io_global/latch", "ram/RE", "ram/WE"), 480))  # SRMux
PIP_PS.update(dict.fromkeys(("lutff_global/cen", "io_global/cen", "ram/RCLKE", "ram/WCLKE"), 530))  # CEMux


def pip_ps(src: str, dst: str) -> int:
    if dst.startswith(("sp4_", "span4_")):  # Sp12to4, IoSpan4Mux, Span4Mux_h4, Span4Mux_v4
        return 640 if src.startswith(("sp12_", "span12_")) else 560 if src.startswith("span4_") \
            else 410 if dst.startswith("sp4_h_") else 490
    if dst.startswith(("sp12_", "span12_")):
        return 930  # Span12Mux_h12, _v12
    if dst in PIP_PS or dst.startswith("glb2local_") or dst.endswith("_lut"):
        return PIP_PS.get(dst, 0)  # (the last: the LUT's input permutation)
    if dst.startswith("local_"):
        return 830  # LocalMux
    if re.match(r"lutff_\d+/out$", dst):
        return LUT_PS["I" + src.split("/in_")[1][0]]  # a LUT routed through
    return 500  # InMux, IoInMux: into a LUT, RAM, DSP or IO input


def wire_delays(routing: str) -> tuple[dict[str, float], set[str]]:
    """A net's ROUTING attribute: each wire's delay from the driver (the pips summed), the ends."""
    f = routing.split(";")
    up: dict[str, tuple[str, float]] = {}  # wire -> (the wire driving it, the pip's delay)
    delay = {f[i]: 0.0 for i in range(0, len(f) - 2, 3) if not f[i + 1]}  # the driver's wire
    for i in range(0, len(f) - 2, 3):
        if f[i + 1]:
            src, dst = f[i + 1].split("/", 2)[2].split(".->.")
            x, y, s = src.split(".", 2)
            d = pip_ps(s.replace(":", "/"), dst.split(".", 2)[2].replace(":", "/"))
            up[f[i]] = (f"X{x}/Y{y}/{s}", ns(d))
    for w in list(up):
        chain = []
        while w in up and w not in delay:
            chain.append(w)
            w = up[w][0]
        t = delay.get(w, 0.0)
        for c in reversed(chain):
            t += up[c][1]
            delay[c] = t
    return delay, set(delay) - {u for u, _ in up.values()}


def tile(name: str) -> tuple[int, int]:
    m = re.match(r"X(\d+)/Y(\d+)/", name)
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)


def sink_wire(bel: str, port: str) -> list[str]:
    """The wire an LC's or a block RAM's input is on (its ports span two tiles)."""
    m = re.match(r"X(\d+)/Y(\d+)/(lc|ram)(\d*)$", bel)
    if not m:
        return []
    x, y, kind, z = m.groups()
    if kind == "ram":
        return [f"X{x}/Y{y}/ram:{port}", f"X{x}/Y{int(y) + 1}/ram:{port}"]
    z = int(z)
    return [f"X{x}/Y{y}/" + {"CIN": f"lutff_{z - 1}:cout" if z else "carry_in_mux", "CLK": "lutff_global:clk",
                             "CEN": "lutff_global:cen", "SR": "lutff_global:s_r"}.get(port, f"lutff_{z}:in_{port[1:]}_lut")]


def flag(cell: dict, param: str) -> bool:
    return "1" in cell["parameters"].get(param, "0")


def lut_inputs(cell: dict) -> set[str]:
    """The LUT inputs its function depends on: nextpnr gives the others no arc to O."""
    init = int(cell["parameters"].get("LUT_INIT", "0") or "0", 2)
    return {f"I{k}" for k in range(4) if any((init >> i & 1) != (init >> (i ^ 1 << k) & 1) for i in range(16))}


def short(name: str) -> str:
    n = name.removeprefix("u_soc.u_soc.")
    return n if len(n) <= 72 else n[:44] + ".." + n[-26:]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("report_json")
    ap.add_argument("routed_json")
    ap.add_argument("--clock", default="clk", help="the clock net (nextpnr's name)")
    ap.add_argument("--mhz", type=float, help="the clock's goal (default: the report's constraint)")
    ap.add_argument("--top", type=int, default=25, help="print the worst path of this many registers")
    args = ap.parse_args()
    try:
        report = json.load(open(args.report_json, encoding="utf-8"))
        routed = Netlist(args.routed_json)
    except (OSError, ValueError, StopIteration) as err:
        print(f"slack: {err or 'no top module in ' + args.routed_json}", file=sys.stderr)
        return 1
    fmax = report.get("fmax", {}).get(args.clock)
    cells, nets, name_of, driver = routed.cells, routed.nets, routed.name_of, routed.driver
    if fmax is None or args.clock not in nets:
        print(f"slack: no clock '{args.clock}' (nextpnr's: {', '.join(report.get('fmax', {}))})", file=sys.stderr)
        return 1
    period = 1000.0 / (args.mhz or fmax["constraint"])
    sinks = defaultdict(list)  # bit -> [(cell, port)]: every port but outputs (inouts too)
    for cname, c in cells.items():
        for port, bits in c["connections"].items():
            if c["port_directions"][port] != "output":
                for b in (b for b in bits if isinstance(b, int)):
                    sinks[b].append((cname, port))
    setups, c2q = {}, {}  # nextpnr's own numbers, for what its critical paths show
    for h in (h for p in report.get("critical_paths", []) for h in p["path"]):
        t, fp, tp = cells.get(h["from"]["cell"], {}).get("type"), h["from"]["port"], h["to"]["port"]
        if h["type"] == "logic":
            ARCS[(t, fp, tp)] = h["delay"]
        elif h["type"] == "setup":
            setups[(t, fp)] = h["delay"]
        elif h["type"] == "clk-to-q":
            c2q[t] = h["delay"]

    def sink_delays(net: dict) -> dict[tuple, float]:
        """A net's delay to each (cell, input port) it drives."""
        delays, tips = wire_delays(net["attributes"].get("ROUTING", ";;"))
        out, rest = {}, []
        for s in sinks[net["bits"][0]]:
            on = [w for w in sink_wire(cells[s[0]]["attributes"].get("NEXTPNR_BEL", ""), s[1]) if w in delays]
            if on:
                out[s] = delays[on[0]]
                tips.discard(on[0])
            else:
                rest.append(s)
        for s in rest:  # a DSP, SPRAM or global buffer input: the net's end nearest to the cell
            bel = cells[s[0]]["attributes"].get("NEXTPNR_BEL", "")  # (a DSP and 2 SPRAMs have 4 tiles
            x, y = tile(bel)  # above their bel: the even SPRAM the upper 2)
            y += 3.5 if re.search(r"spram_\d*[02468]$", bel) else 1.5 if "gb" not in bel else 0
            out[s] = delays.get(min(sorted(tips), key=lambda w: abs(tile(w)[0] - x) + abs(tile(w)[1] - y), default=""), 0.0)
        return out

    clock_delay = sink_delays(nets[args.clock])  # nextpnr counts the clock's routing to each register

    def clocked(cname: str, c: dict, port: str) -> tuple[str, float] | None:
        """(the edge, the clock's delay) if port is a register input or output on --clock."""
        t = c["type"]
        if t == "ICESTORM_RAM":
            cp = "RCLK" if port.startswith("R") else "WCLK"
            neg = flag(c, "NEG_CLK_R" if cp == "RCLK" else "NEG_CLK_W")
        elif t == LC and (not flag(c, "DFF_ENABLE") or port in ("CIN", "COUT", "LO")):
            return None
        else:
            cp, neg = CLOCK_PORT.get(t), t == LC and flag(c, "NEG_CLK")
        clk = (c["connections"].get(cp) or [None])[0] if cp and cp != port else None
        return ("neg" if neg else "pos", clock_delay.get((cname, cp), 0.0)) \
            if name_of.get(clk) == args.clock else None

    succ = defaultdict(list)  # (cell, port) -> [((cell, port), delay)]
    for name, net in nets.items():
        if net["bits"][0] in driver and name != args.clock:
            succ[driver[net["bits"][0]]] += sink_delays(net).items()
    start, ends = {}, {}  # (cell, port) -> (edge, the clock's delay, clock to output | setup)
    for cname, c in cells.items():
        t, conn = c["type"], {p for p, b in c["connections"].items() if b}
        lut = lut_inputs(c) if t == LC and not flag(c, "DFF_ENABLE") else set()
        for (at, fp, tp), d in ARCS.items():
            if at == t and {fp, tp} <= conn and (tp != "O" or fp in lut) and "FOR_PAD_IN" not in c["attributes"]:
                succ[(cname, fp)].append(((cname, tp), d))
        for port in sorted(conn):  # (sorted: ties rank the same on every run)
            if (ck := clocked(cname, c, port)) is None:
                pass
            elif c["port_directions"][port] == "output":
                if t != LC or conn & set(LUT_PS):  # (an LC without inputs drives a constant)
                    start[(cname, port)] = ck + (c2q.get(t, CLK_TO_Q[t]),)
            else:  # (nextpnr's setup: the LUT's delay less 50 ps on the UP5K, else 100 ps)
                su = ARCS[(LC, port, "O")] - 0.05 if t == LC and port in LUT_PS else 0.1
                ends[(cname, port)] = ck + (setups.get((t, port), su),)

    # the latest arrival per launch edge, in topological order (no recursion: carry chains run deep)
    arr: dict[tuple, dict[str, tuple[float, tuple | None]]] = defaultdict(dict)
    for n, (edge, clk, d) in start.items():
        arr[n][edge] = (clk + d, None)
    indeg = defaultdict(int)
    for m, _ in (a for outs in succ.values() for a in outs):
        indeg[m] += 1
    queue = [n for n in list(succ) if indeg[n] == 0]
    while queue:
        n = queue.pop()
        for m, d in succ[n]:
            for e, (t, _) in arr.get(n, {}).items():
                if e not in arr[m] or t + d > arr[m][e][0]:
                    arr[m][e] = (t + d, n)
            indeg[m] -= 1
            if indeg[m] == 0:
                queue.append(m)
    worst = {}  # endpoint -> (slack, delay, launch edge): half a period between opposite edges
    for n, (cap, clk, su) in ends.items():
        for e, (t, _) in arr.get(n, {}).items():
            row = ((period / 2 if e != cap else period) - (t + su - clk), t + su - clk, e)
            worst[n] = min(worst.get(n, row), row)
    if not worst:
        print(f"slack: no register-to-register path on clock '{args.clock}'", file=sys.stderr)
        return 1

    # (a) the check against nextpnr (its Fmax counts a path between opposite edges twice)
    ours, theirs = max(d * (2 if e != ends[n][0] else 1) for n, (_, d, e) in worst.items()), 1000 / fmax["achieved"]
    print(f"check: worst '{args.clock}' path {ours:.2f} ns here, {theirs:.2f} ns in nextpnr's report "
          f"({fmax['achieved']:.2f} MHz): {100 * (ours / theirs - 1):+.1f} %")
    reported = defaultdict(list)
    for ep in (ep for net in report.get("detailed_net_timings", []) for ep in net["endpoints"]):
        if ep["event"].endswith(" " + args.clock):
            reported[(ep["cell"], ep["port"])].append(ep["delay"][-1])
    diffs = sorted((min(abs(a - t) for a in v for t, _ in arr[n].values()), n) for n, v in reported.items() if arr.get(n))
    if diffs:
        off = f" (the worst off by {diffs[-1][0]:.3f} ns: {short(diffs[-1][1][0])}.{diffs[-1][1][1]})"
        print(f"       arrivals at {sum(x < 0.002 for x, _ in diffs)} of {len(diffs)} register inputs as in its "
              f"detailed_net_timings{off if diffs[-1][0] >= 0.002 else ''}"[:150])
    other = {name_of.get((c["connections"].get("CLK") or [0])[0]) for c in cells.values()
             if c["type"] == "ICESTORM_DSP"} - {args.clock}
    if other:  # (nextpnr times a DSP's ports as registers of its clock, whatever the DSP's mode)
        print(f"note: the DSPs clocked by {', '.join(map(str, other))} are not timed here")

    # (b) the endpoints by register
    def register(cname: str) -> str:
        c = cells[cname]
        if c["type"] != LC:
            return re.sub(r"(\.\d+)*_RAM$", "", cname) + f" ({c['type'].split('_')[1]})"
        q = name_of.get((c["connections"].get("O") or [None])[0], "")
        m = re.match(r"(.*)_SB_DFF[A-Z]*_Q(?:_\d+)?(?:_D_SB_LUT4_O)?_(?:DFF)?LC$", cname)
        for cand in (q, m.group(1) if m else ""):
            if cand and "_SB_" not in cand and "$" not in cand:
                return re.sub(r"\[\d+\]$", "", cand)
        rtl = [s for s in c["attributes"].get("src", "").split("|") if s and not s.startswith("/")]
        if rtl:  # Yosys kept no name: where the flop was written
            return f"(flops of {rtl[0].rsplit('/', 1)[-1].rsplit('.', 1)[0]}, no name kept)"
        return (q or cname).split("_SB_")[0] + "?"

    groups = defaultdict(dict)  # register -> {bit (an LC, or a RAM's port): (worst row, endpoint)}
    for n, row in worst.items():
        bits = groups[register(n[0])]
        bit = n[0] if cells[n[0]]["type"] == LC else n
        bits[bit] = min(bits.get(bit, (row, n)), (row, n))
    ranked = sorted(groups.items(), key=lambda kv: min(kv[1].values())[0])
    shown = [kv for kv in ranked if min(kv[1].values())[0][0] < 0.1 * period]
    print(f"\n{sum(min(b.values())[0][0] < 0 for _, b in ranked)} of {len(ranked)} registers fail "
          f"{1000 / period:.2f} MHz ({period:.2f} ns); the {len(shown)} with less than 10 % slack:")
    print(f"{'delay':>7} {'slack':>7}  {'failing':>9}  register  (delay: clock to output .. setup)")
    for g, bits in shown:
        (slack, delay, _), _ = min(bits.values())
        fails = sum(r[0][0] < 0 for r in bits.values())
        print(f"{delay:7.2f} {slack:7.2f}  {fails:4d} / {len(bits):<3d}  {short(g)}"[:150])

    # (c) the worst path into the first --top registers (times from the launching clock pin)
    for g, bits in ranked[:args.top]:
        (slack, delay, e), end = min(bits.values())
        path = [end]
        while arr[path[-1]][e][1] is not None:
            path.append(arr[path[-1]][e][1])
        path.reverse()
        clk0 = start[path[0]][1]
        last = arr[path[0]][e][0] - clk0
        print(f"\n{short(g)}: {delay:.2f} ns, slack {slack:.2f} ({e}edge launch)\n"
              f"  {last:7.2f} {last:6.2f}  {short(path[0][0])}.{path[0][1]}  clock to output")
        run = 0  # carry cells passed from CIN to COUT so far: one line
        for i, ((c, ip), (_, op)) in enumerate(zip(path[1:-1:2], path[2:-1:2])):
            t = arr[(c, op)][e][0] - clk0
            if ip == "CIN" and op == "COUT":
                run += 1
                if path[2 * i + 3][1] == "CIN":  # (the chain goes on)
                    continue
                note = f"(the last of {run} carry cells)"
            else:
                out = name_of.get(cells[c]["connections"][op][0], "")
                rtl = [s for s in (cells[c]["attributes"].get("src", "") + "|" + nets.get(out, {})
                                   .get("attributes", {}).get("src", "")).split("|") if s and not s.startswith("/")]
                note = rtl[0] if rtl else f"-> {short(out)}"
            print(f"  {t:7.2f} {t - last:6.2f}  {short(c)}.{ip}->{op}  {note}"[:150])
            last, run = t, 0
        _, clk, su = ends[path[-1]]
        skew = f", clock skew {clk0 - clk:+.2f}" if abs(clk0 - clk) > 0.0005 else ""
        print(f"  {delay:7.2f} {delay - last:6.2f}  {short(path[-1][0])}.{path[-1][1]}  setup {su:.2f}{skew}"[:150])
    return 0


if __name__ == "__main__":
    sys.exit(main())
