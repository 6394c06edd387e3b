#!/usr/bin/env python3
"""The FPGA flow: from the SystemVerilog to a bitstream for one board, with its reports.

    flow.py bitstream --board B [--core pipe] [--variant V] [--program ELF] [--seed N] [--tries T]
                      [--mhz F]
        Yosys (slang front end; synth_ice40 / synth_ecp5), nextpnr at the PLL's real output
        frequency (with seeds N .. N + T - 1 in turn until one meets timing), icepack / ecppack.
        The boot ROM is built with random contents and the program (default: the blinky demo)
        is swapped in afterwards, so that `program-image` can do the
        same later. Writes build/fpga/<build>/: <build>.bin|.bit, report.json, report.md.
        Fails with one line when the design does not fit or misses timing.
    flow.py synth --board B [--core pipe] [--variant V]
        Synthesis only (make fpga-check runs it for every board x core).
    flow.py program-image --board B [--core pipe] [--variant V] --program ELF
        Puts another program into a built bitstream without place and route (icebram / ecpbram).
    flow.py rom-hex ELF OUT --words N
        The boot ROM image of a program (the simulator's boot-ROM test uses it too).
    flow.py report [--out docs/fpga-results.md] [--build]
        Collects every board x core report into one Markdown table (--build builds what is missing).

Exit status: 0 done, 1 the design does not fit / misses timing / a tool failed, 2 bad input.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import boards  # noqa: E402  (scripts/fpga/boards.py)
from netlist import Netlist  # noqa: E402  (scripts/fpga/netlist.py)

ROOT = boards.ROOT
RAM_BASE = 0x8000_0000
RISCV_PREFIX = "riscv64-unknown-elf-"
DEFAULT_PROGRAM = ROOT / "build/sw/fpga/blinky.elf"
# The SoC parameters a board build sets when its board.toml does not: soc_top's defaults, except
# the boot ROM (8 KiB) that every board gets for its default program.
SOC_DEFAULTS = {
    "NumHpm": 8, "CounterShadowBram": 0, "CountersInDsp": 0, "UseCaches": 1, "ICacheBytes": 4096, "DCacheBytes": 4096, "MainRamSpram": 0,
    "MainRamSinglePort": 0, "UartFifoDepth": 16,
    "UseDebugUnit": 1, "BootRomWords": 2048, "BtbEntries": 32, "BhtEntries": 256, "FastMul": 1,
}
# soc_top's CoreKind per core name (SOC_CORE_* of spec/soc_map.h).
CORE_KINDS = {"pipe": 1, "ooo": 2}
# The project's goals (issues 5 and 6): the board, the core and the clock its bitstream must reach.
GOALS = [("icebreaker", "pipe", 30.0), ("ulx3s", "pipe", 80.0), ("ulx3s", "ooo", 60.0)]
# What nextpnr calls the resources of each family, and how the report names them.
RESOURCES = {
    "ice40": [("ICESTORM_LC", "logic cells (LUT4+FF)"), ("ICESTORM_RAM", "block RAM (4 Kbit)"),
              ("ICESTORM_SPRAM", "SPRAM (256 Kbit)"), ("ICESTORM_DSP", "DSP (SB_MAC16)"),
              ("ICESTORM_PLL", "PLL"), ("SB_IO", "I/O")],
    "ecp5": [("TRELLIS_COMB", "LUT4"), ("TRELLIS_FF", "flip-flops"), ("DP16KD", "block RAM (18 Kbit)"),
             ("MULT18X18D", "DSP (18x18)"), ("EHXPLLL", "PLL"), ("TRELLIS_IO", "I/O")],
}


class FlowError(Exception):
    """A failure to report in one line; `code` is the exit status."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


# ---- tools ---------------------------------------------------------------------------------------

def tool(name: str) -> list[str]:
    out = subprocess.run([str(ROOT / "scripts/tools.sh"), name], check=True, capture_output=True,
                         text=True).stdout.split()
    return out


def run(cmd: list[str], log: Path | None = None, what: str = "") -> str:
    """Runs a tool in the repository root (YoWASP tools see only that tree); raises FlowError."""
    res = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    text = res.stdout + res.stderr
    if log:
        log.write_text(text)
    if res.returncode != 0:
        hint = f"; see {rel(log)}" if log else ""
        errors = [l for l in text.splitlines() if "ERROR" in l or "rror:" in l]
        detail = f": {errors[0].strip()}" if errors else ""
        raise FlowError(f"{what or cmd[0]} failed{detail}{hint}")
    return text


def rel(p: Path) -> str:
    try:
        return str(p.resolve().relative_to(ROOT))
    except ValueError:
        return str(p)


def tool_version(name: str) -> str:
    cmd = tool(name)
    flag = "-V" if name == "yosys" else "--version"
    res = subprocess.run(cmd + [flag], cwd=ROOT, capture_output=True, text=True)
    lines = (res.stdout + res.stderr).strip().splitlines()
    return lines[-1].strip() if lines else "unknown"


