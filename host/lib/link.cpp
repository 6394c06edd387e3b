// open_transport: one branch per kind of link.
#include "corelab/host/link.hpp"

#include <fmt/format.h>

#include "corelab/host/error.hpp"
#include "corelab/host/ftdi_transport.hpp"
#include "corelab/host/serial_transport.hpp"

namespace corelab::host {

std::string find_board_port(const BoardInfo& board) {
  const auto ports = list_serial_ports();
  if (ports.empty())
    throw HostError(ErrorKind::DeviceNotFound,
                    "no serial port found (/dev/ttyUSB*, /dev/ttyACM*): connect the board, or give --port or --ftdi");
  if (ports.size() == 1) return ports.front().path;
  std::vector<std::string> matching;
  if (board.usb_vid != 0) {
    const unsigned itf = static_cast<unsigned>(board.ftdi_interface - 'A');
    for (const auto& p : ports)
      if (p.vid == board.usb_vid && p.pid == board.usb_pid && (!p.interface_number || *p.interface_number == itf))
        matching.push_back(p.path);
    if (matching.size() == 1) return matching.front();
  }
  std::string all;
  for (const auto& p : ports) all += (all.empty() ? "" : ", ") + p.path;
  throw HostError(ErrorKind::Usage, fmt::format("several serial ports ({}): choose one with --port", all));
}

std::unique_ptr<Transport> open_transport(const LinkSpec& spec, const BoardInfo& board, uint32_t baud) {
  if (const auto* port = std::get_if<PortLink>(&spec)) return std::make_unique<SerialTransport>(port->path, baud);
  if (const auto* ftdi = std::get_if<FtdiLink>(&spec))
    return std::make_unique<FtdiTransport>(parse_ftdi_selector(ftdi->selector, board.ftdi_interface), baud);
  return std::make_unique<SerialTransport>(find_board_port(board), baud);
}

}  // namespace corelab::host
