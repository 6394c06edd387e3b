#!/usr/bin/env python3
"""Link faults on the simulated board: with `coresim --uart pty --link-faults RATE` every byte in both
directions is corrupted, dropped or followed by an inserted byte with that probability. corectl must
still load and verify a program and run it (retrying what the faults break), or fail with a clear
error; it must never report success for data that was not verified."""
import argparse
import os
import subprocess
import sys
import unittest

from simboard import start_board

ARGS = None


class LinkFaults(unittest.TestCase):
    def board(self, rate, seed):
        return start_board(self, ARGS.coresim, "--link-faults", str(rate), "--link-seed", str(seed))

    def corectl(self, port, *args):
        return subprocess.run([ARGS.corectl, "--port", port, *args], capture_output=True, text=True,
                              timeout=600)

    def test_upload_verifies_at_1e3(self):
        elf = os.path.join(ARGS.sw_build, "bench", "crc.elf")  # about 18 KiB of code and data
        for seed in (1, 2):
            port = self.board(1e-3, seed)
            r = self.corectl(port, "load", "--verify", elf)
            if r.returncode == 0:
                self.assertIn("loaded", r.stdout + r.stderr)
            else:  # a clean failure: one line naming the problem, never a silent corruption
                self.assertEqual(len(r.stderr.strip().splitlines()), 1, r.stderr)
                self.assertIn("corectl: error:", r.stderr)

    def test_run_with_faults(self):
        port = self.board(5e-4, 3)
        r = self.corectl(port, "run", os.path.join(ARGS.sw_build, "tests", "sw", "exit3.elf"))
        self.assertIn(r.returncode, (3,), r.stderr)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--corectl", required=True)
    ap.add_argument("--coresim", required=True)
    ap.add_argument("--sw-build", required=True)
    ARGS, rest = ap.parse_known_args()
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
