#!/usr/bin/env python3
"""The simulated board: `coresim --uart pty` puts the SoC's UART pins on a pseudo-terminal at the bit
level. A program's console output arrives on the PTY and bytes written to the PTY reach the
program's receive FIFO (the echo program answers them)."""
import argparse
import os
import select
import sys
import termios
import tty
import unittest

from simboard import start_board

ARGS = None


def read_until(fd, needle, timeout=20.0):
    buf = b""
    while needle not in buf:
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            break
        buf += os.read(fd, 4096)
    return buf


class PtyLink(unittest.TestCase):
    def start(self, elf):
        port = start_board(self, ARGS.coresim, program=elf)
        fd = os.open(port, os.O_RDWR | os.O_NOCTTY)
        self.addCleanup(os.close, fd)
        # TCSANOW: setraw's default (TCSAFLUSH) drops what arrived before, such as the line the
        # program printed while this test was still opening the port.
        tty.setraw(fd, termios.TCSANOW)
        return fd

    def test_console_output(self):
        fd = self.start(os.path.join(ARGS.sw_build, "examples", "hello.elf"))
        self.assertIn(b"Hello from the corelab SoC!", read_until(fd, b"SoC!"))

    def test_console_input(self):
        fd = self.start(os.path.join(ARGS.sw_build, "examples", "echo.elf"))
        self.assertIn(b"echo ready", read_until(fd, b"ready\n"))
        os.write(fd, b"abc\n")
        self.assertIn(b"> abc", read_until(fd, b"> abc"))


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--coresim", required=True)
    ap.add_argument("--sw-build", required=True)
    ARGS, rest = ap.parse_known_args()
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
