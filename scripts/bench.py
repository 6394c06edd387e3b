#!/usr/bin/env python3
"""Runs the benchmarks (sw/bench/) on every core model, reports the RTL cores' IPC, branch and cache
figures and the simulators' speed, and compares the ISS's speed with QEMU's.

`make bench` builds the host tools and the programs (`make host sw`) and then runs this script. It
prints the tables and writes them, with the command, date and machine, to docs/perf.md. It builds
only what `make sw` does not: the benchmarks for QEMU's virt machine and the long speed-test program
(sw/bench/speed.mk). The RTL cores run every benchmark in lockstep with the ISS (`--cosim`), so the
benchmark run is also a check of them. Exit status: 0 when every benchmark passes, 1 when one fails
its self-check (on a core or on QEMU), an RTL core diverges from the ISS or a core retires another
number of instructions than the first core, 2 when something needed is missing, a build fails or the
speed runs fail.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import bench_link  # scripts/bench_link.py: host link upload throughput

ROOT = Path(__file__).resolve().parent.parent
CORESIM = ROOT / "build" / "bin" / "coresim"
BENCH_BUILD = ROOT / "build" / "sw" / "bench"  # `make sw` puts the SoC benchmarks here
SPEED_MK = ROOT / "sw" / "bench" / "speed.mk"
PERF_MD = ROOT / "docs" / "perf.md"

# The core models to run the benchmarks on (`coresim --core NAME`).
# The first one is the reference that the others' instruction counts must match. Every model but
# the golden ISS is RTL: it runs in lockstep with the ISS (`--cosim`) and reports its events.
CORES = ["iss", "pipe", "ooo"]
RTL_CORES = [core for core in CORES if core != "iss"]
# The SoC that the RTL cores' numbers come from (what the current `make host` builds, see
# hw/rtl/soc/soc_top.sv); update both when its memory system changes. The run checks
# SOC_HAS_CACHES against the cache events, so the report cannot name the wrong configuration.
# The cache-less build (UseCaches = 0) reads: False, "cache-less SoC: core ports straight to
# on-chip RAM with one-cycle latency".
SOC_HAS_CACHES = True
SOC_CONFIG = ("SoC with caches: I$ and D$ of 4 KiB each, 2-way, 16-byte lines, hits in the next "
              "cycle; both filled from one single-port on-chip RAM, a line in a two-cycle start "
              "plus one word per cycle")
# The target: mean IPC on these benchmarks "with on-chip RAM behind the caches".
IPC_TARGET = 0.8
EXIT_DIVERGENCE = 126  # coresim's exit status when the RTL and the ISS disagree
# A bound for each RTL run (coresim exits 124 beyond it), so a hung core fails in seconds, not at
# RUN_TIMEOUT: about ten times the longest benchmark's whole-program cycles.
RTL_MAX_CYCLES = 30_000_000

QEMU = "qemu-system-riscv32"
QEMU_ARGS = ["-machine", "virt", "-bios", "none", "-nographic"]
# Iterations of `mix` for the speed test: one iteration is about 0.52 million instructions, so this
# runs about 1.6 billion, a few seconds on either simulator. The program size does not change.
SPEED_ITERATIONS = 3000
SPEED_RUNS = 3  # best of
SPEED_TARGET = 0.25  # the ISS must run at least this fraction of QEMU's instructions per second
RUN_TIMEOUT = 600  # seconds, for any single simulator run

BENCH_LINE = re.compile(
    r"^BENCH name=(?P<name>\S+) cycles=(?P<cycles>\d+) instret=(?P<instret>\d+) "
    r"status=(?P<status>ok|fail)\s*$",
    re.M,
)


class BenchError(Exception):
    """Something the benchmark run needs is missing or broken (not a failed self-check)."""


@dataclass
class Result:
    """One run of one benchmark program."""

    name: str
    cycles: int
    instret: int
    ok: bool
    note: str = ""  # why it failed, when it did
    stats: dict | None = None  # RTL cores: coresim's --stats-json for the whole program

    @property
    def cpi(self) -> float:
        return self.cycles / self.instret if self.instret else float("nan")

    @property
    def ipc(self) -> float:
        return self.instret / self.cycles if self.cycles else float("nan")


@dataclass
class Timed:
    """What a simulator printed and returned, and how long it took."""

    stdout: str
    returncode: int
    seconds: float


def run_timed(cmd: list[str]) -> Timed:
    start = time.perf_counter()
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                           errors="replace", timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        return Timed("", 124, float(RUN_TIMEOUT))
    seconds = time.perf_counter() - start
    return Timed(p.stdout + p.stderr, p.returncode, seconds)


def coresim_cmd(core: str, elf: Path, options: list[str] | None = None) -> list[str]:
    return [str(CORESIM), "--core", core, *(options or []), str(elf)]


def run_with_stats(core: str, elf: Path, cosim: bool) -> tuple[Timed, dict | None]:
    """One coresim run with `--stats-json`; the statistics are None when coresim wrote none."""
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        path = Path(tmp) / "stats.json"
        options = [*(["--cosim"] if cosim else []), "--max-cycles", str(RTL_MAX_CYCLES),
                   "--stats-json", str(path)]
        run = run_timed(coresim_cmd(core, elf, options))
        try:
            stats = json.loads(path.read_text())
        except (OSError, ValueError):
            stats = None
    return run, stats


def divergence_report(run: Timed) -> str:
    """coresim's cosim report (it comes last in the output), or "" when the run did not diverge."""
    if run.returncode != EXIT_DIVERGENCE:
        return ""
    start = run.stdout.find("cosim:")
    return run.stdout[start:].strip() if start >= 0 else run.stdout.strip()