# ---- the build's configuration -------------------------------------------------------------------

def build_name(b: boards.Board, core: str) -> str:
    return f"{b.name}{'-' + b.variant if b.variant and len(b.variants) > 1 else ''}-{core}"


def build_dir(b: boards.Board, core: str) -> Path:
    # FPGA_BUILD (relative to the repository) keeps a second set of builds apart, e.g. a CI run's.
    return ROOT / os.environ.get("FPGA_BUILD", "build/fpga") / build_name(b, core)


def core_files(core: str) -> list[str]:
    filelist = ROOT / f"hw/rtl/soc_{core}.f"
    if not filelist.exists():
        raise FlowError(f"core '{core}' does not exist yet (no {rel(filelist)})", 2)
    return filelist.read_text().split()


def plan_pll(b: boards.Board, out: Path) -> dict:
    """Runs icepll / ecppll for the board's oscillator and target; returns the dividers and the
    frequency the PLL really makes."""
    if b.family == "ice40":
        text = run(tool("icepll") + ["-i", str(b.osc_mhz), "-o", str(b.target_mhz)], what="icepll")
        field = lambda key: re.search(rf"^{key}:\s+([\d.]+)", text, re.M).group(1)  # noqa: E731
        achieved = float(re.search(r"F_PLLOUT:\s+([\d.]+) MHz \(achieved\)", text).group(1))
        return {"mhz": achieved, "Ice40Divr": int(field("DIVR")), "Ice40Divf": int(field("DIVF")),
                "Ice40Divq": int(field("DIVQ")), "Ice40FilterRange": int(field("FILTER_RANGE"))}
    pll_v = out / "ecppll.v"
    text = run(tool("ecppll") + ["-i", str(b.osc_mhz), "-o", str(b.target_mhz), "-f", rel(pll_v)],
               what="ecppll")
    achieved = float(re.search(r"clkout0 frequency:\s+([\d.]+) MHz", text).group(1))
    verilog = pll_v.read_text()
    param = lambda key: int(re.search(rf"\.{key}\((\d+)\)", verilog).group(1))  # noqa: E731
    return {"mhz": achieved, "Ecp5ClkiDiv": param("CLKI_DIV"), "Ecp5ClkfbDiv": param("CLKFB_DIV"),
            "Ecp5ClkopDiv": param("CLKOP_DIV"), "Ecp5ClkopCphase": param("CLKOP_CPHASE")}


def write_cfg_pkg(b: boards.Board, core: str, out: Path, pll: dict, rom_file: Path) -> dict:
    soc = {**SOC_DEFAULTS, **b.soc}
    clock_hz = round(pll["mhz"] * 1e6)
    baud = (b.usb or {}).get("baud", 115200)
    values = {
        "ClockHz": clock_hz, "UartClksPerBit": round(clock_hz / baud), "RamBytes": b.ram_kib * 1024,
        "CoreKind": CORE_KINDS.get(core, 0),
        **{k: int(v) for k, v in soc.items()},
        "Ice40Divr": 0, "Ice40Divf": 0, "Ice40Divq": 0, "Ice40FilterRange": 0,
        "Ecp5ClkiDiv": 1, "Ecp5ClkfbDiv": 1, "Ecp5ClkopDiv": 1, "Ecp5ClkopCphase": 0,
        **{k: v for k, v in pll.items() if k != "mhz"},
    }
    lines = [f"// Generated by scripts/fpga/flow.py for {build_name(b, core)}: do not edit.",
             "package board_cfg_pkg;"]
    lines += [f"  localparam int unsigned {k} = {v};" for k, v in values.items()]
    lines += [f'  localparam string BootRomFile = "{rel(rom_file)}";', "endpackage", ""]
    (out / "board_cfg_pkg.sv").write_text("\n".join(lines))
    return values


# ---- the boot ROM's contents ---------------------------------------------------------------------

