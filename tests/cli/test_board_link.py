#!/usr/bin/env python3
"""The simulated board's host link end to end, independently of corectl: a small client written from
docs/protocol.md (SLIP, CRC-32 from zlib) talks to the RTL debug unit through `coresim --uart pty`:
IDENTIFY, loading a program with CORE_CTRL/WRITE_MEM/READ_MEM/SET_START, its console in CONSOLE
frames, the EXITED notification, STATUS and an atomic counter snapshot."""
import argparse
import os
import select
import struct
import subprocess
import sys
import tempfile
import termios
import tty
import unittest

from simboard import start_board
import zlib

ARGS = None
END, ESC, ESC_END, ESC_ESC = 0xC0, 0xDB, 0xDC, 0xDD


def frame(cmd, seq, payload=b""):
    body = bytes([cmd, seq]) + payload
    body += struct.pack("<I", zlib.crc32(body) & 0xFFFFFFFF)
    out = bytearray([END])
    for b in body:
        out += bytes([ESC, ESC_END]) if b == END else bytes([ESC, ESC_ESC]) if b == ESC else bytes([b])
    out.append(END)
    return bytes(out)


class Link:
    def __init__(self, fd):
        self.fd, self.buf, self.seq, self.console, self.exited = fd, bytearray(), 0, b"", None

    def frames(self, timeout):
        """Yields decoded, CRC-checked frames (cmd, seq, payload)."""
        while True:
            while END in self.buf:
                i = self.buf.index(END)
                raw, self.buf = bytes(self.buf[:i]), self.buf[i + 1:]
                body = bytearray()
                it = iter(raw)
                for b in it:
                    body.append({ESC_END: END, ESC_ESC: ESC}.get(next(it, 0), 0) if b == ESC else b)
                if len(body) >= 6 and zlib.crc32(bytes(body[:-4])) & 0xFFFFFFFF == struct.unpack("<I", body[-4:])[0]:
                    yield body[0], body[1], bytes(body[2:-4])
            ready, _, _ = select.select([self.fd], [], [], timeout)
            if not ready:
                raise TimeoutError("no frame from the board")
            self.buf += os.read(self.fd, 65536)

    def call(self, cmd, payload=b"", timeout=20.0):
        self.seq = (self.seq + 1) & 0xFF or 1
        os.write(self.fd, frame(cmd, self.seq, payload))
        for rcmd, rseq, rpayload in self.frames(timeout):
            if rcmd == 0x40:
                self.console += rpayload
            elif rcmd == 0x41:
                self.exited = struct.unpack("<I", rpayload[:4])[0]
            elif rcmd == (cmd | 0x80) and rseq == self.seq:
                return rpayload[0], rpayload[1:]


def elf_image(elf):
    """The program's memory image (from its first section on), padded to whole words."""
    # (into a file: objcopy replaces its output file, and run as root it would replace the
    # /dev/stdout link with a regular file)
    with tempfile.TemporaryDirectory() as tmp:
        bin_path = os.path.join(tmp, "prog.bin")
        subprocess.run(["riscv64-unknown-elf-objcopy", "-O", "binary", elf, bin_path], check=True)
        with open(bin_path, "rb") as f:
            image = f.read()
    return image + b"\0" * (-len(image) % 4)


