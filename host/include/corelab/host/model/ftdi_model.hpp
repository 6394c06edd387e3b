// An FTDI interface in software, behind the same FtdiPort the real chip is used through: an MPSSE
// command interpreter (FTDI AN_108) and the synchronous bit-bang mode of FT-X chips (AN_373), both
// turning bytes into clock edges on a PinTarget. Unknown MPSSE opcodes get the chip's answer:
// 0xFA followed by the opcode.
#pragma once

#include <deque>
#include <string>
#include <vector>

#include "corelab/host/ftdi_port.hpp"
#include "corelab/host/model/pins.hpp"

namespace corelab::host::model {

class FtdiModel : public FtdiPort {
 public:
  FtdiModel(PinTarget& target, std::string name);

  void set_mode(FtdiMode mode, uint8_t outputs) override;
  void write(std::span<const uint8_t> bytes) override;
  void read(std::span<uint8_t> buffer) override;
  std::string name() const override { return name_; }

  uint16_t levels() const { return levels_; }
  uint16_t clock_divisor() const { return divisor_; }

 private:
  // The length of the MPSSE command at the start of `cmd`, or 0 when more bytes are needed.
  size_t command_length(std::span<const uint8_t> cmd) const;
  void execute(std::span<const uint8_t> cmd);
  void shift(uint8_t op, std::span<const uint8_t> args);
  bool clock_bit(int data_pin, bool level, bool write, bool read_on_falling);
  void drive();

  PinTarget& target_;
  std::string name_;
  bool enabled_ = false;
  FtdiMode mode_ = FtdiMode::Mpsse;
  uint16_t value_ = 0, dir_ = 0, levels_ = 0xFFFF;
  uint16_t divisor_ = 0;
  bool loopback_ = false;
  std::vector<uint8_t> pending_;  // an MPSSE command split across writes
  std::deque<uint8_t> rx_;
};

}  // namespace corelab::host::model
