// JTAG cables and the TAP driver. MPSSE opcodes are from FTDI AN_108: 0x19/0x39 bytes out (and in)
// LSB first, TDI changing on the falling edge and TDO sampled on the rising one; 0x1B/0x3B the same
// for bits; 0x4B/0x6B TMS bits with TDI held at bit 7.
#include "corelab/host/jtag.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>

#include "corelab/host/error.hpp"
#include "corelab/host/mpsse.hpp"

namespace corelab::host {
namespace {

bool bit_at(std::span<const uint8_t> v, size_t i) { return (v[i / 8] >> (i % 8)) & 1u; }
void set_bit(std::vector<uint8_t>& v, size_t i, bool b) {
  if (b) v[i / 8] = static_cast<uint8_t>(v[i / 8] | (1u << (i % 8)));
}

class MpsseJtag : public JtagCable {
 public:
  explicit MpsseJtag(FtdiPort& port) : port_(port) {
    // TMS high, TCK and TDI low; TCK, TDI and TMS outputs (ADBUS0, 1, 3).
    mpsse_init(port_, {0x80, 0x08, 0x0B});
  }

  void tms(uint8_t bits, unsigned count) override {
    const std::array<uint8_t, 3> cmd{0x4B, static_cast<uint8_t>(count - 1), static_cast<uint8_t>(bits & 0x7F)};
    port_.write(cmd);
  }

  std::vector<uint8_t> shift(std::span<const uint8_t> tdi, size_t count, bool exit, bool read) override {
    std::vector<uint8_t> tdo((count + 7) / 8, 0);
    const size_t body = exit ? count - 1 : count;
    size_t done = 0;
    // Whole bytes, in chunks small enough for the chip's buffers when reading.
    while (body - done >= 8) {
      const size_t n = std::min((body - done) / 8, read ? size_t{1024} : size_t{65536});
      std::vector<uint8_t> cmd{static_cast<uint8_t>(read ? 0x39 : 0x19), static_cast<uint8_t>((n - 1) & 0xFF),
                               static_cast<uint8_t>((n - 1) >> 8)};
      cmd.insert(cmd.end(), tdi.begin() + static_cast<std::ptrdiff_t>(done / 8),
                 tdi.begin() + static_cast<std::ptrdiff_t>(done / 8 + n));
      port_.write(cmd);
      if (read) read_into(std::span(tdo).subspan(done / 8, n));
      done += n * 8;
    }
    if (const size_t rest = body - done) {  // the odd bits
      uint8_t out = 0;
      for (size_t i = 0; i < rest; ++i) out = static_cast<uint8_t>(out | (bit_at(tdi, done + i) << i));
      const std::array<uint8_t, 3> cmd{static_cast<uint8_t>(read ? 0x3B : 0x1B), static_cast<uint8_t>(rest - 1), out};
      port_.write(cmd);
      if (read) {
        uint8_t in = 0;
        read_into(std::span(&in, 1));
        in = static_cast<uint8_t>(in >> (8 - rest));  // bit reads fill the byte from the top
        for (size_t i = 0; i < rest; ++i) set_bit(tdo, done + i, (in >> i) & 1);
      }
      done += rest;
    }
    if (exit) {  // the last bit with TMS high: Shift-xR -> Exit1-xR
      const std::array<uint8_t, 3> cmd{static_cast<uint8_t>(read ? 0x6B : 0x4B), 0x00,
                                       static_cast<uint8_t>(0x01 | (bit_at(tdi, done) ? 0x80 : 0))};
      port_.write(cmd);
      if (read) {
        uint8_t in = 0;
        read_into(std::span(&in, 1));
        set_bit(tdo, done, in & 0x80);
      }
    }
    return tdo;
  }

 private:
  void read_into(std::span<uint8_t> out) {
    const uint8_t flush = 0x87;  // send immediate
    port_.write(std::span(&flush, 1));
    port_.read(out);
  }

  FtdiPort& port_;
};

// One byte per pin state: TCK low with TMS/TDI set, then TCK high. In synchronous bit-bang mode the
// chip returns the pins as they were before each byte took effect, so TDO for a bit is in the answer
// to its second byte: the pins after TCK fell and before it rose.
class BitbangJtag : public JtagCable {
 public:
  BitbangJtag(FtdiPort& port, const PinMap& pins) : port_(port), pins_(pins) {
    port_.set_mode(FtdiMode::SyncBitbang, static_cast<uint8_t>(bit(pins.tck) | bit(pins.tdi) | bit(pins.tms)));
  }

  void tms(uint8_t bits, unsigned count) override {
    std::vector<bool> t, d;
    for (unsigned i = 0; i < count; ++i) {
      t.push_back((bits >> i) & 1);
      d.push_back(false);
    }
    clock(t, d, false);
  }

  std::vector<uint8_t> shift(std::span<const uint8_t> tdi, size_t count, bool exit, bool read) override {
    std::vector<uint8_t> tdo((count + 7) / 8, 0);
    constexpr size_t kChunk = 512;
    for (size_t first = 0; first < count; first += kChunk) {
      const size_t n = std::min(kChunk, count - first);
      std::vector<bool> t(n, false), d(n);
      for (size_t i = 0; i < n; ++i) d[i] = bit_at(tdi, first + i);
      if (exit && first + n == count) t[n - 1] = true;
      const std::vector<bool> in = clock(t, d, read);
      for (size_t i = 0; read && i < n; ++i) set_bit(tdo, first + i, in[i]);
    }
    return tdo;
  }

