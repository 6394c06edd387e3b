// SPI NOR flash programming over any SPI bus (FTDI MPSSE on iCE40 boards, the ECP5's JTAG-to-SPI
// pass-through on ECP5 boards): the table of known parts, the erase plan, and the safe write:
// identify the part, check the image fits, erase only the sectors the image covers, program page by
// page, read back and compare.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "corelab/host/session.hpp"  // Progress

namespace corelab::host {

// One chip-select-framed transaction: `out` is clocked out, then `in.size()` bytes are clocked in.
class SpiBus {
 public:
  virtual ~SpiBus() = default;
  virtual void transfer(std::span<const uint8_t> out, std::span<uint8_t> in) = 0;
};

struct SpiNorPart {
  uint32_t jedec_id;  // manufacturer, memory type, capacity (command 0x9F)
  std::string_view name;
  uint32_t size;      // bytes
};
std::span<const SpiNorPart> spi_nor_table();
const SpiNorPart* find_spi_nor(uint32_t jedec_id);

struct EraseStep {
  uint32_t addr;
  uint32_t size;    // 4 KiB sector or 64 KiB block
  uint8_t opcode;   // 0x20 or 0xD8
};
// The erases that cover [offset, offset + length) rounded out to 4 KiB sectors: 64 KiB blocks where
// a whole aligned block lies inside, 4 KiB sectors at the edges. Nothing outside is touched.
std::vector<EraseStep> plan_erase(uint32_t offset, uint32_t length);

class SpiNor {
 public:
  explicit SpiNor(SpiBus& bus) : bus_(bus) {}
  void release_power_down();  // 0xAB: a design may have put the flash to sleep
  uint32_t jedec_id();
  uint8_t status();
  void wait_ready(std::string_view what);  // polls BUSY; throws HostError(Timeout)
  void erase(const EraseStep& step);
  void program_page(uint32_t addr, std::span<const uint8_t> data);  // within one 256-byte page
  void read(uint32_t addr, std::span<uint8_t> out);

 private:
  void write_enable();
  SpiBus& bus_;
};

struct FlashWriteOptions {
  bool force = false;  // accept a JEDEC ID the table does not know
  ProgressFn progress;
};

struct FlashWriteResult {
  std::string part;  // "Winbond W25Q128JV (16 MiB)" or "unknown part ef4019 (32 MiB, --force)"
  uint32_t bytes = 0;
  uint32_t erased = 0;
};

// Throws HostError: UnknownFlash (not in the table, without force), ImageTooLarge (before anything is
// erased), VerifyMismatch (with the first differing address), Timeout.
FlashWriteResult write_flash_image(SpiNor& flash, std::span<const uint8_t> image, const FlashWriteOptions& options);

}  // namespace corelab::host
