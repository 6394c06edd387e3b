#!/usr/bin/env python3
"""corectl flash and detect end to end against simulated boards (`corectl --model DIR`): the device
models behind the FTDI port keep the flash as DIR/flash.bin and the FPGA's state in DIR/model.json,
which these tests read after each command. Every board in boards/*/board.toml with a programming
method is exercised: iCE40 boards (SPI flash, SRAM) and ECP5 boards (detect, SRAM, flash through JTAG,
over MPSSE or FT-X bit-bang, or a --cable for boards without a USB chip)."""
import argparse
import json
import os
import pathlib
import random
import subprocess
import sys
import tempfile
import tomllib
import unittest

ARGS = None
MIB = 1 << 20
EXIT = {"usage": 64, "verify-mismatch": 74, "bad-bitstream": 77, "image-too-large": 78, "unknown-flash": 79,
        "config-failed": 80}
ECP5_NAMES = {0x41111043: "LFE5U-25F", 0x41113043: "LFE5U-85F", 0x81113043: "LFE5UM5G-85F",
              0x21111043: "LFE5U-12F", 0x41112043: "LFE5U-45F"}


def crc16_ccitt(data, crc=0xFFFF):
    for b in data:
        crc ^= b << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021 if crc & 0x8000 else crc << 1) & 0xFFFF
    return crc