def elf_image(elf: Path, ram_bytes: int) -> bytes:
    """The RAM image of a program: its loadable bytes from the start of RAM (objcopy)."""
    if not elf.exists():
        raise FlowError(f"{elf}: no such program", 2)
    header = subprocess.run([RISCV_PREFIX + "readelf", "-hlW", str(elf)], capture_output=True,
                            text=True)
    if header.returncode != 0 or "ELF32" not in header.stdout or "RISC-V" not in header.stdout:
        raise FlowError(f"{elf}: not a 32-bit RISC-V ELF", 2)
    entry = int(re.search(r"Entry point address:\s+(0x[0-9a-f]+)", header.stdout).group(1), 16)
    loads = [(int(m.group(1), 16), int(m.group(2), 16)) for m in
             re.finditer(r"^\s+LOAD\s+\S+\s+\S+\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)", header.stdout, re.M)]
    if entry != RAM_BASE or not loads or min(a for a, _ in loads) != RAM_BASE:
        raise FlowError(f"{elf}: must start at the start of RAM (0x{RAM_BASE:08x}), entry 0x{entry:08x}", 2)
    end = max(a + size for a, size in loads)
    if end - RAM_BASE > ram_bytes:
        raise FlowError(f"{elf}: needs {end - RAM_BASE} bytes of RAM, the board has {ram_bytes}", 2)
    # The software kit's linker script puts the stack at the top of the RAM it was told about.
    symbols = subprocess.run([RISCV_PREFIX + "nm", str(elf)], capture_output=True, text=True).stdout
    top = re.search(r"^([0-9a-f]+) \w __stack_top$", symbols, re.M)
    if top and int(top.group(1), 16) - RAM_BASE > ram_bytes:
        raise FlowError(f"{elf}: linked for {(int(top.group(1), 16) - RAM_BASE) // 1024} KiB of RAM, the board "
                        f"has {ram_bytes // 1024} KiB (link with RAM_SIZE={ram_bytes:#x})", 2)
    out = elf.with_suffix(".romimage.bin")
    subprocess.run([RISCV_PREFIX + "objcopy", "-O", "binary", str(elf), str(out)], check=True)
    data = out.read_bytes()
    out.unlink()
    return data


def write_rom_hex(elf: Path, out: Path, words: int, ram_bytes: int = 1 << 20) -> int:
    data = elf_image(elf, ram_bytes)
    if len(data) > words * 4:
        raise FlowError(f"{elf}: {len(data)} bytes do not fit the boot ROM ({words * 4} bytes; "
                        "set BootRomWords in the board's [soc])", 2)
    data = data + bytes(words * 4 - len(data))
    out.write_text("".join(f"{int.from_bytes(data[i:i + 4], 'little'):08x}\n"
                           for i in range(0, len(data), 4)))
    return len(data)


def random_rom(b: boards.Board, out: Path, words: int, seed: int) -> Path:
    path = out / "rom_random.hex"
    if b.family == "ice40":
        text = run(tool("icebram") + ["-g", "-s", str(seed), "32", str(words)], what="icebram -g")
        path.write_text(text)
    else:
        run(tool("ecpbram") + ["-g", rel(path), "-w", "32", "-d", str(words), "-s", str(seed)],
            what="ecpbram -g")
    return path


def replace_rom(b: boards.Board, design: Path, result: Path, old_hex: Path, new_hex: Path) -> None:
    """icebram / ecpbram: the design with the boot ROM's contents old_hex replaced by new_hex."""
    if b.family == "ice40":
        with open(design) as src:
            res = subprocess.run(tool("icebram") + [rel(old_hex), rel(new_hex)], cwd=ROOT, stdin=src,
                                 capture_output=True, text=True)
        if res.returncode != 0:
            raise FlowError(f"icebram could not find the boot ROM in the design: {res.stderr.strip()}")
        result.write_text(res.stdout)
    else:
        run(tool("ecpbram") + ["-i", rel(design), "-o", rel(result), "-f", rel(old_hex), "-t", rel(new_hex)],
            what="ecpbram")


def swap_rom(b: boards.Board, out: Path, program_hex: Path, words: int) -> Path:
    """The placed-and-routed design with the program in its boot ROM, packed into a bitstream. Always
    from the routed design with the random contents, which the tools find unambiguously (a
    program's own zero words would not be)."""
    name = out.name
    suffix = ".asc" if b.family == "ice40" else ".config"
    replace_rom(b, out / f"design{suffix}", out / f"final{suffix}", out / "rom_random.hex", program_hex)
    if b.family == "ice40":
        bitstream = out / f"{name}.bin"
        run(tool("icepack") + [rel(out / "final.asc"), rel(bitstream)], what="icepack")
    else:
        bitstream = out / f"{name}.bit"
        idcode = ["--idcode", f"0x{b.ecppack_idcode:08x}"] if b.ecppack_idcode else []
        run(tool("ecppack") + idcode + ["--compress", rel(out / "final.config"), rel(bitstream)],
            what="ecppack")
    return bitstream


# ---- synthesis, place and route ------------------------------------------------------------------

