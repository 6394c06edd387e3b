"""A Yosys JSON netlist's top module, as the FPGA diagnostics read it (critpath.py, depth.py,
slack.py, which reads nextpnr's routed netlist in the same format):
its cells, each net bit's shortest name, and the cell and port that drive each bit."""
import json


class Netlist:
    def __init__(self, path: str):
        netlist = json.load(open(path, encoding="utf-8"))
        top = next(m for m in netlist["modules"].values() if m.get("attributes", {}).get("top"))
        self.cells: dict[str, dict] = top["cells"]
        self.nets: dict[str, dict] = top["netnames"]  # name -> bits and attributes
        self.bit_of: dict[str, int] = {}    # "name[i]" -> bit
        self.name_of: dict[int, str] = {}   # bit -> its shortest name
        for name, net in top["netnames"].items():
            for i, bit in enumerate(net["bits"]):
                if isinstance(bit, int):
                    full = name if len(net["bits"]) == 1 else f"{name}[{i}]"
                    self.bit_of[full] = bit
                    if bit not in self.name_of or len(full) < len(self.name_of[bit]):
                        self.name_of[bit] = full
        self.driver: dict[int, tuple[str, str]] = {}  # bit -> (cell name, output port)
        for cname, cell in self.cells.items():
            for port, bits in cell["connections"].items():
                if cell["port_directions"].get(port) == "output":
                    for bit in bits:
                        if isinstance(bit, int):
                            self.driver[bit] = (cname, port)

    def inputs(self, cell: dict) -> list[tuple[str, int]]:
        """A cell's (input port, bit) pairs (constant bits left out)."""
        return [(port, b) for port, bits in cell["connections"].items()
                if cell["port_directions"].get(port) == "input" for b in bits if isinstance(b, int)]
