// MPSSE set-up.
#include "corelab/host/mpsse.hpp"

#include <fmt/format.h>

#include "corelab/host/error.hpp"

namespace corelab::host {

void mpsse_init(FtdiPort& port, const std::array<uint8_t, 3>& set_low) {
  port.set_mode(FtdiMode::Mpsse, 0);
  // 0xAA is no MPSSE opcode: the engine answers 0xFA 0xAA ("bad command"), which shows it is alive
  // and that nothing stale sits in the receive path.
  const std::array<uint8_t, 1> bogus{0xAA};
  port.write(bogus);
  std::array<uint8_t, 2> answer{};
  port.read(answer);
  if (answer[0] != 0xFA || answer[1] != 0xAA)
    throw HostError(ErrorKind::Io, fmt::format("{}: the MPSSE engine answered {:02x} {:02x} to a bad command, not fa aa",
                                               port.name(), answer[0], answer[1]));
  // 60 MHz base (divide-by-5 off), no adaptive or 3-phase clocking, loopback off, divisor 4:
  // 60 MHz / ((1 + 4) * 2) = 6 MHz.
  const std::array<uint8_t, 10> setup{0x8A, 0x97, 0x8D, 0x85, 0x86, 0x04, 0x00, set_low[0], set_low[1], set_low[2]};
  port.write(setup);
}

uint8_t mpsse_read_low(FtdiPort& port) {
  const std::array<uint8_t, 2> cmd{0x81, 0x87};
  port.write(cmd);
  uint8_t v = 0;
  port.read(std::span(&v, 1));
  return v;
}

}  // namespace corelab::host
