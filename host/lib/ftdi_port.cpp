// open_ftdi_port: an FTDI interface in MPSSE or synchronous bit-bang mode through libftdi1. Not
// exercised here without hardware: the same drivers are tested against model/ftdi_model.cpp.
#include "corelab/host/ftdi_port.hpp"

#include <ftdi.h>

#include <chrono>
#include <fmt/format.h>
#include <thread>

#include "corelab/host/error.hpp"

namespace corelab::host {
namespace {

using Clock = std::chrono::steady_clock;

class LibftdiPort : public FtdiPort {
 public:
  explicit LibftdiPort(const FtdiPortSelector& s)
      : ctx_(ftdi_new()),
        name_(fmt::format("FTDI {:04x}:{:04x}{} interface {}", s.vid, s.pid,
                          s.serial ? " serial " + *s.serial : fmt::format(" #{}", s.index), s.interface)) {
    if (!ctx_) throw HostError(ErrorKind::DeviceNotFound, name_ + ": USB is not available (libusb failed to start)");
    constexpr ftdi_interface kInterfaces[] = {INTERFACE_A, INTERFACE_B, INTERFACE_C, INTERFACE_D};
    const unsigned itf = static_cast<unsigned>(s.interface - 'A');
    if (itf >= 4) throw HostError(ErrorKind::Usage, name_ + ": the interface is A, B, C or D");
    ftdi_set_interface(ctx_.get(), kInterfaces[itf]);
    ctx_->module_detach_mode = AUTO_DETACH_REATACH_SIO_MODULE;  // give the tty back afterwards
    const int rc = ftdi_usb_open_desc_index(ctx_.get(), s.vid, s.pid, nullptr,
                                            s.serial ? s.serial->c_str() : nullptr, s.index);
    if (rc == -3) throw HostError(ErrorKind::DeviceNotFound, name_ + ": no such device (see `corectl list`)");
    if (rc == -4)
      throw HostError(ErrorKind::PermissionDenied, name_ + ": cannot open it: install boards/udev/60-corelab.rules "
                                                           "(README, \"Permissions\")");
    if (rc == -5) throw HostError(ErrorKind::PortBusy, name_ + ": busy: another program holds the interface");
    check(rc, "cannot open");
    open_ = true;
    check(ftdi_usb_reset(ctx_.get()), "cannot reset");
    check(ftdi_set_latency_timer(ctx_.get(), 1), "cannot set the latency timer");
    ctx_->usb_read_timeout = 1000;
    ctx_->usb_write_timeout = 2000;
  }

  ~LibftdiPort() override {
    if (!open_) return;
    ftdi_set_bitmode(ctx_.get(), 0, BITMODE_RESET);
    ftdi_usb_close(ctx_.get());
  }

  void set_mode(FtdiMode mode, uint8_t outputs) override {
    check(ftdi_set_bitmode(ctx_.get(), 0, BITMODE_RESET), "cannot reset the bit mode");
    if (mode == FtdiMode::Mpsse) {
      check(ftdi_set_bitmode(ctx_.get(), 0, BITMODE_MPSSE), "cannot enter MPSSE mode");
    } else {
      // The pins change at a rate derived from the baud rate generator (FTDI AN_373).
      check(ftdi_set_baudrate(ctx_.get(), 1'000'000), "cannot set the bit-bang rate");
      check(ftdi_set_bitmode(ctx_.get(), outputs, BITMODE_SYNCBB), "cannot enter synchronous bit-bang mode");
    }
    check(ftdi_tcioflush(ctx_.get()), "cannot flush");
  }

  void write(std::span<const uint8_t> bytes) override {
    while (!bytes.empty()) {
      const int n = ftdi_write_data(ctx_.get(), bytes.data(), static_cast<int>(bytes.size()));
      check(n, "write failed");
      if (n == 0) throw HostError(ErrorKind::Timeout, name_ + ": the chip takes no more data");
      bytes = bytes.subspan(static_cast<size_t>(n));
    }
  }

  void read(std::span<uint8_t> buffer) override {
    const auto deadline = Clock::now() + std::chrono::seconds(2);
    size_t got = 0;
    while (got < buffer.size()) {
      const int n = ftdi_read_data(ctx_.get(), buffer.data() + got, static_cast<int>(buffer.size() - got));
      check(n, "read failed");
      got += static_cast<size_t>(n);
      if (n == 0 && Clock::now() > deadline)
        throw HostError::timeout(fmt::format("{} bytes from the chip", buffer.size()),
                                 fmt::format("{}: {} of {} bytes came back", name_, got, buffer.size()), {});
      if (n == 0) std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
  }

  std::string name() const override { return name_; }

 private:
  struct Free {
    void operator()(ftdi_context* c) const { ftdi_free(c); }
  };

  void check(int rc, const char* what) {
    if (rc < 0) throw HostError(ErrorKind::Io, fmt::format("{}: {}: {}", name_, what, ftdi_get_error_string(ctx_.get())));
  }

  std::unique_ptr<ftdi_context, Free> ctx_;
  std::string name_;
  bool open_ = false;
};

}  // namespace

std::unique_ptr<FtdiPort> open_ftdi_port(const FtdiPortSelector& selector) {
  return std::make_unique<LibftdiPort>(selector);
}

}  // namespace corelab::host
