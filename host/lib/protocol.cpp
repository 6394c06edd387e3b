// Encoding and decoding of every protocol-v1 message, and the tables of names.
#include "corelab/host/protocol.hpp"

#include <array>
#include <fmt/format.h>
#include <stdexcept>

#include "corelab/host/error.hpp"

namespace corelab::host {
namespace {

constexpr std::array kCommands{
    CommandInfo{Cmd::Identify, "IDENTIFY", false},       CommandInfo{Cmd::WriteMem, "WRITE_MEM", false},
    CommandInfo{Cmd::ReadMem, "READ_MEM", false},        CommandInfo{Cmd::CoreCtrl, "CORE_CTRL", false},
    CommandInfo{Cmd::SetStart, "SET_START", false},      CommandInfo{Cmd::Status, "STATUS", false},
    CommandInfo{Cmd::ReadCounters, "READ_COUNTERS", false}, CommandInfo{Cmd::CountersCtrl, "COUNTERS_CTRL", false},
    CommandInfo{Cmd::Attach, "ATTACH", false},           CommandInfo{Cmd::Detach, "DETACH", false},
    CommandInfo{Cmd::ConsoleIn, "CONSOLE_IN", false},    CommandInfo{Cmd::Console, "CONSOLE", true},
    CommandInfo{Cmd::Exited, "EXITED", true},
};

constexpr std::array kStatuses{
    NamedCode{0, "ok"},
    NamedCode{1, "unknown command"},
    NamedCode{2, "bad length or arguments"},
    NamedCode{3, "address outside RAM or not word aligned"},
    NamedCode{4, "not allowed in the current core state"},
};
constexpr std::array kCoreKinds{NamedCode{0, "iss"}, NamedCode{1, "pipe"}, NamedCode{2, "ooo"}};
constexpr std::array kCoreStates{NamedCode{0, "held in reset"}, NamedCode{1, "running"}, NamedCode{2, "halted"},
                                 NamedCode{3, "exited"}};
constexpr std::array kCoreActions{NamedCode{0, "hold in reset"}, NamedCode{1, "release from reset"},
                                  NamedCode{2, "halt"}, NamedCode{3, "resume"}};
constexpr std::array kCountersActions{NamedCode{0, "zero"}, NamedCode{1, "freeze"}, NamedCode{2, "unfreeze"}};

std::string lookup(std::span<const NamedCode> table, uint8_t code) {
  for (const auto& e : table)
    if (e.code == code) return std::string(e.name);
  return fmt::format("unknown (0x{:02x})", code);
}

// Little-endian field writer and a bounds-checked reader.
class Writer {
 public:
  Writer& u8(uint8_t v) { return put(v, 1); }
  Writer& u16(uint16_t v) { return put(v, 2); }
  Writer& u32(uint32_t v) { return put(v, 4); }
  Writer& u64(uint64_t v) { return put(v, 8); }
  Writer& bytes(std::span<const uint8_t> b) {
    out_.insert(out_.end(), b.begin(), b.end());
    return *this;
  }
  std::vector<uint8_t> take() { return std::move(out_); }

 private:
  Writer& put(uint64_t v, int n) {
    for (int i = 0; i < n; ++i) out_.push_back(static_cast<uint8_t>(v >> (8 * i)));
    return *this;
  }
  std::vector<uint8_t> out_;
};

class Reader {
 public:
  explicit Reader(std::span<const uint8_t> in) : in_(in) {}
  size_t left() const { return in_.size() - pos_; }
  uint8_t u8() { return static_cast<uint8_t>(get(1)); }
  uint16_t u16() { return static_cast<uint16_t>(get(2)); }
  uint32_t u32() { return static_cast<uint32_t>(get(4)); }
  uint64_t u64() { return get(8); }
  std::vector<uint8_t> rest() {
    std::vector<uint8_t> r(in_.begin() + static_cast<std::ptrdiff_t>(pos_), in_.end());
    pos_ = in_.size();
    return r;
  }

 private:
  uint64_t get(size_t n) {
    if (left() < n) throw std::out_of_range("short payload");  // callers check lengths first
    uint64_t v = 0;
    for (size_t i = 0; i < n; ++i) v |= uint64_t{in_[pos_ + i]} << (8 * i);
    pos_ += n;
    return v;
  }
  std::span<const uint8_t> in_;
  size_t pos_ = 0;
};

[[noreturn]] void mismatch(const std::string& what) {
  throw HostError(ErrorKind::ProtocolMismatch, "malformed " + what + " from the device");
}

bool valid_write_len(size_t n) { return n >= 4 && n <= kMaxWriteData && n % 4 == 0; }
bool valid_read_len(size_t n) { return n >= 4 && n <= kMaxReadLen && n % 4 == 0; }

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};

}  // namespace