def synthesize(b: boards.Board, core: str, out: Path, seed: int, gates_only: bool = False) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    pll = plan_pll(b, out)
    soc = {**SOC_DEFAULTS, **b.soc}
    rom_words = int(soc["BootRomWords"])
    random_rom(b, out, rom_words, seed)
    cfg = write_cfg_pkg(b, core, out, pll, out / "rom_random.hex")
    files = ["boards/common/vendor_cells.sv", "boards/common/ice40_acc32.sv", rel(out / "board_cfg_pkg.sv"),
             *core_files(core),
             "boards/common/reset_sync.sv", f"boards/common/{b.family}_pll.sv",
             "boards/common/board_soc.sv", rel(b.top_sv)]
    slang = " ".join(tool("slang-args"))
    if b.family == "ice40":
        # -device: the delay model abc9 maps for (u: the UltraPlus parts are slower than the HX).
        # -dsp (multipliers into SB_MAC16) not with CountersInDsp: its ice40_dsp pass takes every
        # SB_MAC16 in the design for a multiplier of its own and rewrites it as one, so the
        # counters' accumulators (ice40_acc32) came out as constant-input multipliers
        # (check_dsp_counters below).
        dsp = "" if int(soc["CountersInDsp"]) else "-dsp "
        synth = (f"synth_ice40 {dsp}-device {'u' if b.device.startswith('up') else 'hx'} "
                 f"{'-spram ' if b.device == 'up5k' else ''}-top {b.top}")
    else:
        synth = f"synth_ecp5 -top {b.top}"
    # FPGA_KEEP_HIERARCHY=1: a diagnostic build whose cells keep their module path in their names,
    # so a critical path (critpath.py) shows the modules it crosses; without optimisation across
    # module boundaries it is larger and slower than the real build.
    hier = os.environ.get("FPGA_KEEP_HIERARCHY") == "1"
    if hier:
        slang += " --best-effort-hierarchy"
        synth += " -noflatten"
    if gates_only:
        # Stop before LUT mapping: the gates still carry their RTL source lines (see area()).
        script = (f"read_slang {slang} {' '.join(files)} --top {b.top}; {synth} -run begin:map_luts; "
                  f"cd {b.top}; write_json -selected {rel(out / 'gates.json')}")
        run(tool("yosys") + ["-q", "-l", rel(out / "gates.log"), "-p", script], what="Yosys synthesis")
        return {"pll": pll, "cfg": cfg}
    wire_table = ECP5_ABC9_WIRE_PS if b.family == "ecp5" else ICE40_ABC9_WIRE_PS
    wire_ps = os.environ.get("FPGA_ABC9_WIRE_PS") or wire_table.get(core)
    if wire_ps and not str(wire_ps).isdigit():
        raise FlowError(f"FPGA_ABC9_WIRE_PS={wire_ps}: give picoseconds as a whole number", 2)
    wire_ps = int(wire_ps) if wire_ps else None
    delay_ps = os.environ.get("FPGA_ABC9_DELAY_PS") or ECP5_ABC9_DELAY_PS.get(core)
    if delay_ps and not str(delay_ps).isdigit():
        raise FlowError(f"FPGA_ABC9_DELAY_PS={delay_ps}: give picoseconds as a whole number", 2)
    delay_ps = int(delay_ps) if delay_ps and b.family == "ecp5" else None
    if (wire_ps or delay_ps) and b.family == "ecp5":
        # synth_ecp5's own LUT mapping step (map_luts) with abc9's wire delay raised
        # (ECP5_ABC9_WIRE_PS) and/or a delay target (ECP5_ABC9_DELAY_PS).
        target = f" -D {delay_ps}" if delay_ps else ""
        steps = (f"{synth} -run begin:map_luts; check -latchonly -assert; "
                 f"techmap -map +/lattice/latches_map.v; abc9 -W {wire_ps or 300}{target}; clean; "
                 f"{synth} -run map_cells: -json {rel(out / 'synth.json')}")
    elif wire_ps:
        # synth_ice40 reads abc9's wire delay from this scratchpad key (its own: 750 ps on the
        # UltraPlus parts, 250 on the HX).
        steps = (f"scratchpad -set synth_ice40.abc9.W {wire_ps}; "
                 f"{synth} -json {rel(out / 'synth.json')}")
    else:
        steps = f"{synth} -json {rel(out / 'synth.json')}"
    script = (f"read_slang {slang} {' '.join(files)} --top {b.top}; "
              f"{steps}; tee -q -o {rel(out / 'synth_stat.json')} stat -json")
    t0 = time.monotonic()
    run(tool("yosys") + ["-q", "-l", rel(out / "synth.log"), "-p", script], what="Yosys synthesis")
    if b.family == "ice40" and int(soc["CountersInDsp"]):
        check_dsp_counters(out / "synth.json")
    stat = json.loads((out / "synth_stat.json").read_text())
    cells = stat.get("design", {}).get("num_cells_by_type") or \
        stat["modules"][f"\\{b.top}"]["num_cells_by_type"]
    ffs = sum(n for c, n in cells.items() if c.startswith(("SB_DFF", "TRELLIS_FF")))
    return {"pll": pll, "cfg": cfg, "ffs": ffs, "synth_s": round(time.monotonic() - t0, 1),
            "abc9_wire_ps": wire_ps, "abc9_delay_ps": delay_ps}


