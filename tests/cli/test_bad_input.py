#!/usr/bin/env python3
"""coresim on bad input: every case must give exactly one line on stderr naming the problem and
exit status 125, and must not print anything on stdout."""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

ARGS = None


class BadInput(unittest.TestCase):
    def run_coresim(self, *extra):
        return subprocess.run([ARGS.coresim, "--core", "iss", *extra], capture_output=True, text=True,
                              timeout=60)

    def expect_error(self, needle, *extra):
        p = self.run_coresim(*extra)
        self.assertEqual(p.returncode, 125, p.stderr)
        lines = p.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, f"expected one line on stderr, got: {p.stderr!r}")
        self.assertIn("error", lines[0])
        self.assertIn(needle, lines[0])
        self.assertEqual(p.stdout, "")

    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.hello = os.path.join(ARGS.sw_build, "examples", "hello.elf")

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def path(self, name, data):
        p = os.path.join(self.tmp, name)
        with open(p, "wb") as f:
            f.write(data)
        return p

    def test_missing_file(self):
        self.expect_error("No such file", os.path.join(self.tmp, "nope.elf"))

    def test_not_an_elf(self):
        self.expect_error("not an ELF", self.path("text.elf", b"hello, world\n" * 10))

    def test_empty_file(self):
        self.expect_error("not an ELF", self.path("empty.elf", b""))

    def read_hello(self):
        with open(self.hello, "rb") as f:
            return f.read()

    def test_truncated(self):
        data = self.read_hello()
        for cut in (20, 60, 200, 5000, len(data) // 2, len(data) - 1):
            with self.subTest(cut=cut):
                self.expect_error("cut.elf", self.path("cut.elf", data[:cut]))

    def test_64bit_elf(self):
        self.expect_error("64-bit", os.path.join(ARGS.sw_build, "tests", "bad", "rv64.elf"))

    def test_foreign_machine(self):
        data = bytearray(self.read_hello())
        data[18:20] = (3).to_bytes(2, "little")  # e_machine = EM_386
        self.expect_error("not a RISC-V", self.path("x86.elf", bytes(data)))

    def test_host_binary(self):
        self.expect_error("64-bit", ARGS.coresim)

    def test_segment_outside_ram(self):
        self.expect_error("outside RAM", "--ram-size", "1K", self.hello)

    def test_bad_option(self):
        p = self.run_coresim("--no-such-option", self.hello)
        self.assertEqual(p.returncode, 125)
        self.assertEqual(len(p.stderr.strip().splitlines()), 1)

    def test_unbuilt_core(self):
        # coresim holds both RTL models; coresim_small only the pipe core's.
        p = subprocess.run([ARGS.coresim_small, "--core", "ooo", self.hello], capture_output=True,
                           text=True)
        self.assertEqual(p.returncode, 125)
        self.assertEqual(len(p.stderr.strip().splitlines()), 1)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--coresim", required=True)
    ap.add_argument("--sw-build", required=True)
    ap.add_argument("--coresim-small", required=True)
    ARGS, rest = ap.parse_known_args()
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
