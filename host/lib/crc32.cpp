// CRC-32 with a 256-entry table built at compile time.
#include "corelab/host/crc32.hpp"

#include <array>

namespace corelab::host {
namespace {

constexpr uint32_t kPolynomial = 0xEDB88320u;  // 0x04C11DB7 bit-reversed: the CRC shifts right

constexpr std::array<uint32_t, 256> make_table() {
  std::array<uint32_t, 256> t{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1u) ? (c >> 1) ^ kPolynomial : c >> 1;
    t[i] = c;
  }
  return t;
}

constexpr std::array<uint32_t, 256> kTable = make_table();

}  // namespace

void Crc32::update(uint8_t byte) { state_ = kTable[(state_ ^ byte) & 0xFFu] ^ (state_ >> 8); }

void Crc32::update(std::span<const uint8_t> bytes) {
  for (uint8_t b : bytes) update(b);
}

uint32_t crc32(std::span<const uint8_t> bytes) {
  Crc32 c;
  c.update(bytes);
  return c.value();
}

}  // namespace corelab::host
