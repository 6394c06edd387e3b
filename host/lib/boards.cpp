// The board table (generated from boards/*/board.toml) and the table of generic programming cables.
#include "corelab/host/boards.hpp"

#include <array>

namespace corelab::host {
namespace {

// board_table.inc: `constexpr std::array kBoards{BoardInfo{...}, ...};`, "generic" first.
#include "board_table.inc"

// MPSSE JTAG on the engine's fixed pins (FTDI AN_108, "Data and Clock Definition"): ADBUS0 TCK,
// ADBUS1 TDI, ADBUS2 TDO, ADBUS3 TMS.
constexpr PinMap kMpsseJtagPins{.tck = 0, .tdi = 1, .tdo = 2, .tms = 3};

constexpr std::array kCables{
    CableInfo{"ft2232h", "FT2232H module, interface A as MPSSE JTAG (ADBUS0-3)",
              {0x0403, 0x6010, 'A', FtdiMode::Mpsse, kMpsseJtagPins}},
    CableInfo{"ft232h", "FT232H module as MPSSE JTAG (ADBUS0-3)", {0x0403, 0x6014, 'A', FtdiMode::Mpsse, kMpsseJtagPins}},
    CableInfo{"ft4232h", "FT4232H module, interface A as MPSSE JTAG (ADBUS0-3)",
              {0x0403, 0x6011, 'A', FtdiMode::Mpsse, kMpsseJtagPins}},
};

template <typename Table>
auto find_by_name(const Table& table, std::string_view name) -> decltype(&table[0]) {
  for (const auto& row : table)
    if (row.name == name) return &row;
  return nullptr;
}

}  // namespace

std::span<const BoardInfo> board_table() { return kBoards; }
const BoardInfo* find_board(std::string_view name) { return find_by_name(kBoards, name); }
const BoardInfo& default_board() { return kBoards[0]; }

std::span<const CableInfo> cable_table() { return kCables; }
const CableInfo* find_cable(std::string_view name) { return find_by_name(kCables, name); }

std::string_view family_name(FpgaFamily f) {
  constexpr std::array kNames{"none", "ice40", "ecp5"};
  return kNames.at(static_cast<size_t>(f));
}

std::string_view method_name(ProgramMethod m) {
  constexpr std::array kNames{"none", "ice40-spi", "ecp5-jtag"};
  return kNames.at(static_cast<size_t>(m));
}

}  // namespace corelab::host
