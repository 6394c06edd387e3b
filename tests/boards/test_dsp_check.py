#!/usr/bin/env python3
"""flow.py's check of the iCE40 DSP counters after synthesis (check_dsp_counters): a netlist whose
accumulator (ice40_acc32's SB_MAC16) is clocked with its accumulator outputs passes; one that
Yosys' ice40_dsp pass rewrote (clock tied to 0, the multiplier's outputs), or one without any
accumulator, fails with a one-line error."""
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts" / "fpga"))
import flow  # noqa: E402
from outcome import finish  # noqa: E402  (tests/boards/outcome.py)


def netlist(clk, output_select: str) -> dict:
    """A top module with one accumulator named as counter64 instantiates it."""
    cell = {"type": "SB_MAC16", "port_directions": {"CLK": "input", "O": "output"},
            "parameters": {"TOPOUTPUT_SELECT": output_select, "BOTOUTPUT_SELECT": output_select},
            "connections": {"CLK": [clk], "O": [3]}}
    cells = {"u_count.g_dsp.u_lo.u_mac": cell} if clk is not None else {}
    return {"modules": {"top": {"attributes": {"top": "1"}, "cells": cells,
                                "netnames": {"clk": {"bits": [2]}, "o": {"bits": [3]}}}}}


def check(tmp: Path, name: str, design: dict) -> str | None:
    path = tmp / f"{name}.json"
    path.write_text(json.dumps(design))
    try:
        flow.check_dsp_counters(path)
    except flow.FlowError as err:
        return str(err)
    return None


def main() -> int:
    failures = []
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        if (err := check(tmp, "good", netlist(2, "01"))) is not None:
            failures.append(f"an accumulator as written was refused: {err}")
        for name, design in (("rewritten", netlist("0", "11")), ("unclocked", netlist("0", "01")),
                             ("multiplier", netlist(2, "11")), ("none", netlist(None, "01"))):
            err = check(tmp, name, design)
            if err is None or "\n" in err:
                failures.append(f"{name}: no one-line error ({err!r})")
    return finish("test_dsp_check", failures)


if __name__ == "__main__":
    sys.exit(main())
