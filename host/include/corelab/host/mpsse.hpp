// The MPSSE set-up shared by the SPI and JTAG drivers (FTDI AN_108, AN_135).
#pragma once

#include <array>
#include <cstdint>

#include "corelab/host/ftdi_port.hpp"

namespace corelab::host {

// Enters MPSSE mode, checks that the engine is in step (an invalid opcode must come back as 0xFA and
// the opcode), sets a 6 MHz clock from the 60 MHz base, and sets the low GPIO byte with
// `set_low` = {0x80, value, direction}.
void mpsse_init(FtdiPort& port, const std::array<uint8_t, 3>& set_low);
// The levels of ADBUS0..7 (0x81).
uint8_t mpsse_read_low(FtdiPort& port);

}  // namespace corelab::host