std::span<const CommandInfo> command_table() { return kCommands; }
std::span<const NamedCode> status_table() { return kStatuses; }
std::span<const NamedCode> core_kind_table() { return kCoreKinds; }
std::span<const NamedCode> core_state_table() { return kCoreStates; }
std::span<const NamedCode> core_action_table() { return kCoreActions; }
std::span<const NamedCode> counters_action_table() { return kCountersActions; }

std::string command_name(uint8_t cmd) {
  const bool response = (cmd & kResponseFlag) != 0;
  const uint8_t base = cmd & static_cast<uint8_t>(~kResponseFlag);
  for (const auto& c : kCommands)
    if (static_cast<uint8_t>(c.cmd) == base && !(response && c.from_device))
      return response ? std::string(c.name) + " response" : std::string(c.name);
  return fmt::format("unknown command 0x{:02x}", cmd);
}
std::string status_text(uint8_t status) { return lookup(kStatuses, status); }
std::string core_kind_name(uint8_t kind) { return lookup(kCoreKinds, kind); }
std::string core_state_name(uint8_t state) { return lookup(kCoreStates, state); }
std::string core_action_name(uint8_t action) { return lookup(kCoreActions, action); }
std::string counters_action_name(uint8_t action) { return lookup(kCountersActions, action); }

Cmd request_cmd(const Request& request) { return static_cast<Cmd>(request.index() + 1); }

std::string describe(const Request& request) {
  const std::string name = command_name(static_cast<uint8_t>(request_cmd(request)));
  return std::visit(Overloaded{
                        [&](const WriteMemRequest& r) {
                          return fmt::format("{} 0x{:08x} ({} bytes)", name, r.addr, r.data.size());
                        },
                        [&](const ReadMemRequest& r) {
                          return fmt::format("{} 0x{:08x} ({} bytes)", name, r.addr, r.len);
                        },
                        [&](const CoreCtrlRequest& r) {
                          return fmt::format("{} ({})", name, core_action_name(static_cast<uint8_t>(r.action)));
                        },
                        [&](const SetStartRequest& r) { return fmt::format("{} 0x{:08x}", name, r.addr); },
                        [&](const CountersCtrlRequest& r) {
                          return fmt::format("{} ({})", name, counters_action_name(static_cast<uint8_t>(r.action)));
                        },
                        [&](const auto&) { return name; },
                    },
                    request);
}

Frame encode_request(const Request& request, uint8_t seq) {
  Writer w;
  std::visit(Overloaded{
                 [&](const WriteMemRequest& r) {
                   if (!valid_write_len(r.data.size()) || (r.addr & 3u))
                     throw std::invalid_argument("WRITE_MEM: 4..1020 bytes, a multiple of 4, at a word address");
                   w.u32(r.addr).bytes(r.data);
                 },
                 [&](const ReadMemRequest& r) {
                   if (!valid_read_len(r.len)) throw std::invalid_argument("READ_MEM: 4..1024 bytes, a multiple of 4");
                   w.u32(r.addr).u16(r.len);
                 },
                 [&](const CoreCtrlRequest& r) { w.u8(static_cast<uint8_t>(r.action)); },
                 [&](const SetStartRequest& r) { w.u32(r.addr); },
                 [&](const CountersCtrlRequest& r) { w.u8(static_cast<uint8_t>(r.action)); },
                 [&](const ConsoleInRequest& r) {
                   if (r.data.empty() || r.data.size() > kMaxConsoleChunk)
                     throw std::invalid_argument("CONSOLE_IN: 1..64 bytes");
                   w.bytes(r.data);
                 },
                 [&](const auto&) {},
             },
             request);
  return Frame{static_cast<uint8_t>(request_cmd(request)), seq, w.take()};
}

