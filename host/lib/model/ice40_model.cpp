// The iCE40 model: configuration parser and pins.
#include "corelab/host/model/ice40_model.hpp"

#include <fmt/format.h>

namespace corelab::host::model {
namespace {

constexpr uint32_t kSyncWord = 0x7EAA997E;
// Clocks the FPGA needs after the wake-up command before CDONE rises and the I/Os come alive
// (the 49 dummy bits of the iCE40 SPI slave configuration procedure).
constexpr unsigned kWakeClocks = 49;

// CRC-16-CCITT: polynomial 0x1021, MSB first, no final XOR (IceStorm "CRC Check").
uint16_t crc16_ccitt(uint16_t crc, uint8_t byte) {
  crc ^= static_cast<uint16_t>(byte << 8);
  for (int i = 0; i < 8; ++i) crc = static_cast<uint16_t>(crc & 0x8000 ? (crc << 1) ^ 0x1021 : crc << 1);
  return crc;
}

}  // namespace

void Ice40ConfigParser::fail(std::string why) {
  state_ = State::Failed;
  error_ = std::move(why);
}

void Ice40ConfigParser::push(uint8_t byte) {
  if (state_ == State::Woke || state_ == State::Failed) return;
  crc_ = crc16_ccitt(crc_, byte);
  switch (state_) {
    case State::Sync:
      window_ = window_ << 8 | byte;
      if (window_ == kSyncWord) state_ = State::Command;
      return;
    case State::Command:
      command_ = byte;
      payload_ = 0;
      payload_left_ = byte & 0x0F;
      state_ = State::Payload;
      if (payload_left_ == 0) command_done();
      return;
    case State::Payload:
      payload_ = payload_ << 8 | byte;
      if (--payload_left_ == 0) command_done();
      return;
    case State::Data:
      // The data block ends with two zero bytes.
      if (data_left_ <= 2 && byte != 0) return fail("a CRAM/BRAM data block does not end with two zero bytes");
      if (--data_left_ == 0) state_ = State::Command;
      return;
    default:
      return;
  }
}

void Ice40ConfigParser::command_done() {
  state_ = State::Command;
  const unsigned opcode = command_ >> 4;
  switch (opcode) {
    case 0:
      if (payload_ == 1 || payload_ == 3) {  // CRAM or BRAM data
        if (bank_width_ == 0 || bank_height_ == 0) return fail("data before the bank width and height");
        data_left_ = size_t{bank_width_} * bank_height_ / 8 + 2;
        state_ = State::Data;
      } else if (payload_ == 5) {
        crc_ = 0xFFFF;
      } else if (payload_ == 6) {
        state_ = State::Woke;
      } else {
        fail(fmt::format("unsupported command 0x{:02x} 0x{:x}", command_, payload_));
      }
      return;
    case 2:
      if (crc_ != 0) fail(fmt::format("CRC check failed (residue 0x{:04x})", crc_));
      return;
    case 6: bank_width_ = payload_ + 1; return;
    case 7: bank_height_ = payload_; return;
    case 1: case 4: case 5: case 8: case 9: return;  // bank number, boot address, oscillator, offset, boot mode
    default: fail(fmt::format("unknown command 0x{:02x}", command_));
  }
}

std::string ice40_image_problem(std::span<const uint8_t> image) {
  Ice40ConfigParser p;
  for (uint8_t b : image) {
    p.push(b);
    if (p.woke()) return "";
    if (p.failed()) return p.error();
  }
  return "the image ends before the wake-up command (truncated, or not an iCE40 bitstream)";
}

Ice40Model::Ice40Model(const PinMap& pins, SpiFlashModel& flash, bool configured)
    : pins_(pins), flash_(flash), cdone_(configured) {}

uint16_t Ice40Model::settle(uint16_t levels) {
  const bool creset = pin(levels, pins_.creset), ss_n = pin(levels, pins_.cs);
  const bool sck = pin(levels, pins_.sck), mosi = pin(levels, pins_.mosi);
  if (!creset) {  // held in reset: configuration is lost, the SPI pins are released
    cdone_ = false;
    slave_ = false;
  } else if (!creset_) {  // CRESET_B released: SPI_SS decides the mode
    if (ss_n) {
      boot_from_flash();
    } else {
      slave_ = true;
      parser_ = Ice40ConfigParser{};
      bits_ = 0;
      wake_clocks_ = 0;
    }
  }
  creset_ = creset;
  if (slave_) slave_clock(ss_n, sck, mosi);
  sck_ = sck;
  const bool miso = flash_.step(ss_n, sck, mosi);
  uint16_t out = 0xFFFF;
  out = with_pin(out, pins_.miso, miso);
  return with_pin(out, pins_.cdone, cdone_);
}

void Ice40Model::boot_from_flash() {
  flash_.release_power_down();  // the FPGA wakes the flash before reading it
  last_error_ = ice40_image_problem(flash_.memory());
  cdone_ = last_error_.empty();
  if (!cdone_) last_error_ = "boot from flash: " + last_error_;
}

void Ice40Model::slave_clock(bool ss_n, bool sck, bool mosi) {
  if (!sck || sck_) return;  // rising edges only
  if (parser_.woke()) {
    if (++wake_clocks_ == kWakeClocks) cdone_ = true;
    return;
  }
  if (ss_n || parser_.failed()) return;
  shift_ = static_cast<uint8_t>(shift_ << 1 | (mosi ? 1 : 0));
  if (++bits_ < 8) return;
  bits_ = 0;
  parser_.push(shift_);
  if (parser_.failed()) last_error_ = "SRAM configuration: " + parser_.error();
}

}  // namespace corelab::host::model
