// What corectl needs to know about a board to reach it: its default baud rate and, for boards
// with an FTDI chip, which interface carries the UART. The boards milestone adds rows here along
// with boards/<board>/.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace corelab::host {

struct BoardInfo {
  std::string_view name;
  std::string_view description;
  uint32_t baud;         // the default for --baud
  char ftdi_interface;   // the default interface for --ftdi
  uint16_t usb_vid;      // the USB-UART's ids, used to pick the board's port when none is given;
  uint16_t usb_pid;      //   0 = any
};

std::span<const BoardInfo> board_table();
const BoardInfo* find_board(std::string_view name);
const BoardInfo& default_board();  // "generic"

}  // namespace corelab::host
