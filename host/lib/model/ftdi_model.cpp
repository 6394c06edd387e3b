// The FTDI model. MPSSE data-shifting opcodes are decoded from their bits (AN_108, "Data Shifting
// Command Overview"): bit 0 write on -ve edge, bit 1 bit mode, bit 2 read on -ve edge, bit 3 LSB
// first, bit 4 write TDI/DO, bit 5 read TDO/DI, bit 6 write TMS. The other opcodes are a table.
#include "corelab/host/model/ftdi_model.hpp"

#include <array>
#include <fmt/format.h>

#include "corelab/host/error.hpp"

namespace corelab::host::model {
namespace {

constexpr int kClk = 0, kDo = 1, kDi = 2, kTms = 3;  // the engine's fixed pins (TCK/SK, TDI/DO, TDO/DI, TMS/CS)
constexpr uint8_t kBadCommand = 0xFA;

// Opcodes other than data shifting, with their total length in bytes.
struct Other {
  uint8_t opcode;
  size_t length;
};
constexpr std::array kOthers{
    Other{0x80, 3}, Other{0x81, 1}, Other{0x82, 3}, Other{0x83, 1},  // set/read GPIO low, high
    Other{0x84, 1}, Other{0x85, 1},                                  // loopback on, off
    Other{0x86, 3}, Other{0x87, 1},                                  // clock divisor, send immediate
    Other{0x8A, 1}, Other{0x8B, 1}, Other{0x8C, 1}, Other{0x8D, 1},  // divide by 5 off/on, 3-phase on/off
    Other{0x8E, 2}, Other{0x8F, 3},                                  // clock bits, bytes without data
    Other{0x96, 1}, Other{0x97, 1},                                  // adaptive clocking on, off
};

bool is_shift(uint8_t op) {
  if (op & 0x80) return false;
  if (op & 0x40) return (op & 0x0A) == 0x0A && !(op & 0x10);  // TMS: bit mode, LSB first, no TDI write
  return (op & 0x30) != 0;
}

}  // namespace

FtdiModel::FtdiModel(PinTarget& target, std::string name) : target_(target), name_(std::move(name)) {}

void FtdiModel::set_mode(FtdiMode mode, uint8_t outputs) {
  enabled_ = true;
  mode_ = mode;
  pending_.clear();
  rx_.clear();
  dir_ = mode == FtdiMode::Mpsse ? 0 : outputs;
  drive();
}

void FtdiModel::drive() {
  const auto driven = static_cast<uint16_t>((value_ & dir_) | ~dir_);
  const uint16_t in = target_.settle(driven);
  levels_ = static_cast<uint16_t>((value_ & dir_) | (in & ~dir_));
}

void FtdiModel::write(std::span<const uint8_t> bytes) {
  if (!enabled_) throw HostError(ErrorKind::Io, name_ + ": written to before a bit mode was set");
  if (mode_ == FtdiMode::SyncBitbang) {
    // The pins are read first, then the byte is put on them: a read is one byte behind (AN_373).
    for (uint8_t b : bytes) {
      rx_.push_back(static_cast<uint8_t>(levels_));
      value_ = static_cast<uint16_t>((value_ & 0xFF00) | b);
      drive();
    }
    return;
  }
  pending_.insert(pending_.end(), bytes.begin(), bytes.end());
  size_t pos = 0;
  while (pos < pending_.size()) {
    const std::span<const uint8_t> rest(pending_.data() + pos, pending_.size() - pos);
    const size_t n = command_length(rest);
    if (n == 0) break;
    execute(rest.first(n));
    pos += n;
  }
  pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(pos));
}

void FtdiModel::read(std::span<uint8_t> buffer) {
  if (rx_.size() < buffer.size())
    throw HostError::timeout(fmt::format("{} bytes from the chip", buffer.size()),
                             fmt::format("{}: {} of {} bytes came back", name_, rx_.size(), buffer.size()), {});
  for (auto& b : buffer) {
    b = rx_.front();
    rx_.pop_front();
  }
}

size_t FtdiModel::command_length(std::span<const uint8_t> cmd) const {
  const uint8_t op = cmd[0];
  size_t n = 1;  // an unknown opcode is one byte long
  if (is_shift(op)) {
    const bool bits = op & 0x02, writes = op & 0x50;
    if (bits)
      n = writes ? 3 : 2;
    else if (cmd.size() < 3)
      return 0;
    else
      n = 3 + (writes ? (size_t{cmd[1]} | size_t{cmd[2]} << 8) + 1 : 0);
  } else {
    for (const auto& o : kOthers)
      if (o.opcode == op) n = o.length;
  }
  return cmd.size() >= n ? n : 0;
}

