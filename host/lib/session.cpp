// The session engine: one loop (pipeline) sends commands, matches responses by seq, and resends
// what was lost. The device answers in order, so an answer to a frame sent later than an
// unanswered one proves that one lost; only the last frames in flight need a timeout to notice.
#include "corelab/host/session.hpp"

#include <algorithm>
#include <array>
#include <deque>
#include <fmt/format.h>
#include <list>
#include <utility>

namespace corelab::host {
namespace {

constexpr size_t kMinChunk = 64;
constexpr unsigned kCleanRunToGrow = 16;
constexpr unsigned kSplitAfter = 2;  // tries of one memory-transfer frame before it is split

// Two requests for the two halves of a memory transfer, or nothing for a short or other request.
std::optional<std::pair<Request, Request>> split(const Request& r) {
  if (const auto* w = std::get_if<WriteMemRequest>(&r); w && w->data.size() > kMinChunk) {
    const size_t half = (w->data.size() / 2) & ~size_t{3};
    const auto mid = w->data.begin() + static_cast<std::ptrdiff_t>(half);
    return std::pair<Request, Request>{WriteMemRequest{w->addr, {w->data.begin(), mid}},
                                       WriteMemRequest{static_cast<uint32_t>(w->addr + half), {mid, w->data.end()}}};
  }
  if (const auto* rd = std::get_if<ReadMemRequest>(&r); rd && rd->len > kMinChunk) {
    const auto half = static_cast<uint16_t>((rd->len / 2) & ~3u);
    return std::pair<Request, Request>{ReadMemRequest{rd->addr, half},
                                       ReadMemRequest{rd->addr + half, static_cast<uint16_t>(rd->len - half)}};
  }
  return std::nullopt;
}

template <class T>
const T& body_as(const Response& r) {
  return std::get<T>(*r.body);
}

// A generous guess at a response's size on the wire (every byte stuffed), for timeouts.
size_t response_bytes(const Request& r) {
  if (const auto* rd = std::get_if<ReadMemRequest>(&r)) return 2 * (rd->len + 7u) + 2;
  if (std::holds_alternative<ReadCountersRequest>(r)) return 2 * (kMaxPayload + 7) + 2;
  return 2 * (kIdentitySize + 7) + 2;
}

// Commands whose repetition changes nothing (CORE_CTRL is checked separately; a repeated
// CONSOLE_IN would feed the program its input twice).
bool repeatable(const Request& r) {
  return !std::holds_alternative<ConsoleInRequest>(r) && !std::holds_alternative<CoreCtrlRequest>(r);
}

bool state_after(CoreAction action, CoreState s) {
  switch (action) {
    case CoreAction::Hold: return s == CoreState::Reset;
    case CoreAction::Halt: return s == CoreState::Halted || s == CoreState::Exited;
    case CoreAction::Release:
    case CoreAction::Resume: return s == CoreState::Running || s == CoreState::Exited;
  }
  return false;
}

}  // namespace

struct Session::Pending {
  Request request;
  std::vector<uint8_t> wire;
  uint8_t cmd = 0;
  uint8_t seq = 0;
  unsigned attempts = 0;  // transmissions so far
  uint64_t order = 0;     // when it was last transmitted, in send order
  Clock::time_point deadline;
  size_t wire_cost() const { return wire.size() + response_bytes(request); }
};

Session::Session(Transport& link, SessionOptions options) : link_(link), opt_(options) {
  opt_.window = std::clamp(opt_.window, 1u, kMaxInFlight);
  decoder_.set_console_passthrough(true);  // the device starts detached
}

Session::~Session() {
  if (!attached_) return;
  try {
    link_.write(encode_frame(encode_request(DetachRequest{}, next_seq())));
  } catch (...) {
    // Best effort: the device detaches by itself after its attach timeout.
  }
}

LinkStats Session::stats() const {
  LinkStats s = stats_;
  s.bad_frames = decoder_.stats().dropped();
  return s;
}

uint8_t Session::next_seq() {
  seq_ = seq_ == 255 ? 1 : static_cast<uint8_t>(seq_ + 1);  // 0 is the device's own frames
  return seq_;
}

size_t Session::chunk(size_t protocol_max) const { return std::min(chunk_, protocol_max) & ~size_t{3}; }

std::chrono::milliseconds Session::wire_time(size_t bytes) const {
  const uint32_t baud = link_.baud();
  if (baud == 0) return std::chrono::milliseconds(0);
  return std::chrono::milliseconds(bytes * 10 * 1000 / baud + 1);  // 10 bits per byte in 8N1
}

void Session::transmit(Pending& p, size_t bytes_ahead) {
  ++p.attempts;
  p.order = ++send_order_;
  ++stats_.frames_sent;
  link_.write(p.wire);
  p.deadline = Clock::now() + opt_.timeout + wire_time(bytes_ahead + p.wire_cost());
}

void Session::retry(Pending& p, size_t bytes_ahead, unsigned max_retries, uint64_t received_before,
                    uint64_t bad_before) {
  if (p.attempts > max_retries) {
    const LinkStats s = stats();
    const std::string what = describe(p.request);
    const bool alive = s.frames_received > received_before || s.bad_frames > bad_before;
    if (!alive) {
      const std::string hint =
          s.frames_received == 0
              ? fmt::format(": is the board connected and running a corelab bitstream at {} baud?", link_.baud())
              : "";
      throw HostError::timeout("a response to " + command_name(p.cmd),
                               fmt::format("no response to {} from {} ({} tries, {} ms apart){}", what, link_.name(),
                                           p.attempts, opt_.timeout.count(), hint),
                               s.counts());
    }
    const std::string hint = s.frames_received == 0 ? "; is --baud right?" : "";
    throw HostError::crc_errors(
        fmt::format("the link to {} is unreliable: gave up on {} after {} tries ({} bad frames received, "
                    "{} retries, {} timeouts){}",
                    link_.name(), what, p.attempts, s.bad_frames, s.retries, s.timeouts, hint),
        s.counts());
  }
  ++stats_.retries;
  chunk_ = std::max(kMinChunk, chunk_ / 2);
  clean_run_ = 0;
  transmit(p, bytes_ahead);
}

void Session::pipeline(unsigned window, unsigned max_retries, const NextFn& next, const DoneFn& done) {
  std::list<Pending> flight;
  const uint64_t received_before = stats_.frames_received;
  const uint64_t bad_before = decoder_.stats().dropped();
  auto bytes_in_flight = [&] {
    size_t n = 0;
    for (const auto& p : flight) n += p.wire_cost();
    return n;
  };
  // A memory transfer that failed twice goes again as two halves (new frames, new seqs), so a
  // noisy link is not asked to carry the same long frame over and over. A late answer to the
  // abandoned frame is ignored; the transfer repeats the same bytes, so it does no harm.
  std::deque<Request> requeued;
  auto resend = [&](std::list<Pending>::iterator p, size_t bytes_ahead) {
    if (p->attempts >= kSplitAfter) {
      if (auto halves = split(p->request)) {
        ++stats_.retries;
        chunk_ = std::max(kMinChunk, chunk_ / 2);
        clean_run_ = 0;
        requeued.push_front(std::move(halves->second));
        requeued.push_front(std::move(halves->first));
        flight.erase(p);
        return;
      }
    }
    retry(*p, bytes_ahead, max_retries, received_before, bad_before);
  };
  bool more = true;
  for (;;) {
    while ((more || !requeued.empty()) && flight.size() < window) {
      std::optional<Request> r;
      if (!requeued.empty()) {
        r = std::move(requeued.front());
        requeued.pop_front();
      } else {
        r = next();
      }
      if (!r) {
        more = false;
        break;
      }
      Pending p;
      p.request = std::move(*r);
      const Frame f = encode_request(p.request, next_seq());
      p.cmd = f.cmd;
      p.seq = f.seq;
      p.wire = encode_frame(f);
      const size_t ahead = bytes_in_flight();
      flight.push_back(std::move(p));
      transmit(flight.back(), ahead);
    }
    if (flight.empty()) {
      if (requeued.empty()) return;
      continue;
    }

    auto oldest = std::min_element(flight.begin(), flight.end(),
                                   [](const Pending& a, const Pending& b) { return a.deadline < b.deadline; });
    // With one command in flight, a damaged frame is most likely its response: resend at once
    // instead of waiting out the timeout, if doing it twice is harmless.
    const bool early = flight.size() == 1 && repeatable(flight.front().request);
    const Received got = receive_until(oldest->deadline, early);
    if (!got.frame) {
      if (!got.damaged) ++stats_.timeouts;
      resend(oldest, bytes_in_flight() - oldest->wire_cost());
      continue;
    }
    const std::optional<Frame>& frame = got.frame;
    const Response resp = decode_response(*frame);
    auto it = std::find_if(flight.begin(), flight.end(),
                           [&](const Pending& p) { return p.seq == resp.seq && p.cmd == resp.cmd; });
    if (it == flight.end()) {
      ++stats_.stale_responses;
      continue;
    }
    // The device answers in order: whatever was sent before this and is unanswered got lost.
    std::vector<std::list<Pending>::iterator> lost;
    for (auto q = flight.begin(); q != flight.end(); ++q)
      if (q != it && q->order < it->order) lost.push_back(q);
    for (auto q : lost) resend(q, bytes_in_flight());
    if (it->attempts == 1 && ++clean_run_ >= kCleanRunToGrow) {
      chunk_ = std::min(kMaxReadLen, chunk_ * 2);
      clean_run_ = 0;
    }
    Pending finished = std::move(*it);
    flight.erase(it);
    done(finished.request, resp, finished.attempts);
  }
}

Response Session::transact(const Request& request, unsigned max_retries, unsigned* attempts) {
  std::optional<Request> pending = request;
  std::optional<Response> out;
  pipeline(
      1, max_retries, [&]() -> std::optional<Request> { return std::exchange(pending, std::nullopt); },
      [&](const Request&, const Response& r, unsigned n) {
        out = r;
        if (attempts) *attempts = n;
      });
  return *out;
}

ResponseBody Session::call(const Request& request, unsigned max_retries) {
  const Response r = transact(request, max_retries);
  if (r.status == static_cast<uint8_t>(DeviceStatus::UnknownCommand))
    throw HostError(ErrorKind::ProtocolMismatch,
                    fmt::format("the device does not know {}: it speaks another protocol version",
                                command_name(static_cast<uint8_t>(request_cmd(request)))));
  if (!r.ok())
    throw HostError::device_error(r.status, fmt::format("the device refused {}: {} (status {})", describe(request),
                                                        status_text(r.status), r.status));
  return *r.body;
}

Session::Received Session::receive_until(Clock::time_point deadline, bool stop_on_damage) {
  std::array<uint8_t, 4096> buf{};
  const uint64_t dropped_before = decoder_.stats().dropped();
  for (;;) {
    while (std::optional<Frame> f = decoder_.next()) {
      ++stats_.frames_received;
      if (is_notification(*f)) {
        handle_notification(*f);
        continue;
      }
      if (!is_response(*f)) {
        ++stats_.stale_responses;
        continue;
      }
      // A response means the device is attached; after DETACH's it is not.
      attached_ = f->cmd != (static_cast<uint8_t>(Cmd::Detach) | kResponseFlag);
      decoder_.set_console_passthrough(!attached_);
      return {std::move(f), false};
    }
    deliver_text();
    if (stop_on_damage && decoder_.stats().dropped() != dropped_before) return {std::nullopt, true};
    const auto now = Clock::now();
    if (now >= deadline) return {std::nullopt, false};
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - now);
    const size_t n = link_.read(buf, left);
    decoder_.feed(std::span(buf).first(n));
  }
}

