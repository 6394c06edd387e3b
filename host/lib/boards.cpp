// The board table.
#include "corelab/host/boards.hpp"

#include <array>

namespace corelab::host {
namespace {

constexpr std::array kBoards{
    BoardInfo{"generic", "any USB-UART or CDC-ACM port", 115200, 'A', 0, 0},
    // FT2232H: interface A drives the SPI flash, interface B is the FPGA's UART.
    BoardInfo{"icebreaker", "iCEBreaker (iCE40UP5K, FT2232H)", 115200, 'B', 0x0403, 0x6010},
    BoardInfo{"ulx3s", "ULX3S (ECP5, FT231X)", 115200, 'A', 0x0403, 0x6015},
};

}  // namespace

std::span<const BoardInfo> board_table() { return kBoards; }

const BoardInfo* find_board(std::string_view name) {
  for (const auto& b : kBoards)
    if (b.name == name) return &b;
  return nullptr;
}

const BoardInfo& default_board() { return kBoards[0]; }

}  // namespace corelab::host