def ice40_bitstream(cram_bytes, seed=1):
    """Comment, sync word, bank set-up, one CRAM block, CRC check, wake-up (IceStorm's format)."""
    rng = random.Random(seed)
    head = b"\xff\x00corelab test\x00\x00\xff\x7e\xaa\x99\x7e\x51\x00\x01\x05"
    width, height = 256, (cram_bytes + 31) // 32
    body = bytes([0x62]) + (width - 1).to_bytes(2, "big") + bytes([0x72]) + height.to_bytes(2, "big")
    body += bytes([0x82, 0, 0, 0x11, 0, 0x01, 0x01]) + rng.randbytes(width // 8 * height) + b"\x00\x00\x22"
    return head + body + crc16_ccitt(body).to_bytes(2, "big") + b"\x01\x06\x00"


def ecp5_bitstream(idcode, frame_bytes, seed=1):
    """Comment, preamble, VERIFY_ID, opaque frames, ISC_PROGRAM_DONE (prjtrellis' description)."""
    rng = random.Random(seed)
    frames = bytes(b if b != 0x5E else 0x5F for b in rng.randbytes(frame_bytes))
    return (b"\xff\x00Part: test\x00\x00\xff\xff\xff\xbd\xb3\xff\xff\xff\xff\x3b\x00\x00\x00\xe2\x00\x00\x00"
            + idcode.to_bytes(4, "big") + b"\x46\x00\x00\x00\x82\x91\x00\x10" + frames
            + b"\x5e\x00\x00\x00\xff\xff\xff\xff")


def boards(method):
    found = []
    for path in sorted(pathlib.Path(ARGS.boards).glob("*/board.toml")):
        with open(path, "rb") as f:
            board = tomllib.load(f)
        if board.get("program", {}).get("method") == method:
            found.append(board)
    return found


def cable_args(board):
    return [] if "usb" in board else ["--cable", "ft232h"]


class ModelCase(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = pathlib.Path(self.tmp.name)
        self.model = self.dir / "model"

    def tearDown(self):
        self.tmp.cleanup()

    def fresh(self):
        """A new model directory, for the next board of a loop."""
        self.tearDown()
        self.setUp()

    def corectl(self, board, *args):
        cmd = [ARGS.corectl, "--board", board["name"], "--model", str(self.model), *cable_args(board), *args]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=300)

    def write_model(self, board, flash=None, idcode=None):
        self.model.mkdir(exist_ok=True)
        config = {"board": board["name"],
                  "flash": flash or {"jedec_id": "0xef4018", "size": 16 * MIB, "busy_polls": 3},
                  "fpga": {"configured": False}}
        if idcode is not None:
            config["fpga"].update(idcode=hex(idcode), status="0x0")
        (self.model / "model.json").write_text(json.dumps(config))

    def fill_flash(self, size):
        pattern = bytes((0xA5 ^ (i * 7)) & 0xFF for i in range(256)) * (size // 256)
        (self.model / "flash.bin").write_bytes(pattern)
        return pattern

    def state(self):
        return json.loads((self.model / "model.json").read_text())

    def flash_bytes(self):
        return (self.model / "flash.bin").read_bytes()

    def image(self, data):
        path = self.dir / "image"
        path.write_bytes(data)
        return str(path)

    def expect_error(self, p, kind):
        # One error line, the last one (progress lines may come before it).
        self.assertEqual(p.returncode, EXIT[kind], p.stderr)
        lines = p.stderr.strip().splitlines()
        self.assertTrue(lines[-1].startswith("corectl: error: "), p.stderr)
        self.assertEqual(sum("error" in line for line in lines), 1, p.stderr)

    def expect_holds(self, flash, image, pattern):
        end = (len(image) + 4095) // 4096 * 4096
        self.assertEqual(flash[:len(image)], image, "the flash does not hold the image")
        self.assertEqual(flash[len(image):end], b"\xff" * (end - len(image)), "the image's last sector is not erased")
        self.assertEqual(flash[end:], pattern[end:], "bytes outside the image's sectors changed")


class Ice40Boards(ModelCase):
    def each(self):
        found = boards("ice40-spi")
        self.assertTrue(found, "no iCE40 board in boards/")
        return found

    def test_flash_writes_verifies_and_boots(self):
        for board in self.each():
            with self.subTest(board=board["name"]):
                self.fresh()
                self.write_model(board)
                pattern = self.fill_flash(16 * MIB)
                image = ice40_bitstream(70_000)
                p = self.corectl(board, "flash", self.image(image))
                self.assertEqual(p.returncode, 0, p.stderr)
                self.assertIn("erase done", p.stderr, "plain progress lines when stderr is no terminal")
                self.expect_holds(self.flash_bytes(), image, pattern)
                self.assertTrue(self.state()["fpga"]["configured"])
                d = self.corectl(board, "detect")
                self.assertEqual(d.returncode, 0, d.stderr)
                self.assertIn("W25Q128JV", d.stdout)
                self.assertIn("CDONE high", d.stdout)

    def test_oversized_image_is_refused_before_erasing(self):
        board = self.each()[0]
        self.write_model(board, {"jedec_id": "0xef4015", "size": 2 * MIB})
        pattern = self.fill_flash(2 * MIB)
        image = ice40_bitstream(1000).ljust(2 * MIB + 1, b"\x00")
        self.expect_error(self.corectl(board, "flash", self.image(image)), "image-too-large")
        self.assertEqual(self.flash_bytes(), pattern)

    def test_unknown_jedec_id_needs_force(self):
        board = self.each()[0]
        self.write_model(board, {"jedec_id": "0xab4017", "size": 8 * MIB})
        pattern = self.fill_flash(8 * MIB)
        image = ice40_bitstream(5000)
        p = self.corectl(board, "flash", self.image(image))
        self.expect_error(p, "unknown-flash")
        self.assertIn("ab4017", p.stderr)
        self.assertEqual(self.flash_bytes(), pattern)
        p = self.corectl(board, "flash", "--force", self.image(image))
        self.assertEqual(p.returncode, 0, p.stderr)
        self.expect_holds(self.flash_bytes(), image, pattern)

    def test_verify_mismatch_names_the_address(self):
        board = self.each()[0]
        self.write_model(board, {"jedec_id": "0xef4018", "size": 16 * MIB,
                                 "stuck_bit": {"address": 0x2345, "mask": 0x80, "level": 1}})
        image = bytearray(ice40_bitstream(12_000))
        image[0x2345] = 0x00
        p = self.corectl(board, "flash", self.image(bytes(image)))
        self.expect_error(p, "verify-mismatch")
        self.assertIn("0x002345", p.stderr)

    def test_sram_configures_and_leaves_the_flash(self):
        for board in self.each():
            with self.subTest(board=board["name"]):
                self.fresh()
                self.write_model(board)
                pattern = self.fill_flash(16 * MIB)
                p = self.corectl(board, "flash", "--sram", self.image(ice40_bitstream(30_000)))
                self.assertEqual(p.returncode, 0, p.stderr)
                self.assertTrue(self.state()["fpga"]["configured"])
                self.assertEqual(self.flash_bytes(), pattern)
                p = self.corectl(board, "flash", "--sram", self.image(ice40_bitstream(30_000)[:20_000]))
                self.expect_error(p, "config-failed")
                self.assertFalse(self.state()["fpga"]["configured"])

    def test_a_file_for_another_family_is_refused(self):
        board = self.each()[0]
        p = self.corectl(board, "flash", self.image(ecp5_bitstream(0x41113043, 100)))
        self.expect_error(p, "bad-bitstream")
        self.assertIn("ECP5", p.stderr)
        self.expect_error(self.corectl(board, "flash", self.image(b"not a bitstream" * 100)), "bad-bitstream")


class Ecp5Boards(ModelCase):
    def each(self):
        found = boards("ecp5-jtag")
        if not found:
            self.skipTest("no ECP5 board in boards/")
        return found

    def test_detect_names_the_part(self):
        for board in self.each():
            with self.subTest(board=board["name"]):
                self.fresh()
                self.write_model(board, idcode=0x41111043)
                p = self.corectl(board, "detect")
                self.assertEqual(p.returncode, 0, p.stderr)
                self.assertIn("LFE5U-25F (IDCODE 0x41111043)", p.stdout)

    def test_sram_load_and_wrong_part(self):
        for board in self.each():
            with self.subTest(board=board["name"]):
                self.fresh()
                self.write_model(board, idcode=0x41113043)
                p = self.corectl(board, "flash", "--sram", self.image(ecp5_bitstream(0x41113043, 4000)))
                self.assertEqual(p.returncode, 0, p.stderr)
                self.assertTrue(self.state()["fpga"]["configured"])
                p = self.corectl(board, "flash", "--sram", self.image(ecp5_bitstream(0x21111043, 4000)))
                self.expect_error(p, "config-failed")
                self.assertIn("ID error", p.stderr)
                self.assertFalse(self.state()["fpga"]["configured"])
                self.assertTrue(int(self.state()["fpga"]["status"], 0) & (1 << 13), "FAIL in the status register")

    def test_flash_through_jtag_verifies_and_boots(self):
        for board in self.each():
            with self.subTest(board=board["name"]):
                self.fresh()
                self.write_model(board, idcode=0x41113043)
                pattern = self.fill_flash(16 * MIB)
                image = ecp5_bitstream(0x41113043, 20_000)
                p = self.corectl(board, "flash", self.image(image))
                self.assertEqual(p.returncode, 0, p.stderr)
                self.expect_holds(self.flash_bytes(), image, pattern)
                self.assertTrue(self.state()["fpga"]["configured"])

    def test_a_board_without_usb_needs_a_cable(self):
        for board in [b for b in self.each() if "usb" not in b]:
            with self.subTest(board=board["name"]):
                cmd = [ARGS.corectl, "--board", board["name"], "--model", str(self.model), "detect"]
                p = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
                self.expect_error(p, "usage")
                self.assertIn("--cable", p.stderr)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--corectl", required=True)
    parser.add_argument("--boards", required=True)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0], *rest])
