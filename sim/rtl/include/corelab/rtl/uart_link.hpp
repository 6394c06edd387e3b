// The simulated board's serial link: a bit-level 8N1 UART on the SoC's rx/tx pins, bridged to a
// pseudo-terminal, so a host program talks to the simulation byte for byte as to a board's
// USB-UART. The PTY is opened raw; its slave path is what the host opens.
#pragma once

#include <cstdint>
#include <deque>
#include <random>
#include <string>

namespace corelab::rtl {

// Serialises bytes onto the rx pin and deserialises the tx pin, clks_per_bit cycles per bit.
class UartPins {
 public:
  explicit UartPins(unsigned clks_per_bit) : clks_(clks_per_bit) {}
  // Call once per clock cycle with the tx pin; returns the level to drive on the rx pin.
  int tick(int tx_pin);
  void send(uint8_t byte) { to_device_.push_back(byte); }
  size_t pending_to_device() const { return to_device_.size() + (tx_bits_left_ ? 1 : 0); }
  std::deque<uint8_t>& received() { return from_device_; }

 private:
  unsigned clks_;
  // host -> device (drives rx)
  std::deque<uint8_t> to_device_;
  uint16_t tx_shift_ = 0;
  unsigned tx_bits_left_ = 0, tx_clk_ = 0;
  // device -> host (samples tx)
  std::deque<uint8_t> from_device_;
  bool rx_busy_ = false;
  unsigned rx_clk_ = 0, rx_bit_ = 0;
  uint8_t rx_byte_ = 0;
};

// A test mode of the link: each byte, in either direction, is corrupted (one bit flipped), dropped
// or followed by an inserted random byte, each with probability `rate`.
struct LinkFaults {
  double rate = 0.0;
  uint64_t seed = 1;
};

// A pseudo-terminal master; the slave path is what a host opens. Non-blocking, RAII.
class Pty {
 public:
  explicit Pty(const LinkFaults& faults = {});
  ~Pty();
  Pty(const Pty&) = delete;
  Pty& operator=(const Pty&) = delete;
  const std::string& path() const { return path_; }
  // Moves bytes: from the host into `to_device` (at most `room` bytes), and writes `from_device`
  // to the host. Bytes written while no host has the slave open are dropped, as on a board.
  void pump(UartPins& pins, size_t room);

 private:
  void damage(std::deque<uint8_t>& bytes);  // applies the fault model to bytes in flight

  LinkFaults faults_;
  std::mt19937_64 rng_;
  std::deque<uint8_t> to_host_;  // bytes from the device (already through the fault model)
  int master_ = -1;
  int keep_slave_ = -1;  // our own slave handle keeps the PTY alive between host sessions
  std::string path_;
};

}  // namespace corelab::rtl
