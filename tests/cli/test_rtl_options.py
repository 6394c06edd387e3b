#!/usr/bin/env python3
"""coresim's RTL options: the co-simulation checker reports a divergence (exit 126, with the report),
--max-cycles stops a run (exit 124), --trace writes an FST file, and the RTL commit log has one line
per retired instruction in the ISS's format."""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import unittest

ARGS = None


def coresim(*args):
    return subprocess.run([ARGS.coresim, *args], capture_output=True, text=True, timeout=300)


class RtlOptions(unittest.TestCase):
    def setUp(self):
        self.hello = os.path.join(ARGS.sw_build, "examples", "hello.elf")
        self.tmp = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.tmp.cleanup()

    def test_checker_catches_a_wrong_register_write(self):
        p = coresim("--core", "pipe", "--cosim", "--cosim-flip-rd", "100", self.hello)
        self.assertEqual(p.returncode, 126, p.stderr)
        self.assertIn("divergence", p.stderr)
        self.assertIn("register write", p.stderr)
        self.assertIn("expected (ISS)", p.stderr)
        self.assertIn("last 32 retired instructions", p.stderr)

    def test_clean_run_passes(self):
        p = coresim("--core", "pipe", "--cosim", self.hello)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("Hello", p.stdout)

    def test_max_cycles(self):
        p = coresim("--core", "pipe", "--max-cycles", "50", self.hello)
        self.assertEqual(p.returncode, 124)

    def test_trace_file(self):
        path = os.path.join(self.tmp.name, "wave.fst")
        p = coresim("--core", "pipe", "--trace", path, "--trace-stop", "2000", self.hello)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertGreater(os.path.getsize(path), 1000)

    def test_commit_log_matches_iss_format(self):
        rtl_log = os.path.join(self.tmp.name, "rtl.log")
        iss_log = os.path.join(self.tmp.name, "iss.log")
        self.assertEqual(coresim("--core", "pipe", "--commit-log", rtl_log, self.hello).returncode, 0)
        self.assertEqual(coresim("--core", "iss", "--commit-log", iss_log, self.hello).returncode, 0)
        with open(rtl_log) as f:
            rtl = [l.split()[:3] for l in f]
        with open(iss_log) as f:
            iss = [l.split()[:3] for l in f]
        # order, pc and instruction agree line by line until the program starts polling the UART,
        # whose timing differs (the RTL's UART takes real time to send)
        self.assertGreater(len(iss), 1000)
        self.assertEqual(rtl[:1000], iss[:1000])


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--coresim", required=True)
    ap.add_argument("--sw-build", required=True)
    ARGS, rest = ap.parse_known_args()
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
