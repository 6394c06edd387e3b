// Bitstream families and the dispatch to the iCE40 and ECP5 programmers.
#include "corelab/host/fpga_programmer.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>

#include "corelab/host/error.hpp"

namespace corelab::host {
namespace {

constexpr std::array<uint8_t, 4> kIce40Sync{0x7E, 0xAA, 0x99, 0x7E};    // IceStorm, "Bitstream File Format"
constexpr std::array<uint8_t, 4> kEcp5Preamble{0xFF, 0xFF, 0xBD, 0xB3};  // prjtrellis, "Bitstream format"
constexpr size_t kHeaderWindow = 4096;

std::string_view family_text(FpgaFamily f) {
  return f == FpgaFamily::Ice40 ? "an iCE40 bitstream (.bin)" : f == FpgaFamily::Ecp5 ? "an ECP5 bitstream (.bit)" : "";
}

}  // namespace

FpgaFamily bitstream_family(std::span<const uint8_t> image) {
  const auto head = image.first(std::min(image.size(), kHeaderWindow));
  const auto ice40 = std::search(head.begin(), head.end(), kIce40Sync.begin(), kIce40Sync.end());
  const auto ecp5 = std::search(head.begin(), head.end(), kEcp5Preamble.begin(), kEcp5Preamble.end());
  if (ice40 == head.end() && ecp5 == head.end()) return FpgaFamily::None;
  return ice40 < ecp5 ? FpgaFamily::Ice40 : FpgaFamily::Ecp5;
}

void check_bitstream_family(std::span<const uint8_t> image, FpgaFamily family, std::string_view what,
                            std::string_view board) {
  const FpgaFamily found = bitstream_family(image);
  if (found == FpgaFamily::None)
    throw HostError(ErrorKind::BadBitstream,
                    fmt::format("{}: not an FPGA bitstream (neither the iCE40 sync word 7EAA997E nor the ECP5 preamble "
                                "FFFFBDB3 in its first 4 KiB)", what));
  if (found != family)
    throw HostError(ErrorKind::BadBitstream,
                    fmt::format("{}: {}, but board {} has an {}: build the bitstream for this board "
                                "(make bitstream BOARD={})", what, family_text(found), board,
                                family == FpgaFamily::Ice40 ? "iCE40" : "ECP5", board));
}

std::vector<std::string> program_fpga(FtdiPort& port, const BoardInfo& board, const ProgramLink& link,
                                      std::span<const uint8_t> image, const FpgaProgramOptions& options) {
  if (options.sram && !board.sram)
    throw HostError(ErrorKind::Usage, fmt::format("board {} cannot be configured in SRAM by corectl (board.toml: "
                                                  "sram = false); flash it instead", board.name));
  check_bitstream_family(image, board.family, "the image", board.name);
  switch (board.method) {
    case ProgramMethod::Ice40Spi: return program_ice40(port, board, link, image, options);
    case ProgramMethod::Ecp5Jtag: return program_ecp5(port, board, link, image, options);
    default: break;
  }
  throw HostError(ErrorKind::Usage, fmt::format("board {} has no programming method corectl knows "
                                                "(board.toml [program] method)", board.name));
}

std::vector<std::string> detect_fpga(FtdiPort& port, const BoardInfo& board, const ProgramLink& link) {
  switch (board.method) {
    case ProgramMethod::Ice40Spi: return detect_ice40(port, link);
    case ProgramMethod::Ecp5Jtag: return detect_ecp5(port, board, link);
    default: break;
  }
  throw HostError(ErrorKind::Usage, fmt::format("board {} has no programming method corectl knows "
                                                "(board.toml [program] method)", board.name));
}

}  // namespace corelab::host
