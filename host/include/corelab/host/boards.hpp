// What corectl knows about a board: how to reach its UART (baud rate, FTDI interface, USB ids) and
// how to program its FPGA (family, method, the FTDI interface and mode, the pin map). The board
// rows are generated at build time from boards/*/board.toml (scripts/gen_board_table.py); the
// generic programming cables for boards without a USB chip of their own are a table here too.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace corelab::host {

enum class FpgaFamily : uint8_t { None, Ice40, Ecp5 };
enum class ProgramMethod : uint8_t { None, Ice40Spi, Ecp5Jtag };
enum class FtdiMode : uint8_t { Mpsse, SyncBitbang };

// FTDI pin numbers: ADBUS0..7 = 0..7, ACBUS0..7 = 8..15; for an FT-X chip in bit-bang mode the
// data bits D0..D7 (TXD, RXD, RTS#, CTS#, DTR#, DSR#, DCD#, RI#). -1: not connected.
struct PinMap {
  int8_t sck = -1, mosi = -1, miso = -1, cs = -1, cdone = -1, creset = -1;  // ice40-spi
  int8_t tck = -1, tdi = -1, tdo = -1, tms = -1;                            // ecp5-jtag
};

// The USB side of programming: which chip, which interface, which mode, which pins.
struct ProgramLink {
  uint16_t vid = 0;
  uint16_t pid = 0;
  char interface = 'A';
  FtdiMode mode = FtdiMode::Mpsse;
  PinMap pins;
};

struct BoardInfo {
  std::string_view name;
  std::string_view description;
  uint32_t baud = 115200;    // the default for --baud
  char ftdi_interface = 'A';  // the UART's interface, the default for --ftdi
  uint16_t usb_vid = 0;      // the USB-UART's ids, used to pick the board's port when none is given;
  uint16_t usb_pid = 0;      //   0 = any (or the board has no USB chip)
  FpgaFamily family = FpgaFamily::None;
  ProgramMethod method = ProgramMethod::None;
  bool sram = false;         // `flash --sram` is possible
  bool has_program_link = false;  // the board's own USB chip programs it (else: --cable)
  ProgramLink program{};     // valid when has_program_link
  uint32_t ecp5_idcode = 0;  // the part of the default variant (ECP5), 0 = not known
};

std::span<const BoardInfo> board_table();
const BoardInfo* find_board(std::string_view name);
const BoardInfo& default_board();  // "generic"

// A programming cable for boards without their own USB chip (`corectl --cable NAME`).
struct CableInfo {
  std::string_view name;
  std::string_view description;
  ProgramLink link;
};
std::span<const CableInfo> cable_table();
const CableInfo* find_cable(std::string_view name);

std::string_view family_name(FpgaFamily f);
std::string_view method_name(ProgramMethod m);

}  // namespace corelab::host
