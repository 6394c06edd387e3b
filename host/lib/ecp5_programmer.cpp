// ECP5 programming over JTAG (Lattice FPGA-TN-02039, ECP5 and ECP5-5G sysCONFIG Usage Guide): the
// IDCODE names the part; an SRAM load is ISC_ENABLE, ISC_ERASE, LSC_RESET_CRC, LSC_BITSTREAM_BURST
// with the whole file, ISC_DISABLE, then LSC_READ_STATUS must show DONE and no FAIL. The
// configuration flash is reached through the FPGA: after the SRAM is erased (so no design drives
// the flash pins), LSC_PROG_SPI with the key 0x68FE turns every DR scan into one SPI transaction
// (CS# low in Shift-DR, TDI = MOSI, TDO = MISO, MSB first); LSC_REFRESH then boots from the flash.
#include <array>
#include <chrono>
#include <fmt/format.h>
#include <thread>

#include "corelab/host/error.hpp"
#include "corelab/host/fpga_programmer.hpp"
#include "corelab/host/jtag.hpp"
#include "corelab/host/spi_nor.hpp"

namespace corelab::host {
namespace {

constexpr uint8_t kReadId = 0xE0, kReadStatus = 0x3C, kIscEnable = 0xC6, kIscErase = 0x0E, kIscDisable = 0x26,
                  kResetCrc = 0x3B, kBitstreamBurst = 0x7A, kRefresh = 0x79, kProgSpi = 0x3A;
constexpr std::array<uint8_t, 2> kProgSpiKey{0xFE, 0x68};  // 0x68FE, LSB first

constexpr uint32_t kDone = 1u << 8, kIscEnabled = 1u << 9, kBusy = 1u << 12, kFail = 1u << 13, kIdError = 1u << 27;

struct Ecp5Part {
  uint32_t idcode;
  std::string_view name;
};
constexpr std::array kParts{
    Ecp5Part{0x21111043, "LFE5U-12F"},    Ecp5Part{0x41111043, "LFE5U-25F"},    Ecp5Part{0x41112043, "LFE5U-45F"},
    Ecp5Part{0x41113043, "LFE5U-85F"},    Ecp5Part{0x01111043, "LFE5UM-25F"},   Ecp5Part{0x01112043, "LFE5UM-45F"},
    Ecp5Part{0x01113043, "LFE5UM-85F"},   Ecp5Part{0x81111043, "LFE5UM5G-25F"}, Ecp5Part{0x81112043, "LFE5UM5G-45F"},
    Ecp5Part{0x81113043, "LFE5UM5G-85F"},
};

// The bitstream engine's error code, status bits 23..25.
constexpr std::array<std::string_view, 8> kBseErrors{
    "no error", "ID error: the bitstream is for another part", "illegal command", "CRC error",
    "preamble error: no 0xFFFFBDB3 sync", "configuration aborted", "data overflow",
    "the bitstream runs past the end of the SRAM"};

// SPI transactions through the ECP5: one DR scan each, the bytes MSB first.
class JtagSpi : public SpiBus {
 public:
  explicit JtagSpi(Jtag& jtag) : jtag_(jtag) {}
  void transfer(std::span<const uint8_t> out, std::span<uint8_t> in) override {
    std::vector<uint8_t> data(out.begin(), out.end());
    data.resize(out.size() + in.size(), 0);
    const auto back = jtag_.dr(data, data.size() * 8, !in.empty(), BitOrder::MsbFirst);
    std::copy(back.begin() + static_cast<std::ptrdiff_t>(out.size()), back.end(), in.begin());
  }

