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
                  "the RAM read back after a load differs from the program"},
    ErrorKindInfo{ErrorKind::Io, "io", 75, "the port failed or went away"},
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
