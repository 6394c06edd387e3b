// A small in-process model of a board's debug/loader unit (docs/protocol.md) for the host tests:
// RAM, core states, counters, a scripted "program" with console output and an exit, and link
// faults injected at a set rate per byte in both directions. Runs on its own thread on one end
// of a socketpair or the master side of a PTY.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "corelab/host/events.hpp"
#include "corelab/host/framing.hpp"
#include "corelab/host/protocol.hpp"
#include "corelab/host/transport.hpp"

namespace corelab::host::test {

// What mhpmcounter3.. count by default: caches, mispredictions and stalls.
inline std::vector<uint8_t> default_fake_events() { return {3, 4, 5, 6, 9, 11, 12, 13}; }

struct FakeDeviceConfig {
  uint32_t ram_base = 0x80000000u;
  uint32_t ram_size = 64 * 1024;
  uint16_t proto_version = kProtocolVersion;
  uint8_t core_kind = 1;  // pipe
  uint32_t clock_hz = 12'000'000;
  uint32_t baud = 115200;
  uint16_t events_version = corelab::host::events_version();  // this build's table
  std::vector<uint8_t> events = default_fake_events();

  // Link faults: per byte and direction, a third each corrupted, dropped, or preceded by a stray byte.
  double faults_to_device = 0;
  double faults_to_host = 0;
  uint64_t seed = 1;

  bool silent = false;                      // never answers (a board without our bitstream)
  std::chrono::milliseconds response_delay{0};  // per command, so the host's pipelining shows
  std::chrono::milliseconds attach_timeout{5000};

  // The program: after release it prints `output` (64 bytes per CONSOLE frame), then exits with
  // `exit_code` if set. `echo` sends console input back; `tick` prints "tick\n" every 20 ms.
  std::string output;
  std::optional<uint32_t> exit_code;
  bool echo = false;
  bool tick = false;
  bool start_running = false;  // running (detached) from power-up, as a board with a program
  size_t rx_fifo_size = 16;    // program's receive FIFO: CONSOLE_IN takes at most what fits
};

struct FakeDeviceCounts {
  uint64_t good_frames = 0;
  uint64_t bad_frames = 0;
  uint64_t faults_injected = 0;
  uint64_t writes = 0;
  size_t max_outstanding = 0;  // command frames received but not yet answered, at most
};

class FakeDevice {
 public:
  FakeDevice(UniqueFd fd, FakeDeviceConfig config);
  ~FakeDevice();
  FakeDevice(const FakeDevice&) = delete;
  FakeDevice& operator=(const FakeDevice&) = delete;

  std::vector<uint8_t> ram() const;
  CoreState state() const;
  uint32_t start_address() const;
  bool attached() const;
  std::string console_input() const;  // everything the program received
  FakeDeviceCounts counts() const;

 private:
  void loop();
  void handle(const Frame& f);
  ResponseBody execute(const Request& r, DeviceStatus& status);
  void program_step();
  void send(const Frame& f);
  void send_raw(std::vector<uint8_t> bytes);
  std::vector<uint8_t> inject(std::span<const uint8_t> in, double rate);
  CounterSnapshot counters() const;

  UniqueFd fd_;
  bool is_socket_ = false;
  FakeDeviceConfig cfg_;
  std::atomic<bool> stop_{false};
  mutable std::mutex m_;  // guards everything below
  std::vector<uint8_t> ram_;
  CoreState state_ = CoreState::Reset;
  uint32_t start_ = 0;
  uint32_t exit_code_ = 0;
  bool attached_ = false;
  std::chrono::steady_clock::time_point last_frame_;
  std::chrono::steady_clock::time_point last_tick_;
  size_t output_pos_ = 0;
  std::string rx_fifo_;
  std::string console_input_;
  uint64_t mcycle_ = 0, minstret_ = 0;
  std::vector<uint64_t> hpm_;
  bool frozen_ = false;
  FrameDecoder decoder_;
  FakeDeviceCounts counts_;
  std::mt19937_64 rng_;
  std::thread thread_;
};

}  // namespace corelab::host::test