def check_dsp_counters(synth_json: Path) -> None:
    """The iCE40 accumulators of CountersInDsp (ice40_acc32's SB_MAC16, instance u_mac) as
    written: there, clocked, the accumulator registers on the outputs."""
    cells = Netlist(str(synth_json)).cells
    accumulators = {n: c for n, c in cells.items() if c["type"] == "SB_MAC16" and n.endswith("u_mac")}
    if not accumulators:
        raise FlowError(f"{synth_json}: no DSP accumulator (ice40_acc32's u_mac) in the netlist", 1)
    for name, cell in accumulators.items():
        clk = cell["connections"].get("CLK", ["0"])[0]
        outputs = (cell["parameters"].get("TOPOUTPUT_SELECT"),
                   cell["parameters"].get("BOTOUTPUT_SELECT"))
        if isinstance(clk, str) or any(int(str(v), 2) != 1 for v in outputs):
            raise FlowError(f"{synth_json}: the DSP accumulator {name} was rewritten by "
                            f"synthesis (clock {clk}, output selects {outputs})", 1)


# abc9's delay per net (ps) when it maps the logic into LUTs, where not synth_ecp5's 300: routed
# hops on the -6 part take about 1 ns each (two thirds of the pipe core's critical paths), so
# with a higher figure abc9 saves LUT levels on the long paths at the cost of a few per cent more
# LUTs. On the pipe core's ULX3S build it raised session 12's netlist by 2 MHz on average but left
# session 13's at the same mean (docs/fpga.md, session 13): within the seeds' spread; session
# 13's main meets 80 MHz with it (seed 3). The ooo core keeps the default (its LUTs are its
# limit). FPGA_ABC9_WIRE_PS=N overrides it for experiments.
ECP5_ABC9_WIRE_PS = {"pipe": 1000}
# The same for synth_ice40 (none: its own figure).
ICE40_ABC9_WIRE_PS: dict[str, int] = {}
# abc9's delay target (ps) for an ECP5 core's LUT mapping, where not its best delay: with a target
# it maps the paths that have slack for area. The ooo core: without one, abc9 maps the whole
# netlist for the depth of its shortest possible critical path, which a cut in that path lowers
# and the rest of the netlist then pays for in LUTs (session 16's s16b: 51.7 % of the 85F at
# 20.20 MHz); at 16000 ps the same RTL placed at 47.5 % and 18.53 MHz (s16g; 14000: 50.3 %, 18.84;
# 18000: 47.3 %, 17.49; main's final text, s16h: 47.7 %, 17.77; docs/ooo.md).
# FPGA_ABC9_DELAY_PS=N sets it for experiments.
ECP5_ABC9_DELAY_PS: dict[str, int] = {"ooo": 16000}


# nextpnr-ecp5's analytic placer weighs timing more than by default (timing weight 10, criticality
# exponent 2): on the ULX3S pipe build this raised Fmax from 67.3 / 67.1 MHz (seeds 1, 2) to
# 76.9 / 75.3 / 80.3 MHz (seeds 1-3), same netlist (docs/fpga.md, session 10).
ECP5_PLACER = ["--placer-heap-timingweight", "60", "--placer-heap-critexp", "6"]


def place_and_route(b: boards.Board, out: Path, mhz: float, seed: int, core: str = "pipe") -> dict:
    common = ["--json", rel(out / "synth.json"), "--freq", f"{mhz:.3f}", "--seed", str(seed),
              "--report", rel(out / "pnr_report.json"), "--timing-allow-fail", "-q",
              "-l", rel(out / "pnr.log")]
    if b.family == "ice40":
        # (--detailed-timing-report and the routed netlist: for slack.py, every long path)
        cmd = tool("nextpnr-ice40") + [f"--{b.device}", "--package", b.package, "--pcf",
                                       rel(b.constraints), "--asc", rel(out / "design.asc"),
                                       "--detailed-timing-report", "--write",
                                       rel(out / "routed.json")] + common
    else:
        cmd = tool("nextpnr-ecp5") + [f"--{b.device}", "--package", b.package, "--speed", str(b.speed),
                                      "--lpf", rel(b.constraints), "--textcfg",
                                      rel(out / "design.config")] + common
        cmd += ECP5_PLACER
        if core == "ooo":
            # The ooo core's netlist congests the default router (router1 had not converged after
            # 19 minutes, 131,000 overused wires); router2 routes it in about 4 minutes.
            cmd += ["--router", "router2"]
    t0 = time.monotonic()
    try:
        run(cmd, what="nextpnr")
    except FlowError as e:
        log = (out / "pnr.log").read_text() if (out / "pnr.log").exists() else ""
        if "Unable to place" in log or "no BELs remaining" in log or "Failed to expand region" in log:
            # nextpnr's utilization table ("ICESTORM_LC:  9154/  5280  173%") says by how much.
            util = {m.group(1): {"used": int(m.group(2)), "available": int(m.group(3))}
                    for m in re.finditer(r"Info:\s+(\w+):\s+(\d+)/\s*(\d+)\s+\d+%", log)}
            return {"report": {"utilization": util, "fmax": {}}, "pnr_s": round(time.monotonic() - t0, 1),
                    "fits": False}
        raise e
    report = json.loads((out / "pnr_report.json").read_text())
    return {"report": report, "pnr_s": round(time.monotonic() - t0, 1), "fits": True}


