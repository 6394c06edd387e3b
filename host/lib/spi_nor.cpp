// SPI NOR programming. The command set is the common one of the parts in the table (each part's
// datasheet, "Instructions"): 0x9F JEDEC ID, 0x05 status (bit 0 BUSY), 0x06 write enable, 0x02 page
// program (256-byte pages), 0x20 4 KiB sector erase, 0xD8 64 KiB block erase, 0x03 read, 0xAB release
// from deep power-down.
#include "corelab/host/spi_nor.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <fmt/format.h>

#include "corelab/host/error.hpp"

namespace corelab::host {
namespace {

constexpr uint32_t kMiB = 1u << 20;
constexpr std::array kParts{
    SpiNorPart{0xEF4015, "Winbond W25Q16JV", 2 * kMiB},   SpiNorPart{0xEF4016, "Winbond W25Q32JV", 4 * kMiB},
    SpiNorPart{0xEF4017, "Winbond W25Q64JV", 8 * kMiB},   SpiNorPart{0xEF4018, "Winbond W25Q128JV", 16 * kMiB},
    SpiNorPart{0xEF7018, "Winbond W25Q128JV-M", 16 * kMiB}, SpiNorPart{0x20BA16, "Micron N25Q032A", 4 * kMiB},
    SpiNorPart{0x20BA18, "Micron N25Q128A", 16 * kMiB},   SpiNorPart{0xC22016, "Macronix MX25L3233F", 4 * kMiB},
    SpiNorPart{0xC22018, "Macronix MX25L12833F", 16 * kMiB}, SpiNorPart{0x9D6016, "ISSI IS25LP032", 4 * kMiB},
    SpiNorPart{0x9D6018, "ISSI IS25LP128", 16 * kMiB},    SpiNorPart{0xC84015, "GigaDevice GD25Q16", 2 * kMiB},
    SpiNorPart{0xC84016, "GigaDevice GD25Q32", 4 * kMiB}, SpiNorPart{0xC84017, "GigaDevice GD25Q64", 8 * kMiB},
    SpiNorPart{0xC84018, "GigaDevice GD25Q128", 16 * kMiB}, SpiNorPart{0x012018, "Cypress S25FL128S", 16 * kMiB},
};

constexpr uint32_t kSector = 4096, kBlock = 65536, kPage = 256;
constexpr uint32_t kMaxAddressable = 16 * kMiB;  // 3-byte addresses
constexpr size_t kReadChunk = 4096;

std::array<uint8_t, 4> command_with_address(uint8_t opcode, uint32_t addr) {
  return {opcode, static_cast<uint8_t>(addr >> 16), static_cast<uint8_t>(addr >> 8), static_cast<uint8_t>(addr)};
}

std::string size_text(uint32_t bytes) {
  return bytes >= kMiB ? fmt::format("{} MiB", bytes / kMiB) : fmt::format("{} KiB", bytes / 1024);
}

// Reports progress through a phase at a rate measured from its start.
class PhaseProgress {
 public:
  PhaseProgress(const ProgressFn& fn, std::string_view phase, uint64_t total)
      : fn_(fn), phase_(phase), total_(total), start_(std::chrono::steady_clock::now()) {
    report(0);
  }
  void report(uint64_t done) const {
    if (!fn_) return;
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    fn_(Progress{phase_, done, total_, s > 0 ? static_cast<double>(done) / s : 0});
  }

