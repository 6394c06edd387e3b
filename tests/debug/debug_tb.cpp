// Unit test of the hardware debug/loader unit (hw/rtl/debug/debug_unit.sv) at its pins. A host
// model drives the UART line bit by bit with its own SLIP/CRC-32 encoder and decodes the device's
// line; models of the main RAM (random wait states), the counter block (live counters and the
// snapshot), the program's console (output stream, receive FIFO) and the exit pulse sit on the
// other ports. What each test checks is listed in tests/debug/README.md.
//   debug_tb --test NAME [--seed N]   (the seed can also come from DEBUG_SEED)
#include "corelab/host/crc32.hpp"
#include "corelab/host/events.hpp"
#include "corelab/host/framing.hpp"
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "Vdebug_unit.h"
#include "verilated.h"

namespace {

// The build's parameters (CMake passes the same values to Verilator's -G).
constexpr uint32_t kClksPerBit = DBG_CLKS_PER_BIT;
constexpr uint32_t kClockHz = DBG_CLOCK_HZ;
constexpr uint32_t kRamBase = 0x8000'0000u;
constexpr uint32_t kRamSize = DBG_RAM_SIZE;
constexpr uint32_t kNumHpm = DBG_NUM_HPM;
constexpr uint64_t kAttachTimeout = DBG_ATTACH_TIMEOUT;
constexpr uint64_t kIdleCycles = DBG_IDLE_CYCLES;
constexpr uint64_t kByteCycles = 10 * kClksPerBit;
constexpr uint32_t kProgFifoDepth = 16;  // the program's receive FIFO (soc_uart)

// Protocol constants (docs/protocol.md), written out again here on purpose: the test checks the
// RTL against the document, not against the RTL's own package.
constexpr uint8_t kEnd = 0xC0, kEsc = 0xDB, kEscEnd = 0xDC, kEscEsc = 0xDD;
enum Cmd : uint8_t {
  kIdentify = 0x01,
  kWriteMem = 0x02,
  kReadMem = 0x03,
  kCoreCtrl = 0x04,
  kSetStart = 0x05,
  kStatus = 0x06,
  kReadCounters = 0x07,
  kCountersCtrl = 0x08,
  kAttach = 0x09,
  kDetach = 0x0A,
  kConsoleIn = 0x0B,
  kConsole = 0x40,
  kExited = 0x41
};
enum Status : uint8_t { kOk = 0, kUnknown = 1, kBadLen = 2, kBadAddr = 3, kBadState = 4 };
enum CoreState : uint8_t { kHeld = 0, kRunning = 1, kHalted = 2, kExitedState = 3 };

class TestFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

#define CHECK(cond, ...)                                                                      \
  do {                                                                                        \
    if (!(cond))                                                                              \
      throw TestFailure(fmt::format("cycle {}: {} ({}:{})", cycle_, fmt::format(__VA_ARGS__), \
                                    __FILE__, __LINE__));                                     \
  } while (0)

// CRC-32 and SLIP stuffing come from the host library (tested there against known values), so the
// RTL is checked against the same framing corectl uses.
using corelab::host::crc32;

std::vector<uint8_t> make_body(uint8_t cmd, uint8_t seq, const std::vector<uint8_t>& payload) {
  std::vector<uint8_t> body{cmd, seq};
  body.insert(body.end(), payload.begin(), payload.end());
  const uint32_t crc = crc32(body);
  for (int i = 0; i < 4; i++) body.push_back(static_cast<uint8_t>(crc >> (8 * i)));
  return body;
}

// END, the stuffed body, END (bodies may be deliberately malformed, so no CRC is added here).
std::vector<uint8_t> slip_frame(const std::vector<uint8_t>& body) {
  std::vector<uint8_t> out{kEnd};
  corelab::host::slip_stuff(body, out);
  out.push_back(kEnd);
  return out;
}

void put32(std::vector<uint8_t>& v, uint32_t x) {
  for (int i = 0; i < 4; i++) v.push_back(static_cast<uint8_t>(x >> (8 * i)));
}
void put16(std::vector<uint8_t>& v, uint32_t x) {
  v.push_back(static_cast<uint8_t>(x));
  v.push_back(static_cast<uint8_t>(x >> 8));
}
uint64_t get_le(const std::vector<uint8_t>& v, size_t at, int n) {
  uint64_t x = 0;
  for (int i = n - 1; i >= 0; i--) x = (x << 8) | v.at(at + i);
  return x;
}

struct Frame {
  uint8_t cmd = 0;
  uint8_t seq = 0;
  std::vector<uint8_t> payload;
  uint64_t cycle = 0;     // when its closing END arrived
  size_t raw_before = 0;  // raw console bytes the host had seen before it
};

class Bench {
 public:
  explicit Bench(uint64_t seed) : ctx_(std::make_unique<VerilatedContext>()), rng_(seed) {
    ctx_->randReset(2);
    ctx_->randSeed(static_cast<int>(seed & 0x7fff'ffff));
    top_ = std::make_unique<Vdebug_unit>(ctx_.get());
    ram_.resize(kRamSize / 4);
    for (auto& w : ram_) w = static_cast<uint32_t>(rng_());
    for (uint32_t i = 0; i < 32; i++) event_[i] = static_cast<uint8_t>(i < 3 ? 0 : 3 + (i % 16));
    reset();
  }

  // ---------------- tests ----------------

  void test_identify() {
    CHECK(!top_->attached_o, "detached after reset");
    const Frame r = transact(kIdentify, {});
    const auto& p = r.payload;
    CHECK(p.size() == 31, "IDENTIFY payload is status + 30 bytes, got {}", p.size());
    CHECK(p[0] == kOk, "status {}", p[0]);
    CHECK(get_le(p, 1, 2) == 1, "proto_version {}", get_le(p, 1, 2));
    CHECK(get_le(p, 3, 2) == 1, "descriptor_version {}", get_le(p, 3, 2));
    CHECK(p[5] == 1, "core_kind {}", p[5]);
    CHECK(p[6] == kNumHpm, "num_hpm {}", p[6]);
    CHECK(get_le(p, 7, 2) == corelab::host::events_version(), "events_version {}", get_le(p, 7, 2));
    CHECK(get_le(p, 9, 4) == 0x4000'1100u, "misa {:#x}", get_le(p, 9, 4));
    CHECK(get_le(p, 13, 4) == kClockHz, "clock_hz {}", get_le(p, 13, 4));
    CHECK(get_le(p, 17, 4) == kRamBase, "ram_base {:#x}", get_le(p, 17, 4));
    CHECK(get_le(p, 21, 4) == kRamSize, "ram_size {:#x}", get_le(p, 21, 4));
    CHECK(get_le(p, 25, 4) == kClockHz / kClksPerBit, "baud {}", get_le(p, 25, 4));
    CHECK(p[29] == 4, "line_words {}", p[29]);
    CHECK(p[30] == 1, "flags {:#x} (caches)", p[30]);
    CHECK(top_->attached_o, "the first valid frame attaches");
    // Every sequence number comes back, including the ones that need stuffing.
    for (uint8_t seq : {uint8_t{0xC0}, uint8_t{0xDB}, uint8_t{0x00}, uint8_t{0xFF}}) {
      send_frame(kAttach, seq, {});
      const Frame a = wait_response();
      CHECK(a.cmd == (kAttach | 0x80) && a.seq == seq && a.payload == std::vector<uint8_t>{kOk},
            "ATTACH seq {:#x}: got cmd {:#x} seq {:#x}", seq, a.cmd, a.seq);
    }
    expect_quiet();
  }

  void test_mem() {
    transact_ok(kCoreCtrl, {0});
    CHECK(top_->core_hold_o, "core held");
    std::vector<uint8_t> ref(kRamSize);
    for (uint32_t i = 0; i < kRamSize; i++)
      ref[i] = static_cast<uint8_t>(ram_[i / 4] >> (8 * (i % 4)));

    // Pipelined WRITE_MEM: up to 4 frames in flight, each queued right behind the previous one,
    // so the line carries them back to back; every one must be answered, in order, status 0.
    for (int phase = 0; phase < 3; phase++) {
      p_ram_ready_ = phase == 0 ? 1.0 : phase == 1 ? 0.3 : 0.8;
      uint32_t bytes = 0;
      std::deque<uint8_t> in_flight;
      int sent = 0;
      const int frames = phase == 2 ? 24 : 8;
      while (sent < frames || !in_flight.empty()) {
        while (sent < frames && in_flight.size() < 4) {
          uint32_t len = 4 * (1 + static_cast<uint32_t>(rng_() % 255));
          if (rng_() % 3 == 0) len = 4 * (1 + static_cast<uint32_t>(rng_() % 4));  // short ones
          const uint32_t addr = 4 * static_cast<uint32_t>(rng_() % ((kRamSize - len) / 4 + 1));
          std::vector<uint8_t> p;
          put32(p, kRamBase + addr);
          const bool stuffing = rng_() % 4 == 0;  // worst case: every byte stuffed
          for (uint32_t i = 0; i < len; i++) {
            const uint8_t b = stuffing ? (rng_() % 2 ? kEnd : kEsc) : static_cast<uint8_t>(rng_());
            p.push_back(b);
            ref[addr + i] = b;
          }
          const uint8_t seq = next_seq_++;
          send_frame(kWriteMem, seq, p);
          in_flight.push_back(seq);
          sent++;
          bytes += len;
        }
        const Frame r = wait_response();
        CHECK(r.cmd == (kWriteMem | 0x80) && r.seq == in_flight.front(),
              "WRITE_MEM responses in order: expected seq {:#x}, got cmd {:#x} seq {:#x}",
              in_flight.front(), r.cmd, r.seq);
        CHECK(r.payload == std::vector<uint8_t>{kOk}, "WRITE_MEM status {}", r.payload.at(0));
        in_flight.pop_front();
      }
      CHECK(host_tx_.empty(), "host line drained");
      (void)bytes;
    }
    for (uint32_t i = 0; i < kRamSize; i++)
      CHECK(ref[i] == static_cast<uint8_t>(ram_[i / 4] >> (8 * (i % 4))),
            "RAM byte {:#x}: expected {:#04x}, model holds {:#04x}", i, ref[i],
            static_cast<uint8_t>(ram_[i / 4] >> (8 * (i % 4))));

    // READ_MEM round trips, whatever the core does (reads are allowed in every state).
    for (int i = 0; i < 24; i++) {
      p_ram_ready_ = (i % 3 == 0) ? 1.0 : 0.25;
      if (i == 8) transact_ok(kCoreCtrl, {1});   // running
      if (i == 16) transact_ok(kCoreCtrl, {2});  // halted
      uint32_t len = 4 * (1 + static_cast<uint32_t>(rng_() % 255));
      if (i == 0) len = 1020;
      if (i == 1) len = 4;
      const uint32_t addr =
          i == 2 ? kRamSize - len : 4 * static_cast<uint32_t>(rng_() % ((kRamSize - len) / 4 + 1));
      std::vector<uint8_t> p;
      put32(p, kRamBase + addr);
      put16(p, len);
      const Frame r = transact(kReadMem, p);
      CHECK(r.payload.size() == 1 + len && r.payload[0] == kOk,
            "READ_MEM {:#x}+{}: status {} size {}", addr, len, r.payload.at(0), r.payload.size());
      for (uint32_t k = 0; k < len; k++)
        CHECK(r.payload[1 + k] == ref[addr + k],
              "READ_MEM byte {:#x}: expected {:#04x} got {:#04x}", addr + k, ref[addr + k],
              r.payload[1 + k]);
    }
    expect_quiet();
  }

  // The RAM stops answering while WRITE_MEMs keep coming: what fits in the frame buffer is kept
  // and executed in order once the RAM answers again; a frame that does not fit is dropped whole
  // (no response, nothing written), later ones that fit are not affected, and a retry works.
  void test_backpressure() {
    transact_ok(kCoreCtrl, {0});
    std::vector<uint8_t> ref(kRamSize);
    for (uint32_t i = 0; i < kRamSize; i++)
      ref[i] = static_cast<uint8_t>(ram_[i / 4] >> (8 * (i % 4)));
    auto frame = [&](uint32_t addr, int n) {
      std::vector<uint8_t> p;
      put32(p, kRamBase + addr);
      for (int i = 0; i < n; i++) p.push_back(static_cast<uint8_t>(rng_()));
      return p;
    };
    auto apply = [&](const std::vector<uint8_t>& p) {
      const uint32_t addr = static_cast<uint32_t>(get_le(p, 0, 4)) - kRamBase;
      for (size_t k = 4; k < p.size(); k++) ref[addr + k - 4] = p[k];
    };
    auto check_ram = [&] {
      for (uint32_t i = 0; i < kRamSize; i++)
        CHECK(ref[i] == static_cast<uint8_t>(ram_[i / 4] >> (8 * (i % 4))), "RAM byte {:#x}", i);
    };
    // Two full frames do not fit the 2 KiB buffer together; the third, smaller one does.
    const auto a = frame(0x1000, 1020), b = frame(0x2000, 1020), c = frame(0x3000, 400);
    p_ram_ready_ = 0.0;
    send_frame(kWriteMem, 0x70, a);
    send_frame(kWriteMem, 0x71, b);
    send_frame(kWriteMem, 0x72, c);
    run_until([&] { return host_tx_.empty(); }, 8000 * kByteCycles, "sent");
    run(20 * kByteCycles);
    CHECK(responses_.empty() && ram_writes_ == 0, "nothing done while the RAM stalls");
    p_ram_ready_ = 0.5;
    for (uint8_t seq : {0x70, 0x72}) {
      const Frame r = wait_response();
      CHECK(r.seq == seq && r.payload == std::vector<uint8_t>{kOk},
            "WRITE_MEM seq {:#x}: got seq {:#x}", seq, r.seq);
    }
    run(200 * kByteCycles);
    CHECK(responses_.empty(), "the frame that did not fit was answered");
    apply(a);
    apply(c);
    check_ram();
    send_frame(kWriteMem, 0x71, b);
    const Frame r = wait_response();
    CHECK(r.seq == 0x71 && r.payload == std::vector<uint8_t>{kOk}, "retried WRITE_MEM");
    apply(b);
    check_ram();
    expect_quiet();
  }

  // The RAM stalls while small WRITE_MEMs keep coming: the job queue holds JobDepth of them (the
  // one executing included); the ones after are dropped (no response, nothing written), those
  // queued are answered in order once the RAM answers again, and a retry of a dropped one works.
  void test_queue_full() {
    constexpr int kJobDepth = 4;  // (debug_unit's default JobDepth)
    transact_ok(kCoreCtrl, {0});
    std::vector<uint8_t> ref(kRamSize);
    for (uint32_t i = 0; i < kRamSize; i++)
      ref[i] = static_cast<uint8_t>(ram_[i / 4] >> (8 * (i % 4)));
    std::vector<std::vector<uint8_t>> frames;
    for (int f = 0; f < kJobDepth + 2; f++) {
      std::vector<uint8_t> p;
      put32(p, kRamBase + 0x4000 + 16 * static_cast<uint32_t>(f));
      for (int i = 0; i < 8; i++) p.push_back(static_cast<uint8_t>(rng_()));
      frames.push_back(p);
    }
    p_ram_ready_ = 0.0;
    for (int f = 0; f < kJobDepth + 2; f++)
      send_frame(kWriteMem, static_cast<uint8_t>(0x50 + f), frames[f]);
    run_until([&] { return host_tx_.empty(); }, 400 * kByteCycles, "sent");
    run(20 * kByteCycles);
    CHECK(responses_.empty() && ram_writes_ == 0, "nothing done while the RAM stalls");
    p_ram_ready_ = 0.5;
    for (int f = 0; f < kJobDepth; f++) {
      const Frame r = wait_response();
      CHECK(r.seq == 0x50 + f && r.payload == std::vector<uint8_t>{kOk},
            "queued WRITE_MEM seq {:#x}: got seq {:#x}", 0x50 + f, r.seq);
      for (size_t k = 4; k < frames[f].size(); k++) ref[0x4000 + 16 * f + k - 4] = frames[f][k];
    }
    run(200 * kByteCycles);
    CHECK(responses_.empty(), "a frame beyond the queue's {} jobs was answered", kJobDepth);
    for (uint32_t i = 0; i < kRamSize; i++) {
      const auto held = static_cast<uint8_t>(ram_[i / 4] >> (8 * (i % 4)));
      CHECK(ref[i] == held, "RAM byte {:#x}: expected {:#04x} (queued or untouched), holds {:#04x}",
            i, ref[i], held);
    }
    send_frame(kWriteMem, 0x5f, frames[kJobDepth]);
    const Frame r = wait_response();
    CHECK(r.seq == 0x5f && r.payload == std::vector<uint8_t>{kOk},
          "retried WRITE_MEM seq 0x5f: got seq {:#x}, {} payload bytes", r.seq, r.payload.size());
    expect_quiet();
  }

  void test_status_codes() {
    transact_ok(kAttach, {});
    // Core running (the reset state): writes are refused.
    std::vector<uint8_t> w;
    put32(w, kRamBase);
    put32(w, 0x1234'5678);
    expect_status(kWriteMem, w, kBadState, "WRITE_MEM while running");
    transact_ok(kCoreCtrl, {2});
    expect_status(kWriteMem, w, kBadState, "WRITE_MEM while halted");
    expect_status(kCoreCtrl, {1}, kBadState, "release while halted");
    transact_ok(kCoreCtrl, {0});
    expect_status(kCoreCtrl, {2}, kBadState, "halt while held");
    expect_status(kCoreCtrl, {3}, kBadState, "resume while held");
    const uint64_t writes = ram_writes_;

    auto wm = [](uint32_t addr, uint32_t n) {
      std::vector<uint8_t> p;
      put32(p, addr);
      for (uint32_t i = 0; i < n; i++) p.push_back(static_cast<uint8_t>(i));
      return p;
    };
    auto rm = [](uint32_t addr, uint32_t n) {
      std::vector<uint8_t> p;
      put32(p, addr);
      put16(p, n);
      return p;
    };
    // bad length or arguments
    expect_status(kWriteMem, wm(kRamBase, 0), kBadLen, "WRITE_MEM without data");
    expect_status(kWriteMem, wm(kRamBase, 3), kBadLen, "WRITE_MEM 3 bytes");
    expect_status(kWriteMem, wm(kRamBase, 6), kBadLen, "WRITE_MEM 6 bytes");
    expect_status(kWriteMem, {0x00, 0x00}, kBadLen, "WRITE_MEM short address");
    expect_status(kReadMem, rm(kRamBase, 0), kBadLen, "READ_MEM len 0");
    expect_status(kReadMem, rm(kRamBase, 2), kBadLen, "READ_MEM len 2");
    expect_status(kReadMem, rm(kRamBase, 6), kBadLen, "READ_MEM len 6");
    expect_status(kReadMem, rm(kRamBase, 1024), kBadLen, "READ_MEM len 1024");
    expect_status(kReadMem, rm(kRamBase, 1028), kBadLen, "READ_MEM len 1028");
    expect_status(kReadMem, {0, 0, 0, 0x80, 4}, kBadLen, "READ_MEM short payload");
    {
      auto p = rm(kRamBase, 4);
      p.push_back(0);
      expect_status(kReadMem, p, kBadLen, "READ_MEM long payload");
    }
    expect_status(kIdentify, {0}, kBadLen, "IDENTIFY with payload");
    expect_status(kStatus, {0}, kBadLen, "STATUS with payload");
    expect_status(kReadCounters, {1, 2}, kBadLen, "READ_COUNTERS with payload");
    expect_status(kAttach, {0}, kBadLen, "ATTACH with payload");
    expect_status(kDetach, {0}, kBadLen, "DETACH with payload");
    CHECK(top_->attached_o, "a refused DETACH keeps the session");
    expect_status(kCoreCtrl, {}, kBadLen, "CORE_CTRL without action");
    expect_status(kCoreCtrl, {0, 0}, kBadLen, "CORE_CTRL two bytes");
    expect_status(kCoreCtrl, {4}, kBadLen, "CORE_CTRL action 4");
    expect_status(kCoreCtrl, {0xFF}, kBadLen, "CORE_CTRL action 255");
    expect_status(kSetStart, {0, 0, 0}, kBadLen, "SET_START 3 bytes");
    expect_status(kCountersCtrl, {}, kBadLen, "COUNTERS_CTRL without action");
    expect_status(kCountersCtrl, {3}, kBadLen, "COUNTERS_CTRL action 3");
    expect_status(kConsoleIn, {}, kBadLen, "CONSOLE_IN without data");
    expect_status(kConsoleIn, std::vector<uint8_t>(65, 'x'), kBadLen, "CONSOLE_IN 65 bytes");
    // bad address
    expect_status(kWriteMem, wm(kRamBase + 2, 4), kBadAddr, "WRITE_MEM unaligned");
    expect_status(kWriteMem, wm(kRamBase - 4, 4), kBadAddr, "WRITE_MEM below RAM");
    expect_status(kWriteMem, wm(kRamBase + kRamSize, 4), kBadAddr, "WRITE_MEM above RAM");
    expect_status(kWriteMem, wm(kRamBase + kRamSize - 4, 8), kBadAddr, "WRITE_MEM across the end");
    expect_status(kWriteMem, wm(0, 4), kBadAddr, "WRITE_MEM at 0");
    expect_status(kReadMem, rm(kRamBase + 1, 4), kBadAddr, "READ_MEM unaligned");
    expect_status(kReadMem, rm(kRamBase + kRamSize - 8, 12), kBadAddr, "READ_MEM across the end");
    expect_status(kReadMem, rm(0x1000'0000, 4), kBadAddr, "READ_MEM MMIO");
    {
      std::vector<uint8_t> p;
      put32(p, kRamBase + 6);
      expect_status(kSetStart, p, kBadAddr, "SET_START unaligned");
      p.clear();
      put32(p, kRamBase + kRamSize);
      expect_status(kSetStart, p, kBadAddr, "SET_START above RAM");
    }
    CHECK(ram_writes_ == writes, "refused WRITE_MEMs wrote the RAM");
    // unknown commands
    for (uint8_t c : {0x00, 0x0C, 0x3F, 0x40, 0x41, 0x7F, 0x81, 0xC0, 0xDB, 0xFF})
      expect_status(c, {}, kUnknown, fmt::format("command {:#04x}", c));
    // The edges that are allowed.
    transact_ok(kWriteMem, wm(kRamBase + kRamSize - 4, 4));
    transact_ok(kWriteMem, wm(kRamBase, 1020));
    {
      const Frame r = transact(kReadMem, rm(kRamBase + kRamSize - 1020, 1020));
      CHECK(r.payload.size() == 1021 && r.payload[0] == kOk, "READ_MEM of the last 1020 bytes");
    }
    expect_quiet();
  }

  void test_core_ctrl() {
    CHECK(!top_->core_hold_o && !top_->core_halt_o, "the core runs from reset");
    CHECK(top_->start_pc_o == kRamBase, "start pc {:#x}", top_->start_pc_o);
    expect_state(kRunning);
    CHECK(core_state(transact_ok(kCoreCtrl, {0})) == kHeld, "hold answers state 0");
    CHECK(top_->core_hold_o && !top_->core_halt_o, "hold");
    expect_state(kHeld);
    std::vector<uint8_t> p;
    put32(p, kRamBase + 0x100);
    transact_ok(kSetStart, p);
    CHECK(top_->start_pc_o == kRamBase + 0x100, "start pc {:#x}", top_->start_pc_o);
    CHECK(core_state(transact_ok(kCoreCtrl, {1})) == kRunning, "release answers state 1");
    CHECK(!top_->core_hold_o && !top_->core_halt_o, "released");
    CHECK(core_state(transact_ok(kCoreCtrl, {2})) == kHalted, "halt answers state 2");
    CHECK(top_->core_halt_o && !top_->core_hold_o, "halted");
    CHECK(core_state(transact_ok(kCoreCtrl, {2})) == kHalted, "halt again");
    CHECK(core_state(transact_ok(kCoreCtrl, {3})) == kRunning, "resume answers state 1");
    CHECK(!top_->core_halt_o, "resumed");
    CHECK(core_state(transact_ok(kCoreCtrl, {3})) == kRunning, "resume again");

    // Exit: the program's last words, then the EXITED frame (attached) and STATUS state 3.
    program_says("bye\n");
    pulse_exit(0x2A);
    const Frame e = wait_frame(exited_, 100 * kByteCycles, "EXITED");
    std::vector<uint8_t> last;
    for (const Frame& f : consoles_) {
      CHECK(f.cycle < e.cycle, "CONSOLE frame after EXITED");
      last.insert(last.end(), f.payload.begin(), f.payload.end());
    }
    CHECK(last == bytes("bye\n"), "output before EXITED: '{}'", printable(last));
    consoles_.clear();
    CHECK(e.seq == 0 && e.payload.size() == 4 && get_le(e.payload, 0, 4) == 0x2A,
          "EXITED seq {} payload size {}", e.seq, e.payload.size());
    const uint64_t before = cycle_;
    const Frame s = transact(kStatus, {});
    CHECK(s.payload.size() == 14 && s.payload[0] == kOk, "STATUS size {}", s.payload.size());
    CHECK(s.payload[1] == kExitedState, "state {} after exit", s.payload[1]);
    CHECK(get_le(s.payload, 2, 4) == 0x2A, "exit code {}", get_le(s.payload, 2, 4));
    const uint64_t mtime = get_le(s.payload, 6, 8);
    CHECK(mtime > before && mtime < s.cycle, "mtime {} outside [{}, {}]", mtime, before, s.cycle);
    expect_status(kCoreCtrl, {2}, kBadState, "halt after exit");
    expect_status(kCoreCtrl, {1}, kBadState, "release after exit");
    CHECK(core_state(transact_ok(kCoreCtrl, {0})) == kHeld, "hold after exit");
    pulse_exit(7);  // a held core cannot exit
    run(50);
    expect_state(kHeld);
    transact_ok(kCoreCtrl, {1});
    // Detached, an exit sends nothing, but STATUS tells.
    transact_ok(kDetach, {});
    CHECK(!top_->attached_o, "detached");
    pulse_exit(0x7FFF'FFFF);
    run(200 * kByteCycles);
    CHECK(exited_.empty(), "no EXITED frame while detached");
    const Frame s2 = transact(kStatus, {});
    CHECK(s2.payload[1] == kExitedState && get_le(s2.payload, 2, 4) == 0x7FFF'FFFF,
          "STATUS after a detached exit: state {} code {:#x}", s2.payload[1],
          get_le(s2.payload, 2, 4));
    expect_quiet();
  }

  void test_counters() {
    transact_ok(kAttach, {});
    for (int i = 0; i < 3; i++) {
      run(rng_() % 3000);
      const uint64_t snaps = snapshots_;
      const Frame r = transact(kReadCounters, {});
      CHECK(snapshots_ == snaps + 1, "one snapshot per READ_COUNTERS, saw {}", snapshots_ - snaps);
      check_counters(r);
    }
    transact_ok(kCountersCtrl, {1});
    CHECK(top_->cnt_freeze_o, "freeze");
    const Frame a = transact(kReadCounters, {});
    run(500);
    const Frame b = transact(kReadCounters, {});
    check_counters(b);
    CHECK(a.payload == b.payload, "frozen counters changed");
    transact_ok(kCountersCtrl, {2});
    CHECK(!top_->cnt_freeze_o, "unfreeze");
    const uint64_t zeros = zeros_;
    transact_ok(kCountersCtrl, {0});
    CHECK(zeros_ == zeros + 1, "one zero pulse");
    const uint64_t since = cycle_;
    const Frame z = transact(kReadCounters, {});
    check_counters(z);
    CHECK(get_le(z.payload, 1, 8) < cycle_ - since + 10, "mcycle {} after zero",
          get_le(z.payload, 1, 8));
    expect_quiet();
  }

  void test_console() {
    // Detached: the program's bytes go out unchanged, typed bytes reach its FIFO.
    p_prog_read_ = 0.05;
    program_says("Hello, detached world!\r\n");
    run_until([&] { return prog_out_.empty(); }, 200 * kByteCycles, "program output sent");
    run(20 * kByteCycles);
    CHECK(raw_console_ == bytes("Hello, detached world!\r\n"), "raw console: '{}'",
          printable(raw_console_));
    CHECK(consoles_.empty(), "no CONSOLE frames while detached");
    send_raw(bytes("ls -l\r"));
    run_until([&] { return host_tx_.empty(); }, 100 * kByteCycles, "typed");
    run(20 * kByteCycles);
    CHECK(prog_in_ == bytes("ls -l\r"), "program received '{}'", printable(prog_in_));

    // Attached: the program's output arrives in CONSOLE frames of 1..64 bytes, in order, and
    // responses still get through while it talks.
    transact_ok(kIdentify, {});
    const size_t raw_before = raw_console_.size();
    std::vector<uint8_t> said;
    for (int i = 0; i < 600; i++) said.push_back(static_cast<uint8_t>(rng_()));
    said[5] = kEnd;
    said[6] = kEsc;
    for (uint8_t b : said) prog_out_.push_back(b);
    p_prog_tx_ = 0.5;
    for (int i = 0; i < 5; i++) {
      run(rng_() % (30 * kByteCycles));
      const Frame r = transact(kStatus, {});
      CHECK(r.payload.at(0) == kOk, "STATUS while the program talks");
    }
    bool busy_seen = false;
    run_until(
        [&] {
          busy_seen |= !top_->prog_tx_idle_o;
          return prog_out_.empty();
        },
        2000 * kByteCycles, "program output sent");
    run(100 * kByteCycles);
    CHECK(busy_seen && top_->prog_tx_idle_o, "prog_tx_idle_o follows the console output");
    std::vector<uint8_t> got;
    for (const Frame& f : consoles_) {
      CHECK(f.seq == 0 && !f.payload.empty() && f.payload.size() <= 64,
            "CONSOLE frame seq {} size {}", f.seq, f.payload.size());
      got.insert(got.end(), f.payload.begin(), f.payload.end());
    }
    CHECK(got == said, "CONSOLE frames carry {} bytes, the program said {}", got.size(),
          said.size());
    CHECK(raw_console_.size() == raw_before, "raw bytes while attached");
    consoles_.clear();

    // Attached, bytes outside frames do not reach the program.
    prog_in_.clear();
    send_raw(bytes("not a frame"));
    transact_ok(kStatus, {});
    run(50 * kByteCycles);
    CHECK(prog_in_.empty(), "attached: program received '{}'", printable(prog_in_));

    // DETACH: its response is the last framed byte; output the program writes meanwhile comes
    // framed before it or raw after it, never lost; afterwards it is raw again.
    p_prog_tx_ = 1.0;
    send_frame(kDetach, next_seq_++, {});
    program_says("during detach, ");
    const Frame d = wait_response();
    CHECK(d.cmd == (kDetach | 0x80) && d.payload == std::vector<uint8_t>{kOk}, "DETACH");
    CHECK(!top_->attached_o, "detached");
    CHECK(d.raw_before == raw_before, "raw bytes before the DETACH response");
    for (const Frame& f : consoles_)
      CHECK(f.cycle < d.cycle, "CONSOLE frame after the DETACH response");
    run_until([&] { return prog_out_.empty(); }, 200 * kByteCycles, "program output sent");
    run(30 * kByteCycles);
    const size_t raw_after_detach = raw_console_.size();
    program_says("after detach");
    run_until([&] { return prog_out_.empty(); }, 200 * kByteCycles, "program output sent");
    run(30 * kByteCycles);
    std::vector<uint8_t> tail;
    for (const Frame& f : consoles_) tail.insert(tail.end(), f.payload.begin(), f.payload.end());
    tail.insert(tail.end(), raw_console_.begin() + static_cast<long>(raw_before),
                raw_console_.end());
    CHECK(tail == bytes("during detach, after detach"), "output around DETACH: '{}'",
          printable(tail));
    CHECK(std::vector<uint8_t>(raw_console_.begin() + static_cast<long>(raw_after_detach),
                               raw_console_.end()) == bytes("after detach"),
          "raw output after DETACH");
    consoles_.clear();
    expect_quiet();
  }

  void test_console_in() {
    transact_ok(kAttach, {});
    p_prog_read_ = 0.0;  // the program does not read: its FIFO fills
    const Frame a = transact(kConsoleIn, bytes("xyz"));
    CHECK(a.payload == std::vector<uint8_t>({kOk, 3}), "CONSOLE_IN 3 bytes accepted {}",
          a.payload.at(1));
    CHECK(prog_in_ == bytes("xyz"), "program received '{}'", printable(prog_in_));
    std::vector<uint8_t> big;
    for (int i = 0; i < 64; i++) big.push_back(static_cast<uint8_t>(rng_()));
    const Frame b = transact(kConsoleIn, big);
    CHECK(b.payload.size() == 2 && b.payload[0] == kOk, "CONSOLE_IN 64 bytes");
    CHECK(b.payload[1] == kProgFifoDepth - 3, "accepted {} with {} free", b.payload[1],
          kProgFifoDepth - 3);
    std::vector<uint8_t> expect = bytes("xyz");
    expect.insert(expect.end(), big.begin(), big.begin() + (kProgFifoDepth - 3));
    CHECK(prog_in_ == expect, "program FIFO holds the accepted prefix");
    const Frame c = transact(kConsoleIn, bytes("!"));
    CHECK(c.payload == std::vector<uint8_t>({kOk, 0}), "full FIFO accepts 0");
    // The program reads; the rest goes in.
    p_prog_read_ = 1.0;
    run(10);
    prog_in_.clear();
    std::vector<uint8_t> rest(big.begin() + b.payload[1], big.end());
    const Frame d = transact(kConsoleIn, rest);
    CHECK(d.payload.at(1) == rest.size(), "accepted {} of {}", d.payload.at(1), rest.size());
    CHECK(prog_in_ == rest, "program received the rest");
    expect_quiet();
  }

  void test_detach_timeout() {
    p_prog_read_ = 1.0;
    transact_ok(kAttach, {});
    CHECK(top_->attached_o, "attached");
    transact_ok(kDetach, {});
    CHECK(!top_->attached_o, "DETACH detaches");
    // After DETACH, typed bytes pass straight through again.
    send_raw(bytes("typed"));
    run_until([&] { return host_tx_.empty(); }, 100 * kByteCycles, "typed");
    run(20 * kByteCycles);
    CHECK(prog_in_ == bytes("typed"), "after DETACH the program received '{}'",
          printable(prog_in_));
    prog_in_.clear();
    // Any valid frame attaches again; ATTACH_TIMEOUT without one detaches.
    transact_ok(kStatus, {});
    CHECK(top_->attached_o, "attached by STATUS");
    // Attached, every byte belongs to a candidate: one still open when the session times out
    // is the program's, handed over after the idle time (counted from the detach: the unit's
    // idle and attach timeouts share one counter).
    send_raw({kEnd, 'p', 'q'});
    const uint64_t t0 = cycle_;
    run_until([&] { return !top_->attached_o; }, kAttachTimeout + 1000, "attach timeout");
    const uint64_t took = cycle_ - t0;
    CHECK(took + 200 * kByteCycles > kAttachTimeout && took <= kAttachTimeout + 10,
          "detached after {} cycles, timeout {}", took, kAttachTimeout);
    run(kIdleCycles + 40 * kByteCycles);
    CHECK(prog_in_ == bytes("pq"), "the candidate open at the timeout, after the idle time: '{}'",
          printable(prog_in_));
    prog_in_.clear();
    program_says("raw again");
    run_until([&] { return prog_out_.empty(); }, 100 * kByteCycles, "program output sent");
    run(20 * kByteCycles);
    CHECK(raw_console_ == bytes("raw again"), "after the timeout: '{}'", printable(raw_console_));
    send_raw(bytes("keys"));
    run_until([&] { return host_tx_.empty(); }, 100 * kByteCycles, "typed");
    run(20 * kByteCycles);
    CHECK(prog_in_ == bytes("keys"), "after the timeout the program received '{}'",
          printable(prog_in_));
    // Frames keep the session open.
    transact_ok(kAttach, {});
    for (int i = 0; i < 4; i++) {
      run(kAttachTimeout / 2);
      transact_ok(kStatus, {});
    }
    CHECK(top_->attached_o, "frames within the timeout keep the session");
    expect_quiet();
  }

  // Detached: bytes that are not part of a valid frame belong to the program.
  void test_forward() {
    p_prog_read_ = 1.0;
    send_raw({kEnd, 'a', 'b', 'c', kEnd});  // a candidate, not a frame
    run(40 * kByteCycles);
    CHECK(prog_in_ == bytes("abc"), "invalid candidate forwarded: '{}'", printable(prog_in_));
    prog_in_.clear();
    send_raw({kEnd, 'h', kEsc, kEscEnd, kEsc, kEscEsc, 'i', kEnd});  // stuffed bytes, as sent
    run(40 * kByteCycles);
    CHECK(prog_in_ == std::vector<uint8_t>({'h', kEsc, kEscEnd, kEsc, kEscEsc, 'i'}),
          "stuffed candidate forwarded: '{}'", printable(prog_in_));
    prog_in_.clear();
    // A stray END, then a pause: the bytes after it are the program's.
    send_raw({kEnd, 'h', 'i', '!'});
    run(kIdleCycles + 40 * kByteCycles);
    CHECK(prog_in_ == bytes("hi!"), "after an idle candidate: '{}'", printable(prog_in_));
    prog_in_.clear();
    send_raw(bytes("more"));
    run(20 * kByteCycles);
    CHECK(prog_in_ == bytes("more"), "then straight through: '{}'", printable(prog_in_));
    prog_in_.clear();
    // Bytes typed while an idle candidate is still being handed over queue up behind it.
    std::vector<uint8_t> letters{kEnd};
    for (int i = 0; i < 40; i++) letters.push_back(static_cast<uint8_t>('a' + i % 26));
    send_raw(letters);
    run_until([&] { return host_tx_.empty(); }, 100 * kByteCycles, "sent");
    run(kIdleCycles + 30);  // the idle timeout ends the candidate while the digits arrive
    send_raw(bytes("0123456789"));
    run(kIdleCycles + 40 * kByteCycles);
    std::vector<uint8_t> expect(letters.begin() + 1, letters.end());
    for (uint8_t c : bytes("0123456789")) expect.push_back(c);
    CHECK(prog_in_ == expect, "typed behind an idle candidate: '{}'", printable(prog_in_));
    prog_in_.clear();
    // A corrupted frame is not a frame: the program gets its bytes (as sent).
    auto wire = slip_frame(make_body(kStatus, 0x11, {}));
    wire[2] ^= 0x01;
    send_raw(wire);
    run(40 * kByteCycles);
    CHECK(prog_in_ == std::vector<uint8_t>(wire.begin() + 1, wire.end() - 1),
          "corrupted frame forwarded: '{}'", printable(prog_in_));
    CHECK(responses_.empty(), "no response to a corrupted frame");
    prog_in_.clear();
    // A candidate longer than any frame reaches the program whole.
    std::vector<uint8_t> longer;
    for (int i = 0; i < 1500; i++) longer.push_back(static_cast<uint8_t>('A' + i % 26));
    std::vector<uint8_t> w{kEnd};
    w.insert(w.end(), longer.begin(), longer.end());
    w.push_back(kEnd);
    send_raw(w);
    run_until([&] { return host_tx_.empty(); }, 2000 * kByteCycles, "sent");
    run(2 * kIdleCycles);
    CHECK(prog_in_ == longer, "long candidate forwarded: {} of {} bytes", prog_in_.size(),
          longer.size());
    prog_in_.clear();
    // A program that does not read loses what its FIFO cannot hold, as on a plain UART: the unit
    // does not wait for it.
    p_prog_read_ = 0.0;
    std::vector<uint8_t> many{kEnd};
    for (int i = 0; i < 100; i++) many.push_back(static_cast<uint8_t>('a' + i % 26));
    many.push_back(kEnd);
    send_raw(many);
    run_until([&] { return host_tx_.empty(); }, 200 * kByteCycles, "sent");
    const uint64_t t0 = cycle_;
    const Frame id = transact(kStatus, {});
    CHECK(id.cycle - t0 < 40 * kByteCycles, "STATUS took {} cycles behind a full FIFO",
          id.cycle - t0);
    CHECK(prog_in_ == std::vector<uint8_t>(many.begin() + 1, many.begin() + 1 + kProgFifoDepth),
          "a full FIFO got '{}'", printable(prog_in_));
    transact_ok(kDetach, {});
    p_prog_read_ = 1.0;
    run(100);
    prog_in_.clear();
    // A valid frame does not reach the program.
    transact_ok(kIdentify, {});
    run(20 * kByteCycles);
    CHECK(prog_in_.empty(), "a valid frame reached the program: '{}'", printable(prog_in_));
    expect_quiet();
  }

  // Random garbage never wedges the unit: a valid frame after it always gets its answer.
  void test_garbage() {
    p_prog_read_ = 0.5;
    for (int round = 0; round < 16; round++) {
      const bool detached = round % 2 == 0;
      if (detached && top_->attached_o) transact_ok(kDetach, {});
      if (!detached && !top_->attached_o) transact_ok(kAttach, {});
      const size_t n = 500 + rng_() % 3000;
      std::vector<uint8_t> g;
      const int mix = static_cast<int>(rng_() % 4);
      for (size_t i = 0; i < n; i++) {
        const uint32_t r = static_cast<uint32_t>(rng_() % 100);
        if (mix == 0)
          g.push_back(static_cast<uint8_t>(rng_()));
        else if (mix == 3)
          g.push_back(static_cast<uint8_t>(rng_() % 0xC0));  // no END: one long candidate
        else if (r < 15)
          g.push_back(kEnd);
        else if (r < 30)
          g.push_back(kEsc);
        else if (r < 40)
          g.push_back(rng_() % 2 ? kEscEnd : kEscEsc);
        else if (r < 50)
          g.push_back(static_cast<uint8_t>(1 + rng_() % 11));  // command-like
        else
          g.push_back(static_cast<uint8_t>(rng_()));
      }
      if (mix == 2) g.push_back(kEsc);  // an ESC right before the next frame's END
      if (mix == 3) {
        // A long candidate, then short ones: detached, they queue up behind its forwarding.
        g.insert(g.begin(), kEnd);
        for (int k = 0; k < 8; k++) g.insert(g.end(), {kEnd, static_cast<uint8_t>('a' + k)});
      }
      send_raw(g);
      const uint8_t seq = next_seq_++;
      send_frame(kIdentify, seq, {});
      const Frame r = wait_response(static_cast<uint64_t>(n + 200) * 2 * kByteCycles);
      CHECK(r.cmd == (kIdentify | 0x80) && r.seq == seq && r.payload.size() == 31 &&
                r.payload[0] == kOk,
            "round {} ({}, {} bytes): IDENTIFY answered with cmd {:#x} seq {:#x}", round,
            detached ? "detached" : "attached", n, r.cmd, r.seq);
      CHECK(top_->attached_o, "attached after IDENTIFY");
      run(10 * kByteCycles);
      CHECK(responses_.empty(), "garbage got a response");
    }
    // Still fully working.
    transact_ok(kCoreCtrl, {0});
    std::vector<uint8_t> p;
    put32(p, kRamBase + 0x40);
    put32(p, 0xCAFE'F00D);
    transact_ok(kWriteMem, p);
    std::vector<uint8_t> q;
    put32(q, kRamBase + 0x40);
    put16(q, 4);
    const Frame r = transact(kReadMem, q);
    CHECK(get_le(r.payload, 1, 4) == 0xCAFE'F00D, "read back {:#x}", get_le(r.payload, 1, 4));
    expect_quiet();
  }

  // Corrupted frames are dropped without a response; the next frame works.
  void test_corrupt() {
    transact_ok(kAttach, {});
    transact_ok(kCoreCtrl, {0});
    for (int i = 0; i < 60; i++) {
      std::vector<uint8_t> payload;
      uint8_t cmd = kStatus;
      switch (rng_() % 4) {
        case 0:
          break;
        case 1:
          cmd = kWriteMem;
          put32(payload, kRamBase + 4 * static_cast<uint32_t>(rng_() % 64));
          for (int k = 0; k < 4 * (1 + static_cast<int>(rng_() % 32)); k++)
            payload.push_back(static_cast<uint8_t>(rng_()));
          break;
        case 2:
          cmd = kReadMem;
          put32(payload, kRamBase);
          put16(payload, 16);
          break;
        default:
          cmd = kIdentify;
          break;
      }
      auto wire = slip_frame(make_body(cmd, next_seq_++, payload));
      const size_t at = rng_() % wire.size();
      wire[at] ^= static_cast<uint8_t>(1u << (rng_() % 8));
      const uint64_t writes = ram_writes_;
      send_raw(wire);
      run_until([&] { return host_tx_.empty(); }, 4000 * kByteCycles, "sent");
      run(60 * kByteCycles);
      CHECK(responses_.empty(), "corrupted frame {} (bit flip at wire byte {}) got a response", i,
            at);
      CHECK(ram_writes_ == writes, "corrupted WRITE_MEM wrote the RAM");
      const Frame r = transact(kStatus, {});
      CHECK(r.payload.at(0) == kOk, "STATUS after a corrupted frame");
    }
    // Bodies too short, too long, with a bad escape: dropped.
    send_raw({kEnd, kStatus, 0x01, 0x02, kEnd});
    auto longer = make_body(kWriteMem, 0x42, std::vector<uint8_t>(1025, 0));  // body 1031
    send_raw(slip_frame(longer));
    // An ESC before a plain byte: dropping the ESC would leave a frame with a good CRC.
    auto bad = slip_frame(make_body(kStatus, 0x43, {}));
    bad.insert(bad.begin() + 2, kEsc);  // before seq 0x43
    send_raw(bad);
    auto esc_end = slip_frame(make_body(kStatus, 0x44, {}));
    esc_end.insert(esc_end.end() - 1, kEsc);  // an ESC right before the closing END
    send_raw(esc_end);
    run_until([&] { return host_tx_.empty(); }, 4000 * kByteCycles, "sent");
    run(60 * kByteCycles);
    CHECK(responses_.empty(), "a malformed frame got a response: cmd {:#04x} seq {:#04x}",
          responses_.front().cmd, responses_.front().seq);
    // The longest frame is fine.
    std::vector<uint8_t> p;
    put32(p, kRamBase);
    for (int k = 0; k < 1020; k++) p.push_back(static_cast<uint8_t>(k));
    transact_ok(kWriteMem, p);
    expect_quiet();
  }

  std::string summary() const {
    return fmt::format("{} cycles, {} frames answered, {} RAM writes, {} RAM reads", cycle_,
                       answered_, ram_writes_, ram_reads_);
  }

 private:
  // ---------------- time ----------------

  void reset() {
    top_->clk_i = 0;
    top_->rst_ni = 0;
    top_->uart_rx_i = 1;
    top_->eval();
    top_->clk_i = 1;
    top_->eval();
    top_->clk_i = 0;
    top_->rst_ni = 1;
    top_->eval();
  }

  void step() {
    // ---- this cycle's inputs ----
    top_->uart_rx_i = host_line_bit();
    const bool ram_ready = coin(p_ram_ready_);
    top_->ram_ready_i = ram_ready;
    top_->ram_rdata_i = ram_rdata_valid_ ? ram_rdata_ : static_cast<uint32_t>(rng_());
    const bool tx_offer = !prog_out_.empty() && (prog_tx_offered_ || coin(p_prog_tx_));
    top_->prog_tx_valid_i = tx_offer;
    top_->prog_tx_data_i = tx_offer ? prog_out_.front() : 0;
    top_->prog_rx_ready_i = prog_fifo_.size() < kProgFifoDepth;
    top_->exit_valid_i = exit_pulse_;
    top_->exit_code_i = exit_code_;
    top_->mtime_i = cycle_;
    top_->clk_i = 0;
    top_->eval();
    top_->cnt_value_i = shadow_[top_->cnt_idx_o];
    top_->cnt_event_i = shadow_event_[top_->cnt_idx_o];
    top_->eval();

    // ---- what happens at this edge ----
    device_line(top_->uart_tx_o);
    ram_rdata_valid_ = false;
    if (top_->ram_we_o || top_->ram_re_o) {
      CHECK(!(top_->ram_we_o && top_->ram_re_o), "RAM read and write together");
      CHECK(top_->ram_addr_o % 4 == 0 && top_->ram_addr_o < kRamSize, "RAM address {:#x}",
            top_->ram_addr_o);
      if (ram_waiting_)
        CHECK(top_->ram_addr_o == ram_wait_addr_ && top_->ram_we_o == ram_wait_we_ &&
                  (!top_->ram_we_o || top_->ram_wdata_o == ram_wait_data_),
              "RAM request changed while waiting");
      if (top_->ram_we_o) CHECK(top_->core_hold_o, "RAM write while the core is not held");
      if (ram_ready) {
        if (top_->ram_we_o) {
          ram_[top_->ram_addr_o / 4] = top_->ram_wdata_o;
          ram_writes_++;
        } else {
          ram_rdata_ = ram_[top_->ram_addr_o / 4];
          ram_rdata_valid_ = true;
          ram_reads_++;
        }
        ram_waiting_ = false;
      } else {
        ram_waiting_ = true;
        ram_wait_addr_ = top_->ram_addr_o;
        ram_wait_we_ = top_->ram_we_o;
        ram_wait_data_ = top_->ram_wdata_o;
      }
    } else {
      CHECK(!ram_waiting_, "RAM request withdrawn");
    }
    if (top_->prog_rx_valid_o && top_->prog_rx_ready_i) {
      prog_fifo_.push_back(top_->prog_rx_data_o);
      prog_in_.push_back(top_->prog_rx_data_o);
    }
    prog_tx_offered_ = tx_offer;
    if (tx_offer && top_->prog_tx_ready_o) {
      prog_out_.pop_front();
      prog_tx_offered_ = false;
    }
    // The counter block: snapshot, zero, freeze, count.
    if (top_->cnt_snapshot_o) {
      shadow_ = live_;
      shadow_event_ = event_;
      snapshots_++;
    }
    if (top_->cnt_zero_o) {
      live_.fill(0);
      zeros_++;
    } else if (!top_->cnt_freeze_o) {
      live_[0] += 1;
      live_[2] += rng_() % 2;
      for (uint32_t i = 3; i < 3 + kNumHpm; i++) live_[i] += rng_() % 3;
    }
    exit_pulse_ = false;

    top_->clk_i = 1;
    top_->eval();
    cycle_++;
    if (!prog_fifo_.empty() && coin(p_prog_read_)) prog_fifo_.pop_front();
  }

  void run(uint64_t n) {
    for (uint64_t i = 0; i < n; i++) step();
  }

  void run_until(const std::function<bool()>& done, uint64_t max, const std::string& what) {
    for (uint64_t i = 0; i < max; i++) {
      if (done()) return;
      step();
    }
    CHECK(done(), "timed out waiting for: {}", what);
  }

  bool coin(double p) {
    return p >= 1.0 || (p > 0.0 && std::uniform_real_distribution<>(0, 1)(rng_) < p);
  }

  // ---------------- the host's line ----------------

  // Host to device: back-to-back 8N1 bytes from host_tx_.
  uint8_t host_line_bit() {
    if (tx_bits_left_ == 0) {
      if (host_tx_.empty()) return 1;
      tx_shift_ = static_cast<uint16_t>((1u << 9) | (host_tx_.front() << 1));
      host_tx_.pop_front();
      tx_bits_left_ = 10;
      tx_clk_ = 0;
    }
    const uint8_t bit = tx_shift_ & 1u;
    if (++tx_clk_ == kClksPerBit) {
      tx_clk_ = 0;
      tx_shift_ >>= 1;
      tx_bits_left_--;
    }
    return bit;
  }

  void send_raw(const std::vector<uint8_t>& b) {
    host_tx_.insert(host_tx_.end(), b.begin(), b.end());
  }

  void send_frame(uint8_t cmd, uint8_t seq, const std::vector<uint8_t>& payload) {
    send_raw(slip_frame(make_body(cmd, seq, payload)));
  }

  // Device to host: sample each bit in its middle; a bad start or stop bit fails the test.
  void device_line(uint8_t level) {
    if (!rx_busy_) {
      if (level == 0) {
        rx_busy_ = true;
        rx_clk_ = 0;
        rx_bit_ = 0;
        rx_shift_ = 0;
      }
      return;
    }
    if (rx_clk_++ != kClksPerBit / 2 + rx_bit_ * kClksPerBit) return;
    if (rx_bit_ == 0) {
      CHECK(level == 0, "device start bit");
    } else if (rx_bit_ <= 8) {
      rx_shift_ |= static_cast<uint8_t>(level << (rx_bit_ - 1));
    } else {
      CHECK(level == 1, "device stop bit");
      rx_busy_ = false;
      device_byte(rx_shift_);
      return;
    }
    rx_bit_++;
  }

  // The host's SLIP parser: bytes outside frames are raw console output (detached).
  void device_byte(uint8_t b) {
    if (b == kEnd) {
      if (!in_frame_) {
        in_frame_ = true;
        body_.clear();
      } else if (!body_.empty()) {
        device_frame();
        in_frame_ = false;
      }
      return;
    }
    if (in_frame_)
      body_.push_back(b);
    else
      raw_console_.push_back(b);
  }

  void device_frame() {
    std::vector<uint8_t> body;
    for (size_t i = 0; i < body_.size(); i++) {
      if (body_[i] != kEsc) {
        body.push_back(body_[i]);
        continue;
      }
      CHECK(i + 1 < body_.size() && (body_[i + 1] == kEscEnd || body_[i + 1] == kEscEsc),
            "device sent a bad escape");
      body.push_back(body_[++i] == kEscEnd ? kEnd : kEsc);
    }
    CHECK(body.size() >= 6, "device frame of {} bytes", body.size());
    std::vector<uint8_t> content(body.begin(), body.end() - 4);
    CHECK(crc32(content) == get_le(body, body.size() - 4, 4), "device frame CRC");
    Frame f;
    f.cmd = content[0];
    f.seq = content[1];
    f.payload.assign(content.begin() + 2, content.end());
    f.cycle = cycle_;
    f.raw_before = raw_console_.size();
    if (f.cmd == kConsole)
      consoles_.push_back(f);
    else if (f.cmd == kExited)
      exited_.push_back(f);
    else
      responses_.push_back(f);
  }

  Frame wait_frame(std::deque<Frame>& q, uint64_t max, const std::string& what) {
    run_until([&] { return !q.empty(); }, max, what);
    Frame f = q.front();
    q.pop_front();
    return f;
  }

  Frame wait_response(uint64_t max = 4000 * kByteCycles) {
    Frame f = wait_frame(responses_, max, "a response");
    answered_++;
    return f;
  }

  Frame transact(uint8_t cmd, const std::vector<uint8_t>& payload) {
    const uint8_t seq = next_seq_++;
    send_frame(cmd, seq, payload);
    const Frame r = wait_response();
    CHECK(r.cmd == (cmd | 0x80) && r.seq == seq,
          "response to {:#04x} seq {:#04x}: cmd {:#04x} seq {:#04x}", cmd, seq, r.cmd, r.seq);
    CHECK(!r.payload.empty(), "response without status");
    return r;
  }

  Frame transact_ok(uint8_t cmd, const std::vector<uint8_t>& payload) {
    const Frame r = transact(cmd, payload);
    CHECK(r.payload[0] == kOk, "command {:#04x}: status {}", cmd, r.payload[0]);
    return r;
  }

  void expect_status(uint8_t cmd, const std::vector<uint8_t>& payload, uint8_t status,
                     const std::string& what) {
    const Frame r = transact(cmd, payload);
    CHECK(r.payload == std::vector<uint8_t>{status},
          "{}: expected status {} alone, got {} ({} bytes)", what, status, r.payload[0],
          r.payload.size());
  }

  uint8_t core_state(const Frame& r) {
    CHECK(r.payload.size() == 2, "CORE_CTRL answers status and state");
    return r.payload[1];
  }

  void expect_state(uint8_t state) {
    const Frame s = transact(kStatus, {});
    CHECK(s.payload.size() == 14 && s.payload[1] == state, "STATUS state {}, expected {}",
          s.payload.at(1), state);
  }

  void check_counters(const Frame& r) {
    const auto& p = r.payload;
    CHECK(p.size() == 1 + 16 + 9 * kNumHpm && p[0] == kOk, "READ_COUNTERS size {}", p.size());
    CHECK(get_le(p, 1, 8) == shadow_[0], "mcycle {} expected {}", get_le(p, 1, 8), shadow_[0]);
    CHECK(get_le(p, 9, 8) == shadow_[2], "minstret {} expected {}", get_le(p, 9, 8), shadow_[2]);
    for (uint32_t h = 0; h < kNumHpm; h++) {
      CHECK(p[17 + 9 * h] == shadow_event_[3 + h], "hpm {} event {}", h, p[17 + 9 * h]);
      CHECK(get_le(p, 18 + 9 * h, 8) == shadow_[3 + h], "hpm {} count {} expected {}", h,
            get_le(p, 18 + 9 * h, 8), shadow_[3 + h]);
    }
  }

  void pulse_exit(uint32_t code) {
    exit_pulse_ = true;
    exit_code_ = code;
    step();
  }

  void program_says(const std::string& s) {
    for (char c : s) prog_out_.push_back(static_cast<uint8_t>(c));
  }

  // Nothing unexpected is left over at the end of a test.
  void expect_quiet() {
    run(30 * kByteCycles);
    CHECK(responses_.empty(), "{} unexpected responses", responses_.size());
    CHECK(exited_.empty(), "unexpected EXITED");
    CHECK(host_tx_.empty(), "host line not drained");
  }

  static std::vector<uint8_t> bytes(const std::string& s) { return {s.begin(), s.end()}; }
  static std::string printable(const std::vector<uint8_t>& v) {
    std::string s;
    for (uint8_t b : v)
      s +=
          (b >= 32 && b < 127) ? std::string(1, static_cast<char>(b)) : fmt::format("\\x{:02x}", b);
    return s;
  }

  std::unique_ptr<VerilatedContext> ctx_;
  std::unique_ptr<Vdebug_unit> top_;
  std::mt19937_64 rng_;
  uint64_t cycle_ = 0;
  uint8_t next_seq_ = 1;
  uint64_t answered_ = 0;

  // host line
  std::deque<uint8_t> host_tx_;
  uint16_t tx_shift_ = 0;
  uint32_t tx_bits_left_ = 0, tx_clk_ = 0;
  bool rx_busy_ = false;
  uint32_t rx_clk_ = 0, rx_bit_ = 0;
  uint8_t rx_shift_ = 0;
  bool in_frame_ = false;
  std::vector<uint8_t> body_;
  std::vector<uint8_t> raw_console_;
  std::deque<Frame> responses_, consoles_, exited_;

  // RAM
  std::vector<uint32_t> ram_;
  double p_ram_ready_ = 0.7;
  bool ram_rdata_valid_ = false;
  uint32_t ram_rdata_ = 0;
  bool ram_waiting_ = false, ram_wait_we_ = false;
  uint32_t ram_wait_addr_ = 0, ram_wait_data_ = 0;
  uint64_t ram_writes_ = 0, ram_reads_ = 0;

  // counters
  std::array<uint64_t, 32> live_{}, shadow_{};
  std::array<uint8_t, 32> event_{}, shadow_event_{};
  uint64_t snapshots_ = 0, zeros_ = 0;

  // the program
  std::deque<uint8_t> prog_out_;
  bool prog_tx_offered_ = false;
  double p_prog_tx_ = 1.0;
  std::deque<uint8_t> prog_fifo_;
  std::vector<uint8_t> prog_in_;
  double p_prog_read_ = 1.0;
  bool exit_pulse_ = false;
  uint32_t exit_code_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  const std::map<std::string, void (Bench::*)()> tests = {
      {"identify", &Bench::test_identify},         {"mem", &Bench::test_mem},
      {"status_codes", &Bench::test_status_codes}, {"core_ctrl", &Bench::test_core_ctrl},
      {"counters", &Bench::test_counters},         {"console", &Bench::test_console},
      {"console_in", &Bench::test_console_in},     {"detach_timeout", &Bench::test_detach_timeout},
      {"forward", &Bench::test_forward},           {"garbage", &Bench::test_garbage},
      {"corrupt", &Bench::test_corrupt},           {"backpressure", &Bench::test_backpressure},
      {"queue_full", &Bench::test_queue_full},
  };
  CLI::App app{"debug unit test (hw/rtl/debug/debug_unit.sv)"};
  std::string name;
  std::optional<uint64_t> seed_opt;
  std::vector<std::string> names;
  for (const auto& [n, f] : tests) names.push_back(n);
  app.add_option("--test", name, "which test")->required()->check(CLI::IsMember(names));
  app.add_option("--seed", seed_opt, "random seed (default: $DEBUG_SEED, else a fresh one)");
  CLI11_PARSE(app, argc, argv);

  uint64_t seed = 0;
  if (seed_opt) {
    seed = *seed_opt;
  } else if (const char* env = std::getenv("DEBUG_SEED"); env != nullptr && *env != '\0') {
    try {
      seed = std::stoull(env, nullptr, 0);
    } catch (const std::exception&) {
      std::fprintf(stderr, "debug_tb: error: bad DEBUG_SEED '%s'\n", env);
      return 2;
    }
  } else {
    seed = (static_cast<uint64_t>(std::random_device{}()) << 32) | std::random_device{}();
  }
  std::printf("debug unit test %s: seed %llu\n", name.c_str(),
              static_cast<unsigned long long>(seed));
  std::fflush(stdout);

  Bench bench(seed);
  try {
    (bench.*tests.at(name))();
  } catch (const TestFailure& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "FAIL: %s\n  reproduce: %s --test %s --seed %llu\n", e.what(), argv[0],
                 name.c_str(), static_cast<unsigned long long>(seed));
    return 1;
  }
  std::printf("PASS: %s\n", bench.summary().c_str());
  return 0;
}