def qemu_cmd(elf: Path, count_instructions: bool = False) -> list[str]:
    # With -icount shift=0 QEMU's virtual clock advances one tick per instruction, and mcycle and
    # minstret read that clock: the counters then count instructions (but QEMU runs slower).
    icount = ["-icount", "shift=0"] if count_instructions else []
    return [QEMU, *QEMU_ARGS, *icount, "-kernel", str(elf)]


def parse_result(elf: Path, run: Timed) -> Result:
    """The program's BENCH line; a run passes only with status=ok, exit status 0 and one line."""
    lines = list(BENCH_LINE.finditer(run.stdout))
    if len(lines) != 1:
        tail = run.stdout.strip().splitlines()[-1:] or ["no output"]
        return Result(elf.stem, 0, 0, False,
                      f"{len(lines)} BENCH lines, exit status {run.returncode}: {tail[0]}")
    m = lines[0]
    ok = m["status"] == "ok" and run.returncode == 0
    note = "" if ok else f"status={m['status']}, exit status {run.returncode}"
    return Result(m["name"], int(m["cycles"]), int(m["instret"]), ok, note)


def run_rtl_bench(core: str, elf: Path) -> Result:
    """A benchmark on an RTL core, checked in lockstep against the ISS, with its statistics."""
    run, stats = run_with_stats(core, elf, cosim=True)
    r = parse_result(elf, run)
    divergence = divergence_report(run)
    if divergence:
        print(f"bench: {elf.stem} on {core}:\n{divergence}", file=sys.stderr)
        r.ok, r.note = False, divergence.splitlines()[0]
    elif r.ok and stats is None:
        r.ok, r.note = False, "coresim wrote no --stats-json"
    r.stats = stats
    return r


def run_cores(cores: list[str], elfs: list[Path]) -> dict[str, dict[str, Result]]:
    """Every benchmark on every core: results[core][benchmark]."""
    results: dict[str, dict[str, Result]] = {}
    for core in cores:
        results[core] = {}
        for elf in elfs:
            if core in RTL_CORES:
                r = run_rtl_bench(core, elf)
            else:
                r = parse_result(elf, run_timed(coresim_cmd(core, elf)))
            results[core][elf.stem] = r
            if not r.ok:
                print(f"bench: {elf.stem} failed on {core}: {r.note}", file=sys.stderr)
    return results


def run_qemu_checks(elfs: list[Path]) -> dict[str, Result]:
    """The QEMU builds of the benchmarks, counting instructions: an independent check of the
    programs and of the cores' instruction counts."""
    results = {}
    for elf in elfs:
        r = parse_result(elf, run_timed(qemu_cmd(elf, count_instructions=True)))
        results[elf.stem] = r
        if not r.ok:
            print(f"bench: {elf.stem} failed on QEMU: {r.note}", file=sys.stderr)
    return results


def make_variants(platform: str, targets: list[str]) -> Path:
    """Builds speed.mk targets for one platform; returns that platform's output folder."""
    cmd = ["make", "-s", "-j", str(len(os.sched_getaffinity(0))), "-f", str(SPEED_MK),
           f"SW_PLATFORM={platform}", f"SPEED_ITERATIONS={SPEED_ITERATIONS}", *targets]
    p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if p.returncode != 0:
        raise BenchError(f"building the {platform} variants failed:\n{p.stdout}{p.stderr}")
    return ROOT / "build" / "sw" / f"bench-{platform}"


