// The ECP5 model: TAP, instructions, configuration engine and SPI pass-through.
#include "corelab/host/model/ecp5_model.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>

namespace corelab::host::model {
namespace {

// sysCONFIG JTAG instructions (FPGA-TN-02039).
constexpr uint8_t kReadId = 0xE0, kReadStatus = 0x3C, kIscEnable = 0xC6, kIscErase = 0x0E, kIscDisable = 0x26,
                  kBitstreamBurst = 0x7A, kRefresh = 0x79, kBypass = 0xFF, kProgSpi = 0x3A;
constexpr uint16_t kProgSpiKey = 0x68FE;
constexpr uint8_t kIrCapture = 0x05;  // what Capture-IR loads (the OpenOCD ECP5 TAP's -ircapture)

// Bitstream control commands with a fixed length in bytes (prjtrellis, "Bitstream format").
struct BitstreamCommand {
  uint8_t opcode;
  size_t length;
  bool frames;  // configuration data follows, which the model does not decode
};
constexpr std::array kBitstreamCommands{
    BitstreamCommand{0xFF, 1, false},  // dummy
    BitstreamCommand{0x3B, 4, false},  // LSC_RESET_CRC
    BitstreamCommand{0xE2, 8, false},  // VERIFY_ID
    BitstreamCommand{0x22, 8, false},  // LSC_PROG_CNTRL0
    BitstreamCommand{0x46, 4, false},  // LSC_INIT_ADDRESS
    BitstreamCommand{0xC2, 8, false},  // ISC_PROGRAM_USERCODE
    BitstreamCommand{0xCE, 4, false},  // ISC_PROGRAM_SECURITY
    BitstreamCommand{0x02, 4, true},   // LSC_WRITE_COMP_DIC
    BitstreamCommand{0x82, 4, true},   // LSC_PROG_INCR_RTI
    BitstreamCommand{0xB8, 4, true},   // LSC_PROG_INCR_CMP
    BitstreamCommand{0xB4, 4, true},   // LSC_WRITE_ADDRESS
    BitstreamCommand{0xF6, 4, true},   // LSC_EBR_ADDRESS
    BitstreamCommand{0xB2, 4, true},   // LSC_EBR_WRITE
    BitstreamCommand{0xA2, 4, true},   // LSC_PROG_SED_CRC
};
constexpr std::array<uint8_t, 4> kPreamble{0xFF, 0xFF, 0xBD, 0xB3};
constexpr std::array<uint8_t, 4> kProgramDone{0x5E, 0x00, 0x00, 0x00};

const BitstreamCommand* find_bitstream_command(uint8_t opcode) {
  for (const auto& c : kBitstreamCommands)
    if (c.opcode == opcode) return &c;
  return nullptr;
}

uint32_t be32(std::span<const uint8_t> b) {
  return uint32_t{b[0]} << 24 | uint32_t{b[1]} << 16 | uint32_t{b[2]} << 8 | b[3];
}

Ecp5ImageCheck fail(Ecp5BseError e, std::string reason, bool preamble = true) {
  return {false, e, preamble, std::move(reason)};
}

}  // namespace

Ecp5ImageCheck check_ecp5_image(std::span<const uint8_t> image, uint32_t idcode) {
  auto at = std::search(image.begin(), image.end(), kPreamble.begin(), kPreamble.end());
  if (at == image.end()) return fail(Ecp5BseError::Preamble, "no preamble 0xFFFFBDB3", false);
  size_t i = static_cast<size_t>(at - image.begin()) + kPreamble.size();
  while (i < image.size()) {
    if (image[i] == kProgramDone[0] && i + kProgramDone.size() <= image.size())
      return {true, Ecp5BseError::None, true, ""};
    const BitstreamCommand* c = find_bitstream_command(image[i]);
    if (!c) return fail(Ecp5BseError::Command, fmt::format("unknown command 0x{:02x} at offset {}", image[i], i));
    if (i + c->length > image.size()) break;
    if (c->opcode == 0xE2 && be32(image.subspan(i + 4)) != idcode)
      return fail(Ecp5BseError::Id, fmt::format("VERIFY_ID: the bitstream is for IDCODE 0x{:08x}, the part is 0x{:08x}",
                                                be32(image.subspan(i + 4)), idcode));
    i += c->length;
    if (c->frames) {
      const auto rest = image.subspan(i);
      if (std::search(rest.begin(), rest.end(), kProgramDone.begin(), kProgramDone.end()) != rest.end())
        return {true, Ecp5BseError::None, true, ""};
      break;
    }
  }
  return fail(Ecp5BseError::Abort, "the bitstream ends before ISC_PROGRAM_DONE (truncated?)");
}

Ecp5Model::Ecp5Model(const PinMap& pins, uint32_t idcode, SpiFlashModel& flash, uint32_t status)
    : pins_(pins), idcode_(idcode), flash_(flash), status_(status) {}

bool Ecp5Model::spi_selected() const { return ir_ == kProgSpi && spi_unlocked_ && state_ == Tap::ShiftDr; }

uint16_t Ecp5Model::settle(uint16_t levels) {
  const bool tck = pin(levels, pins_.tck), tms = pin(levels, pins_.tms), tdi = pin(levels, pins_.tdi);
  if (tck && !tck_) {
    flash_miso_ = flash_.step(!spi_selected(), true, tdi);  // the flash samples MOSI on this edge
    rising(tms, tdi);
  } else if (!tck && tck_) {
    falling();
  }
  tck_ = tck;
  flash_miso_ = flash_.step(!spi_selected(), tck, tdi);  // CS# follows the TAP state
  const bool tdo = spi_selected() ? flash_miso_ : tdo_;
  return with_pin(0xFFFF, pins_.tdo, tdo);
}

void Ecp5Model::rising(bool tms, bool tdi) {
  switch (state_) {
    case Tap::CaptureIr: ir_shift_ = kIrCapture; break;
    case Tap::ShiftIr: ir_shift_ = static_cast<uint8_t>(ir_shift_ >> 1 | (tdi ? 0x80 : 0)); break;
    case Tap::CaptureDr: capture_dr(); break;
    case Tap::ShiftDr:
      if (ir_ == kBitstreamBurst) {
        burst_byte_ = static_cast<uint8_t>(burst_byte_ << 1 | (tdi ? 1 : 0));
        if (++burst_bits_ == 8) {
          burst_.push_back(burst_byte_);
          burst_bits_ = 0;
        }
      } else if (dr_bits_) {
        dr_ = dr_ >> 1 | (uint64_t{tdi} << (dr_bits_ - 1));
      }
      break;
    default: break;
  }
  // IEEE 1149.1 TAP: the next state for TMS = 0 and TMS = 1.
  static constexpr Tap kNext[16][2] = {
      {Tap::Idle, Tap::Reset},         {Tap::Idle, Tap::SelectDr},     {Tap::CaptureDr, Tap::SelectIr},
      {Tap::ShiftDr, Tap::Exit1Dr},    {Tap::ShiftDr, Tap::Exit1Dr},   {Tap::PauseDr, Tap::UpdateDr},
      {Tap::PauseDr, Tap::Exit2Dr},    {Tap::ShiftDr, Tap::UpdateDr},  {Tap::Idle, Tap::SelectDr},
      {Tap::CaptureIr, Tap::Reset},    {Tap::ShiftIr, Tap::Exit1Ir},   {Tap::ShiftIr, Tap::Exit1Ir},
      {Tap::PauseIr, Tap::UpdateIr},   {Tap::PauseIr, Tap::Exit2Ir},   {Tap::ShiftIr, Tap::UpdateIr},
      {Tap::Idle, Tap::SelectDr}};
  state_ = kNext[static_cast<int>(state_)][tms ? 1 : 0];
  if (state_ == Tap::Reset) {
    ir_ = kReadId;
    spi_unlocked_ = false;
  }
  if (state_ == Tap::UpdateIr) update_ir();
  if (state_ == Tap::UpdateDr) update_dr();
}

// TDO changes on the falling edge: the shift register's low bit while shifting, else not driven.
void Ecp5Model::falling() {
  if (state_ == Tap::ShiftIr)
    tdo_ = ir_shift_ & 1;
  else if (state_ == Tap::ShiftDr)
    tdo_ = dr_ & 1;
  else
    tdo_ = true;
}

void Ecp5Model::capture_dr() {
  dr_bits_ = 32;
  switch (ir_) {
    case kReadId: dr_ = idcode_; break;
    case kReadStatus: dr_ = status_; break;
    case kProgSpi: dr_ = 0; dr_bits_ = 16; break;
    case kBypass: dr_ = 0; dr_bits_ = 1; break;
    default: dr_ = 0; break;
  }
}

void Ecp5Model::update_ir() {
  ir_ = ir_shift_;
  spi_unlocked_ = false;
  switch (ir_) {
    case kIscEnable:
      status_ |= kEcp5StatusIscEnable;
      burst_.clear();
      break;
    case kIscErase:
      status_ &= ~(kEcp5StatusDone | kEcp5StatusFail | kEcp5StatusIdError | (7u << kEcp5BseShift));
      break;
    case kBitstreamBurst:
      burst_.clear();
      burst_bits_ = 0;
      break;
    case kIscDisable:
      if ((status_ & kEcp5StatusIscEnable) && !burst_.empty()) finish_configuration(check_ecp5_image(burst_, idcode_));
      status_ &= ~kEcp5StatusIscEnable;
      burst_.clear();
      break;
    case kRefresh:  // as if PROGRAMN were toggled: boot from the flash
      flash_.release_power_down();
      status_ &= ~kEcp5StatusIscEnable;
      finish_configuration(check_ecp5_image(flash_.memory(), idcode_));
      if (!done()) last_error_ = "boot from flash: " + last_error_;
      break;
    default:
      break;
  }
}

void Ecp5Model::update_dr() {
  if (ir_ == kProgSpi && (dr_ & 0xFFFF) == kProgSpiKey) spi_unlocked_ = true;
}

void Ecp5Model::finish_configuration(const Ecp5ImageCheck& check) {
  status_ &= ~(kEcp5StatusDone | kEcp5StatusFail | kEcp5StatusIdError | kEcp5StatusStdPreamble | (7u << kEcp5BseShift));
  if (check.preamble) status_ |= kEcp5StatusStdPreamble;
  if (check.done) {
    status_ |= kEcp5StatusDone;
    last_error_.clear();
    return;
  }
  status_ |= kEcp5StatusFail | (static_cast<uint32_t>(check.error) << kEcp5BseShift);
  if (check.error == Ecp5BseError::Id) status_ |= kEcp5StatusIdError;
  last_error_ = check.reason;
}

}  // namespace corelab::host::model