def core_clock(report: dict) -> tuple[str, float, float]:
    """The SoC clock's entry in nextpnr's fmax table: the net with the highest constraint."""
    fmax = report.get("fmax", {})
    if not fmax:
        raise FlowError("nextpnr reported no clock")
    net = max(fmax, key=lambda n: fmax[n]["constraint"])
    return net, fmax[net]["achieved"], fmax[net]["constraint"]


def bitstream(b: boards.Board, core: str, program: Path, seed: int, tries: int = 1) -> dict:
    """tries > 1: place and route the one synthesis with seeds seed, seed + 1, ... until one meets
    timing (a seed moves nextpnr's Fmax by a few MHz: docs/fpga.md); the last one is kept."""
    out = build_dir(b, core)
    if out.exists():
        shutil.rmtree(out)
    syn = synthesize(b, core, out, seed)
    tried = []
    for pnr_seed in range(seed, seed + tries):
        pnr = place_and_route(b, out, syn["pll"]["mhz"], pnr_seed, core)
        net, achieved, constraint = core_clock(pnr["report"]) if pnr["fits"] \
            else ("-", 0.0, syn["pll"]["mhz"])
        tried.append({"seed": pnr_seed, "fmax_mhz": round(achieved, 2), "seconds": pnr["pnr_s"]})
        if not pnr["fits"] or achieved >= constraint:
            break
    util = {}
    for key, label in RESOURCES[b.family]:
        u = pnr["report"]["utilization"].get(key)
        if u:
            util[label] = {"used": u["used"], "available": u["available"]}
    result = {
        "board": b.name, "variant": b.variant, "description": b.description, "core": core,
        "device": b.device, "package": b.package, "target_mhz": b.target_mhz,
        "pll_mhz": syn["pll"]["mhz"], "fmax_mhz": round(achieved, 2), "clock_net": net,
        "fits": pnr["fits"], "timing_met": pnr["fits"] and achieved >= constraint,
        "utilization": util, "flip_flops": syn["ffs"],
        "soc": {k: syn["cfg"][k] for k in SOC_DEFAULTS}, "ram_kib": b.ram_kib, "seed": pnr_seed,
        "seeds_tried": tried, "abc9_wire_ps": syn["abc9_wire_ps"],
        "abc9_delay_ps": syn["abc9_delay_ps"],
        "tools": {t: tool_version(t) for t in ("yosys", f"nextpnr-{b.family}")},
        "seconds": {"synthesis": syn["synth_s"],
                    "place_and_route": round(sum(t["seconds"] for t in tried), 1)},
        "date": time.strftime("%Y-%m-%d"),
    }
    (out / "report.json").write_text(json.dumps(result, indent=2) + "\n")
    (out / "report.md").write_text(report_markdown([result]))
    if not pnr["fits"]:
        logic = util.get("logic cells (LUT4+FF)") or util.get("LUT4") or {"used": 0, "available": 0}
        raise FlowError(f"{build_name(b, core)}: does not fit the {b.device}: {logic['used']:,} of "
                        f"{logic['available']:,} logic cells; see {rel(out / 'pnr.log')}")
    if not result["timing_met"]:
        seeds = ", ".join(f"{t['fmax_mhz']:.1f} (seed {t['seed']})" for t in tried)
        raise FlowError(f"{build_name(b, core)}: misses timing: Fmax {seeds} MHz < "
                        f"{constraint:.1f} MHz (the PLL's output); see {rel(out / 'pnr.log')}")
    program_hex = out / "rom_program.hex"
    write_rom_hex(program, program_hex, syn["cfg"]["BootRomWords"], b.ram_kib * 1024)
    result["bitstream"] = rel(swap_rom(b, out, program_hex, syn["cfg"]["BootRomWords"]))
    result["program"] = rel(program)
    (out / "report.json").write_text(json.dumps(result, indent=2) + "\n")
    return result


def program_image(b: boards.Board, core: str, program: Path) -> Path:
    out = build_dir(b, core)
    report = out / "report.json"
    if not report.exists() or not (out / "rom_random.hex").exists():
        raise FlowError(f"no bitstream built for {build_name(b, core)} yet (make bitstream first)", 2)
    result = json.loads(report.read_text())
    words = result["soc"]["BootRomWords"]
    program_hex = out / "rom_program.hex"
    write_rom_hex(program, program_hex, words, b.ram_kib * 1024)
    bitstream_path = swap_rom(b, out, program_hex, words)
    result["program"] = rel(program)
    result["bitstream"] = rel(bitstream_path)
    report.write_text(json.dumps(result, indent=2) + "\n")
    return bitstream_path