@dataclass
class Speed:
    """One simulator's speed on the long `mix` run."""

    label: str
    instructions: int
    best: float  # seconds, best of SPEED_RUNS, start-up included
    startup: float  # seconds, best of SPEED_RUNS of a program that exits at once

    @property
    def mips(self) -> float:
        return self.instructions / max(self.best - self.startup, 1e-9) / 1e6


def best_time(cmd: list[str], what: str) -> tuple[float, str]:
    """Best wall time of SPEED_RUNS runs (all must exit with status 0) and the last output."""
    times = []
    out = ""
    for _ in range(SPEED_RUNS):
        run = run_timed(cmd)
        if run.returncode != 0:
            raise BenchError(f"{what} exited with status {run.returncode}: {run.stdout.strip()}")
        times.append(run.seconds)
        out = run.stdout
    return min(times), out


def measure_speed(soc_dir: Path, qemu_dir: Path | None) -> tuple[Speed, Speed | None]:
    mix = f"speed/mix-{SPEED_ITERATIONS}.elf"
    iss_best, out = best_time(coresim_cmd("iss", soc_dir / mix), "the ISS speed run")
    r = parse_result(soc_dir / mix, Timed(out, 0, 0.0))
    if not r.ok:
        raise BenchError(f"the ISS speed run failed its self-check: {out.strip()}")
    iss_startup, _ = best_time(coresim_cmd("iss", soc_dir / "speed/empty.elf"),
                               "the ISS start-up run")
    iss = Speed("ISS (`coresim --core iss`)", r.instret, iss_best, iss_startup)
    if qemu_dir is None:
        return iss, None
    # QEMU's counters tick with the host clock here, so the instruction count is the ISS's: the
    # kernels are the same code (only the console and exit functions differ between platforms).
    qemu_best, out = best_time(qemu_cmd(qemu_dir / mix), "the QEMU speed run")
    if not parse_result(qemu_dir / mix, Timed(out, 0, 0.0)).ok:
        raise BenchError(f"the QEMU speed run failed its self-check: {out.strip()}")
    qemu_startup, _ = best_time(qemu_cmd(qemu_dir / "speed/empty.elf"), "the QEMU start-up run")
    qemu = Speed(f"QEMU (`{QEMU} -machine virt`)", r.instret, qemu_best, qemu_startup)
    return iss, qemu


@dataclass
class RtlSpeed:
    """An RTL core's simulation speed on one `mix` run (coresim's own timing of the run)."""

    label: str
    instructions: int
    cycles: int
    seconds: float
    instructions_per_second: float
    cycles_per_second: float


def measure_rtl_speed(core: str, elf: Path, cosim: bool) -> RtlSpeed:
    """The fastest of SPEED_RUNS runs; every run must pass its self-check."""
    label = f"{core} (`coresim --core {core}{' --cosim' if cosim else ''}`)"
    runs = []
    for _ in range(SPEED_RUNS):
        run, stats = run_with_stats(core, elf, cosim)
        if not parse_result(elf, run).ok or stats is None:
            raise BenchError(f"the {label} speed run failed (exit status {run.returncode}): "
                             f"{run.stdout.strip()}")
        runs.append(stats)
    best = max(runs, key=lambda stats: stats["sim_instructions_per_second"])
    return RtlSpeed(label, best["events"]["INSTRET"], best["events"]["CYCLES"], best["seconds"],
                    best["sim_instructions_per_second"], best["sim_cycles_per_second"])


# ---- reporting ----

def md_table(header: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    """A Markdown table padded to line up in plain text too; `right` = right-aligned columns."""
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows)]

    def line(cells: list[str]) -> str:
        padded = [c.rjust(w) if i in right else c.ljust(w)
                  for i, (c, w) in enumerate(zip(cells, widths))]
        return "| " + " | ".join(padded) + " |"

    rule = ["-" * (w - 1) + ":" if i in right else "-" * w for i, w in enumerate(widths)]
    return [line(header), "| " + " | ".join(rule) + " |", *[line(r) for r in rows]]


