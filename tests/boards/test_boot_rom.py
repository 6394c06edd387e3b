#!/usr/bin/env python3
"""The FPGA boards' boot path in simulation: a program turned into a boot-ROM image by the flow
(scripts/fpga/flow.py rom-hex) is copied into RAM by the SoC's boot ROM and runs on the pipe core in
lockstep with the ISS, which loaded the same ELF directly. A corrupted image must fail, and a
program too large for the ROM must be refused with one line."""
import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FLOW = ROOT / "scripts/fpga/flow.py"
WORDS = 2048  # coresim_small's ROM (sim/CMakeLists.txt)


def rom_hex(elf: Path, out: Path, words: int = WORDS) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(FLOW), "rom-hex", str(elf), str(out), "--words", str(words)],
                          capture_output=True, text=True)


def boot(coresim: str, hex_file: Path, elf: Path) -> subprocess.CompletedProcess:
    return subprocess.run([coresim, "--core", "pipe", "--cosim", "--max-cycles", "5000000", "--boot-rom",
                           str(hex_file), str(elf)], capture_output=True, text=True, timeout=300)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--coresim", required=True)
    ap.add_argument("--sw-build", type=Path, required=True)
    args = ap.parse_args()
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        # Programs that end with status 0 and print; the blinky demo's test build among them.
        for elf, text in [(args.sw_build / "fpga/blinky_test.elf", "hello, 2 s"),
                          (args.sw_build / "examples/hello.elf", "Hello"),
                          (args.sw_build / "tests/isa/soc_mmio.elf", ""),
                          (args.sw_build / "tests/isa/interrupts.elf", "")]:
            hex_file = tmp / (elf.stem + ".hex")
            made = rom_hex(elf, hex_file)
            if made.returncode != 0:
                failures.append(f"rom-hex {elf.name}: {made.stderr.strip()}")
                continue
            run = boot(args.coresim, hex_file, elf)
            if run.returncode != 0 or text not in run.stdout:
                failures.append(f"{elf.name} from the boot ROM: status {run.returncode}, "
                                f"output {run.stdout[-200:]!r}, {run.stderr[-400:]!r}")
        # One wrong word in the image (in main's code): the RTL runs other code than the ISS.
        elf = args.sw_build / "examples/hello.elf"
        words = (tmp / "hello.hex").read_text().split()
        words[0x60 // 4] = f"{int(words[0x60 // 4], 16) ^ 0x00100000:08x}"
        bad = tmp / "bad.hex"
        bad.write_text("\n".join(words) + "\n")
        run = boot(args.coresim, bad, elf)
        if run.returncode == 0:
            failures.append("a corrupted boot ROM image ran without a divergence")
        # Too large for the ROM: refused, nothing written.
        big = args.sw_build / "bench/crc.elf"
        made = rom_hex(big, tmp / "big.hex", words=256)
        if made.returncode != 2 or "do not fit the boot ROM" not in made.stderr or (tmp / "big.hex").exists():
            failures.append(f"an oversized program: status {made.returncode}, {made.stderr.strip()!r}")
    for f in failures:
        print("FAIL:", f)
    print("boot ROM:", "ok" if not failures else f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