void Session::handle_notification(const Frame& f) {
  const Notification n = decode_notification(f);
  if (const auto* c = std::get_if<ConsoleOutput>(&n)) {
    if (console_) console_(c->data);
  } else {
    exit_code_ = std::get<ExitNotice>(n).exit_code;
    if (exit_fn_) exit_fn_(*exit_code_);
  }
}

void Session::deliver_text() {
  const std::vector<uint8_t> text = decoder_.take_text();
  if (!text.empty() && console_) console_(text);
}

void Session::poll(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (receive_until(deadline, false).frame) ++stats_.stale_responses;
}

const Identity& Session::attach() {
  call(AttachRequest{}, opt_.attach_retries);
  return identify();
}

const Identity& Session::identify() {
  identity_ = std::get<Identity>(call(IdentifyRequest{}, opt_.max_retries));
  return *identity_;
}

void Session::write_mem(uint32_t addr, std::span<const uint8_t> data, const ProgressFn& progress) {
  if ((addr & 3u) || data.size() % 4)
    throw HostError(ErrorKind::Usage, fmt::format("write 0x{:08x} ({} bytes): not whole words", addr, data.size()));
  const auto start = Clock::now();
  size_t offset = 0;
  uint64_t acked = 0;
  pipeline(
      opt_.window, opt_.max_retries,
      [&]() -> std::optional<Request> {
        if (offset >= data.size()) return std::nullopt;
        const size_t n = std::min(data.size() - offset, chunk(kMaxWriteData));
        const auto part = data.subspan(offset, n);
        WriteMemRequest r{static_cast<uint32_t>(addr + offset), {part.begin(), part.end()}};
        offset += n;
        return r;
      },
      [&](const Request& rq, const Response& rs, unsigned) {
        if (!rs.ok())
          throw HostError::device_error(rs.status, fmt::format("the device refused {}: {} (status {})", describe(rq),
                                                               status_text(rs.status), rs.status));
        acked += std::get<WriteMemRequest>(rq).data.size();
        if (progress) {
          const double s = std::chrono::duration<double>(Clock::now() - start).count();
          progress({"write", acked, data.size(), s > 0 ? acked / s : 0});
        }
      });
}