def area(b: boards.Board, core: str, top_n: int) -> str:
    """Where the logic goes: the design synthesized up to just before LUT mapping, its gates and
    flip-flops counted by the RTL file (and line) they come from. Gates are not LUTs (a LUT4 packs
    a few, an adder bit is one carry cell), but their shares show what is worth shrinking."""
    out = build_dir(b, core) / "area"
    out.mkdir(parents=True, exist_ok=True)
    synthesize(b, core, out, 1, gates_only=True)
    netlist = json.loads((out / "gates.json").read_text())
    cells = next(iter(netlist["modules"].values()))["cells"]
    gates, ffs, lines = {}, {}, {}
    for c in cells.values():
        found = re.findall(r"([\w/.-]+\.sv):(\d+)", c.get("attributes", {}).get("src", ""))
        where = found[0][0].split("/")[-1] if found else "(no source)"
        if "DFF" in c["type"].upper():
            ffs[where] = ffs.get(where, 0) + 1
        elif c["type"].startswith("$_") or c["type"].endswith("CARRY") or c["type"] == "CCU2C":
            gates[where] = gates.get(where, 0) + 1
            if found:
                key = f"{where}:{found[0][1]}"
                lines[key] = lines.get(key, 0) + 1
    total = sum(gates.values()) or 1
    text = [f"# Gates by source: {build_name(b, core)}", "",
            f"`scripts/fpga/flow.py area --board {b.name} --core {core}`: {total:,} gates "
            f"(before LUT mapping), {sum(ffs.values()):,} flip-flops.", "",
            "| file | gates | share | flip-flops |", "|---|---:|---:|---:|"]
    for where, n in sorted(gates.items(), key=lambda kv: -kv[1]):
        text.append(f"| {where} | {n:,} | {100 * n / total:.1f} % | {ffs.get(where, 0):,} |")
    text += ["", f"The {top_n} busiest lines:", "", "| line | gates |", "|---|---:|"]
    for key, n in sorted(lines.items(), key=lambda kv: -kv[1])[:top_n]:
        text.append(f"| {key} | {n:,} |")
    (out / "area.md").write_text("\n".join(text) + "\n")
    return "\n".join(text) + "\n"


# ---- reports -------------------------------------------------------------------------------------

def percent(used: int, available: int) -> str:
    return f"{used:,} / {available:,} ({100 * used / available:.0f} %)" if available else f"{used:,}"