 private:
  const ProgressFn& fn_;
  std::string_view phase_;
  uint64_t total_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace

std::span<const SpiNorPart> spi_nor_table() { return kParts; }

const SpiNorPart* find_spi_nor(uint32_t jedec_id) {
  for (const auto& p : kParts)
    if (p.jedec_id == jedec_id) return &p;
  return nullptr;
}

std::vector<EraseStep> plan_erase(uint32_t offset, uint32_t length) {
  std::vector<EraseStep> steps;
  if (length == 0) return steps;
  uint32_t addr = offset - offset % kSector;
  const uint64_t end = (uint64_t{offset} + length + kSector - 1) / kSector * kSector;
  while (addr < end) {
    if (addr % kBlock == 0 && addr + uint64_t{kBlock} <= end) {
      steps.push_back({addr, kBlock, 0xD8});
      addr += kBlock;
    } else {
      steps.push_back({addr, kSector, 0x20});
      addr += kSector;
    }
  }
  return steps;
}

void SpiNor::release_power_down() {
  const std::array<uint8_t, 1> cmd{0xAB};
  bus_.transfer(cmd, {});
}

uint32_t SpiNor::jedec_id() {
  const std::array<uint8_t, 1> cmd{0x9F};
  std::array<uint8_t, 3> id{};
  bus_.transfer(cmd, id);
  return uint32_t{id[0]} << 16 | uint32_t{id[1]} << 8 | id[2];
}

uint8_t SpiNor::status() {
  const std::array<uint8_t, 1> cmd{0x05};
  uint8_t s = 0;
  bus_.transfer(cmd, std::span(&s, 1));
  return s;
}

void SpiNor::wait_ready(std::string_view what) {
  // Block erases take up to a few seconds on these parts; give them ample time.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (status() & 0x01)
    if (std::chrono::steady_clock::now() > deadline)
      throw HostError::timeout("the flash to finish " + std::string(what),
                               fmt::format("the SPI flash stayed busy after {} for 30 s", what), {});
}

void SpiNor::write_enable() {
  const std::array<uint8_t, 1> cmd{0x06};
  bus_.transfer(cmd, {});
}

void SpiNor::erase(const EraseStep& step) {
  write_enable();
  bus_.transfer(command_with_address(step.opcode, step.addr), {});
  wait_ready(fmt::format("erasing 0x{:06x}", step.addr));
}

void SpiNor::program_page(uint32_t addr, std::span<const uint8_t> data) {
  write_enable();
  std::vector<uint8_t> cmd(4);
  const auto head = command_with_address(0x02, addr);
  std::copy(head.begin(), head.end(), cmd.begin());
  cmd.insert(cmd.end(), data.begin(), data.end());
  bus_.transfer(cmd, {});
  wait_ready(fmt::format("programming 0x{:06x}", addr));
}

void SpiNor::read(uint32_t addr, std::span<uint8_t> out) { bus_.transfer(command_with_address(0x03, addr), out); }

FlashWriteResult write_flash_image(SpiNor& flash, std::span<const uint8_t> image, const FlashWriteOptions& o) {
  flash.release_power_down();
  const uint32_t id = flash.jedec_id();
  if (id == 0 || id == 0xFFFFFF)
    throw HostError(ErrorKind::UnknownFlash, fmt::format("no SPI flash answers (JEDEC ID {:06x}): is the FPGA holding "
                                                         "the bus, or the wrong board chosen?", id));
  FlashWriteResult r;
  uint32_t size = 0;
  if (const SpiNorPart* part = find_spi_nor(id)) {
    size = part->size;
    r.part = fmt::format("{} ({})", part->name, size_text(size));
  } else {
    const unsigned capacity = id & 0xFF;  // by JEDEC convention 2^capacity bytes
    if (!o.force)
      throw HostError(ErrorKind::UnknownFlash,
                      fmt::format("unknown SPI flash, JEDEC ID {:06x}: not in corectl's table (host/lib/spi_nor.cpp); "
                                  "--force writes it anyway, taking the size from the ID", id));
    if (capacity < 0x10 || capacity > 0x19)
      throw HostError(ErrorKind::UnknownFlash, fmt::format("unknown SPI flash, JEDEC ID {:06x}: its capacity byte tells "
                                                           "no size, so even --force cannot check the image fits", id));
    size = 1u << capacity;
    r.part = fmt::format("unknown part {:06x} ({}, forced)", id, size_text(size));
  }
  const uint32_t usable = std::min(size, kMaxAddressable);
  if (image.size() > usable)
    throw HostError(ErrorKind::ImageTooLarge, fmt::format("the image ({} bytes) is larger than the flash ({}, {} "
                                                          "bytes): nothing was erased",
                                                          image.size(), r.part, usable));
  const auto len = static_cast<uint32_t>(image.size());

  const std::vector<EraseStep> steps = plan_erase(0, len);
  uint32_t erased = 0;
  for (const auto& s : steps) erased += s.size;
  PhaseProgress erasing(o.progress, "erase", erased);
  uint32_t done = 0;
  for (const auto& s : steps) {
    flash.erase(s);
    erasing.report(done += s.size);
  }

  PhaseProgress writing(o.progress, "write", len);
  for (uint32_t addr = 0; addr < len; addr += kPage) {
    const auto page = image.subspan(addr, std::min(kPage, len - addr));
    if (std::any_of(page.begin(), page.end(), [](uint8_t b) { return b != 0xFF; }))  // erased bytes are 0xFF
      flash.program_page(addr, page);
    writing.report(addr + page.size());
  }

  PhaseProgress verifying(o.progress, "verify", len);
  std::vector<uint8_t> back(kReadChunk);
  for (uint32_t addr = 0; addr < len; addr += kReadChunk) {
    const auto want = image.subspan(addr, std::min<size_t>(kReadChunk, len - addr));
    flash.read(addr, std::span(back).first(want.size()));
    const auto [w, b] = std::mismatch(want.begin(), want.end(), back.begin());
    if (w != want.end())
      throw HostError(ErrorKind::VerifyMismatch,
                      fmt::format("flash verify failed at 0x{:06x}: wrote 0x{:02x}, read back 0x{:02x}",
                                  addr + static_cast<uint32_t>(w - want.begin()), *w, *b));
    verifying.report(addr + want.size());
  }
  r.bytes = len;
  r.erased = erased;
  return r;
}

}  // namespace corelab::host
