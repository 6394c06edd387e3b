// FtdiTransport and the FTDI device list, on libftdi1 (and libusb for descriptors and bus numbers).
#include "corelab/host/ftdi_transport.hpp"

#include <ftdi.h>
#include <libusb.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <fmt/format.h>
#include <thread>

#include "corelab/host/error.hpp"

namespace corelab::host {
namespace {

// bcdDevice tells the chip generation (libftdi's own rule); pid narrows the family.
constexpr std::array kFtdiChips{
    FtdiChipInfo{0x6001, 0x0200, "FT232AM", 1},  FtdiChipInfo{0x6001, 0x0400, "FT232BM", 1},
    FtdiChipInfo{0x6001, 0x0600, "FT232R", 1},   FtdiChipInfo{0x6010, 0x0500, "FT2232C/D", 2},
    FtdiChipInfo{0x6010, 0x0700, "FT2232H", 2},  FtdiChipInfo{0x6011, 0x0800, "FT4232H", 4},
    FtdiChipInfo{0x6014, 0x0900, "FT232H", 1},   FtdiChipInfo{0x6015, 0x1000, "FT-X (FT230X/FT231X)", 1},
};

// The product ids we look for, once each, in table order.
std::vector<uint16_t> known_pids() {
  std::vector<uint16_t> pids;
  for (const auto& c : kFtdiChips)
    if (std::find(pids.begin(), pids.end(), c.pid) == pids.end()) pids.push_back(c.pid);
  return pids;
}

struct ListDeleter {
  void operator()(ftdi_device_list* l) const { ftdi_list_free2(l); }
};
using DeviceList = std::unique_ptr<ftdi_device_list, ListDeleter>;

struct FoundDevice {
  libusb_device* dev;  // valid while the DeviceList lives
  FtdiDeviceInfo info;
};

std::string usb_node(uint8_t bus, uint8_t address) { return fmt::format("/dev/bus/usb/{:03}/{:03}", bus, address); }

// Every known FTDI device, in a stable order (pid from the table, then libusb's order).
std::vector<FoundDevice> find_devices(ftdi_context* ctx, std::vector<DeviceList>& keep) {
  std::vector<FoundDevice> found;
  for (uint16_t pid : known_pids()) {
    ftdi_device_list* raw = nullptr;
    const int n = ftdi_usb_find_all(ctx, &raw, kFtdiVendor, pid);
    DeviceList list(raw);
    if (n <= 0) continue;
    for (ftdi_device_list* d = list.get(); d; d = d->next) {
      FoundDevice f{d->dev, {}};
      libusb_device_descriptor desc{};
      if (libusb_get_device_descriptor(d->dev, &desc) != 0) continue;
      auto& i = f.info;
      i.index = static_cast<unsigned>(found.size());
      i.vid = desc.idVendor;
      i.pid = desc.idProduct;
      i.bcd_device = desc.bcdDevice;
      if (const FtdiChipInfo* chip = find_ftdi_chip(i.pid, i.bcd_device)) {
        i.chip = std::string(chip->name);
        i.interfaces = chip->interfaces;
      } else {
        i.chip = fmt::format("unknown (bcdDevice 0x{:04x})", i.bcd_device);
      }
      i.bus = libusb_get_bus_number(d->dev);
      i.address = libusb_get_device_address(d->dev);
      i.accessible = ::access(usb_node(i.bus, i.address).c_str(), R_OK | W_OK) == 0;
      if (i.accessible) {
        std::array<char, 128> man{}, desc_str{}, serial{};
        if (ftdi_usb_get_strings2(ctx, d->dev, man.data(), man.size(), desc_str.data(), desc_str.size(),
                                  serial.data(), serial.size()) == 0) {
          i.manufacturer = man.data();
          i.description = desc_str.data();
          i.serial = serial.data();
        }
      }
      found.push_back(f);
    }
    keep.push_back(std::move(list));
  }
  return found;
}

struct FreeContext {
  void operator()(ftdi_context* ctx) const { ftdi_free(ctx); }
};

}  // namespace

std::span<const FtdiChipInfo> ftdi_chip_table() { return kFtdiChips; }

const FtdiChipInfo* find_ftdi_chip(uint16_t pid, uint16_t bcd_device) {
  for (const auto& c : kFtdiChips)
    if (c.pid == pid && c.bcd_device == bcd_device) return &c;
  return nullptr;
}

FtdiSelector parse_ftdi_selector(std::string_view text, char default_interface) {
  FtdiSelector s;
  s.interface = default_interface;
  std::string_view who = text;
  if (const auto colon = text.rfind(':'); colon != std::string_view::npos) {
    const std::string_view itf = text.substr(colon + 1);
    if (itf.size() != 1 || (std::toupper(itf[0]) != 'A' && std::toupper(itf[0]) != 'B'))
      throw HostError(ErrorKind::Usage, fmt::format("--ftdi {}: the interface after ':' is A or B", text));
    s.interface = static_cast<char>(std::toupper(itf[0]));
    who = text.substr(0, colon);
  }
  if (who.empty()) throw HostError(ErrorKind::Usage, fmt::format("--ftdi {}: give a serial number or an index", text));
  if (std::all_of(who.begin(), who.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
    s.index = static_cast<unsigned>(std::stoul(std::string(who)));
  else
    s.serial = std::string(who);
  return s;
}

std::vector<FtdiDeviceInfo> list_ftdi_devices() {
  std::unique_ptr<ftdi_context, FreeContext> ctx(ftdi_new());
  if (!ctx) return {};  // libusb cannot start: no USB here
  std::vector<DeviceList> keep;
  std::vector<FtdiDeviceInfo> out;
  for (auto& f : find_devices(ctx.get(), keep)) out.push_back(std::move(f.info));
  return out;
}

void FtdiTransport::ContextDeleter::operator()(ftdi_context* ctx) const { ftdi_free(ctx); }

FtdiTransport::FtdiTransport(const FtdiSelector& selector, uint32_t baud) : ctx_(ftdi_new()), baud_(baud) {
  const std::string who = selector.serial ? "serial " + *selector.serial : fmt::format("index {}", *selector.index);
  if (!ctx_)
    throw HostError(ErrorKind::DeviceNotFound, "FTDI " + who + ": USB is not available (libusb failed to start)");

  std::vector<DeviceList> keep;
  const std::vector<FoundDevice> devices = find_devices(ctx_.get(), keep);
  const FoundDevice* pick = nullptr;
  bool unreadable = false;  // a device whose serial we could not read for lack of permission
  for (const auto& d : devices) {
    if (selector.index && d.info.index == *selector.index) pick = &d;
    if (selector.serial && d.info.serial == *selector.serial) pick = &d;
    unreadable |= !d.info.accessible;
  }
  if (!pick) {
    if (unreadable)
      throw HostError(ErrorKind::PermissionDenied,
                      "FTDI " + who + ": not found among the FTDI devices this user may open: install "
                      "boards/udev/60-corelab.rules (docs/corectl.md, \"Permissions\")");
    throw HostError(ErrorKind::DeviceNotFound,
                    fmt::format("FTDI {}: no such device ({} FTDI device{} found; see `corectl list`)", who,
                                devices.size(), devices.size() == 1 ? "" : "s"));
  }
  const FtdiDeviceInfo& info = pick->info;
  const unsigned itf = static_cast<unsigned>(selector.interface - 'A');
  if (itf >= info.interfaces)
    throw HostError(ErrorKind::Usage,
                    fmt::format("FTDI {}: the {} has no interface {}", who, info.chip, selector.interface));
  name_ = fmt::format("FTDI {} {} interface {}", info.chip, info.serial.empty() ? who : "serial " + info.serial,
                      selector.interface);
  if (!info.accessible)
    throw HostError(ErrorKind::PermissionDenied,
                    fmt::format("{}: permission denied on {}: install boards/udev/60-corelab.rules "
                                "(docs/corectl.md, \"Permissions\")",
                                name_, usb_node(info.bus, info.address)));

  ftdi_set_interface(ctx_.get(), itf == 0 ? INTERFACE_A : INTERFACE_B);
  // Unbind ftdi_sio from this interface while we hold it; libusb binds it again on release.
  ctx_->module_detach_mode = AUTO_DETACH_REATACH_SIO_MODULE;
  const int rc = ftdi_usb_open_dev(ctx_.get(), pick->dev);
  if (rc == -5)  // libftdi: "unable to claim usb device"
    throw HostError(ErrorKind::PortBusy, fmt::format("{}: busy: another program holds the interface ({})", name_,
                                                     ftdi_get_error_string(ctx_.get())));
  if (rc < 0)
    throw HostError(ErrorKind::Io, fmt::format("{}: cannot open: {}", name_, ftdi_get_error_string(ctx_.get())));
  open_ = true;

  auto check = [&](int r, const char* what) {
    if (r < 0)
      throw HostError(ErrorKind::Io, fmt::format("{}: {}: {}", name_, what, ftdi_get_error_string(ctx_.get())));
  };
  if (ftdi_set_baudrate(ctx_.get(), static_cast<int>(baud)) < 0)
    throw HostError(ErrorKind::Usage,
                    fmt::format("{}: cannot set {} baud: {}", name_, baud, ftdi_get_error_string(ctx_.get())));
  baud_ = static_cast<uint32_t>(ctx_->baudrate);
  check(ftdi_set_line_property(ctx_.get(), BITS_8, STOP_BIT_1, NONE), "cannot set 8N1");
  check(ftdi_setflowctrl(ctx_.get(), SIO_DISABLE_FLOW_CTRL), "cannot turn flow control off");
  // The chip sends what it has after this many ms; short, so responses are not held back.
  check(ftdi_set_latency_timer(ctx_.get(), 2), "cannot set the latency timer");
  check(ftdi_tcioflush(ctx_.get()), "cannot flush");
  ctx_->usb_read_timeout = 100;
  ctx_->usb_write_timeout = 2000;
}

FtdiTransport::~FtdiTransport() {
  if (open_) ftdi_usb_close(ctx_.get());
}

void FtdiTransport::write(std::span<const uint8_t> bytes) {
  const int n = ftdi_write_data(ctx_.get(), bytes.data(), static_cast<int>(bytes.size()));
  if (n < 0)
    throw HostError(ErrorKind::Io, fmt::format("{}: write failed: {}", name_, ftdi_get_error_string(ctx_.get())));
  if (static_cast<size_t>(n) != bytes.size())
    throw HostError(ErrorKind::Timeout, fmt::format("{}: the chip took {} of {} bytes", name_, n, bytes.size()));
}

size_t FtdiTransport::read(std::span<uint8_t> buffer, std::chrono::milliseconds timeout) {
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    // Returns within a latency period (2 ms): the chip reports status even without data.
    const int n = ftdi_read_data(ctx_.get(), buffer.data(), static_cast<int>(buffer.size()));
    if (n > 0) return static_cast<size_t>(n);
    if (n < 0)
      throw HostError(ErrorKind::Io, fmt::format("{}: read failed: {} (was the board unplugged?)", name_,
                                                 ftdi_get_error_string(ctx_.get())));
    if (Clock::now() >= deadline) return 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

}  // namespace corelab::host