std::vector<uint8_t> Session::read_mem(uint32_t addr, uint32_t len, const ProgressFn& progress) {
  if ((addr & 3u) || len % 4)
    throw HostError(ErrorKind::Usage, fmt::format("read 0x{:08x} ({} bytes): not whole words", addr, len));
  const auto start = Clock::now();
  std::vector<uint8_t> out(len);
  size_t offset = 0;
  uint64_t got = 0;
  // One READ_MEM at a time: the protocol pipelines only writes.
  pipeline(
      1, opt_.max_retries,
      [&]() -> std::optional<Request> {
        if (offset >= len) return std::nullopt;
        const auto n = static_cast<uint16_t>(std::min<size_t>(len - offset, chunk(kMaxReadChunk)));
        ReadMemRequest r{static_cast<uint32_t>(addr + offset), n};
        offset += n;
        return r;
      },
      [&](const Request& rq, const Response& rs, unsigned) {
        const auto& r = std::get<ReadMemRequest>(rq);
        if (!rs.ok())
          throw HostError::device_error(rs.status, fmt::format("the device refused {}: {} (status {})", describe(rq),
                                                               status_text(rs.status), rs.status));
        const auto& data = body_as<ReadMemResult>(rs).data;
        if (data.size() != r.len)
          throw HostError(ErrorKind::ProtocolMismatch,
                          fmt::format("{} answered with {} bytes", describe(rq), data.size()));
        std::copy(data.begin(), data.end(), out.begin() + (r.addr - addr));
        got += r.len;
        if (progress) {
          const double s = std::chrono::duration<double>(Clock::now() - start).count();
          progress({"verify", got, len, s > 0 ? got / s : 0});
        }
      });
  return out;
}

