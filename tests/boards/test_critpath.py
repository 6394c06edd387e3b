#!/usr/bin/env python3
"""scripts/fpga/critpath.py reads the SoC clock's critical path out of a nextpnr log: on a log
whose first report is the iCE40 packer's own clock (as the iCEBreaker builds' were while Yosys
rewrote their DSP counters with a constant clock), it shows the second clock's path by default,
either one by --clock, and fails with a one-line error naming the clocks there are for a clock that is not there."""
import subprocess
import sys
import tempfile
from pathlib import Path

from outcome import finish  # (tests/boards/outcome.py)

CRITPATH = Path(__file__).resolve().parents[2] / "scripts" / "fpga" / "critpath.py"


def report(clock: str, source: str, net: str, sink_total: float) -> str:
    """One clock's critical-path report in nextpnr's format (a register, a route, a register)."""
    return "\n".join([
        f"Info: Critical path report for clock '{clock}' (posedge -> posedge):",
        "Info:       type curr  total name",
        f"Info:   clk-to-q  1.39  1.39 Source {source}_LC.O",
        f"Info:    routing  2.00  3.39 Net {net} (5,20) -> (5,16)",
        f"Info:                          Sink {net}_LC.I3",
        "Info:                          Defined in:",
        "Info:                               hw/rtl/core_pipe/pipe_core.sv:10.1-10.9",
        f"Info:      logic  0.87  {sink_total:.2f} Source {net}_LC.O",
        f"Info:      setup  0.47  {sink_total + 0.47:.2f} Sink end_LC.I0",
        "",
    ])


def run(log: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(CRITPATH), str(log), *extra],
                          capture_output=True, text=True, check=False)


def main() -> int:
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "pnr.log"
        log.write_text("Info: Max frequency for clock 'clk': 25.00 MHz\n"
                       + report("$PACKER_GND_NET_$glb_clk", "dsp_src", "dsp_net", 4.26)
                       + report("clk", "core_src", "core_net", 39.00))
        default = run(log)
        if default.returncode != 0 or "core_net" not in default.stdout or "dsp_net" in default.stdout:
            failures.append(f"default: not the SoC clock's path:\n{default.stdout}{default.stderr}")
        if "39.00" not in default.stdout:
            failures.append(f"default: the path's total delay is missing:\n{default.stdout}")
        packer = run(log, "--clock", "$PACKER_GND_NET_$glb_clk")
        if packer.returncode != 0 or "dsp_net" not in packer.stdout:
            failures.append(f"--clock: not that clock's path:\n{packer.stdout}{packer.stderr}")
        missing = run(log, "--clock", "nope")
        if missing.returncode != 1 or "clk" not in missing.stderr or missing.stderr.count("\n") != 1:
            failures.append(f"--clock nope: no one-line error naming the clocks:\n{missing.stderr}")
    return finish("test_critpath", failures)


if __name__ == "__main__":
    sys.exit(main())