 private:
  static uint8_t bit(int pin) { return pin >= 0 ? static_cast<uint8_t>(1u << pin) : 0; }

  std::vector<bool> clock(const std::vector<bool>& tms, const std::vector<bool>& tdi, bool read) {
    std::vector<uint8_t> out;
    out.reserve(tms.size() * 2);
    for (size_t i = 0; i < tms.size(); ++i) {
      const auto low = static_cast<uint8_t>((tms[i] ? bit(pins_.tms) : 0) | (tdi[i] ? bit(pins_.tdi) : 0));
      out.push_back(low);
      out.push_back(static_cast<uint8_t>(low | bit(pins_.tck)));
    }
    port_.write(out);
    std::vector<uint8_t> in(out.size());
    port_.read(in);  // always: every byte written comes back
    std::vector<bool> tdo;
    if (read)
      for (size_t i = 0; i < tms.size(); ++i) tdo.push_back(in[2 * i + 1] & bit(pins_.tdo));
    return tdo;
  }

  FtdiPort& port_;
  PinMap pins_;
};

uint8_t reverse_bits(uint8_t b) {
  uint8_t r = 0;
  for (int i = 0; i < 8; ++i) r = static_cast<uint8_t>(r | (((b >> i) & 1) << (7 - i)));
  return r;
}

}  // namespace

std::unique_ptr<JtagCable> open_jtag_cable(FtdiPort& port, const ProgramLink& link) {
  const PinMap& p = link.pins;
  if (link.mode == FtdiMode::SyncBitbang) return std::make_unique<BitbangJtag>(port, p);
  if (p.tck != 0 || p.tdi != 1 || p.tdo != 2 || p.tms != 3)
    throw HostError(ErrorKind::Usage, fmt::format("{}: MPSSE JTAG needs TCK, TDI, TDO, TMS on ADBUS0..3 (the pin map "
                                                  "says {}, {}, {}, {})",
                                                  port.name(), p.tck, p.tdi, p.tdo, p.tms));
  return std::make_unique<MpsseJtag>(port);
}

void Jtag::reset() {
  cable_.tms(0x1F, 5);  // five TMS highs reach Test-Logic-Reset from anywhere
  cable_.tms(0x00, 1);  // Run-Test/Idle
}

void Jtag::ir(uint8_t instruction) {
  cable_.tms(0x03, 4);  // Idle -> Select-DR -> Select-IR -> Capture-IR -> Shift-IR (TMS 1, 1, 0, 0)
  cable_.shift(std::span(&instruction, 1), 8, true, false);
  cable_.tms(0x01, 2);  // Exit1-IR -> Update-IR -> Idle
}

std::vector<uint8_t> Jtag::dr(std::span<const uint8_t> data, size_t bits, bool read, BitOrder order) {
  std::vector<uint8_t> tdi(data.begin(), data.end());
  tdi.resize((bits + 7) / 8, 0);
  if (order == BitOrder::MsbFirst) std::transform(tdi.begin(), tdi.end(), tdi.begin(), reverse_bits);
  cable_.tms(0x01, 3);  // Idle -> Select-DR -> Capture-DR -> Shift-DR (TMS 1, 0, 0)
  std::vector<uint8_t> tdo = cable_.shift(tdi, bits, true, read);
  cable_.tms(0x01, 2);  // Exit1-DR -> Update-DR -> Idle
  if (order == BitOrder::MsbFirst) std::transform(tdo.begin(), tdo.end(), tdo.begin(), reverse_bits);
  return tdo;
}

void Jtag::dr_stream(std::span<const uint8_t> data, BitOrder order, const std::function<void(size_t)>& progress) {
  constexpr size_t kChunk = 16384;
  if (data.empty()) return;
  cable_.tms(0x01, 3);  // Idle -> Shift-DR
  std::vector<uint8_t> chunk;
  for (size_t pos = 0; pos < data.size(); pos += kChunk) {
    const auto part = data.subspan(pos, std::min(kChunk, data.size() - pos));
    chunk.assign(part.begin(), part.end());
    if (order == BitOrder::MsbFirst) std::transform(chunk.begin(), chunk.end(), chunk.begin(), reverse_bits);
    cable_.shift(chunk, chunk.size() * 8, pos + part.size() == data.size(), false);
    if (progress) progress(pos + part.size());
  }
  cable_.tms(0x01, 2);  // Exit1-DR -> Update-DR -> Idle
}

uint32_t Jtag::dr32(uint32_t value) {
  const std::array<uint8_t, 4> out{static_cast<uint8_t>(value), static_cast<uint8_t>(value >> 8),
                                   static_cast<uint8_t>(value >> 16), static_cast<uint8_t>(value >> 24)};
  const auto in = dr(out, 32, true);
  return uint32_t{in[0]} | uint32_t{in[1]} << 8 | uint32_t{in[2]} << 16 | uint32_t{in[3]} << 24;
}

void Jtag::idle(unsigned cycles) {
  for (; cycles > 0; cycles -= std::min(cycles, 7u)) cable_.tms(0x00, std::min(cycles, 7u));
}

}  // namespace corelab::host
