// Small synthetic bitstreams with the right structure, for the flashing tests: an iCE40 image
// (comment, sync word, bank set-up, one CRAM block, CRC check, wake-up) and an ECP5 image (comment,
// preamble, VERIFY_ID for a chosen IDCODE, opaque frame data, ISC_PROGRAM_DONE). The models accept
// them only when they are whole and, for the ECP5, meant for the model's part.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace corelab::host::test {

inline void put16(std::vector<uint8_t>& v, uint32_t x) {
  v.push_back(static_cast<uint8_t>(x >> 8));
  v.push_back(static_cast<uint8_t>(x));
}
inline void put32(std::vector<uint8_t>& v, uint32_t x) {
  put16(v, x >> 16);
  put16(v, x & 0xFFFF);
}

inline uint16_t crc16_ccitt(uint16_t crc, uint8_t byte) {
  crc ^= static_cast<uint16_t>(byte << 8);
  for (int i = 0; i < 8; ++i) crc = static_cast<uint16_t>(crc & 0x8000 ? (crc << 1) ^ 0x1021 : crc << 1);
  return crc;
}

// About `cram_bytes` of random configuration data in rows of 32 bytes.
inline std::vector<uint8_t> ice40_bitstream(size_t cram_bytes, uint64_t seed = 1) {
  std::mt19937_64 rng(seed);
  std::vector<uint8_t> v{0xFF, 0x00};
  for (char c : std::string("corelab test image")) v.push_back(static_cast<uint8_t>(c));
  v.insert(v.end(), {0x00, 0x00, 0xFF, 0x7E, 0xAA, 0x99, 0x7E, 0x51, 0x00, 0x01, 0x05});
  const size_t crc_from = v.size();
  const uint32_t width = 256, height = static_cast<uint32_t>((cram_bytes + 31) / 32);
  v.push_back(0x62);
  put16(v, width - 1);
  v.push_back(0x72);
  put16(v, height);
  v.push_back(0x82);
  put16(v, 0);
  v.insert(v.end(), {0x11, 0x00, 0x01, 0x01});
  for (size_t i = 0; i < width / 8 * height; ++i) v.push_back(static_cast<uint8_t>(rng()));
  v.insert(v.end(), {0x00, 0x00, 0x22});
  uint16_t crc = 0xFFFF;
  for (size_t i = crc_from; i < v.size(); ++i) crc = crc16_ccitt(crc, v[i]);
  put16(v, crc);
  v.insert(v.end(), {0x01, 0x06, 0x00});
  return v;
}

inline std::vector<uint8_t> ecp5_bitstream(uint32_t idcode, size_t frame_bytes, uint64_t seed = 1) {
  std::mt19937_64 rng(seed);
  std::vector<uint8_t> v{0xFF, 0x00};
  for (char c : std::string("Part: test")) v.push_back(static_cast<uint8_t>(c));
  v.insert(v.end(), {0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xBD, 0xB3, 0xFF, 0xFF, 0xFF, 0xFF});
  v.insert(v.end(), {0x3B, 0x00, 0x00, 0x00, 0xE2, 0x00, 0x00, 0x00});
  put32(v, idcode);
  v.insert(v.end(), {0x22, 0x00, 0x00, 0x00, 0x40, 0x00, 0x00, 0x00, 0x46, 0x00, 0x00, 0x00, 0x82, 0x91, 0x00, 0x10});
  for (size_t i = 0; i < frame_bytes; ++i) {
    const auto b = static_cast<uint8_t>(rng());
    v.push_back(b == 0x5E ? 0x5F : b);  // no accidental ISC_PROGRAM_DONE inside the frames
  }
  v.insert(v.end(), {0x5E, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF});
  return v;
}

}  // namespace corelab::host::test