def report_markdown(results: list[dict]) -> str:
    lines = ["| board | core | part | LUT4 / LCs | FFs | block RAM | SPRAM | DSP | PLL clock | Fmax | met |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        u = r["utilization"]
        logic = u.get("logic cells (LUT4+FF)") or u.get("LUT4")
        ram = u.get("block RAM (4 Kbit)") or u.get("block RAM (18 Kbit)")
        spram = u.get("SPRAM (256 Kbit)")
        dsp = u.get("DSP (SB_MAC16)") or u.get("DSP (18x18)")
        cell = lambda x: percent(x["used"], x["available"]) if x else "-"  # noqa: E731
        part = r["device"] + (f" ({r['variant']})" if r.get("variant") else "")
        lines.append(f"| {r['board']} | {r['core']} | {part} {r['package']} | {cell(logic)} | "
                     f"{r['flip_flops']:,} | {cell(ram)} | {cell(spram)} | {cell(dsp)} | "
                     f"{r['pll_mhz']:.2f} MHz | "
                     f"{(str(round(r['fmax_mhz'], 2)) + ' MHz') if r.get('fits', True) else '-'} | "
                     f"{'yes' if r['timing_met'] else '**no**' if r.get('fits', True) else '**does not fit**'} |")
    return "\n".join(lines) + "\n"


def collect(build_missing: bool) -> list[dict]:
    results = []
    for name in boards.names():
        b = boards.load(name)
        for core in b.cores:
            report = build_dir(b, core) / "report.json"
            if not report.exists() and build_missing:
                try:
                    bitstream(b, core, DEFAULT_PROGRAM, 1)
                except FlowError as e:
                    print(f"flow: {e}", file=sys.stderr)
            if report.exists():
                results.append(json.loads(report.read_text()))
    return results


def write_results(results: list[dict], path: Path) -> None:
    tools = sorted({f"{k}: {v}" for r in results for k, v in r["tools"].items()})
    seeds = sorted({r["seed"] for r in results})
    text = [
        "# FPGA results",
        "",
        "Generated by `make fpga-report` (scripts/fpga/flow.py report) from the reports that",
        "`make bitstream BOARD=<board> CORE=<core>` writes to build/fpga/<build>/report.json. Utilization",
        "is what nextpnr placed, as a share of the part; Fmax is nextpnr's estimate for the SoC clock,",
        "which is constrained to the PLL's real output frequency (the board's target, as close as the",
        "PLL gets). Each build's SoC parameters are in its report.json and in the boards' board.toml.",
        "",
        report_markdown(results),
        f"Tools: {'; '.join(tools)}. Place-and-route seeds: {', '.join(map(str, seeds))}.",
        "",
        "## Goals",
        "",
        "| board | core | goal | now |",
        "|---|---|---|---|",
    ]
    for board, core, mhz in GOALS:
        r = next((r for r in results if r["board"] == board and r["core"] == core), None)
        if r is None:
            now = "not built"
        elif not r.get("fits", True):
            logic = r["utilization"].get("logic cells (LUT4+FF)") or r["utilization"].get("LUT4")
            now = f"**does not fit** ({percent(logic['used'], logic['available'])})"
        else:
            met = r["fmax_mhz"] >= mhz
            now = f"{'met' if met else '**not met**'}: Fmax {r['fmax_mhz']:.1f} MHz at a {r['pll_mhz']:.1f} MHz constraint"
        text.append(f"| {board} | {core} | fits, >= {mhz:g} MHz | {now} |")
    text += [
        "",
        "| build | SoC parameters | date | synthesis + P&R time |",
        "|---|---|---|---|",
    ]
    for r in results:
        soc = ", ".join(f"{k}={v}" for k, v in r["soc"].items())
        t = r["seconds"]
        text.append(f"| {r['board']}-{r['core']} | RAM {r['ram_kib']} KiB, {soc} | {r['date']} | "
                    f"{t['synthesis']:.0f} s + {t['place_and_route']:.0f} s |")
    path.write_text("\n".join(text) + "\n")


# ---- command line --------------------------------------------------------------------------------

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name in ("bitstream", "synth", "program-image"):
        p = sub.add_parser(name)
        p.add_argument("--board", required=True)
        p.add_argument("--core", default="pipe")
        p.add_argument("--variant")
        p.add_argument("--program", type=Path, default=None if name == "program-image" else DEFAULT_PROGRAM,
                       required=name == "program-image")
        p.add_argument("--seed", type=int, default=1)
        if name == "bitstream":
            p.add_argument("--tries", type=int, default=1,
                           help="place and route with seeds SEED, SEED + 1, ... until timing "
                                "is met")
        p.add_argument("--mhz", type=float, help="ask the PLL for this clock instead of the board's target")
    p = sub.add_parser("area")
    p.add_argument("--board", required=True)
    p.add_argument("--core", default="pipe")
    p.add_argument("--variant")
    p.add_argument("--lines", type=int, default=25, help="how many of the busiest source lines")
    p = sub.add_parser("rom-hex")
    p.add_argument("elf", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--words", type=int, required=True)
    p = sub.add_parser("report")
    p.add_argument("--out", type=Path, default=ROOT / "docs/fpga-results.md")
    p.add_argument("--build", action="store_true")
    args = ap.parse_args()
    try:
        if args.cmd == "rom-hex":
            size = write_rom_hex(args.elf, args.out, args.words)
            print(f"{args.out}: {size} bytes")
            return 0
        if args.cmd == "report":
            results = collect(args.build)
            if not results:
                raise FlowError("no FPGA builds to report (make bitstream first, or --build)", 2)
            write_results(results, args.out)
            print(f"wrote {rel(args.out)} ({len(results)} builds)")
            return 0
        if getattr(args, "tries", 1) < 1:
            raise FlowError(f"--tries {args.tries}: give at least 1", 2)
        b = boards.load(args.board, args.variant)
        if getattr(args, "mhz", None):
            b = dataclasses.replace(b, target_mhz=args.mhz)
        core_files(args.core)
        if args.cmd == "area":
            print(area(b, args.core, args.lines), end="")
        elif args.cmd == "synth":
            out = build_dir(b, args.core) / "synth-only"
            syn = synthesize(b, args.core, out, args.seed)
            print(f"{build_name(b, args.core)}: synthesized ({syn['ffs']} flip-flops, PLL "
                  f"{syn['pll']['mhz']:.2f} MHz); {rel(out)}")
        elif args.cmd == "bitstream":
            r = bitstream(b, args.core, args.program, args.seed, args.tries)
            print(report_markdown([r]), end="")
            print(f"{r['bitstream']}: Fmax {r['fmax_mhz']:.1f} MHz >= {r['pll_mhz']:.1f} MHz; "
                  f"program {r['program']}")
        else:
            print(f"{rel(program_image(b, args.core, args.program))}: now holds {args.program}")
        return 0
    except boards.BoardError as e:
        print(f"flow: {e}", file=sys.stderr)
        return 2
    except FlowError as e:
        print(f"flow: {e}", file=sys.stderr)
        return e.code


if __name__ == "__main__":
    sys.exit(main())
