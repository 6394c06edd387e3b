// The error-kind table: names, corectl exit codes and one-line meanings.
#include "corelab/host/error.hpp"

#include <array>

namespace corelab::host {
namespace {

constexpr std::array kErrorKinds{
    ErrorKindInfo{ErrorKind::Usage, "usage", 64, "a bad option or argument"},
    ErrorKindInfo{ErrorKind::BadElf, "bad-elf", 65,
                  "the program file is missing, damaged or not an RV32 executable"},
    ErrorKindInfo{ErrorKind::ElfTooLarge, "elf-too-large", 66, "the program does not fit the target's RAM"},
    ErrorKindInfo{ErrorKind::DeviceNotFound, "device-not-found", 67, "no such serial port or FTDI device"},
    ErrorKindInfo{ErrorKind::PermissionDenied, "permission-denied", 68,
                  "the port exists but this user may not open it (boards/udev/60-corelab.rules)"},
    ErrorKindInfo{ErrorKind::PortBusy, "port-busy", 69, "another program has the port open"},
    ErrorKindInfo{ErrorKind::Timeout, "timeout", 70, "the device did not answer in time"},
    ErrorKindInfo{ErrorKind::ProtocolMismatch, "protocol-mismatch", 71,
                  "the device does not speak host link protocol version 1"},
    ErrorKindInfo{ErrorKind::CrcErrors, "crc-errors", 72,
                  "the link corrupted or lost frames more often than the retries could repair"},
    ErrorKindInfo{ErrorKind::DeviceError, "device-error", 73, "the device refused a command"},
    ErrorKindInfo{ErrorKind::VerifyMismatch, "verify-mismatch", 74,
                  "what was read back after a load or a flash write differs from what was written"},
    ErrorKindInfo{ErrorKind::Io, "io", 75, "the port failed or went away"},
    // 76 is kExitInternal.
    ErrorKindInfo{ErrorKind::BadBitstream, "bad-bitstream", 77,
                  "the file is missing or not a bitstream for the board's FPGA family"},
    ErrorKindInfo{ErrorKind::ImageTooLarge, "image-too-large", 78,
                  "the bitstream does not fit the configuration flash (nothing was erased)"},
    ErrorKindInfo{ErrorKind::UnknownFlash, "unknown-flash", 79,
                  "the SPI flash's JEDEC ID is not in corectl's table (--force), or no flash answers"},
    ErrorKindInfo{ErrorKind::ConfigFailed, "config-failed", 80,
                  "the FPGA did not configure: CDONE stayed low, or its status shows no DONE or a FAIL"},
};

}  // namespace

std::span<const ErrorKindInfo> error_kind_table() { return kErrorKinds; }

const ErrorKindInfo& error_kind_info(ErrorKind kind) { return kErrorKinds.at(static_cast<size_t>(kind)); }

HostError::HostError(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}

HostError HostError::timeout(const std::string& expected, const std::string& message, LinkCounts counts) {
  HostError e(ErrorKind::Timeout, message);
  e.expected_ = expected;
  e.counts_ = counts;
  return e;
}

HostError HostError::crc_errors(const std::string& message, LinkCounts counts) {
  HostError e(ErrorKind::CrcErrors, message);
  e.counts_ = counts;
  return e;
}

HostError HostError::device_error(uint8_t status, const std::string& message) {
  HostError e(ErrorKind::DeviceError, message);
  e.device_status_ = status;
  return e;
}

}  // namespace corelab::host
