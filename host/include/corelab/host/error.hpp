// Typed errors of the host library. Every kind has one exit code of corectl; the table below is the
// single source of both (docs/corectl.md lists it for users).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace corelab::host {

enum class ErrorKind : uint8_t {
  Usage,             // a bad option or argument
  BadElf,            // the program file is missing, damaged or not an RV32 executable
  ElfTooLarge,       // the program does not fit the target's RAM
  DeviceNotFound,    // no such port or FTDI device
  PermissionDenied,  // the port exists but this user may not open it
  PortBusy,          // another program has the port open
  Timeout,           // the device did not answer
  ProtocolMismatch,  // the device answers, but not in protocol version 1
  CrcErrors,         // the link corrupts or loses too many frames
  DeviceError,       // the device refused a command (a non-zero status)
  VerifyMismatch,    // read-back after a load or a flash write differs from what was written
  Io,                // the port failed or went away
  BadBitstream,      // the file is missing or not a bitstream for the board's FPGA family
  ImageTooLarge,     // the bitstream does not fit the configuration flash
  UnknownFlash,      // the SPI flash's JEDEC ID is not in the table (or no flash answers)
  ConfigFailed,      // the FPGA did not configure (CDONE low, or DONE clear / FAIL set in its status)
};

struct ErrorKindInfo {
  ErrorKind kind;
  std::string_view name;
  int exit_code;
  std::string_view meaning;
};

// One row per kind, in the order of the enum.
std::span<const ErrorKindInfo> error_kind_table();
const ErrorKindInfo& error_kind_info(ErrorKind kind);

// corectl's exit codes that are not errors of the library.
inline constexpr int kExitOk = 0;
inline constexpr int kExitProgramMax = 63;     // `run`: a program status above this reads as 63
inline constexpr int kExitInternal = 76;       // an unexpected failure: a bug in corectl
inline constexpr int kExitInterrupted = 130;   // Ctrl-C (SIGINT) or SIGTERM

// Counts of link trouble, carried by CrcErrors and Timeout errors.
struct LinkCounts {
  uint64_t bad_frames = 0;  // received frames dropped for a bad CRC, length or escape
  uint64_t retries = 0;     // command frames sent again
  uint64_t timeouts = 0;    // waits for a response that ran out
};

class HostError : public std::runtime_error {
 public:
  HostError(ErrorKind kind, const std::string& message);

  ErrorKind kind() const { return kind_; }
  int exit_code() const { return error_kind_info(kind_).exit_code; }

  // Timeout: what the host waited for ("a response to IDENTIFY").
  static HostError timeout(const std::string& expected, const std::string& message, LinkCounts counts);
  static HostError crc_errors(const std::string& message, LinkCounts counts);
  static HostError device_error(uint8_t status, const std::string& message);

  const std::string& expected() const { return expected_; }
  const LinkCounts& counts() const { return counts_; }
  std::optional<uint8_t> device_status() const { return device_status_; }

 private:
  ErrorKind kind_;
  std::string expected_;
  LinkCounts counts_;
  std::optional<uint8_t> device_status_;
};

}  // namespace corelab::host
