#!/usr/bin/env python3
"""The board table: reads boards/<board>/board.toml (schema in boards/README.md), checks every key,
and writes the pin constraint files constraints/<board>.pcf (iCE40) or .lpf (ECP5) from [pins].

Library (the FPGA flow imports it; Python >= 3.11, standard library only):
    import boards
    boards.names()                  -> ["colorlight-i5", "ecp5-evn", "hx8k-breakout", ...]
    b = boards.load("ulx3s", "12f") -> a Board: the variant's fields merged over the base;
                                       variant=None takes the board's default variant
    b.family, b.device, b.package, b.speed (ECP5), b.osc_mhz, b.target_mhz, b.ram_kib, b.soc,
    b.pins (name -> Pin(site, io, attrs)), b.usb, b.program, b.idcode (ECP5),
    b.ecppack_idcode            -> the IDCODE to give `ecppack --idcode`, or None when the device's
                                   own is right (the 12F is built as a 25k with the 12F's IDCODE)
    b.top ("ulx3s_top"), b.top_sv, b.constraints (paths)
    boards.constraints_text(b)  -> the text of its constraint file
A problem in a board file raises BoardError with one line naming the file and the key.

CLI:
    boards.py list                      the boards and their variants
    boards.py show BOARD [VARIANT]      the loaded board as JSON
    boards.py constraints [BOARD...]    writes constraints/<board>.pcf|.lpf (default: every board)
    boards.py check [BOARD...]          fails when a committed constraint file differs from what
                                        `constraints` writes, is missing, or has no board
Exit codes: 0 fine, 1 stale constraint files, 2 a bad board file or bad usage.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

# ---- knowledge: the parts, chips and programming methods the table may name ---------------------

# nextpnr device option (without dashes) -> the packages nextpnr knows for it.
ICE40_PACKAGES = {
    "up5k": {"sg48", "uwg30"},
    "hx1k": {"tq144", "vq100", "cb132"},
    "hx8k": {"ct256", "cb132", "tq144", "bg121", "cm225"},
    "lp8k": {"cm81", "cm121", "cm225"},
}
ICE40_NUMBERED_PACKAGES = {"sg48", "tq144", "vq100"}  # pins are numbers, not BGA balls
ECP5_PACKAGES = {"CABGA256", "CABGA381", "CABGA554", "CABGA756", "CSFBGA285"}
# The JTAG IDCODE of each ECP5 part (Lattice ECP5 family data sheet; openFPGALoader src/part.hpp).
ECP5_IDCODE = {
    "12k": 0x21111043, "25k": 0x41111043, "45k": 0x41112043, "85k": 0x41113043,
    "um-25k": 0x01111043, "um-45k": 0x01112043, "um-85k": 0x01113043,
    "um5g-25k": 0x81111043, "um5g-45k": 0x81112043, "um5g-85k": 0x81113043,
}
# The LFE5U-12F is the 25F's die with its own IDCODE: a 12F bitstream is a 25k build re-stamped.
ECP5_RESTAMPS = {("25k", ECP5_IDCODE["12k"])}
ECP5_IO_TYPES = {"LVCMOS33", "LVCMOS25", "LVCMOS18", "LVCMOS15", "LVCMOS12",
                 "LVCMOS33D", "LVCMOS25D", "LVDS", "SSTL135_I", "SSTL15_I", "HSUL12"}
# Extra per-pin attributes: iCE40 -> `set_io` flags, ECP5 -> IOBUF attributes (allowed values).
ICE40_PIN_ATTRS: dict[str, Any] = {"pullup": bool,
                                   "pullup_resistor": {"3P3K", "6P8K", "10K", "100K"}}
ECP5_PIN_ATTRS: dict[str, Any] = {"pullmode": {"UP", "DOWN", "NONE", "KEEPER"},
                                  "drive": {4, 8, 12, 16}, "slewrate": {"FAST", "SLOW"},
                                  "opendrain": {"ON", "OFF"}, "clamp": {"ON", "OFF"},
                                  "hysteresis": {"ON", "OFF"}}
REQUIRED_PINS = ("clk_osc", "uart_rx", "uart_tx")

# FTDI chips: their interfaces and whether they have the MPSSE engine (else: bit-bang only).
FTDI_CHIPS = {
    "FT2232H": {"interfaces": "AB", "mpsse": True},
    "FT232H": {"interfaces": "A", "mpsse": True},
    "FT231X": {"interfaces": "A", "mpsse": False},
}
# Programming method -> the family it is for and the FTDI pins it moves. MPSSE drives its serial
# engine on fixed pins (ADBUS0 clock, 1 data out, 2 data in, 3 = JTAG TMS), so those are checked.
METHODS = {
    "ice40-spi": {"family": "ice40", "pins": ("sck", "mosi", "miso", "cs", "cdone", "creset"),
                  "mpsse_fixed": {"sck": 0, "mosi": 1, "miso": 2}},
    "ecp5-jtag": {"family": "ecp5", "pins": ("tck", "tdi", "tdo", "tms"),
                  "mpsse_fixed": {"tck": 0, "tdi": 1, "tdo": 2, "tms": 3}},
    "none": {"family": None, "pins": (), "mpsse_fixed": {}},
}

# ---- the schema: key -> (type, required) --------------------------------------------------------

NUMBER = "number"  # int or float, never bool
FIELDS: dict[str, tuple[Any, bool]] = {
    "name": (str, True), "description": (str, True), "family": (str, True),
    "device": (str, True), "package": (str, True), "speed": (int, False),
    "osc_mhz": (NUMBER, True), "target_mhz": (NUMBER, True), "ram_kib": (int, True),
    "idcode": (int, False), "led_active_low": (bool, False), "sources": (list, True),
    "soc": (dict, False), "variants": (dict, False), "pins": (dict, True),
    "usb": (dict, False), "program": (dict, True), "cores": (list, False),
}
# The cores a board builds (`cores` in board.toml; hw/rtl/soc_<core>.f): make fpga-check synthesizes
# every board with each of its cores. A board lists a core once the part can hold it.
CORES = ("pipe", "ooo")
VARIANT_FIELDS = ("description", "device", "package", "speed", "idcode", "ram_kib", "target_mhz")
USB_FIELDS = {"chip": (str, True), "vid": (int, True), "pid": (int, True),
              "uart_interface": (str, True), "baud": (int, True)}
PROGRAM_FIELDS = {"method": (str, True), "interface": (str, False), "mode": (str, False),
                  "sram": (bool, False), "pins": (dict, False)}


class BoardError(Exception):
    """A board that does not exist or a board file that breaks the schema (one line)."""


@dataclasses.dataclass(frozen=True)
class Pin:
    site: str
    io: str | None                 # ECP5 IO_TYPE; None on iCE40
    attrs: dict[str, Any]          # extra set_io flags / IOBUF attributes, as written


@dataclasses.dataclass(frozen=True)
class Board:
    name: str
    description: str
    family: str
    device: str
    package: str
    speed: int | None              # ECP5 speed grade (nextpnr --speed); None on iCE40
    osc_mhz: float
    target_mhz: float
    ram_kib: int
    idcode: int | None             # ECP5 JTAG IDCODE of this variant's part
    led_active_low: bool
    sources: tuple[str, ...]
    soc: dict[str, Any]            # soc_top parameter overrides
    pins: dict[str, Pin]           # port of <board>_top -> pin, in board.toml order
    usb: dict[str, Any] | None     # the board's USB chip, None when it has none
    program: dict[str, Any]
    variant: str | None            # the variant loaded, None for a board without variants
    variants: tuple[str, ...]
    cores: tuple[str, ...]         # the cores this board builds, "pipe" when not listed
    root: Path

    @property
    def top(self) -> str:
        return self.name.replace("-", "_") + "_top"

    @property
    def top_sv(self) -> Path:
        return self.root / "boards" / self.name / "top.sv"

    @property
    def constraints(self) -> Path:
        suffix = ".pcf" if self.family == "ice40" else ".lpf"
        return self.root / "constraints" / (self.name + suffix)

    @property
    def ecppack_idcode(self) -> int | None:
        if self.family != "ecp5" or self.idcode == ECP5_IDCODE[self.device]:
            return None
        return self.idcode


# ---- loading and checking ------------------------------------------------------------------------

def _check_type(value: Any, kind: Any, where: str) -> None:
    if kind == NUMBER:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        name = "a number"
    elif kind is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
        name = "an integer"
    else:
        ok = isinstance(value, kind)
        name = {str: "a string", bool: "true or false", list: "a list", dict: "a table"}[kind]
    if not ok:
        raise BoardError(f"{where} must be {name}, not {value!r}")


def _check_table(table: dict, fields: dict[str, tuple[Any, bool]], where: str) -> None:
    for key, value in table.items():
        if key not in fields:
            raise BoardError(f"{where}: unknown key '{key}' (known: {', '.join(fields)})")
        _check_type(value, fields[key][0], f"{where}: {key}")
    for key, (_, required) in fields.items():
        if required and key not in table:
            raise BoardError(f"{where}: missing key '{key}'")


def _one_of(value: Any, allowed, where: str) -> None:
    if value not in allowed:
        known = ", ".join(map(str, sorted(allowed)))
        raise BoardError(f"{where} is {value!r}, expected one of {known}")


def names(root: Path = ROOT) -> list[str]:
    return sorted(p.parent.name for p in (root / "boards").glob("*/board.toml"))


def load(name: str, variant: str | None = None, *, root: Path = ROOT) -> Board:
    path = root / "boards" / name / "board.toml"
    if not path.is_file():
        raise BoardError(f"unknown board '{name}' (known: {', '.join(names(root))})")
    where = str(path.relative_to(root))
    try:
        data = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as e:
        raise BoardError(f"{where}: {e}") from None
    _check_table(data, FIELDS, where)
    if data["name"] != name:
        raise BoardError(f"{where}: name is '{data['name']}' but the folder is '{name}'")

    variants = dict(data.get("variants", {}))
    chosen = None
    if variants:
        if "default" not in variants:
            raise BoardError(f"{where}: variants: missing key 'default' (the variant built "
                             "when none is named)")
        default = variants.pop("default")
        _check_type(default, str, f"{where}: variants.default")
        for key, fields in variants.items():
            if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", key):
                raise BoardError(f"{where}: variant name '{key}' is not made of a-z, 0-9, - and _")
            _check_type(fields, dict, f"{where}: variants.{key}")
            _check_table(fields, {k: (FIELDS[k][0], False) for k in VARIANT_FIELDS},
                         f"{where}: variants.{key}")
            if data["family"] == "ecp5" and "idcode" not in fields:
                raise BoardError(f"{where}: variants.{key}: missing key 'idcode' (each ECP5 "
                                 "variant names its part's IDCODE)")
        _one_of(default, variants, f"{where}: variants.default")
        chosen = default if variant is None else variant
        if chosen not in variants:
            raise BoardError(f"board '{name}' has no variant '{chosen}' "
                             f"(known: {', '.join(variants)})")
        data = {**data, **variants[chosen]}
    elif variant is not None:
        raise BoardError(f"board '{name}' has no variants (asked for '{variant}')")

    return _build(data, chosen, tuple(variants), where, root)


def _build(data: dict, variant: str | None, variants: tuple[str, ...], where: str,
           root: Path) -> Board:
    if variant is not None:
        where = f"{where} (variant {variant})"
    family, device, package = data["family"], data["device"], data["package"]
    _one_of(family, ("ice40", "ecp5"), f"{where}: family")
    if family == "ice40":
        _one_of(device, ICE40_PACKAGES, f"{where}: device")
        _one_of(package, ICE40_PACKAGES[device], f"{where}: package")
        for key in ("speed", "idcode"):
            if key in data:
                raise BoardError(f"{where}: '{key}' is for ECP5 boards only")
    else:
        _one_of(device, ECP5_IDCODE, f"{where}: device")
        _one_of(package, ECP5_PACKAGES, f"{where}: package")
        speed = data.setdefault("speed", 6)
        _one_of(speed, (8,) if device.startswith("um5g") else (6, 7, 8), f"{where}: speed")
        if "idcode" not in data:
            raise BoardError(f"{where}: missing key 'idcode' (every ECP5 board has one)")
        if (data["idcode"] != ECP5_IDCODE[device]
                and (device, data["idcode"]) not in ECP5_RESTAMPS):
            raise BoardError(f"{where}: idcode 0x{data['idcode']:08x} is not the {device} part's "
                             f"(0x{ECP5_IDCODE[device]:08x})")
    for key in ("osc_mhz", "target_mhz", "ram_kib"):
        if data[key] <= 0:
            raise BoardError(f"{where}: {key} must be positive")
    for i, s in enumerate(data["sources"]):
        _check_type(s, str, f"{where}: sources[{i}]")
    soc = data.get("soc", {})
    for key in soc:
        if not re.fullmatch(r"[A-Z][A-Za-z0-9]*", key):
            raise BoardError(f"{where}: soc.{key} is not an UpperCamelCase soc_top parameter")
        if not isinstance(soc[key], (int, str)):
            raise BoardError(f"{where}: soc.{key} must be an integer, boolean or string")

    pins = _pins(data["pins"], family, package, where)
    usb = data.get("usb")
    if usb is not None:
        _check_table(usb, USB_FIELDS, f"{where}: usb")
        _ftdi(usb, f"{where}: usb")
        _one_of(usb["uart_interface"], FTDI_CHIPS[usb["chip"]]["interfaces"],
                f"{where}: usb.uart_interface")
    program = data["program"]
    _program(program, family, usb, where)
    cores = tuple(data.get("cores", ["pipe"]))
    for i, core in enumerate(cores):
        _one_of(core, CORES, f"{where}: cores[{i}]")

    return Board(
        name=data["name"], description=data["description"], family=family, device=device,
        package=package, speed=data.get("speed"), osc_mhz=float(data["osc_mhz"]),
        target_mhz=float(data["target_mhz"]), ram_kib=data["ram_kib"], idcode=data.get("idcode"),
        led_active_low=data.get("led_active_low", False), sources=tuple(data["sources"]),
        soc=dict(soc), pins=pins, usb=usb, program=program, variant=variant, variants=variants,
        cores=cores, root=root)


def _pins(table: dict, family: str, package: str, where: str) -> dict[str, Pin]:
    attrs_known = ICE40_PIN_ATTRS if family == "ice40" else ECP5_PIN_ATTRS
    numbered = family == "ice40" and package in ICE40_NUMBERED_PACKAGES
    pins: dict[str, Pin] = {}
    sites: dict[str, str] = {}
    for name, spec in table.items():
        at = f"{where}: pins.\"{name}\""
        if not re.fullmatch(r"[a-z][a-z0-9_]*(\[\d+\])?", name):
            raise BoardError(f"{at}: a port name is lower_case, a vector bit name[i]")
        _check_type(spec, dict, at)
        site = spec.get("site")
        _check_type(site, str, f"{at}.site")
        if not re.fullmatch(r"\d+" if numbered else r"[A-Z]{1,2}\d{1,2}", site):
            raise BoardError(f"{at}.site '{site}' is not a {'pin number' if numbered else 'ball'} "
                             f"of {package}")
        if site in sites:
            raise BoardError(f"{at}.site {site} is also pin \"{sites[site]}\"")
        sites[site] = name
        io = spec.get("io")
        if family == "ice40" and io is not None:
            raise BoardError(f"{at}: iCE40 pins have no 'io' (IO_TYPE is an ECP5 attribute)")
        if family == "ecp5":
            _one_of(io, ECP5_IO_TYPES, f"{at}.io")
        attrs = {k: v for k, v in spec.items() if k not in ("site", "io")}
        for key, value in attrs.items():
            if key not in attrs_known:
                raise BoardError(f"{at}: unknown attribute '{key}' for {family} "
                                 f"(known: {', '.join(attrs_known)})")
            allowed = attrs_known[key]
            if allowed is bool:
                _check_type(value, bool, f"{at}.{key}")
            else:
                _one_of(value, allowed, f"{at}.{key}")
        pins[name] = Pin(site=site, io=io, attrs=attrs)
    for name in REQUIRED_PINS:
        if name not in pins:
            raise BoardError(f"{where}: pins: missing pin '{name}'")
    return pins


def _ftdi(table: dict, where: str) -> None:
    _one_of(table["chip"], FTDI_CHIPS, f"{where}.chip")
    for key in ("vid", "pid"):
        if not 0 < table[key] <= 0xFFFF:
            raise BoardError(f"{where}.{key} 0x{table[key]:x} is not a 16-bit USB id")


def _program(program: dict, family: str, usb: dict | None, where: str) -> None:
    where = f"{where}: program"
    _check_table(program, PROGRAM_FIELDS, where)
    method = program["method"]
    _one_of(method, METHODS, f"{where}.method")
    spec = METHODS[method]
    if method == "none":
        return
    if spec["family"] != family:
        raise BoardError(f"{where}.method {method} is for {spec['family']} boards, not {family}")
    for key in ("interface", "mode", "sram", "pins"):
        if key not in program:
            raise BoardError(f"{where}: missing key '{key}'")
    # A board without a USB chip is programmed through an external cable that corectl is told
    # about (--cable); its [program] then describes the cable's side: interface, mode, pins.
    chip = FTDI_CHIPS[usb["chip"]] if usb is not None else {"interfaces": "ABCD", "mpsse": True}
    _one_of(program["interface"], chip["interfaces"], f"{where}.interface")
    if usb is not None and len(chip["interfaces"]) > 1 \
            and program["interface"] == usb["uart_interface"]:
        raise BoardError(f"{where}.interface {program['interface']} is also the UART's interface")
    _one_of(program["mode"], ("mpsse", "bitbang"), f"{where}.mode")
    if program["mode"] == "mpsse" and not chip["mpsse"]:
        raise BoardError(f"{where}.mode: the {usb['chip']} has no MPSSE engine, use bitbang")
    pins = program["pins"]
    if set(pins) != set(spec["pins"]):
        raise BoardError(f"{where}.pins must be exactly {', '.join(spec['pins'])} "
                         f"for {method}, not {', '.join(pins)}")
    for key, value in pins.items():
        _check_type(value, int, f"{where}.pins.{key}")
        # MPSSE reaches the low and high byte (ADBUS, ACBUS); bit-bang one byte.
        _one_of(value, range(16 if program["mode"] == "mpsse" else 8), f"{where}.pins.{key}")
    if len(set(pins.values())) != len(pins):
        raise BoardError(f"{where}.pins: two signals on one FTDI pin")
    if program["mode"] == "mpsse":
        for key, bit in spec["mpsse_fixed"].items():
            if pins[key] != bit:
                raise BoardError(f"{where}.pins.{key} is {pins[key]}, but MPSSE puts it on "
                                 f"pin {bit}")


# ---- constraint files ----------------------------------------------------------------------------

def constraints_text(board: Board) -> str:
    rel = f"boards/{board.name}/board.toml"
    lines = [f"# Generated by scripts/fpga/boards.py from [pins] of {rel}: do not edit.",
             f"# {board.description}"]
    if board.family == "ice40":
        for name, pin in board.pins.items():
            flags = "".join(f" -{k} {('yes' if v else 'no') if isinstance(v, bool) else v}"
                            for k, v in pin.attrs.items())
            lines.append(f"set_io{flags} {name} {pin.site}")
        lines.append(f"set_frequency clk_osc {board.osc_mhz:g}")
    else:
        for name, pin in board.pins.items():
            attrs = "".join(f" {k.upper()}={v}" for k, v in pin.attrs.items())
            lines.append(f'LOCATE COMP "{name}" SITE "{pin.site}";')
            lines.append(f'IOBUF PORT "{name}" IO_TYPE={pin.io}{attrs};')
        lines.append(f'FREQUENCY PORT "clk_osc" {board.osc_mhz:g} MHZ;')
    return "\n".join(lines) + "\n"


def stale_constraints(board_names: list[str], root: Path = ROOT) -> list[str]:
    """The constraint files that differ from what `constraints` writes (relative paths), plus
    files in constraints/ that belong to no board when every board is checked."""
    stale = []
    for name in board_names:
        board = load(name, root=root)
        path = board.constraints
        if not path.is_file() or path.read_text() != constraints_text(board):
            stale.append(str(path.relative_to(root)))
    if set(board_names) == set(names(root)):
        for path in sorted((root / "constraints").glob("*.[pl][cp]f")):
            if path.stem not in board_names:
                stale.append(f"{path.relative_to(root)} (no board '{path.stem}')")
    return stale


def _as_json(board: Board) -> str:
    d = dataclasses.asdict(board)
    d["root"] = str(board.root)
    d.update(top=board.top, top_sv=str(board.top_sv), constraints=str(board.constraints),
             ecppack_idcode=board.ecppack_idcode)
    return json.dumps(d, indent=2)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="boards.py", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("list", help="the boards and their variants")
    show = sub.add_parser("show", help="a loaded board as JSON")
    show.add_argument("board")
    show.add_argument("variant", nargs="?")
    for cmd, text in (("constraints", "write constraints/<board>.pcf|.lpf"),
                      ("check", "fail when a constraint file is not fresh")):
        sub.add_parser(cmd, help=text).add_argument("boards", nargs="*", metavar="BOARD")
    args = parser.parse_args(argv)
    try:
        if args.cmd == "list":
            for name in names():
                board = load(name)
                extra = f"  variants: {', '.join(board.variants)}" if board.variants else ""
                print(f"{name:16} {board.description}{extra}")
        elif args.cmd == "show":
            print(_as_json(load(args.board, args.variant)))
        elif args.cmd == "constraints":
            for name in args.boards or names():
                board = load(name)
                board.constraints.parent.mkdir(exist_ok=True)
                board.constraints.write_text(constraints_text(board))
                print(board.constraints.relative_to(ROOT))
        else:
            stale = stale_constraints(args.boards or names())
            if stale:
                print("out of date (run scripts/fpga/boards.py constraints): " + ", ".join(stale))
                return 1
    except BoardError as e:
        print(f"boards.py: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
