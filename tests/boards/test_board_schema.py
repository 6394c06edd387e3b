#!/usr/bin/env python3
"""Checks the board table (boards/<board>/board.toml, read by scripts/fpga/boards.py): every board
and every variant loads (family, device, package, IDCODE and programming pins consistent; ECP5
boards have an IDCODE per variant), every port of <board>_top in top.sv has a pin and every pin a
port, every [soc] key is a soc_top parameter and every listed core has a file list. Then it breaks copies of the boards on purpose
(a pin dropped, a key mistyped, ...) and checks that each break is caught, so this test can fail."""
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts" / "fpga"))
import boards  # noqa: E402


def wrapper_ports(board: boards.Board) -> list[str]:
    """The ports of <board>_top, vectors expanded to name[i] (ANSI port list, one module)."""
    text = re.sub(r"//[^\n]*|/\*.*?\*/", "", board.top_sv.read_text(), flags=re.S)
    m = re.search(rf"\bmodule\s+{board.top}\s*(?:#\s*\(.*?\)\s*)?\((.*?)\);", text, re.S)
    if not m:
        raise ValueError(f"{board.top_sv.relative_to(board.root)} has no module {board.top}")
    ports, bits = [], None
    for decl in m.group(1).split(","):
        d = re.fullmatch(r"(?:(input|output|inout)\s+(?:(?:logic|wire|reg)\s+)?"
                         r"(?:\[\s*(\d+)\s*:\s*(\d+)\s*\]\s*)?)?(\w+)", " ".join(decl.split()))
        if not d:
            raise ValueError(f"cannot read the port declaration '{decl.strip()}' of {board.top}")
        if d.group(1):  # a new direction and type; without one the previous declaration goes on
            bits = None
            if d.group(2):
                hi, lo = sorted((int(d.group(2)), int(d.group(3))), reverse=True)
                bits = range(lo, hi + 1)
        name = d.group(4)
        ports += [name] if bits is None else [f"{name}[{i}]" for i in bits]
    return ports


def soc_top_parameters() -> set[str]:
    text = re.sub(r"//[^\n]*", "", (ROOT / "hw/rtl/soc/soc_top.sv").read_text())
    start = text.index("module soc_top")
    header = text[start:text.index(");", start)]
    return set(re.findall(r"parameter\b[^=;,]*?\b([A-Z]\w*)\s*=", header))


def board_problems(name: str, root: Path) -> list[str]:
    try:
        base = boards.load(name, root=root)
        loaded = [base] + [boards.load(name, v, root=root) for v in base.variants
                           if v != base.variant]
    except boards.BoardError as e:
        return [str(e)]
    problems = []
    for b in loaded:
        if b.family == "ecp5" and (b.idcode is None or b.speed is None):
            problems.append(f"{name} variant {b.variant}: an ECP5 board needs idcode and speed")
    try:
        ports = wrapper_ports(base)
    except (OSError, ValueError) as e:
        return problems + [str(e)]
    for port in ports:
        if port not in base.pins:
            problems.append(f"{name}: port {port} of {base.top} has no pin in [pins]")
    for pin in base.pins:
        if pin not in ports:
            problems.append(f"{name}: pin \"{pin}\" is not a port of {base.top}")
    for core in base.cores:
        if not (ROOT / f"hw/rtl/soc_{core}.f").is_file():
            problems.append(f"{name}: core {core} has no file list hw/rtl/soc_{core}.f")
    known = soc_top_parameters()
    for key in base.soc:
        if key not in known:
            problems.append(f"{name}: [soc] {key} is not a soc_top parameter")
    return problems


