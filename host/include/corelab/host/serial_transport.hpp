// A serial port (any tty: USB-UART adapters, CDC-ACM boards, pseudo-terminals) as a Transport:
// opened exclusively, raw 8N1 at any baud rate the driver offers (termios2), and the list of the
// serial ports a board may sit on.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "corelab/host/transport.hpp"

namespace corelab::host {

class SerialTransport : public FdTransport {
 public:
  // Throws HostError: DeviceNotFound (no such port, not a tty), PermissionDenied, PortBusy (another
  // program holds it), Usage (a baud rate the driver cannot get within 3 %), Io.
  SerialTransport(const std::string& path, uint32_t baud);
  ~SerialTransport() override;
};

// The baud rate a tty is set to (as the driver reports it), for tests and diagnostics.
uint32_t tty_baud(int fd);

struct SerialPortInfo {
  std::string path;    // /dev/ttyUSB0
  std::string driver;  // ftdi_sio, cdc_acm, ...
  std::optional<uint16_t> vid, pid;
  std::optional<unsigned> interface_number;  // of the USB interface (FT2232: 0 = A, 1 = B)
  std::string manufacturer, product, serial;
};

// /dev/ttyUSB* and /dev/ttyACM*, with what sysfs says about their USB device, sorted by path.
std::vector<SerialPortInfo> list_serial_ports();

}  // namespace corelab::host