class BoardLink(unittest.TestCase):
    coresim = None  # (set below: ARGS.coresim)
    num_hpm = 8     # the SoC's hpm counters (IDENTIFY)

    def setUp(self):
        self.board(self.coresim or ARGS.coresim)

    def board(self, coresim):
        port = start_board(self, coresim)
        self.fd = os.open(port, os.O_RDWR | os.O_NOCTTY)
        self.addCleanup(os.close, self.fd)
        tty.setraw(self.fd, termios.TCSANOW)  # (keep what arrived: test_pty_link.py)
        self.link = Link(self.fd)

    def load(self, image):
        """Holds the core in reset, writes the image at the start of RAM, sets the start address."""
        self.assertEqual(self.link.call(0x04, bytes([0]))[0], 0)           # hold in reset
        for off in range(0, len(image), 1016):                             # load
            chunk = image[off:off + 1016]
            self.assertEqual(self.link.call(0x02, struct.pack("<I", 0x80000000 + off) + chunk)[0], 0)
        self.assertEqual(self.link.call(0x05, struct.pack("<I", 0x80000000))[0], 0)  # start address

    def test_identify(self):
        status, p = self.link.call(0x01)
        self.assertEqual(status, 0)
        proto, desc, kind, num_hpm, ev_ver, misa, clock, ram_base, ram_size = struct.unpack_from("<HHBBHIIII", p)
        self.assertEqual((proto, kind, num_hpm, misa, ram_base, ram_size), (1, 1, self.num_hpm, 0x40001100, 0x80000000, 0x10000))

    def test_load_run_counters(self):
        image = elf_image(os.path.join(ARGS.sw_build, "examples", "hello.elf"))
        self.load(image)
        status, data = self.link.call(0x03, struct.pack("<IH", 0x80000000, 256))   # verify a piece
        self.assertEqual((status, data), (0, image[:256]))
        self.assertEqual(self.link.call(0x02, struct.pack("<I", 0x80000000) + image[:4])[0], 0)
        self.assertEqual(self.link.call(0x04, bytes([1]))[0], 0)           # release: run
        for _ in range(200):
            status, p = self.link.call(0x06)
            if p[0] == 3:
                break
        self.assertEqual(p[0], 3, "the program did not exit")
        self.assertEqual(struct.unpack_from("<I", p, 1)[0], 0)
        self.assertIn(b"Hello from the corelab SoC!", self.link.console)
        status, p = self.link.call(0x07)
        self.assertEqual(status, 0)
        mcycle, minstret = struct.unpack_from("<QQ", p)
        self.assertGreater(minstret, 1000)
        self.assertGreater(mcycle, minstret)
        # writing RAM while the core is not held is refused (status 4)
        self.assertEqual(self.link.call(0x02, struct.pack("<I", 0x80000000) + image[:4])[0], 4)

    def test_read_mem_while_running(self):
        # READ_MEM shares the RAM with the running core: with caches it takes the RAM between
        # their line transfers; on the small boards' SoC (no caches) the port with the core's
        # loads and stores, which go first (the single port: fetch too, which goes last). The
        # code it reads back (.text, never written) must be what was loaded, every word, however
        # the accesses meet.
        image = elf_image(os.path.join(ARGS.sw_build, "bench", "mix.elf"))
        self.load(image)
        self.assertEqual(self.link.call(0x04, bytes([1]))[0], 0)           # release: run
        for i in range(6):  # (the first already meets the core: six keep well inside mix's run)
            off = (i * 1020) % (len(image) - 1020) & ~3
            status, data = self.link.call(0x03, struct.pack("<IH", 0x80000000 + off, 1020))
            want = image[off:off + 1020]
            self.assertEqual((status, len(data)), (0, len(want)), f"READ_MEM at +{off:#x}")
            bad = [k for k in range(0, len(want), 4) if data[k:k + 4] != want[k:k + 4]]
            if bad:
                k = bad[0]
                got, loaded = (int.from_bytes(b[k:k + 4], "little") for b in (data, want))
                self.fail(f"READ_MEM at +{off:#x}: {len(bad)} of {len(want) // 4} words differ "
                          f"from the loaded code, the first at +{off + k:#x}: read {got:#010x}, "
                          f"loaded {loaded:#010x}")
        status, p = self.link.call(0x06)
        self.assertEqual(status, 0)
        self.assertEqual(p[0], 1, "the program should still be running")

    def test_garbage_then_identify(self):
        os.write(self.fd, bytes(range(256)) * 4 + b"\xc0\xdb\xdb\xc0\x00garbage")
        self.assertEqual(self.link.call(0x01)[0], 0)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--coresim", required=True)
    ap.add_argument("--coresim-small", help="also run the tests on the small boards' SoC")
    ap.add_argument("--sw-build", required=True)
    ARGS, rest = ap.parse_known_args()
    if ARGS.coresim_small:
        BoardLinkSmallSoc = type("BoardLinkSmallSoc", (BoardLink,),
                                 {"coresim": ARGS.coresim_small, "num_hpm": 2})
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
