// An FTDI USB-UART chip driven directly through libftdi1 (no ttyUSB needed): picked by serial
// number or index and interface A/B. The kernel's ftdi_sio driver is detached while corectl holds
// the interface and reattached when it lets go. Also: the table of FTDI chips and the device list.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "corelab/host/transport.hpp"

struct ftdi_context;

namespace corelab::host {

inline constexpr uint16_t kFtdiVendor = 0x0403;

// FTDI chips, told apart by product id and bcdDevice (as libftdi does).
struct FtdiChipInfo {
  uint16_t pid;
  uint16_t bcd_device;
  std::string_view name;
  unsigned interfaces;  // UART channels: A, B, ...
};
std::span<const FtdiChipInfo> ftdi_chip_table();
// The chip for a device, or nullptr if the table does not know it.
const FtdiChipInfo* find_ftdi_chip(uint16_t pid, uint16_t bcd_device);

// Which device: `--ftdi SERIAL|INDEX[:A|B]`. All digits is an index into list_ftdi_devices().
struct FtdiSelector {
  std::optional<std::string> serial;
  std::optional<unsigned> index;
  char interface = 'A';
};
// Throws HostError(Usage) for a malformed selector.
FtdiSelector parse_ftdi_selector(std::string_view text, char default_interface);

struct FtdiDeviceInfo {
  unsigned index = 0;
  uint16_t vid = 0, pid = 0, bcd_device = 0;
  std::string chip;  // "FT2232H", or "unknown (bcdDevice 0x1234)"
  unsigned interfaces = 1;
  uint8_t bus = 0, address = 0;
  bool accessible = false;  // this user may open it (else the strings below are empty)
  std::string manufacturer, description, serial;
};
// Every FTDI device with a product id from the chip table. Empty when there are none or USB is
// not available (a container without /dev/bus/usb).
std::vector<FtdiDeviceInfo> list_ftdi_devices();

class FtdiTransport : public Transport {
 public:
  // Throws HostError: DeviceNotFound, PermissionDenied, PortBusy, Usage (no such interface, a baud
  // rate the chip cannot do), Io.
  FtdiTransport(const FtdiSelector& selector, uint32_t baud);
  ~FtdiTransport() override;

  void write(std::span<const uint8_t> bytes) override;
  size_t read(std::span<uint8_t> buffer, std::chrono::milliseconds timeout) override;
  std::string name() const override { return name_; }
  uint32_t baud() const override { return baud_; }

 private:
  struct ContextDeleter {
    void operator()(ftdi_context* ctx) const;
  };
  std::unique_ptr<ftdi_context, ContextDeleter> ctx_;
  bool open_ = false;
  std::string name_;
  uint32_t baud_ = 0;
};

}  // namespace corelab::host
