#!/usr/bin/env python3
"""Runs one program on both RTL cores (the pipe core and the out-of-order core, each in lockstep
with the ISS) and prints their counters side by side: every event of spec/hpm_events.h and the
figures derived from them (IPC, branch MPKI, cache miss rates). `make demo` shows it for a benchmark.

    scripts/compare_cores.py build/sw/bench/mix.elf [--cores pipe ooo]

Exit status: 0 when every core ran the program to its end (whatever exit status the program gave)
in agreement with the ISS, 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import bench  # scripts/bench.py: coresim runs with --stats-json, Markdown tables
import gen_spec_pkg  # scripts/gen_spec_pkg.py: the event table of spec/hpm_events.h


def derived_rows(stats: dict[str, dict]) -> list[list[str]]:
    """IPC, CPI, branch MPKI and the cache miss rates per core, as coresim derives them."""
    figures = [("IPC", "ipc", "{:.3f}"), ("CPI", "cpi", "{:.3f}"),
               ("branch MPKI", "branch_mpki", "{:.2f}"),
               ("I$ miss rate", "icache_miss_rate", "{:.2%}"),
               ("D$ miss rate", "dcache_miss_rate", "{:.2%}")]
    rows = []
    for label, key, fmt in figures:
        cells = [fmt.format(s[key]) if s.get(key) is not None else "-" for s in stats.values()]
        rows.append([label, *cells, "derived (coresim --stats)"])
    return rows


def event_rows(stats: dict[str, dict]) -> list[list[str]]:
    """Every event of the table, in its order, with each core's count ('-' if it has none)."""
    rows = []
    for _, name, meaning in gen_spec_pkg.hpm_events():
        if name == "NONE":
            continue
        counts = [s["events"].get(name) for s in stats.values()]
        rows.append([name, *[f"{c:,}" if c is not None else "-" for c in counts], meaning])
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("elf", type=Path)
    parser.add_argument("--cores", nargs="+", default=bench.RTL_CORES)
    parser.add_argument("--coresim", type=Path, default=bench.CORESIM)
    args = parser.parse_args()
    bench.CORESIM = args.coresim
    if not args.elf.is_file():
        print(f"compare_cores: {args.elf}: no such file", file=sys.stderr)
        return 1
    stats: dict[str, dict] = {}
    status: list[str] = []
    for core in args.cores:
        run, s = bench.run_with_stats(core, args.elf, cosim=True)
        # (the program's own exit status passes through coresim; these two are coresim's)
        if run.returncode in (bench.EXIT_DIVERGENCE, 124) or s is None:
            detail = bench.divergence_report(run) or f"coresim exit status {run.returncode}"
            print(f"compare_cores: {core}: {detail}", file=sys.stderr)
            return 1
        stats[core] = s
        status.append(str(run.returncode))
    header = ["event", *args.cores, "meaning"]
    right = set(range(1, 1 + len(args.cores)))
    rows = [["exit status", *status, "the program's"], *derived_rows(stats), *event_rows(stats)]
    print("\n".join(bench.md_table(header, rows, right)))
    print("\nWhole-run counts, from reset until the simulation stops. A program that polls a device"
          "\n(the UART's status, the timer) retires as many instructions as its waits take, so even"
          "\nthe [arch] counts may differ a little between the cores.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