DecodedRequest decode_request(const Frame& frame) {
  const auto& p = frame.payload;
  Reader r(p);
  auto bad = [] { return DecodedRequest{DeviceStatus::BadArguments, IdentifyRequest{}}; };
  auto empty = [&](Request req) { return p.empty() ? DecodedRequest{DeviceStatus::Ok, std::move(req)} : bad(); };
  switch (static_cast<Cmd>(frame.cmd)) {
    case Cmd::Identify: return empty(IdentifyRequest{});
    case Cmd::WriteMem: {
      if (p.size() < 4 || !valid_write_len(p.size() - 4)) return bad();
      WriteMemRequest req;
      req.addr = r.u32();
      req.data = r.rest();
      return {DeviceStatus::Ok, std::move(req)};
    }
    case Cmd::ReadMem: {
      if (p.size() != 6) return bad();
      ReadMemRequest req;
      req.addr = r.u32();
      req.len = r.u16();
      if (!valid_read_len(req.len)) return bad();
      return {DeviceStatus::Ok, req};
    }
    case Cmd::CoreCtrl:
      if (p.size() != 1 || p[0] > static_cast<uint8_t>(CoreAction::Resume)) return bad();
      return {DeviceStatus::Ok, CoreCtrlRequest{static_cast<CoreAction>(p[0])}};
    case Cmd::SetStart:
      if (p.size() != 4) return bad();
      return {DeviceStatus::Ok, SetStartRequest{r.u32()}};
    case Cmd::Status: return empty(StatusRequest{});
    case Cmd::ReadCounters: return empty(ReadCountersRequest{});
    case Cmd::CountersCtrl:
      if (p.size() != 1 || p[0] > static_cast<uint8_t>(CountersAction::Unfreeze)) return bad();
      return {DeviceStatus::Ok, CountersCtrlRequest{static_cast<CountersAction>(p[0])}};
    case Cmd::Attach: return empty(AttachRequest{});
    case Cmd::Detach: return empty(DetachRequest{});
    case Cmd::ConsoleIn:
      if (p.empty() || p.size() > kMaxConsoleChunk) return bad();
      return {DeviceStatus::Ok, ConsoleInRequest{p}};
    default: return {DeviceStatus::UnknownCommand, IdentifyRequest{}};
  }
}

Frame encode_response(uint8_t seq, const ResponseBody& body) {
  Writer w;
  w.u8(static_cast<uint8_t>(DeviceStatus::Ok));
  std::visit(Overloaded{
                 [&](const Identity& id) {
                   w.u16(id.proto_version).u16(id.descriptor_version).u8(id.core_kind).u8(id.num_hpm);
                   w.u16(id.events_version).u32(id.misa).u32(id.clock_hz).u32(id.ram_base).u32(id.ram_size);
                   w.u32(id.baud).u8(id.line_words).u8(id.flags);
                 },
                 [&](const ReadMemResult& r) {
                   if (!valid_read_len(r.data.size())) throw std::invalid_argument("READ_MEM data: 4..1024 bytes");
                   w.bytes(r.data);
                 },
                 [&](const CoreCtrlResult& r) { w.u8(static_cast<uint8_t>(r.state)); },
                 [&](const StatusResult& r) { w.u8(static_cast<uint8_t>(r.state)).u32(r.exit_code).u64(r.mtime); },
                 [&](const CounterSnapshot& s) {
                   if (16 + 9 * s.hpm.size() > kMaxPayload - 1) throw std::invalid_argument("too many counters");
                   w.u64(s.mcycle).u64(s.minstret);
                   for (const auto& c : s.hpm) w.u8(c.event).u64(c.count);
                 },
                 [&](const ConsoleInResult& r) { w.u8(r.accepted); },
                 [&](const auto&) {},
             },
             body);
  return Frame{static_cast<uint8_t>((body.index() + 1) | kResponseFlag), seq, w.take()};
}

Frame encode_error_response(uint8_t cmd, uint8_t seq, DeviceStatus status) {
  return Frame{static_cast<uint8_t>(cmd | kResponseFlag), seq, {static_cast<uint8_t>(status)}};
}