def problems(cores: list[str], results: dict[str, dict[str, Result]],
             qemu: dict[str, Result] | None) -> dict[str, list[str]]:
    """What went wrong per benchmark: failed self-checks, and instruction counts that differ from
    the first core's (every core runs the same program, so they must retire the same number)."""
    names = sorted({n for per_core in results.values() for n in per_core})
    found: dict[str, list[str]] = {n: [] for n in names}
    for name in names:
        first = results[cores[0]].get(name)
        for core in cores:
            r = results[core].get(name)
            if r is None or not r.ok:
                found[name].append(f"{core}: FAIL ({r.note if r else 'not run'})")
            elif first is not None and first.ok and r.instret != first.instret:
                found[name].append(f"{core}: instret {r.instret:,} differs from {cores[0]}'s")
        q = qemu.get(name) if qemu is not None else None
        if qemu is not None and (q is None or not q.ok):
            found[name].append(f"QEMU: FAIL ({q.note if q else 'not built'})")
        elif q is not None and first is not None and first.ok and q.instret != first.instret:
            found[name].append(f"QEMU: instret {q.instret:,} differs from {cores[0]}'s")
    return found


def bench_table(cores: list[str], results: dict[str, dict[str, Result]],
                qemu: dict[str, Result] | None) -> list[str]:
    """One row per benchmark: instructions (the first core's), then cycles and CPI per core."""
    found = problems(cores, results, qemu)
    header = ["benchmark", "instructions"]
    for core in cores:
        header += [f"{core} cycles", f"{core} CPI"]
    header += ["QEMU check", "status"]
    rows = []
    for name, trouble in found.items():
        first = results[cores[0]].get(name)
        row = [name, f"{first.instret:,}" if first is not None and first.ok else "-"]
        for core in cores:
            r = results[core].get(name)
            row += [f"{r.cycles:,}", f"{r.cpi:.3f}"] if r is not None and r.ok else ["-", "-"]
        q = qemu.get(name) if qemu is not None else None
        if qemu is None:
            row.append("not run")
        elif q is None or not q.ok:
            row.append("FAIL")
        elif first is not None and first.ok and q.instret != first.instret:
            row.append(f"instret {q.instret:,}")
        else:
            row.append("ok, same instret")
        row.append("; ".join(trouble) or "ok")
        rows.append(row)
    return md_table(header, rows, right={1, *range(2, 2 + 2 * len(cores))})


def miss_rate(stats: dict, cache: str) -> str:
    """A cache's miss rate, or n/a when the SoC has no such cache (no accesses counted)."""
    if stats["events"][f"{cache.upper()}_ACCESS"] == 0:
        return "n/a (no cache)"
    return f"{100 * stats[f'{cache}_miss_rate']:.2f} %"


def mean_ipc(results: dict[str, Result]) -> float | None:
    """Arithmetic mean of the per-benchmark IPCs; None unless every benchmark passed."""
    if not results or not all(r.ok for r in results.values()):
        return None
    return sum(r.ipc for r in results.values()) / len(results)


def metrics_table(core: str, results: dict[str, Result]) -> list[str]:
    """An RTL core's figures per benchmark: cycles and IPC of the measured region (BENCH line),
    branch MPKI and cache miss rates of the whole program (--stats-json); then the mean IPC."""
    header = ["benchmark", f"{core} cycles", "IPC", "branch MPKI", "I$ miss rate", "D$ miss rate"]
    rows = []
    for name, r in sorted(results.items()):
        if r.ok and r.stats is not None:
            rows.append([name, f"{r.cycles:,}", f"{r.ipc:.3f}", f"{r.stats['branch_mpki']:.2f}",
                         miss_rate(r.stats, "icache"), miss_rate(r.stats, "dcache")])
        else:
            rows.append([name, "-", "-", "-", "-", "-"])
    mean = mean_ipc(results)
    rows.append(["arithmetic mean", "", f"{mean:.3f}" if mean is not None else "-", "", "", ""])
    lines = md_table(header, rows, right={1, 2, 3, 4, 5})
    lines.append("")
    if mean is None:
        lines.append(f"{core}: not every benchmark passed, so no mean IPC.")
    else:
        verdict = "met" if mean >= IPC_TARGET else "NOT met"
        caveat = "" if SOC_HAS_CACHES else ", so not yet the target's configuration"
        lines.append(f"{core} mean IPC (arithmetic mean of the {len(results)} per-benchmark IPCs "
                     f"above): **{mean:.3f}**; target >= {IPC_TARGET} with on-chip RAM behind the "
                     f"caches: {verdict}; measured on the {SOC_CONFIG}{caveat}.")
    return lines


