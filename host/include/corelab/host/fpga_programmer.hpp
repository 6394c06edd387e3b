// Programming a board's FPGA through an FtdiPort: iCE40 (SPI flash with CRESET_B/CDONE, or SRAM in
// SPI slave mode) and ECP5 (JTAG: detect, SRAM load, configuration flash through the JTAG-to-SPI
// pass-through). What a board needs comes from its BoardInfo and ProgramLink (boards/*/board.toml, or
// a cable); docs/flashing.md describes each method and the facts it rests on.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "corelab/host/boards.hpp"
#include "corelab/host/ftdi_port.hpp"
#include "corelab/host/session.hpp"  // Progress

namespace corelab::host {

// The family a bitstream is for, from its sync word (iCE40 0x7EAA997E, ECP5 preamble 0xFFFFBDB3)
// within its first 4 KiB; None when neither is there.
FpgaFamily bitstream_family(std::span<const uint8_t> image);
// Throws HostError(BadBitstream) unless `image` is a bitstream for `family`; `what` names the file.
void check_bitstream_family(std::span<const uint8_t> image, FpgaFamily family, std::string_view what,
                            std::string_view board);

struct FpgaProgramOptions {
  bool sram = false;   // configure the FPGA directly; the flash stays as it is
  bool force = false;  // write a SPI flash whose JEDEC ID is unknown
  ProgressFn progress;
};

// Flashes (always verifying) or loads `image`; returns lines that say what was done. Throws
// HostError: BadBitstream, ImageTooLarge, UnknownFlash, VerifyMismatch, ConfigFailed, Usage (the
// board has no such method), DeviceNotFound (no FPGA on the JTAG chain), and the port's errors.
std::vector<std::string> program_fpga(FtdiPort& port, const BoardInfo& board, const ProgramLink& link,
                                      std::span<const uint8_t> image, const FpgaProgramOptions& options);

// What is on the board: the ECP5's part and status, or the iCE40 flash's part and CDONE.
std::vector<std::string> detect_fpga(FtdiPort& port, const BoardInfo& board, const ProgramLink& link);

// ECP5 facts: the part for an IDCODE ("" when unknown), the status register in words.
std::string_view ecp5_part_name(uint32_t idcode);
std::string describe_ecp5_status(uint32_t status);

// The two halves of program_fpga and detect_fpga (ice40_programmer.cpp, ecp5_programmer.cpp).
std::vector<std::string> program_ice40(FtdiPort& port, const BoardInfo& board, const ProgramLink& link,
                                       std::span<const uint8_t> image, const FpgaProgramOptions& options);
std::vector<std::string> detect_ice40(FtdiPort& port, const ProgramLink& link);
std::vector<std::string> program_ecp5(FtdiPort& port, const BoardInfo& board, const ProgramLink& link,
                                      std::span<const uint8_t> image, const FpgaProgramOptions& options);
std::vector<std::string> detect_ecp5(FtdiPort& port, const BoardInfo& board, const ProgramLink& link);

}  // namespace corelab::host
