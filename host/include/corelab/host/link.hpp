// Turning the user's choice of link (`--port`, `--ftdi`, or nothing) into an open Transport.
// New kinds of link (a simulated board: `--sim pipe`) are one more alternative of LinkSpec and
// one more branch of open_transport().
#pragma once

#include <memory>
#include <string>
#include <variant>

#include "corelab/host/boards.hpp"
#include "corelab/host/transport.hpp"

namespace corelab::host {

struct AutoLink {};         // the one serial port that looks like the board's
struct PortLink {
  std::string path;         // any tty: /dev/ttyUSB1, /dev/pts/5
};
struct FtdiLink {
  std::string selector;     // SERIAL|INDEX[:A|B], as given to --ftdi
};
using LinkSpec = std::variant<AutoLink, PortLink, FtdiLink>;

// Throws HostError (DeviceNotFound, PermissionDenied, PortBusy, Usage, Io).
std::unique_ptr<Transport> open_transport(const LinkSpec& spec, const BoardInfo& board, uint32_t baud);

// The port AutoLink picks: the only /dev/ttyUSB* or /dev/ttyACM*, or the only one matching the
// board's USB ids and FTDI interface. Throws DeviceNotFound (none) or Usage (several).
std::string find_board_port(const BoardInfo& board);

}  // namespace corelab::host
