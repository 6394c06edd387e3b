// The messages of host link protocol version 1 (docs/protocol.md, "Commands"): a struct per request
// and per response, their encoding into frames and back, and the protocol's tables of names.
// Both sides are here so that tests (and a simulated device) can speak the protocol too.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "corelab/host/framing.hpp"

namespace corelab::host {

inline constexpr uint16_t kProtocolVersion = 1;
inline constexpr uint8_t kResponseFlag = 0x80;  // a response's cmd is the request's | 0x80
inline constexpr size_t kMaxWriteData = 1020;   // WRITE_MEM data bytes per frame
inline constexpr size_t kMaxReadLen = 1024;     // READ_MEM len as the request allows it
// What the host asks for per READ_MEM: the answer carries a status byte before the data, and
// 1 + 1024 bytes would exceed the 1024-byte payload limit of a frame.
inline constexpr size_t kMaxReadChunk = 1020;
inline constexpr size_t kMaxConsoleChunk = 64;  // CONSOLE / CONSOLE_IN bytes per frame
inline constexpr unsigned kMaxInFlight = 4;     // WRITE_MEM frames the host may pipeline

enum class Cmd : uint8_t {
  Identify = 0x01,
  WriteMem = 0x02,
  ReadMem = 0x03,
  CoreCtrl = 0x04,
  SetStart = 0x05,
  Status = 0x06,
  ReadCounters = 0x07,
  CountersCtrl = 0x08,
  Attach = 0x09,
  Detach = 0x0A,
  ConsoleIn = 0x0B,
  Console = 0x40,  // device-initiated
  Exited = 0x41,   // device-initiated
};

enum class DeviceStatus : uint8_t { Ok = 0, UnknownCommand = 1, BadArguments = 2, BadAddress = 3, BadState = 4 };
enum class CoreAction : uint8_t { Hold = 0, Release = 1, Halt = 2, Resume = 3 };
enum class CoreState : uint8_t { Reset = 0, Running = 1, Halted = 2, Exited = 3 };
enum class CountersAction : uint8_t { Zero = 0, Freeze = 1, Unfreeze = 2 };
enum class CoreKind : uint8_t { Iss = 0, Pipe = 1, Ooo = 2 };

// ---- tables of names ----
struct CommandInfo {
  Cmd cmd;
  std::string_view name;
  bool from_device;  // a notification the device sends on its own (seq 0, no response)
};
std::span<const CommandInfo> command_table();

struct NamedCode {
  uint8_t code;
  std::string_view name;
};
std::span<const NamedCode> status_table();       // status byte -> meaning
std::span<const NamedCode> core_kind_table();    // core_kind -> "iss", "pipe", "ooo"
std::span<const NamedCode> core_state_table();   // STATUS state -> "held in reset", ...
std::span<const NamedCode> core_action_table();  // CORE_CTRL action -> "hold", ...
std::span<const NamedCode> counters_action_table();

// Names for messages; an unknown code reads as "unknown (0x..)".
std::string command_name(uint8_t cmd);  // a response reads "IDENTIFY response"
std::string status_text(uint8_t status);
std::string core_kind_name(uint8_t kind);
std::string core_state_name(uint8_t state);
std::string core_action_name(uint8_t action);
std::string counters_action_name(uint8_t action);

// ---- requests (host -> device) ----
struct IdentifyRequest {
  friend bool operator==(const IdentifyRequest&, const IdentifyRequest&) = default;
};
struct WriteMemRequest {
  uint32_t addr = 0;
  std::vector<uint8_t> data;  // 4 .. 1020 bytes, a multiple of 4
  friend bool operator==(const WriteMemRequest&, const WriteMemRequest&) = default;
};
struct ReadMemRequest {
  uint32_t addr = 0;
  uint16_t len = 0;  // 4 .. 1024, a multiple of 4
  friend bool operator==(const ReadMemRequest&, const ReadMemRequest&) = default;
};
struct CoreCtrlRequest {
  CoreAction action = CoreAction::Hold;
  friend bool operator==(const CoreCtrlRequest&, const CoreCtrlRequest&) = default;
};
struct SetStartRequest {
  uint32_t addr = 0;
  friend bool operator==(const SetStartRequest&, const SetStartRequest&) = default;
};
struct StatusRequest {
  friend bool operator==(const StatusRequest&, const StatusRequest&) = default;
};
struct ReadCountersRequest {
  friend bool operator==(const ReadCountersRequest&, const ReadCountersRequest&) = default;
};
struct CountersCtrlRequest {
  CountersAction action = CountersAction::Zero;
  friend bool operator==(const CountersCtrlRequest&, const CountersCtrlRequest&) = default;
};
struct AttachRequest {
  friend bool operator==(const AttachRequest&, const AttachRequest&) = default;
};
struct DetachRequest {
  friend bool operator==(const DetachRequest&, const DetachRequest&) = default;
};
struct ConsoleInRequest {
  std::vector<uint8_t> data;  // 1 .. 64 bytes
  friend bool operator==(const ConsoleInRequest&, const ConsoleInRequest&) = default;
};

// The alternatives are in command order: index i is command i + 1.
using Request = std::variant<IdentifyRequest, WriteMemRequest, ReadMemRequest, CoreCtrlRequest, SetStartRequest,
                             StatusRequest, ReadCountersRequest, CountersCtrlRequest, AttachRequest, DetachRequest,
                             ConsoleInRequest>;

Cmd request_cmd(const Request& request);
// "WRITE_MEM 0x80000400 (1020 bytes)", for error messages.
std::string describe(const Request& request);
// Throws std::invalid_argument for a request the protocol does not allow (sizes, alignment).
Frame encode_request(const Request& request, uint8_t seq);

// What a device makes of a request frame: a request, or the status to refuse it with (unknown
// command, bad length or arguments). Address checks are the device's business (status 3).
struct DecodedRequest {
  DeviceStatus status = DeviceStatus::Ok;
  Request request;
};
DecodedRequest decode_request(const Frame& frame);

// ---- responses (device -> host) ----
struct Identity {
  uint16_t proto_version = kProtocolVersion;
  uint16_t descriptor_version = 0;
  uint8_t core_kind = 0;
  uint8_t num_hpm = 0;
  uint16_t events_version = 0;
  uint32_t misa = 0;
  uint32_t clock_hz = 0;
  uint32_t ram_base = 0;
  uint32_t ram_size = 0;
  uint32_t baud = 0;
  uint8_t line_words = 0;
  uint8_t flags = 0;
  bool caches() const { return (flags & 1u) != 0; }
  friend bool operator==(const Identity&, const Identity&) = default;
};
inline constexpr size_t kIdentitySize = 30;

struct WriteMemResult {
  friend bool operator==(const WriteMemResult&, const WriteMemResult&) = default;
};
struct ReadMemResult {
  std::vector<uint8_t> data;
  friend bool operator==(const ReadMemResult&, const ReadMemResult&) = default;
};
struct CoreCtrlResult {
  CoreState state = CoreState::Reset;
  friend bool operator==(const CoreCtrlResult&, const CoreCtrlResult&) = default;
};
struct SetStartResult {
  friend bool operator==(const SetStartResult&, const SetStartResult&) = default;
};
struct StatusResult {
  CoreState state = CoreState::Reset;
  uint32_t exit_code = 0;  // valid in state Exited
  uint64_t mtime = 0;
  friend bool operator==(const StatusResult&, const StatusResult&) = default;
};
struct HpmCounter {
  uint8_t event = 0;  // spec/hpm_events.h number
  uint64_t count = 0;
  friend bool operator==(const HpmCounter&, const HpmCounter&) = default;
};
struct CounterSnapshot {
  uint64_t mcycle = 0;
  uint64_t minstret = 0;
  std::vector<HpmCounter> hpm;  // mhpmcounter3, 4, ...
  friend bool operator==(const CounterSnapshot&, const CounterSnapshot&) = default;
};
struct CountersCtrlResult {
  friend bool operator==(const CountersCtrlResult&, const CountersCtrlResult&) = default;
};
struct AttachResult {
  friend bool operator==(const AttachResult&, const AttachResult&) = default;
};
struct DetachResult {
  friend bool operator==(const DetachResult&, const DetachResult&) = default;
};
struct ConsoleInResult {
  uint8_t accepted = 0;
  friend bool operator==(const ConsoleInResult&, const ConsoleInResult&) = default;
};

// In command order, like Request.
using ResponseBody = std::variant<Identity, WriteMemResult, ReadMemResult, CoreCtrlResult, SetStartResult,
                                  StatusResult, CounterSnapshot, CountersCtrlResult, AttachResult, DetachResult,
                                  ConsoleInResult>;

struct Response {
  uint8_t cmd = 0;  // the request's command (without the response flag)
  uint8_t seq = 0;
  uint8_t status = 0;
  std::optional<ResponseBody> body;  // present when status is 0
  bool ok() const { return status == static_cast<uint8_t>(DeviceStatus::Ok); }
};

Frame encode_response(uint8_t seq, const ResponseBody& body);  // status ok
Frame encode_error_response(uint8_t cmd, uint8_t seq, DeviceStatus status);
// Throws HostError(ProtocolMismatch) for a frame that is no well-formed response.
Response decode_response(const Frame& frame);

// ---- notifications (device -> host, seq 0) ----
struct ConsoleOutput {
  std::vector<uint8_t> data;  // 1 .. 64 bytes of program output
  friend bool operator==(const ConsoleOutput&, const ConsoleOutput&) = default;
};
struct ExitNotice {
  uint32_t exit_code = 0;
  friend bool operator==(const ExitNotice&, const ExitNotice&) = default;
};
using Notification = std::variant<ConsoleOutput, ExitNotice>;

Frame encode_notification(const Notification& notification);
// Throws HostError(ProtocolMismatch) for a malformed notification.
Notification decode_notification(const Frame& frame);

bool is_response(const Frame& frame);
bool is_notification(const Frame& frame);

}  // namespace corelab::host
