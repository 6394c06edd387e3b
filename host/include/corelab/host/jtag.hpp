// JTAG over an FTDI interface: the cable (MPSSE commands, or one byte per pin change in FT-X
// synchronous bit-bang mode) and a TAP driver on top that walks the IEEE 1149.1 state machine from
// Run-Test/Idle to Shift-IR/Shift-DR and back.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "corelab/host/boards.hpp"
#include "corelab/host/ftdi_port.hpp"

namespace corelab::host {

class JtagCable {
 public:
  virtual ~JtagCable() = default;
  // Clocks `count` (1..7) TMS bits, bit 0 first, with TDI low.
  virtual void tms(uint8_t bits, unsigned count) = 0;
  // Clocks `count` bits of `tdi` (LSB first, byte 0 first) with TMS low; with `exit` the last bit
  // goes with TMS high (leaving Shift-xR). Returns TDO, packed the same way, when `read`.
  virtual std::vector<uint8_t> shift(std::span<const uint8_t> tdi, size_t count, bool exit, bool read) = 0;
};

// Puts the port in the link's mode and checks it answers. Throws HostError(Usage) for a pin map the
// mode cannot use (MPSSE has TCK, TDI, TDO, TMS on ADBUS0..3), Io when the chip does not answer.
std::unique_ptr<JtagCable> open_jtag_cable(FtdiPort& port, const ProgramLink& link);

enum class BitOrder { LsbFirst, MsbFirst };  // of each byte: JTAG registers are LSB first, SPI and bitstreams MSB first

class Jtag {
 public:
  explicit Jtag(JtagCable& cable) : cable_(cable) {}
  void reset();                       // Test-Logic-Reset, then Run-Test/Idle
  void ir(uint8_t instruction);       // an 8-bit IR scan, from and back to Run-Test/Idle
  // A DR scan of `bits` bits, from and back to Run-Test/Idle; returns what came out when `read`.
  std::vector<uint8_t> dr(std::span<const uint8_t> data, size_t bits, bool read = false,
                          BitOrder order = BitOrder::LsbFirst);
  // A long DR scan without read-back, shifted in chunks so `progress` can be told (bytes done).
  void dr_stream(std::span<const uint8_t> data, BitOrder order, const std::function<void(size_t)>& progress);
  uint32_t dr32(uint32_t value = 0);  // a 32-bit DR scan, returns the captured register
  void idle(unsigned cycles);         // stay in Run-Test/Idle for this many clocks

 private:
  JtagCable& cable_;
};

}  // namespace corelab::host
