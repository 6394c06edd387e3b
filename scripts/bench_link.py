#!/usr/bin/env python3
"""Upload throughput of the host link, as a fraction of the UART line rate, in simulated time.

For each baud rate, a simulated board (coresim built with the UART at that many clocks per bit, at
the SoC's nominal 50 MHz) is started on a PTY and `corectl load` uploads a benchmark program through
the RTL debug unit (CRC on every frame, pipelined WRITE_MEM), then `corectl load --verify` again
with the read-back. The simulated time of the
load is the difference of the device's mtime (one tick per clock cycle, from STATUS via `corectl
info`) before and after. Line rate: 10 bits per byte (8N1). Used by scripts/bench.py."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / "build" / "bin"
CLOCK_HZ = 50_000_000
# (coresim variant, clocks per bit): 115,207 baud and 2.94 Mbaud at 50 MHz.
VARIANTS = [("coresim_uart434", 434), ("coresim_uart17", 17)]
PROGRAM = ROOT / "build" / "sw" / "bench" / "crc.elf"
TARGET = 0.95


def loaded_bytes(elf: Path) -> int:
    """What the loader sends: every PT_LOAD segment's memory size, rounded up to words."""
    out = subprocess.run(["riscv64-unknown-elf-readelf", "-lW", str(elf)], capture_output=True, text=True,
                         check=True).stdout
    total = 0
    for line in out.splitlines():
        fields = line.split()
        if fields and fields[0] == "LOAD":
            memsz = int(fields[5], 16)
            total += (memsz + 3) & ~3
    return total


def mtime(port: str) -> int:
    p = subprocess.run([str(BIN / "corectl"), "--port", port, "--timeout", "60", "info", "--json"], capture_output=True,
                       text=True, timeout=600, check=True)
    return int(json.loads(p.stdout)["mtime"])


def measure(variant: str, clks: int) -> dict:
    board = subprocess.Popen([str(BIN / variant), "--core", "pipe", "--uart", "pty"], stdout=subprocess.PIPE,
                             text=True)
    try:
        line = board.stdout.readline()
        m = re.match(r"coresim: serial port (\S+)", line)
        if not m:
            raise RuntimeError(f"{variant} did not start a board: {line!r}")
        port = m.group(1)
        stamps = [mtime(port)]
        for extra in ([], ["--verify"]):
            # The simulation runs far slower than a board: allow long waits for responses.
            load = subprocess.run([str(BIN / "corectl"), "--port", port, "--timeout", "60", "load", *extra,
                                   str(PROGRAM)],
                                  capture_output=True, text=True, timeout=3600)
            if load.returncode != 0:
                raise RuntimeError(f"corectl load failed: {load.stderr.strip()}")
            stamps.append(mtime(port))
    finally:
        board.terminate()
        board.wait()
        board.stdout.close()
    nbytes = loaded_bytes(PROGRAM)
    baud = CLOCK_HZ / clks
    upload = (stamps[1] - stamps[0]) / CLOCK_HZ
    verified = (stamps[2] - stamps[1]) / CLOCK_HZ
    return {"baud": baud, "bytes": nbytes, "seconds": upload, "verified_seconds": verified,
            "fraction": nbytes * 10 / baud / upload if upload > 0 else 0.0}


def table() -> list[str]:
    rows = ["| baud (50 MHz / clocks per bit) | bytes | upload time | upload throughput | fraction of line rate | upload + read-back verify |",
            "| ---: | ---: | ---: | ---: | ---: | ---: |"]
    fractions = []
    for variant, clks in VARIANTS:
        r = measure(variant, clks)
        fractions.append(r["fraction"])
        rows.append(f"| {r['baud']:,.0f} (/{clks}) | {r['bytes']:,} | {r['seconds']:.3f} s | "
                    f"{r['bytes'] / r['seconds'] / 1024:,.1f} KiB/s | {100 * r['fraction']:.1f} % | "
                    f"{r['verified_seconds']:.3f} s |")
    met = all(f >= TARGET for f in fractions)
    rows += ["", f"Upload target >= {100 * TARGET:.0f} % of the line rate (every frame CRC-checked and "
                 f"acknowledged): **{'met' if met else 'not met'}**. The last column is a second load with "
                 "`--verify`: the upload, then the read-back of every byte over the other direction."]
    return rows


if __name__ == "__main__":
    print("\n".join(table()))