def check_soc_config(results: dict[str, dict[str, Result]]) -> None:
    """The report names SOC_CONFIG: make sure the RTL runs had caches exactly when it says so."""
    for core in RTL_CORES:
        accesses = sum(r.stats["events"][f"{cache}_ACCESS"] for r in results[core].values()
                       if r.stats is not None for cache in ("ICACHE", "DCACHE"))
        if (accesses > 0) != SOC_HAS_CACHES:
            raise BenchError(
                f"SOC_HAS_CACHES in scripts/bench.py is {SOC_HAS_CACHES}, but the {core} runs "
                f"counted {accesses:,} cache accesses: update SOC_HAS_CACHES and SOC_CONFIG")


def rtl_speed_table(speeds: list[RtlSpeed]) -> list[str]:
    header = ["simulator", "instructions", "cycles", "best time", "M instructions/s", "M cycles/s"]
    rows = [[s.label, f"{s.instructions:,}", f"{s.cycles:,}", f"{s.seconds:.3f} s",
             f"{s.instructions_per_second / 1e6:.2f}", f"{s.cycles_per_second / 1e6:.2f}"]
            for s in speeds]
    lines = md_table(header, rows, right={1, 2, 3, 4, 5})
    for alone, checked in zip(speeds[::2], speeds[1::2]):  # measure_rtl_speed's order, per core
        slowdown = alone.instructions_per_second / checked.instructions_per_second
        lines += ["", f"{checked.label}: {slowdown:.1f}x slower than without the lockstep check."]
    return lines


def speed_table(iss: Speed, qemu: Speed | None) -> list[str]:
    header = ["simulator", "instructions", "best wall time", "start-up", "MIPS"]
    rows = []
    for s in [iss, qemu]:
        if s is not None:
            rows.append([s.label, f"{s.instructions:,}", f"{s.best:.3f} s", f"{s.startup:.3f} s",
                         f"{s.mips:.1f}"])
    lines = md_table(header, rows, right={1, 2, 3, 4})
    lines.append("")
    if qemu is None:
        lines.append(f"QEMU (`{QEMU}`) was not found: no ratio.")
    else:
        ratio = iss.mips / qemu.mips
        verdict = "met" if ratio >= SPEED_TARGET else "NOT met"
        lines.append(f"ISS / QEMU speed: **{ratio:.2f}x** (target >= {SPEED_TARGET}x: {verdict}).")
    return lines


def first_line(cmd: list[str]) -> str:
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        return (p.stdout.splitlines() or ["?"])[0].strip()
    except (OSError, subprocess.TimeoutExpired):
        return "not found"


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model}, nproc = {len(os.sched_getaffinity(0))}"