CoreState Session::core_ctrl(CoreAction action) {
  const CoreCtrlRequest req{action};
  unsigned attempts = 0;
  const Response r = transact(req, opt_.max_retries, &attempts);
  if (r.status == static_cast<uint8_t>(DeviceStatus::BadState) && attempts > 1) {
    // Perhaps the device did it the first time and refuses the repeat: look at the state it left.
    const StatusResult s = status();
    if (state_after(action, s.state)) return s.state;
  }
  if (!r.ok())
    throw HostError::device_error(r.status, fmt::format("the device refused {}: {} (status {})", describe(req),
                                                        status_text(r.status), r.status));
  return body_as<CoreCtrlResult>(r).state;
}

void Session::set_start(uint32_t addr) { call(SetStartRequest{addr}, opt_.max_retries); }

StatusResult Session::status() { return std::get<StatusResult>(call(StatusRequest{}, opt_.max_retries)); }

CounterSnapshot Session::read_counters() {
  return std::get<CounterSnapshot>(call(ReadCountersRequest{}, opt_.max_retries));
}

void Session::counters_ctrl(CountersAction action) { call(CountersCtrlRequest{action}, opt_.max_retries); }

size_t Session::console_in(std::span<const uint8_t> data) {
  if (data.empty()) return 0;
  data = data.first(std::min(data.size(), kMaxConsoleChunk));
  const auto body = call(ConsoleInRequest{{data.begin(), data.end()}}, opt_.max_retries);
  return std::min<size_t>(std::get<ConsoleInResult>(body).accepted, data.size());
}

void Session::detach() {
  call(DetachRequest{}, opt_.max_retries);
  attached_ = false;
  decoder_.set_console_passthrough(true);
}

}  // namespace corelab::host