Response decode_response(const Frame& frame) {
  if (!is_response(frame)) mismatch(fmt::format("frame (cmd 0x{:02x}, not a response)", frame.cmd));
  const std::string what = command_name(frame.cmd);
  if (frame.payload.empty()) mismatch(what + " (no status byte)");
  Response resp;
  resp.cmd = frame.cmd & static_cast<uint8_t>(~kResponseFlag);
  resp.seq = frame.seq;
  resp.status = frame.payload[0];
  if (!resp.ok()) return resp;

  const std::span<const uint8_t> p = std::span(frame.payload).subspan(1);
  Reader r(p);
  auto need = [&](bool ok) {
    if (!ok) mismatch(fmt::format("{} ({} payload bytes)", what, p.size()));
  };
  auto state = [&](uint8_t s) {
    if (s > static_cast<uint8_t>(CoreState::Exited)) mismatch(fmt::format("{} (core state {})", what, s));
    return static_cast<CoreState>(s);
  };
  switch (static_cast<Cmd>(resp.cmd)) {
    case Cmd::Identify: {
      // A version other than ours may lay the descriptor out differently: report the version.
      need(p.size() >= 2);
      Identity id;
      id.proto_version = r.u16();
      if (id.proto_version != kProtocolVersion)
        throw HostError(ErrorKind::ProtocolMismatch,
                        fmt::format("the device speaks host link protocol version {}, corectl speaks version {}",
                                    id.proto_version, kProtocolVersion));
      need(p.size() == kIdentitySize);
      id.descriptor_version = r.u16();
      id.core_kind = r.u8();
      id.num_hpm = r.u8();
      id.events_version = r.u16();
      id.misa = r.u32();
      id.clock_hz = r.u32();
      id.ram_base = r.u32();
      id.ram_size = r.u32();
      id.baud = r.u32();
      id.line_words = r.u8();
      id.flags = r.u8();
      resp.body = id;
      break;
    }
    case Cmd::ReadMem:
      need(valid_read_len(p.size()));
      resp.body = ReadMemResult{r.rest()};
      break;
    case Cmd::CoreCtrl:
      need(p.size() == 1);
      resp.body = CoreCtrlResult{state(r.u8())};
      break;
    case Cmd::Status: {
      need(p.size() == 13);
      StatusResult s;
      s.state = state(r.u8());
      s.exit_code = r.u32();
      s.mtime = r.u64();
      resp.body = s;
      break;
    }
    case Cmd::ReadCounters: {
      need(p.size() >= 16 && (p.size() - 16) % 9 == 0);
      CounterSnapshot s;
      s.mcycle = r.u64();
      s.minstret = r.u64();
      while (r.left() > 0) {
        HpmCounter c;
        c.event = r.u8();
        c.count = r.u64();
        s.hpm.push_back(c);
      }
      resp.body = std::move(s);
      break;
    }
    case Cmd::ConsoleIn:
      need(p.size() == 1);
      resp.body = ConsoleInResult{r.u8()};
      break;
    case Cmd::WriteMem: need(p.empty()); resp.body = WriteMemResult{}; break;
    case Cmd::SetStart: need(p.empty()); resp.body = SetStartResult{}; break;
    case Cmd::CountersCtrl: need(p.empty()); resp.body = CountersCtrlResult{}; break;
    case Cmd::Attach: need(p.empty()); resp.body = AttachResult{}; break;
    case Cmd::Detach: need(p.empty()); resp.body = DetachResult{}; break;
    default: mismatch(what);
  }
  return resp;
}

Frame encode_notification(const Notification& notification) {
  return std::visit(Overloaded{
                        [](const ConsoleOutput& c) {
                          if (c.data.empty() || c.data.size() > kMaxConsoleChunk)
                            throw std::invalid_argument("CONSOLE: 1..64 bytes");
                          return Frame{static_cast<uint8_t>(Cmd::Console), 0, c.data};
                        },
                        [](const ExitNotice& e) {
                          Writer w;
                          w.u32(e.exit_code);
                          return Frame{static_cast<uint8_t>(Cmd::Exited), 0, w.take()};
                        },
                    },
                    notification);
}

Notification decode_notification(const Frame& frame) {
  const auto& p = frame.payload;
  if (frame.cmd == static_cast<uint8_t>(Cmd::Console)) {
    if (p.empty() || p.size() > kMaxConsoleChunk) mismatch(fmt::format("CONSOLE ({} bytes)", p.size()));
    return ConsoleOutput{p};
  }
  if (frame.cmd == static_cast<uint8_t>(Cmd::Exited)) {
    if (p.size() != 4) mismatch(fmt::format("EXITED ({} bytes)", p.size()));
    Reader r(p);
    return ExitNotice{r.u32()};
  }
  mismatch(fmt::format("notification (cmd 0x{:02x})", frame.cmd));
}

bool is_response(const Frame& frame) {
  if (!(frame.cmd & kResponseFlag)) return false;
  const uint8_t base = frame.cmd & static_cast<uint8_t>(~kResponseFlag);
  return base >= static_cast<uint8_t>(Cmd::Identify) && base <= static_cast<uint8_t>(Cmd::ConsoleIn);
}

bool is_notification(const Frame& frame) {
  return frame.cmd == static_cast<uint8_t>(Cmd::Console) || frame.cmd == static_cast<uint8_t>(Cmd::Exited);
}

}  // namespace corelab::host
