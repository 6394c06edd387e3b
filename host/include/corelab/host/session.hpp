// A host session with a device's debug/loader unit (docs/protocol.md): every command as a method,
// with sequence numbers, retries of lost or damaged responses, pipelined memory writes, and the
// device's notifications (program output, program exit) handed to callbacks as they arrive.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "corelab/host/error.hpp"
#include "corelab/host/framing.hpp"
#include "corelab/host/protocol.hpp"
#include "corelab/host/transport.hpp"

namespace corelab::host {

struct SessionOptions {
  // How long to wait for a response beyond the time its bytes need on the wire.
  std::chrono::milliseconds timeout{1000};
  unsigned max_retries = 10;    // sends of one command frame after the first, before giving up
  unsigned attach_retries = 2;  // fewer for ATTACH: a silent device is reported sooner
  unsigned window = kMaxInFlight;  // WRITE_MEM frames in flight
};

struct LinkStats {
  uint64_t frames_sent = 0;      // command frames, retries included
  uint64_t frames_received = 0;  // good frames
  uint64_t bad_frames = 0;       // dropped by the decoder: CRC, length, escape
  uint64_t retries = 0;
  uint64_t timeouts = 0;
  uint64_t stale_responses = 0;  // duplicate answers to retried commands, answers nobody waits for
  LinkCounts counts() const { return {bad_frames, retries, timeouts}; }
};

struct Progress {
  std::string_view phase;  // "write", "verify"
  uint64_t done = 0;       // bytes
  uint64_t total = 0;
  double bytes_per_second = 0;
};
using ProgressFn = std::function<void(const Progress&)>;

class Session {
 public:
  using ConsoleFn = std::function<void(std::span<const uint8_t>)>;
  using ExitFn = std::function<void(uint32_t)>;

  explicit Session(Transport& link, SessionOptions options = {});
  // Sends DETACH (without waiting) if attached, so the board's UART is a plain console again.
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // ATTACH, then IDENTIFY. Throws ProtocolMismatch unless the device speaks protocol version 1.
  const Identity& attach();
  const Identity& identify();
  const std::optional<Identity>& identity() const { return identity_; }
  bool attached() const { return attached_; }

  // Pipelined (up to `window` frames in flight). `addr` and the size must be multiples of 4.
  void write_mem(uint32_t addr, std::span<const uint8_t> data, const ProgressFn& progress = {});
  std::vector<uint8_t> read_mem(uint32_t addr, uint32_t len, const ProgressFn& progress = {});
  CoreState core_ctrl(CoreAction action);
  void set_start(uint32_t addr);
  StatusResult status();
  CounterSnapshot read_counters();
  void counters_ctrl(CountersAction action);
  // Sends up to 64 bytes to the program's receive FIFO; returns how many it took.
  size_t console_in(std::span<const uint8_t> data);
  void detach();

  // Program output (CONSOLE frames, and unframed text while detached) and EXITED notifications.
  void on_console(ConsoleFn fn) { console_ = std::move(fn); }
  void on_exit(ExitFn fn) { exit_fn_ = std::move(fn); }
  // Waits up to `timeout` for notifications and hands them to the callbacks.
  void poll(std::chrono::milliseconds timeout);
  // The code of the last EXITED notification.
  std::optional<uint32_t> exit_code() const { return exit_code_; }

  LinkStats stats() const;
  Transport& link() { return link_; }

 private:
  using Clock = std::chrono::steady_clock;
  struct Pending;
  using NextFn = std::function<std::optional<Request>()>;
  using DoneFn = std::function<void(const Request&, const Response&, unsigned attempts)>;

  void pipeline(unsigned window, unsigned max_retries, const NextFn& next, const DoneFn& done);
  Response transact(const Request& request, unsigned max_retries, unsigned* attempts = nullptr);
  ResponseBody call(const Request& request, unsigned max_retries);
  void transmit(Pending& p, size_t bytes_ahead);
  void retry(Pending& p, size_t bytes_ahead, unsigned max_retries, uint64_t received_before, uint64_t bad_before);
  struct Received {
    std::optional<Frame> frame;  // a response
    bool damaged = false;        // none, but a damaged frame arrived (with stop_on_damage)
  };
  // Reads until a response arrives or the deadline passes, handing notifications on.
  Received receive_until(Clock::time_point deadline, bool stop_on_damage);
  void handle_notification(const Frame& f);
  void deliver_text();
  std::chrono::milliseconds wire_time(size_t bytes) const;
  uint8_t next_seq();
  size_t chunk(size_t protocol_max) const;

  Transport& link_;
  SessionOptions opt_;
  FrameDecoder decoder_;
  LinkStats stats_;
  std::optional<Identity> identity_;
  bool attached_ = false;
  uint8_t seq_ = 0;
  uint64_t send_order_ = 0;
  // Frame size for memory transfers: halved on every retry, doubled after a run of clean
  // transfers, so a noisy link loses less per damaged frame.
  size_t chunk_ = kMaxReadLen;
  unsigned clean_run_ = 0;
  ConsoleFn console_;
  ExitFn exit_fn_;
  std::optional<uint32_t> exit_code_;
};

}  // namespace corelab::host
