// An iCE40 with its SPI configuration flash, wired to an FTDI interface as on the iCEBreaker:
// CRESET_B and CDONE on GPIOs, the flash on the MPSSE SPI pins. Releasing CRESET_B with SPI_SS high
// boots from the flash (the FPGA as SPI master, as if it read the flash from address 0); with SPI_SS
// low the FPGA enters SPI slave mode and takes a bitstream on MOSI (the board's SRAM jumpers set).
// CDONE rises only for a valid, complete image (iCE40 command stream with its CRC-16 and wake-up).
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "corelab/host/boards.hpp"
#include "corelab/host/model/pins.hpp"
#include "corelab/host/model/spi_flash_model.hpp"

namespace corelab::host::model {

// The iCE40 configuration logic as a byte stream consumer (IceStorm "Bitstream File Format"): finds
// the 0x7EAA997E sync word, runs the commands (bank width/height/offset/number, CRAM and BRAM data
// with their two zero bytes, CRC reset and check, wake-up) and stops at wake-up or at an error.
class Ice40ConfigParser {
 public:
  void push(uint8_t byte);
  bool woke() const { return state_ == State::Woke; }
  bool failed() const { return state_ == State::Failed; }
  const std::string& error() const { return error_; }

 private:
  enum class State { Sync, Command, Payload, Data, Woke, Failed };
  void command_done();
  void fail(std::string why);

  State state_ = State::Sync;
  uint32_t window_ = 0;
  uint16_t crc_ = 0xFFFF;
  uint8_t command_ = 0;
  unsigned payload_left_ = 0;
  uint32_t payload_ = 0;
  uint32_t bank_width_ = 0, bank_height_ = 0;
  size_t data_left_ = 0;
  std::string error_;
};

// The whole of `image` through the parser: "" when it configures, else why not.
std::string ice40_image_problem(std::span<const uint8_t> image);

class Ice40Model : public PinTarget {
 public:
  Ice40Model(const PinMap& pins, SpiFlashModel& flash, bool configured);
  uint16_t settle(uint16_t levels) override;

  bool cdone() const { return cdone_; }
  const std::string& last_error() const { return last_error_; }  // why the last configuration failed

 private:
  void boot_from_flash();
  void slave_clock(bool ss_n, bool sck, bool mosi);

  PinMap pins_;
  SpiFlashModel& flash_;
  bool creset_ = true, sck_ = false;
  bool slave_ = false, cdone_ = false;
  Ice40ConfigParser parser_;
  uint8_t shift_ = 0;
  unsigned bits_ = 0;
  unsigned wake_clocks_ = 0;
  std::string last_error_;
};

}  // namespace corelab::host::model