# A copy of one board with one line changed, and the words its problem must contain.
BREAKS = [
    ("ulx3s", '"led[3]" = { site = "D2"', None, "led[3]"),                    # a pin dropped
    ("ulx3s", "[pins]\n", '[pins]\nextra = { site = "A3", io = "LVCMOS33" }\n', "extra"),
    ("ulx3s", "12f = { device = \"25k\", idcode = 0x21111043,", "12f = { device = \"25k\",",
     "idcode"),                                                               # variant IDCODE gone
    ("ulx3s", "osc_mhz = 25.0", 'osc_mhz = "25"', "osc_mhz"),               # a mistyped key
    ("colorlight-i5", 'uart_tx = { site = "J17"', None, "uart_tx"),          # a required pin
    ("ecp5-evn", 'device = "um5g-85k"', 'device = "um5g-85"', "device"),
    ("ecp5-evn", "speed = 8", "speed = 6", "speed"),                         # um5g parts are -8
    ("hx8k-breakout", "UseCaches = 0", "UseCache = 0", "UseCache"),          # no such parameter
    ("hx8k-breakout", 'package = "ct256"', 'package = "CABGA381"', "package"),
    ("icebreaker", "sck = 0,", "sck = 3,", "sck"),                           # MPSSE clock is pin 0
    ("icebreaker", 'site = "37"', 'site = "35"', "35"),                      # one site, two pins
    ("ulx3s", 'cores = ["pipe", "ooo"]', 'cores = ["pipe", "oo"]', "cores"),  # no such core
]


def apply_break(tmp: Path, board: str, old: str, new: str | None) -> bool:
    path = tmp / "boards" / board / "board.toml"
    text = path.read_text()
    if old not in text:
        return False
    if new is None:  # drop the whole line
        start = text.index(old)
        end = text.index("\n", start) + 1
        text = text[:text.rindex("\n", 0, start) + 1] + text[end:]
    else:
        text = text.replace(old, new, 1)
    path.write_text(text)
    return True


def main() -> int:
    failures = []
    names = boards.names()
    for expected in ("icebreaker", "hx8k-breakout", "ulx3s", "colorlight-i5", "ecp5-evn"):
        if expected not in names:
            failures.append(f"board {expected} is missing from boards/")
    for name in names:
        problems = board_problems(name, ROOT)
        failures += problems
        print(f"{'FAIL' if problems else 'ok  '} {name}")

    for board, old, new, words in BREAKS:
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            shutil.copytree(ROOT / "boards" / board, tmp / "boards" / board)
            if not apply_break(tmp, board, old, new):
                failures.append(f"break of {board}: '{old}' not found (update BREAKS)")
                continue
            problems = board_problems(board, tmp)
            caught = any(words in p for p in problems)
            what = f"{board}: {old.strip()!r} -> {new.strip() if new else '(line removed)'!r}"
            print(f"{'ok  ' if caught else 'FAIL'} caught {what}: {problems[:1]}")
            if not caught:
                failures.append(f"not caught: {what}; expected a problem naming '{words}', "
                                f"got {problems}")

    try:
        boards.load("no-such-board")
        failures.append("an unknown board loaded")
    except boards.BoardError as e:
        print(f"ok   unknown board: {e}")
    try:
        boards.load("ulx3s", "99f")
        failures.append("an unknown variant loaded")
    except boards.BoardError as e:
        print(f"ok   unknown variant: {e}")

    # The freshness check notices a hand edit of a generated constraint file.
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        shutil.copytree(ROOT / "boards" / "ulx3s", tmp / "boards" / "ulx3s")
        (tmp / "constraints").mkdir()
        b = boards.load("ulx3s", root=tmp)
        b.constraints.write_text(boards.constraints_text(b))
        fresh = boards.stale_constraints(["ulx3s"], tmp)
        b.constraints.write_text(b.constraints.read_text().replace('SITE "B2"', 'SITE "B3"'))
        stale = boards.stale_constraints(["ulx3s"], tmp)
        if fresh or not stale:
            failures.append(f"stale_constraints: expected [] then the edited file, got {fresh}, "
                            f"{stale}")
        else:
            print(f"ok   an edited constraint file is stale: {stale}")

    for f in failures:
        print("FAIL:", f)
    print(f"{len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
