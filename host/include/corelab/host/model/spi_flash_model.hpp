// A SPI NOR flash driven by its pins (CS#, SCK, MOSI -> MISO, SPI mode 0), with the behaviour a
// programmer depends on: JEDEC ID, status register with BUSY and WEL, write enable rules, page
// program that wraps inside its 256-byte page and can only clear bits, 4/32/64 KiB and chip erase,
// read and fast read, deep power-down. BUSY stays set for a modelled number of status reads after
// an erase or program; a stuck bit can be placed at one address to make verification fail.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace corelab::host::model {

struct StuckBit {
  uint32_t address = 0;
  uint8_t mask = 0x01;
  bool level = true;  // stuck at 1 (cannot be programmed) or at 0 (cannot be erased)
};

struct SpiFlashConfig {
  uint32_t jedec_id = 0xEF4018;  // manufacturer, memory type, capacity: Winbond W25Q128JV
  unsigned busy_polls = 3;       // status reads that still show BUSY after an erase or program
  std::optional<StuckBit> stuck;
};

class SpiFlashModel {
 public:
  SpiFlashModel(std::vector<uint8_t> memory, SpiFlashConfig config);

  // One look at the pins; returns MISO (1 when not driving). Acts on SCK and CS# edges.
  bool step(bool cs_n, bool sck, bool mosi);

  const std::vector<uint8_t>& memory() const { return mem_; }
  std::vector<uint8_t>& memory() { return mem_; }
  bool powered_down() const { return powered_down_; }
  void release_power_down() { powered_down_ = false; }
  uint8_t status() const;

 private:
  void on_select();
  void on_byte(uint8_t byte);
  void on_deselect();
  uint8_t next_output();
  void start_busy();
  void program_page(size_t header);
  void program(uint32_t addr, uint8_t data);
  void erase(uint32_t addr, uint32_t size);
  uint32_t address() const;

  std::vector<uint8_t> mem_;
  SpiFlashConfig config_;
  bool cs_n_ = true, sck_ = false, miso_ = true;
  bool wel_ = false, powered_down_ = false;
  unsigned busy_left_ = 0;
  // The current transaction (CS# low).
  std::vector<uint8_t> frame_;
  uint8_t in_shift_ = 0;
  unsigned in_bits_ = 0;
  bool output_ = false;
  uint8_t out_byte_ = 0;
  unsigned out_bits_ = 0;
  uint32_t read_addr_ = 0;
  unsigned id_index_ = 0;
};

}  // namespace corelab::host::model
