// SerialTransport on pseudo-terminals: raw mode, standard and non-standard baud rates, a busy or
// missing port, and a whole session over a PTY.
#include <gtest/gtest.h>
#include <pty.h>
#include <termios.h>

#include <fstream>

#include "corelab/host/serial_transport.hpp"
#include "corelab/host/session.hpp"
#include "fake_device.hpp"
#include "test_util.hpp"

namespace corelab::host::test {
namespace {

using namespace std::chrono_literals;

// A PTY pair: the master for the test (or the fake device), the slave's path for the transport.
// The test keeps its own raw slave descriptor open so the master never sees a hangup.
struct Pty {
  Pty() {
    int m = -1, s = -1;
    char name[256] = {};
    if (::openpty(&m, &s, name, nullptr, nullptr) != 0) std::abort();
    master.reset(m);
    keep_slave.reset(s);
    termios t{};
    ::tcgetattr(s, &t);
    ::cfmakeraw(&t);
    ::tcsetattr(s, TCSANOW, &t);
    path = name;
  }
  UniqueFd master;
  UniqueFd keep_slave;
  std::string path;
};

ErrorKind open_error(const std::string& path, uint32_t baud = 115200) {
  try {
    SerialTransport t(path, baud);
  } catch (const HostError& e) {
    return e.kind();
  }
  ADD_FAILURE() << path << " opened";
  return ErrorKind::Usage;
}

TEST(SerialTransport, SetsStandardAndNonStandardBaudRates) {
  Pty pty;
  for (uint32_t baud : {9600u, 115200u, 1000000u, 250000u, 123456u, 3000000u}) {
    SerialTransport t(pty.path, baud);
    EXPECT_EQ(tty_baud(pty.keep_slave.get()), baud) << "the port was not set to " << baud;
    EXPECT_EQ(t.baud(), baud);
  }
  termios t{};
  ::tcgetattr(pty.keep_slave.get(), &t);
  EXPECT_EQ(t.c_lflag & (ICANON | ECHO | ISIG), 0u) << "not raw";
  EXPECT_EQ(t.c_cflag & CSIZE, static_cast<tcflag_t>(CS8));
  EXPECT_EQ(t.c_cflag & (PARENB | CSTOPB), 0u) << "not 8N1";
}

TEST(SerialTransport, MovesBytesBothWaysWithTimeouts) {
  Pty pty;
  SerialTransport t(pty.path, 115200);
  std::array<uint8_t, 64> buf{};
  EXPECT_EQ(t.read(buf, 20ms), 0u) << "nothing was sent";
  const std::vector<uint8_t> out{0xC0, 0x00, 0x0A, 0x0D, 0xDB, 0x03, 0x11, 0x13};  // raw: no byte is special
  t.write(out);
  std::vector<uint8_t> got(out.size());
  size_t n = 0;
  while (n < got.size()) {
    const ssize_t r = ::read(pty.master.get(), got.data() + n, got.size() - n);
    ASSERT_GT(r, 0);
    n += static_cast<size_t>(r);
  }
  EXPECT_EQ(got, out);
  ASSERT_EQ(::write(pty.master.get(), out.data(), out.size()), static_cast<ssize_t>(out.size()));
  std::vector<uint8_t> back;
  for (int i = 0; i < 20 && back.size() < out.size(); ++i) {
    const size_t r = t.read(buf, 50ms);
    back.insert(back.end(), buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(r));
  }
  EXPECT_EQ(back, out);
}

TEST(SerialTransport, ReportsBusyMissingAndForeignPorts) {
  Pty pty;
  {
    SerialTransport first(pty.path, 115200);
    EXPECT_EQ(open_error(pty.path), ErrorKind::PortBusy);
  }
  SerialTransport again(pty.path, 115200);  // free once the first closed it
  EXPECT_EQ(open_error("/dev/ttyUSB-does-not-exist"), ErrorKind::DeviceNotFound);
  EXPECT_EQ(open_error("/dev/null"), ErrorKind::DeviceNotFound) << "not a tty";
}

// Opening a port without permission names the udev rules. Root may open anything, so as root the
// check runs in a child process that has dropped to the unprivileged user 65534 (nobody).
TEST(SerialTransport, ReportsPermissionDenied) {
  const TempDir dir("perm");
  const auto path = dir / "tty";
  { std::ofstream(path) << ""; }
  std::filesystem::permissions(path, std::filesystem::perms::none);
  std::filesystem::permissions(path.parent_path(), std::filesystem::perms::all);
  auto check = [&] {
    if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) std::_Exit(2);
    try {
      SerialTransport t(path.string(), 115200);
    } catch (const HostError& e) {
      const bool names_rules = std::string(e.what()).find("boards/udev/60-corelab.rules") != std::string::npos;
      std::_Exit(e.kind() == ErrorKind::PermissionDenied && names_rules ? 0 : 1);
    }
    std::_Exit(3);  // opened although it should not
  };
  EXPECT_EXIT(check(), ::testing::ExitedWithCode(0), "");
}

TEST(SerialTransport, CarriesASessionOverAPty) {
  Pty pty;
  FakeDeviceConfig cfg;
  FakeDevice fake(std::move(pty.master), cfg);
  SerialTransport link(pty.path, 1000000);
  SessionOptions opt;
  opt.timeout = 200ms;
  Session s(link, opt);
  EXPECT_EQ(s.attach().ram_size, cfg.ram_size);
  s.core_ctrl(CoreAction::Hold);
  std::vector<uint8_t> data(16 * 1024);
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<uint8_t>(i * 7 + (i >> 8));
  s.write_mem(0x80000000u, data);
  EXPECT_EQ(s.read_mem(0x80000000u, static_cast<uint32_t>(data.size())), data);
  EXPECT_EQ(s.stats().retries, 0u);
}

}  // namespace
}  // namespace corelab::host::test
