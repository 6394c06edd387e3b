// SerialTransport: open O_NOCTTY, flock + TIOCEXCL so a second user is told the port is busy, and
// termios2 (not <termios.h>) so that any baud rate, standard or not, is one code path.
#include "corelab/host/serial_transport.hpp"

#include <asm/termbits.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>

#include "corelab/host/error.hpp"

namespace corelab::host {
namespace {

// Rates with their own Bxxx code; every other rate goes through BOTHER and c_ospeed.
struct StandardBaud {
  uint32_t rate;
  unsigned code;
};
constexpr std::array kStandardBauds{
    StandardBaud{9600, B9600},       StandardBaud{19200, B19200},     StandardBaud{38400, B38400},
    StandardBaud{57600, B57600},     StandardBaud{115200, B115200},   StandardBaud{230400, B230400},
    StandardBaud{460800, B460800},   StandardBaud{500000, B500000},   StandardBaud{576000, B576000},
    StandardBaud{921600, B921600},   StandardBaud{1000000, B1000000}, StandardBaud{1500000, B1500000},
    StandardBaud{2000000, B2000000}, StandardBaud{3000000, B3000000}, StandardBaud{4000000, B4000000},
};

constexpr std::string_view kUdevHint =
    "install boards/udev/60-corelab.rules (docs/corectl.md, \"Permissions\") or join the group that owns it";

UniqueFd open_port(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC));
  if (!fd) {
    const int e = errno;
    switch (e) {
      case ENOENT:
      case ENODEV:
      case ENXIO: throw HostError(ErrorKind::DeviceNotFound, fmt::format("{}: no such serial port", path));
      case EACCES:
      case EPERM:
        throw HostError(ErrorKind::PermissionDenied, fmt::format("{}: permission denied: {}", path, kUdevHint));
      case EBUSY:
        throw HostError(ErrorKind::PortBusy, fmt::format("{}: the port is busy (another program has it open)", path));
      default: throw HostError(ErrorKind::Io, fmt::format("{}: cannot open: {}", path, std::strerror(e)));
    }
  }
  if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK)
      throw HostError(ErrorKind::PortBusy,
                      fmt::format("{}: the port is busy (another corectl, or a terminal program, has it)", path));
    throw HostError(ErrorKind::Io, fmt::format("{}: cannot lock: {}", path, std::strerror(errno)));
  }
  termios2 t{};
  if (::ioctl(fd.get(), TCGETS2, &t) != 0)
    throw HostError(ErrorKind::DeviceNotFound, fmt::format("{}: not a serial port ({})", path, std::strerror(errno)));
  // Other open()s of the port now fail with EBUSY (root excepted) until we close it.
  ::ioctl(fd.get(), TIOCEXCL);
  return fd;
}

void configure(int fd, const std::string& path, uint32_t baud) {
  termios2 t{};
  if (::ioctl(fd, TCGETS2, &t) != 0)
    throw HostError(ErrorKind::Io, fmt::format("{}: cannot read the port settings: {}", path, std::strerror(errno)));
  // Raw: no line editing, echo, signals, flow control or CR/LF translation; 8N1, receiver on.
  t.c_iflag &= ~static_cast<tcflag_t>(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON | IXOFF |
                                      IXANY | INPCK);
  t.c_oflag &= ~static_cast<tcflag_t>(OPOST);
  t.c_lflag &= ~static_cast<tcflag_t>(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
  t.c_cflag &= ~static_cast<tcflag_t>(CSIZE | PARENB | CSTOPB | CRTSCTS | CBAUD | (CBAUD << IBSHIFT));
  t.c_cflag |= CS8 | CREAD | CLOCAL;
  t.c_cc[VMIN] = 1;
  t.c_cc[VTIME] = 0;
  const auto* std_rate = std::find_if(kStandardBauds.begin(), kStandardBauds.end(),
                                      [&](const StandardBaud& s) { return s.rate == baud; });
  const unsigned code = std_rate != kStandardBauds.end() ? std_rate->code : BOTHER;
  t.c_cflag |= code | (code << IBSHIFT);
  t.c_ispeed = t.c_ospeed = baud;
  if (::ioctl(fd, TCSETS2, &t) != 0)
    throw HostError(ErrorKind::Usage, fmt::format("{}: cannot set {} baud: {}", path, baud, std::strerror(errno)));
  const uint32_t got = tty_baud(fd);
  if (got != 0 && std::abs(static_cast<double>(got) - baud) > 0.03 * baud)
    throw HostError(ErrorKind::Usage,
                    fmt::format("{}: the driver cannot do {} baud (it offers {})", path, baud, got));
  ::ioctl(fd, TCFLSH, TCIOFLUSH);  // whatever arrived before we configured the port is stale
}

std::string read_line(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::string s;
  std::getline(in, s);
  return s;
}

std::optional<uint16_t> read_hex(const std::filesystem::path& p) {
  const std::string s = read_line(p);
  if (s.empty()) return std::nullopt;
  try {
    return static_cast<uint16_t>(std::stoul(s, nullptr, 16));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// Fills the USB facts of a tty from sysfs: its device directory is (below) a USB interface, whose
// parent is the USB device with idVendor/idProduct and the string descriptors.
void describe_from_sysfs(SerialPortInfo& info, const std::string& name) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path dev = fs::canonical(fs::path("/sys/class/tty") / name / "device", ec);
  if (ec) return;
  const fs::path drv = fs::read_symlink(dev / "driver", ec);
  if (!ec) info.driver = drv.filename().string();
  for (fs::path p = dev; p.has_relative_path() && p != p.root_path(); p = p.parent_path()) {
    if (!info.interface_number && fs::exists(p / "bInterfaceNumber")) {
      if (auto n = read_hex(p / "bInterfaceNumber")) info.interface_number = *n;
    }
    if (fs::exists(p / "idVendor")) {
      info.vid = read_hex(p / "idVendor");
      info.pid = read_hex(p / "idProduct");
      info.manufacturer = read_line(p / "manufacturer");
      info.product = read_line(p / "product");
      info.serial = read_line(p / "serial");
      if (info.driver.empty() || info.driver == "usb-serial") {
        const fs::path d = fs::read_symlink(dev.parent_path() / "driver", ec);
        if (!ec) info.driver = d.filename().string();
      }
      return;
    }
  }
}

}  // namespace

SerialTransport::SerialTransport(const std::string& path, uint32_t baud) : FdTransport(open_port(path), path, baud) {
  configure(in_fd(), path, baud);
  set_baud(baud);
}

SerialTransport::~SerialTransport() { ::ioctl(in_fd(), TIOCNXCL); }

uint32_t tty_baud(int fd) {
  termios2 t{};
  if (::ioctl(fd, TCGETS2, &t) != 0) return 0;
  return t.c_ospeed;
}

std::vector<SerialPortInfo> list_serial_ports() {
  namespace fs = std::filesystem;
  std::vector<SerialPortInfo> ports;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/dev", ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with("ttyUSB") && !name.starts_with("ttyACM")) continue;
    SerialPortInfo info;
    info.path = entry.path().string();
    describe_from_sysfs(info, name);
    ports.push_back(std::move(info));
  }
  std::sort(ports.begin(), ports.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  return ports;
}

}  // namespace corelab::host
