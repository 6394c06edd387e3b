// CRC-32 as the link protocol checks frames with (docs/protocol.md): IEEE 802.3, reflected
// polynomial 0xEDB88320, initial value and final XOR 0xFFFFFFFF. Table-driven, one lookup per byte.
#pragma once

#include <cstdint>
#include <span>

namespace corelab::host {

class Crc32 {
 public:
  void update(std::span<const uint8_t> bytes);
  void update(uint8_t byte);
  uint32_t value() const { return ~state_; }

 private:
  uint32_t state_ = 0xFFFFFFFFu;
};

uint32_t crc32(std::span<const uint8_t> bytes);

}  // namespace corelab::host
