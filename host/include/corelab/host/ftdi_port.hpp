// The byte-level view of one FTDI interface used for programming: open it by USB ids, serial number
// and interface, put it in MPSSE mode (FT2232H/FT232H/FT4232H) or synchronous bit-bang mode (FT-X
// chips such as the FT231X, which have no MPSSE engine), then write command or pin bytes and read
// what comes back. The JTAG and SPI drivers speak only to this interface, so the same code runs on a
// real chip (open_ftdi_port, libftdi1) and on a simulated board (model/ftdi_model.hpp).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "corelab/host/boards.hpp"

namespace corelab::host {

class FtdiPort {
 public:
  FtdiPort() = default;
  FtdiPort(const FtdiPort&) = delete;
  FtdiPort& operator=(const FtdiPort&) = delete;
  virtual ~FtdiPort() = default;

  // MPSSE: `outputs` is ignored (the engine's 0x80/0x82 commands set directions). Sync bit-bang:
  // `outputs` has a 1 for every pin the chip drives.
  virtual void set_mode(FtdiMode mode, uint8_t outputs) = 0;
  // Sends every byte or throws HostError.
  virtual void write(std::span<const uint8_t> bytes) = 0;
  // Fills `buffer` completely or throws HostError(Timeout): the chip answers every command it was
  // given, so a short read is a fault.
  virtual void read(std::span<uint8_t> buffer) = 0;
  // For messages: "FTDI 0403:6010 interface A".
  virtual std::string name() const = 0;
};

struct FtdiPortSelector {
  uint16_t vid = 0;
  uint16_t pid = 0;
  char interface = 'A';
  std::optional<std::string> serial;  // the first matching chip when absent
  unsigned index = 0;                 // which of several matching chips (libftdi's order)
};

// The real chip through libftdi1. Throws HostError: DeviceNotFound, PermissionDenied, PortBusy, Io.
std::unique_ptr<FtdiPort> open_ftdi_port(const FtdiPortSelector& selector);

}  // namespace corelab::host
