#!/usr/bin/env python3
"""corectl end to end against a simulated board (`corectl --sim pipe`: the Verilated SoC with its RTL
debug unit on a pseudo-terminal): info, load with verification, run with console output and exit
status, and a counter snapshot whose minstret equals what the ISS counts for the same program (on
the default SoC and on the small boards' one)."""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

ARGS = None


def corectl(*args, timeout=300, coresim=None):
    env = dict(os.environ, CORESIM=coresim) if coresim else None
    return subprocess.run([ARGS.corectl, "--sim", "pipe", *args], capture_output=True, text=True,
                          timeout=timeout, env=env)


class CorectlOnSimulatedBoard(unittest.TestCase):
    def elf(self, *parts):
        return os.path.join(ARGS.sw_build, *parts)

    def test_info(self):
        p = corectl("info", "--json")
        self.assertEqual(p.returncode, 0, p.stderr)
        info = json.loads(p.stdout)
        self.assertEqual(info["core_kind"], "pipe")
        self.assertEqual(info["ram_size"], 0x10000)
        self.assertEqual(info["proto_version"], 1)

    def test_run_hello_with_verify(self):
        p = corectl("run", "--verify", self.elf("examples", "hello.elf"))
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("Hello from the corelab SoC!", p.stdout)

    def test_exit_status(self):
        p = corectl("run", self.elf("tests", "sw", "exit3.elf"))
        self.assertEqual(p.returncode, 3, p.stderr)

    def check_counters_match_the_iss(self, coresim=None):
        elf = self.elf("tests", "sw", "exit3.elf")
        p = corectl("run", "--perf", elf, coresim=coresim)
        self.assertEqual(p.returncode, 3, p.stderr)
        m = re.search(r"minstret\s+INSTRET\s+([\d,]+)", p.stderr)
        self.assertIsNotNone(m, p.stderr)
        rtl_instret = int(m.group(1).replace(",", ""))
        cycles = re.search(r"mcycle\s+CYCLES\s+([\d,]+)", p.stderr)
        self.assertIsNotNone(cycles, p.stderr)
        self.assertGreater(int(cycles.group(1).replace(",", "")), rtl_instret)
        with tempfile.NamedTemporaryFile(suffix=".json") as f:
            subprocess.run([ARGS.coresim, "--core", "iss", "--stats-json", f.name, elf], check=False)
            with open(f.name) as g:
                iss_instret = json.load(g)["events"]["INSTRET"]
        self.assertEqual(rtl_instret, iss_instret)

    def test_counters_match_the_iss(self):
        self.check_counters_match_the_iss()

    def test_counters_match_the_iss_small_soc(self):
        # The iCEBreaker's SoC: its counter snapshot lives in block RAM (CounterShadowBram).
        self.check_counters_match_the_iss(coresim=ARGS.coresim_small)

    def test_load_of_missing_file(self):
        p = corectl("load", "/nonexistent.elf")
        self.assertNotEqual(p.returncode, 0)
        self.assertEqual(len(p.stderr.strip().splitlines()), 1, p.stderr)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--corectl", required=True)
    ap.add_argument("--coresim", required=True)
    ap.add_argument("--coresim-small", required=True)
    ap.add_argument("--sw-build", required=True)
    ARGS, rest = ap.parse_known_args()
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