void FtdiModel::execute(std::span<const uint8_t> cmd) {
  const uint8_t op = cmd[0];
  if (is_shift(op)) return shift(op, cmd.subspan(1));
  auto set_byte = [&](int shift_by) {
    const auto mask = static_cast<uint16_t>(0xFF << shift_by);
    value_ = static_cast<uint16_t>((value_ & ~mask) | (cmd[1] << shift_by));
    dir_ = static_cast<uint16_t>((dir_ & ~mask) | (cmd[2] << shift_by));
    drive();
  };
  switch (op) {
    case 0x80: return set_byte(0);
    case 0x82: return set_byte(8);
    case 0x81: rx_.push_back(static_cast<uint8_t>(levels_)); return;
    case 0x83: rx_.push_back(static_cast<uint8_t>(levels_ >> 8)); return;
    case 0x84: loopback_ = true; return;
    case 0x85: loopback_ = false; return;
    case 0x86: divisor_ = static_cast<uint16_t>(cmd[1] | cmd[2] << 8); return;
    case 0x8E:
      for (unsigned i = 0; i <= cmd[1]; ++i) clock_bit(-1, false, false, false);
      return;
    case 0x8F:
      for (unsigned i = 0; i < ((cmd[1] | cmd[2] << 8) + 1u) * 8; ++i) clock_bit(-1, false, false, false);
      return;
    case 0x87: case 0x8A: case 0x8B: case 0x8C: case 0x8D: case 0x96: case 0x97:
      return;  // timing only: nothing a model can see
    default:
      rx_.push_back(kBadCommand);
      rx_.push_back(op);
  }
}

// One bit period: the data bit goes on its pin, then the clock makes its two edges; the input is
// sampled just before the edge the command reads on (the device reacts to an edge after it).
bool FtdiModel::clock_bit(int data_pin, bool level, bool write, bool read_on_falling) {
  if (write) {
    value_ = with_pin(value_, data_pin, level);
    drive();
  }
  bool sampled = false;
  for (int edge = 0; edge < 2; ++edge) {
    const bool falling = pin(levels_, kClk);
    if (falling == read_on_falling) sampled = loopback_ ? pin(levels_, kDo) : pin(levels_, kDi);
    value_ = with_pin(value_, kClk, !falling);
    drive();
  }
  return sampled;
}

void FtdiModel::shift(uint8_t op, std::span<const uint8_t> args) {
  const bool write_tdi = op & 0x10, read = op & 0x20, tms = op & 0x40;
  const bool read_neg = op & 0x04, lsb = op & 0x08, bit_mode = op & 0x02;
  const size_t count = bit_mode ? size_t{args[0]} + 1 : (size_t{args[0]} | size_t{args[1]} << 8) + 1;
  const std::span<const uint8_t> data = args.subspan(bit_mode ? 1 : 2);
  if (tms) {  // TMS bits from bit 0 up; bit 7 is held on TDI meanwhile
    value_ = with_pin(value_, kDo, data[0] & 0x80);
    uint8_t in = 0;
    for (size_t i = 0; i < count; ++i)
      in = static_cast<uint8_t>((in >> 1) | (clock_bit(kTms, (data[0] >> i) & 1, true, read_neg) ? 0x80 : 0));
    if (read) rx_.push_back(in);
    return;
  }
  const size_t bytes = bit_mode ? 1 : count;
  const size_t bits_per_byte = bit_mode ? count : 8;
  for (size_t b = 0; b < bytes; ++b) {
    const uint8_t out = write_tdi ? data[b] : 0;
    uint8_t in = 0;
    for (size_t i = 0; i < bits_per_byte; ++i) {
      const bool level = lsb ? (out >> i) & 1 : (out >> (7 - i)) & 1;
      const bool s = clock_bit(kDo, level, write_tdi, read_neg);
      // Bits enter a shift register: from the top when LSB first, from the bottom when MSB first.
      in = lsb ? static_cast<uint8_t>((in >> 1) | (s ? 0x80 : 0)) : static_cast<uint8_t>((in << 1) | (s ? 1 : 0));
    }
    if (read) rx_.push_back(in);
  }
}

}  // namespace corelab::host::model
