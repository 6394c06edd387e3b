// The pin-level contract between the FTDI model and the simulated circuit on its pins: the FTDI
// model calls settle() after every change of the pins it drives, and the circuit answers with the
// levels it drives back. Devices see edges, not bytes, just like the real parts.
#pragma once

#include <cstdint>

namespace corelab::host::model {

class PinTarget {
 public:
  virtual ~PinTarget() = default;
  // `levels`: bit n is FTDI pin n (ADBUS0..7 = 0..7, ACBUS0..7 = 8..15) as the chip drives it; pins
  // it does not drive read 1 (pull-ups). Returns the levels the circuit drives, 1 where it drives
  // nothing.
  virtual uint16_t settle(uint16_t levels) = 0;
};

inline bool pin(uint16_t levels, int number) { return number >= 0 && ((levels >> number) & 1u) != 0; }
inline uint16_t with_pin(uint16_t levels, int number, bool high) {
  if (number < 0) return levels;
  const auto bit = static_cast<uint16_t>(1u << number);
  return high ? static_cast<uint16_t>(levels | bit) : static_cast<uint16_t>(levels & ~bit);
}

}  // namespace corelab::host::model