def report(bench: list[str], metrics: list[str], speed: list[str], rtl_speed: list[str],
           link: list[str], have_qemu: bool) -> str:
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    qemu_version = first_line([QEMU, "--version"]) if have_qemu else "not found"
    out = [
        "# Measured performance",
        "",
        "Generated by `make bench` (scripts/bench.py); do not edit by hand, run it again.",
        "",
        f"- Date: {now}",
        f"- Machine: {machine()}",
        f"- Compiler: {first_line(['riscv64-unknown-elf-gcc', '--version'])}, `-O2`",
        f"- QEMU: {qemu_version}",
        "",
        "## Benchmarks",
        "",
        "The programs in `sw/bench/` (one kernel each, whose source says what it stresses;",
        "`mix` runs them all) on each core model of `build/bin/coresim`. Instructions and cycles",
        "are the `minstret` and `mcycle` differences around the measured iterations, as the",
        "programs print them; CPI = cycles / instructions (the ISS takes one cycle per",
        f"instruction). The RTL core{'s' if len(RTL_CORES) > 1 else ''} "
        f"({', '.join(f'`{c}`' for c in RTL_CORES)}) run{'' if len(RTL_CORES) > 1 else 's'} every",
        "benchmark with `--cosim`: each retired instruction is checked against the ISS, and a",
        "divergence fails the benchmark. Every core must retire as many instructions as the ISS",
        "in the measured region (`status`). `QEMU check`: the same source built for QEMU's `virt`",
        "machine and run with `-icount shift=0`, where the counters count instructions, passes its",
        "self-check and retires as many instructions.",
        "",
        *bench,
        "",
        "## RTL core figures",
        "",
        f"The numbers below come from this configuration: {SOC_CONFIG}.",
        "",
        "`cycles` and `IPC` (= instructions / cycles) are those of the measured region, as in the",
        "table above. `branch MPKI` (mispredicted next pcs, the `MISPREDICT` event, per 1000",
        "retired instructions) and the `I$` / `D$` miss rates (misses / accesses) count the whole",
        "program, start-up and result print included (`coresim --stats-json`, from the same",
        "`--cosim` run). A miss rate reads `n/a (no cache)` when that cache counted no accesses:",
        "the SoC has no such cache. The mean IPC is the arithmetic mean of the per-benchmark",
        "IPCs, so every benchmark weighs the same (`mix`, which runs all the kernels, is one of",
        f"them). The issue's target is a mean IPC >= {IPC_TARGET} on these benchmarks with on-chip",
        "RAM behind the caches; the verdict below is for the configuration measured.",
        "",
        *metrics,
        "",
        "## Simulator speed",
        "",
        "### RTL models",
        "",
        f"The `mix` benchmark as in the tables above (`{BENCH_BUILD.relative_to(ROOT)}/mix.elf`),",
        "the whole program, on each Verilated RTL model: first alone, then in lockstep with the",
        "ISS (`--cosim`), which shows what the check costs. Time, instructions and cycles are",
        "coresim's own (`--stats-json`: the simulation loop, without loading the model and the",
        f"program); the fastest of {SPEED_RUNS} runs each.",
        "",
        *rtl_speed,
        "",
        "### ISS and QEMU",
        "",
        f"The `mix` benchmark built with `ITERATIONS={SPEED_ITERATIONS}`, run by the ISS and by",
        "QEMU (the same source built for the `virt` machine; plain TCG, no `-icount`). Both use",
        "the instruction count the ISS reports: the kernels are the same code on both platforms.",
        f"Wall time is the best of {SPEED_RUNS} runs, less the start-up time (best of",
        f"{SPEED_RUNS} runs of a program that exits at once). MIPS = million instructions per",
        "second.",
        "",
        *speed,
        "",
        "## Host link: upload throughput",
        "",
        "`corectl load` of `crc.elf` to a simulated board (the RTL SoC with its debug unit, the UART",
        "at the given baud rate of a 50 MHz clock, on a PTY), timed in simulated time by the",
        "device's `mtime` (scripts/bench_link.py). Fraction of line rate = bytes x 10 bits / baud /",
        "time.",
        "",
        *link,
        "",
    ]
    return "\n".join(out)


def main() -> int:
    if not CORESIM.exists():
        raise BenchError(f"{CORESIM.relative_to(ROOT)} is missing: run `make bench`")
    elfs = sorted(BENCH_BUILD.glob("*.elf"))
    if not elfs:
        raise BenchError(f"no benchmarks in {BENCH_BUILD.relative_to(ROOT)}: run `make sw`")
    have_qemu = shutil.which(QEMU) is not None

    soc_dir = make_variants("soc", ["speed"])
    qemu_dir = make_variants("qemu_virt", ["benches", "speed"]) if have_qemu else None

    results = run_cores(CORES, elfs)
    check_soc_config(results)
    qemu_results = (run_qemu_checks([qemu_dir / e.name for e in elfs])
                    if qemu_dir is not None else None)
    iss, qemu = measure_speed(soc_dir, qemu_dir)
    rtl_speeds = [measure_rtl_speed(core, BENCH_BUILD / "mix.elf", cosim)
                  for core in RTL_CORES for cosim in (False, True)]

    bench = bench_table(CORES, results, qemu_results)
    metrics = [line for core in RTL_CORES for line in [*metrics_table(core, results[core]), ""]]
    speed = speed_table(iss, qemu)
    rtl_speed = rtl_speed_table(rtl_speeds)
    link = bench_link.table()
    for table in (bench, metrics[:-1], rtl_speed, speed, link):
        print("\n".join(table))
        print()
    PERF_MD.write_text(report(bench, metrics[:-1], speed, rtl_speed, link, have_qemu))
    print(f"written to {PERF_MD.relative_to(ROOT)}")

    failed = [n for n, trouble in problems(CORES, results, qemu_results).items() if trouble]
    if failed:
        print(f"bench: FAILED: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as e:
        print(f"bench: {e}", file=sys.stderr)
        sys.exit(2)