 private:
  Jtag& jtag_;
};

std::string part_text(uint32_t idcode) {
  const std::string_view name = ecp5_part_name(idcode);
  return name.empty() ? fmt::format("unknown part (IDCODE 0x{:08x})", idcode)
                      : fmt::format("{} (IDCODE 0x{:08x})", name, idcode);
}

uint32_t read_id(Jtag& jtag) {
  jtag.ir(kReadId);
  return jtag.dr32();
}

uint32_t read_status(Jtag& jtag) {
  jtag.ir(kReadStatus);
  return jtag.dr32();
}

void command(Jtag& jtag, uint8_t instruction, std::initializer_list<uint8_t> operand = {}, unsigned idle = 10) {
  jtag.ir(instruction);
  if (operand.size()) jtag.dr(std::vector<uint8_t>(operand), operand.size() * 8);
  jtag.idle(idle);
}

// The ECP5 on the chain, or DeviceNotFound.
uint32_t find_ecp5(Jtag& jtag, const std::string& link) {
  jtag.reset();
  const uint32_t id = read_id(jtag);
  if (ecp5_part_name(id).empty())
    throw HostError(ErrorKind::DeviceNotFound,
                    id == 0 || id == 0xFFFFFFFF
                        ? fmt::format("{}: no JTAG device answers (IDCODE 0x{:08x}): is the board powered and the "
                                      "cable on its JTAG pins?", link, id)
                        : fmt::format("{}: the JTAG device is not an ECP5 corectl knows: {}", link, part_text(id)));
  return id;
}

std::vector<std::string> load_sram(Jtag& jtag, uint32_t id, std::span<const uint8_t> image,
                                   const FpgaProgramOptions& o) {
  command(jtag, kIscEnable, {0x00});
  command(jtag, kIscErase, {0x01});  // the SRAM
  command(jtag, kResetCrc);
  jtag.ir(kBitstreamBurst);
  jtag.dr_stream(image, BitOrder::MsbFirst, [&](size_t done) {
    if (o.progress) o.progress(Progress{"load", done, image.size(), 0});
  });
  jtag.idle(100);
  command(jtag, kIscDisable);
  const uint32_t status = read_status(jtag);
  if (!(status & kDone) || (status & kFail))
    throw HostError(ErrorKind::ConfigFailed, fmt::format("the {} did not configure: status {}",
                                                         ecp5_part_name(id), describe_ecp5_status(status)));
  return {fmt::format("FPGA: {}", part_text(id)),
          fmt::format("loaded {} bytes into the SRAM: status {}; the flash is unchanged", image.size(),
                      describe_ecp5_status(status))};
}

std::vector<std::string> flash(Jtag& jtag, uint32_t id, std::span<const uint8_t> image, const FpgaProgramOptions& o) {
  // Stop the running design (it may use the flash pins), then open the SPI pass-through.
  command(jtag, kIscEnable, {0x00});
  command(jtag, kIscErase, {0x01});
  command(jtag, kIscDisable);
  jtag.ir(kProgSpi);
  jtag.dr(kProgSpiKey, 16);
  JtagSpi spi(jtag);
  SpiNor nor(spi);
  const FlashWriteResult r = write_flash_image(nor, image, {o.force, o.progress});
  command(jtag, kRefresh, {}, 100);  // boot from the flash, as PROGRAMN would
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  uint32_t status = read_status(jtag);
  while (!(status & kDone) && !(status & kFail) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    status = read_status(jtag);
  }
  if (!(status & kDone) || (status & kFail))
    throw HostError(ErrorKind::ConfigFailed,
                    fmt::format("the flash holds the image (written and verified), but the {} did not configure "
                                "from it: status {}", ecp5_part_name(id), describe_ecp5_status(status)));
  return {fmt::format("FPGA: {}", part_text(id)), fmt::format("flash: {}", r.part),
          fmt::format("wrote {} bytes ({} KiB erased), verified; the ECP5 booted from it: status {}", r.bytes,
                      r.erased / 1024, describe_ecp5_status(status))};
}

}  // namespace

std::string_view ecp5_part_name(uint32_t idcode) {
  for (const auto& p : kParts)
    if (p.idcode == idcode) return p.name;
  return {};
}

std::string describe_ecp5_status(uint32_t status) {
  std::string s = fmt::format("0x{:08x}:", status);
  s += status & kDone ? " DONE" : " not DONE";
  if (status & kFail) s += ", FAIL";
  if (status & kBusy) s += ", BUSY";
  if (status & kIscEnabled) s += ", in configuration mode";
  if (status & kIdError) s += ", ID error";
  if (const unsigned bse = (status >> 23) & 7; bse) s += fmt::format(", bitstream engine: {}", kBseErrors[bse]);
  return s;
}

std::vector<std::string> program_ecp5(FtdiPort& port, const BoardInfo&, const ProgramLink& link,
                                      std::span<const uint8_t> image, const FpgaProgramOptions& options) {
  const auto cable = open_jtag_cable(port, link);
  Jtag jtag(*cable);
  const uint32_t id = find_ecp5(jtag, port.name());
  return options.sram ? load_sram(jtag, id, image, options) : flash(jtag, id, image, options);
}

std::vector<std::string> detect_ecp5(FtdiPort& port, const BoardInfo& board, const ProgramLink& link) {
  const auto cable = open_jtag_cable(port, link);
  Jtag jtag(*cable);
  jtag.reset();
  const uint32_t id = read_id(jtag);
  std::vector<std::string> lines{fmt::format("FPGA: {}", part_text(id))};
  if (board.ecp5_idcode && board.ecp5_idcode != id)
    lines.push_back(fmt::format("note: board {} is described with {} (its default variant)", board.name,
                                part_text(board.ecp5_idcode)));
  if (!ecp5_part_name(id).empty()) lines.push_back("status: " + describe_ecp5_status(read_status(jtag)));
  return lines;
}

}  // namespace corelab::host
