// A Lattice ECP5 seen through its JTAG port, with its SPI configuration flash behind it: the
// 16-state TAP with an 8-bit IR, READ_ID, LSC_READ_STATUS, the sysCONFIG instructions of an SRAM
// load (ISC_ENABLE, ISC_ERASE, LSC_RESET_CRC, LSC_BITSTREAM_BURST, ISC_DISABLE, ISC_PROGRAM_DONE,
// LSC_REFRESH, BYPASS) and the SPI pass-through (LSC_PROG_SPI with its 0x68FE key: while the TAP is
// in Shift-DR the flash's CS# is low, TCK is its clock, TDI its MOSI and TDO its MISO).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "corelab/host/boards.hpp"
#include "corelab/host/model/pins.hpp"
#include "corelab/host/model/spi_flash_model.hpp"

namespace corelab::host::model {

// Status register bits (FPGA-TN-02039, LSC_READ_STATUS).
inline constexpr uint32_t kEcp5StatusDone = 1u << 8;
inline constexpr uint32_t kEcp5StatusIscEnable = 1u << 9;
inline constexpr uint32_t kEcp5StatusBusy = 1u << 12;
inline constexpr uint32_t kEcp5StatusFail = 1u << 13;
inline constexpr uint32_t kEcp5StatusStdPreamble = 1u << 21;
inline constexpr unsigned kEcp5BseShift = 23;  // 3-bit bitstream engine error code
inline constexpr uint32_t kEcp5StatusIdError = 1u << 27;

enum class Ecp5BseError : uint8_t { None = 0, Id = 1, Command = 2, Crc = 3, Preamble = 4, Abort = 5, Overflow = 6, Sdm = 7 };

// What the configuration engine makes of a byte stream: the comment, the 0xFFFFBDB3 preamble, the
// control commands (VERIFY_ID checks the IDCODE), then configuration frames, which the model takes as
// opaque, up to ISC_PROGRAM_DONE (5E 00 00 00). No CRC-16 is checked.
struct Ecp5ImageCheck {
  bool done = false;
  Ecp5BseError error = Ecp5BseError::None;
  bool preamble = false;
  std::string reason;  // when not done
};
Ecp5ImageCheck check_ecp5_image(std::span<const uint8_t> image, uint32_t idcode);

class Ecp5Model : public PinTarget {
 public:
  Ecp5Model(const PinMap& pins, uint32_t idcode, SpiFlashModel& flash, uint32_t status);
  uint16_t settle(uint16_t levels) override;

  uint32_t status() const { return status_; }
  bool done() const { return (status_ & kEcp5StatusDone) != 0; }
  const std::string& last_error() const { return last_error_; }

 private:
  enum class Tap : uint8_t {
    Reset, Idle, SelectDr, CaptureDr, ShiftDr, Exit1Dr, PauseDr, Exit2Dr, UpdateDr,
    SelectIr, CaptureIr, ShiftIr, Exit1Ir, PauseIr, Exit2Ir, UpdateIr
  };
  void rising(bool tms, bool tdi);
  void falling();
  void capture_dr();
  void update_ir();
  void update_dr();
  void finish_configuration(const Ecp5ImageCheck& check);
  bool spi_selected() const;

  PinMap pins_;
  uint32_t idcode_;
  SpiFlashModel& flash_;
  uint32_t status_;
  bool tck_ = false, tdo_ = true;
  Tap state_ = Tap::Reset;
  uint8_t ir_ = 0xE0, ir_shift_ = 0;
  uint64_t dr_ = 0;
  unsigned dr_bits_ = 0;
  bool spi_unlocked_ = false;
  bool flash_miso_ = true;
  std::vector<uint8_t> burst_;  // LSC_BITSTREAM_BURST data, MSB first per byte
  uint8_t burst_byte_ = 0;
  unsigned burst_bits_ = 0;
  std::string last_error_;
};

}  // namespace corelab::host::model
