// iCE40 programming over an FTDI interface in MPSSE mode, the iCEBreaker way: SPI on ADBUS0..2,
// the flash's chip select, CRESET_B and CDONE on other ADBUS pins. Holding CRESET_B low makes the
// FPGA let go of the SPI bus; releasing it with SPI_SS high boots from the flash, with SPI_SS low
// puts the FPGA in SPI slave mode for an SRAM load (Lattice FPGA-TN-02001, iCE40 Programming and
// Configuration).
#include <chrono>
#include <fmt/format.h>
#include <thread>

#include "corelab/host/error.hpp"
#include "corelab/host/fpga_programmer.hpp"
#include "corelab/host/mpsse.hpp"
#include "corelab/host/spi_nor.hpp"

namespace corelab::host {
namespace {

using std::chrono::milliseconds;

// Clocks sent after an SRAM image: the FPGA needs at least 49 after the wake-up command before CDONE
// rises and its I/Os come alive; 13 bytes give 104.
constexpr unsigned kWakeupBytes = 13;

// SPI on the MPSSE engine (mode 0: data out on the falling edge, in on the rising one, MSB first:
// opcodes 0x11 and 0x20) plus the GPIOs of the low byte.
class MpsseSpi : public SpiBus {
 public:
  MpsseSpi(FtdiPort& port, const PinMap& pins) : port_(port), pins_(pins) {
    if (pins.sck != 0 || pins.mosi != 1 || pins.miso != 2)
      throw HostError(ErrorKind::Usage, fmt::format("{}: MPSSE SPI needs SCK, MOSI, MISO on ADBUS0..2", port.name()));
    for (int p : {pins.cs, pins.creset, pins.cdone})
      if (p < 0 || p > 7) throw HostError(ErrorKind::Usage, "the iCE40 pins CS, CRESET, CDONE must be on ADBUS0..7");
    // CS# high and CRESET_B low first: the FPGA is held in reset and leaves the bus to us.
    value_ = bit(pins.cs);
    dir_ = static_cast<uint8_t>(bit(pins.sck) | bit(pins.mosi) | bit(pins.cs) | bit(pins.creset));
    mpsse_init(port_, {0x80, value_, dir_});
  }

  void set(int pin, bool high) {
    value_ = static_cast<uint8_t>(high ? value_ | bit(pin) : value_ & ~bit(pin));
    const std::array<uint8_t, 3> cmd{0x80, value_, dir_};
    port_.write(cmd);
  }
  bool get(int pin) { return (mpsse_read_low(port_) & bit(pin)) != 0; }

  void transfer(std::span<const uint8_t> out, std::span<uint8_t> in) override {
    set(pins_.cs, false);
    send(out);
    for (size_t pos = 0; pos < in.size(); pos += 1024) {  // small reads: the chip's buffer is 4 KiB
      const size_t n = std::min<size_t>(1024, in.size() - pos);
      const std::array<uint8_t, 4> cmd{0x20, static_cast<uint8_t>((n - 1) & 0xFF), static_cast<uint8_t>((n - 1) >> 8),
                                       0x87};
      port_.write(cmd);
      port_.read(in.subspan(pos, n));
    }
    set(pins_.cs, true);
  }

  void send(std::span<const uint8_t> out) {
    for (size_t pos = 0; pos < out.size(); pos += 65536) {
      const size_t n = std::min<size_t>(65536, out.size() - pos);
      std::vector<uint8_t> cmd{0x11, static_cast<uint8_t>((n - 1) & 0xFF), static_cast<uint8_t>((n - 1) >> 8)};
      cmd.insert(cmd.end(), out.begin() + static_cast<std::ptrdiff_t>(pos),
                 out.begin() + static_cast<std::ptrdiff_t>(pos + n));
      port_.write(cmd);
    }
  }

  void dummy_clocks(unsigned bytes) {  // 0x8F: clock bytes without data
    const std::array<uint8_t, 3> cmd{0x8F, static_cast<uint8_t>(bytes - 1), 0x00};
    port_.write(cmd);
  }

 private:
  static uint8_t bit(int pin) { return static_cast<uint8_t>(1u << pin); }
  FtdiPort& port_;
  PinMap pins_;
  uint8_t value_ = 0, dir_ = 0;
};

bool wait_cdone(MpsseSpi& spi, const PinMap& pins, milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!spi.get(pins.cdone)) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(milliseconds(1));
  }
  return true;
}

std::vector<std::string> flash(MpsseSpi& spi, const PinMap& pins, std::span<const uint8_t> image,
                               const FpgaProgramOptions& o) {
  SpiNor nor(spi);
  const FlashWriteResult r = write_flash_image(nor, image, {o.force, o.progress});
  spi.set(pins.cs, true);
  spi.set(pins.creset, true);  // with SPI_SS high: boot from the flash
  if (!wait_cdone(spi, pins, milliseconds(2000)))
    throw HostError(ErrorKind::ConfigFailed,
                    fmt::format("the flash holds the image (written and verified), but CDONE stayed low after "
                                "CRESET_B was released: the iCE40 did not accept the bitstream"));
  return {fmt::format("flash: {}", r.part),
          fmt::format("wrote {} bytes ({} KiB erased), verified; the iCE40 booted from it (CDONE high)", r.bytes,
                      r.erased / 1024)};
}

std::vector<std::string> load_sram(MpsseSpi& spi, const PinMap& pins, std::span<const uint8_t> image,
                                   const FpgaProgramOptions& o) {
  spi.set(pins.cs, false);  // SPI_SS low while CRESET_B rises: SPI slave mode
  std::this_thread::sleep_for(milliseconds(1));
  spi.set(pins.creset, true);
  std::this_thread::sleep_for(milliseconds(2));  // the FPGA clears its configuration memory first
  if (o.progress) o.progress(Progress{"load", 0, image.size(), 0});
  spi.send(image);
  spi.set(pins.cs, true);
  spi.dummy_clocks(kWakeupBytes);
  if (o.progress) o.progress(Progress{"load", image.size(), image.size(), 0});
  if (!spi.get(pins.cdone))
    throw HostError(ErrorKind::ConfigFailed, "CDONE stayed low after the SRAM load: the iCE40 did not accept the "
                                             "bitstream (truncated, for another device, or the board's SRAM "
                                             "jumpers not set)");
  return {fmt::format("loaded {} bytes into the iCE40's SRAM (CDONE high); the flash is unchanged", image.size())};
}

}  // namespace

std::vector<std::string> program_ice40(FtdiPort& port, const BoardInfo&, const ProgramLink& link,
                                       std::span<const uint8_t> image, const FpgaProgramOptions& options) {
  MpsseSpi spi(port, link.pins);
  return options.sram ? load_sram(spi, link.pins, image, options) : flash(spi, link.pins, image, options);
}

std::vector<std::string> detect_ice40(FtdiPort& port, const ProgramLink& link) {
  MpsseSpi spi(port, link.pins);  // holds the FPGA in reset while the flash is asked
  SpiNor nor(spi);
  nor.release_power_down();
  const uint32_t id = nor.jedec_id();
  const SpiNorPart* part = find_spi_nor(id);
  spi.set(link.pins.creset, true);
  const bool cdone = wait_cdone(spi, link.pins, milliseconds(2000));
  return {fmt::format("flash: {} (JEDEC ID {:06x})", part ? part->name : "unknown part", id),
          fmt::format("iCE40: {} after a reboot from the flash", cdone ? "configured (CDONE high)" : "not configured "
                                                                                                    "(CDONE low)")};
}

}  // namespace corelab::host
