// The fake device: one thread that reads bytes, decodes frames, answers them like the debug unit
// would, and runs a scripted program.
#include "fake_device.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <utility>

namespace corelab::host::test {
namespace {

using Clock = std::chrono::steady_clock;

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};

// Counts per 1000 cycles for the events the fake program "causes".
uint64_t event_rate(uint8_t event) {
  switch (event) {
    case 1: return 1000;  // CYCLES
    case 2: return 800;   // INSTRET
    case 3: return 800;   // ICACHE_ACCESS
    case 4: return 2;     // ICACHE_MISS
    case 5: return 300;   // DCACHE_ACCESS
    case 6: return 12;    // DCACHE_MISS
    case 9: return 8;     // MISPREDICT
    case 11: return 60;   // LOAD_USE_STALL
    case 12: return 25;   // FRONTEND_MEM_STALL
    case 13: return 40;   // BACKEND_MEM_STALL
    default: return 0;
  }
}

}  // namespace

FakeDevice::FakeDevice(UniqueFd fd, FakeDeviceConfig config)
    : fd_(std::move(fd)), cfg_(std::move(config)), ram_(cfg_.ram_size, 0), hpm_(cfg_.events.size(), 0),
      rng_(cfg_.seed) {
  struct stat st {};
  is_socket_ = ::fstat(fd_.get(), &st) == 0 && S_ISSOCK(st.st_mode);
  const int flags = fcntl(fd_.get(), F_GETFL);
  fcntl(fd_.get(), F_SETFL, flags | O_NONBLOCK);
  last_frame_ = last_tick_ = Clock::now();
  if (cfg_.start_running) state_ = CoreState::Running;
  decoder_.set_console_passthrough(true);
  thread_ = std::thread([this] { loop(); });
}

FakeDevice::~FakeDevice() {
  stop_ = true;
  thread_.join();
}

std::vector<uint8_t> FakeDevice::ram() const {
  std::lock_guard lk(m_);
  return ram_;
}
CoreState FakeDevice::state() const {
  std::lock_guard lk(m_);
  return state_;
}
uint32_t FakeDevice::start_address() const {
  std::lock_guard lk(m_);
  return start_;
}
bool FakeDevice::attached() const {
  std::lock_guard lk(m_);
  return attached_;
}
std::string FakeDevice::console_input() const {
  std::lock_guard lk(m_);
  return console_input_;
}
FakeDeviceCounts FakeDevice::counts() const {
  std::lock_guard lk(m_);
  FakeDeviceCounts c = counts_;
  c.bad_frames = decoder_.stats().dropped();
  return c;
}

void FakeDevice::loop() {
  std::array<uint8_t, 4096> buf{};
  while (!stop_) {
    pollfd p{fd_.get(), POLLIN, 0};
    const int r = ::poll(&p, 1, 2);
    bool idle = true;
    if (r > 0 && (p.revents & POLLIN)) {
      const ssize_t n = ::read(fd_.get(), buf.data(), buf.size());
      if (n <= 0) std::this_thread::sleep_for(std::chrono::milliseconds(2));  // closed, or a PTY without a user
      if (n > 0) {
        idle = false;
        std::lock_guard lk(m_);
        decoder_.set_console_passthrough(!attached_);
        decoder_.feed(inject(std::span(buf).first(static_cast<size_t>(n)), cfg_.faults_to_device));
        for (uint8_t c : decoder_.take_text()) {  // detached: bytes outside frames are program input
          console_input_ += static_cast<char>(c);
          if (rx_fifo_.size() < cfg_.rx_fifo_size) rx_fifo_ += static_cast<char>(c);
        }
        std::vector<Frame> frames;
        while (auto f = decoder_.next()) frames.push_back(std::move(*f));
        counts_.max_outstanding = std::max(counts_.max_outstanding, frames.size());
        for (const auto& f : frames) {
          if (cfg_.response_delay.count() > 0) std::this_thread::sleep_for(cfg_.response_delay);
          handle(f);
        }
      }
    }
    if (idle && r > 0 && !(p.revents & POLLIN))  // a PTY without a user reports a hangup at once
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    std::lock_guard lk(m_);
    program_step();
    if (attached_ && Clock::now() - last_frame_ > cfg_.attach_timeout) attached_ = false;
  }
}

void FakeDevice::handle(const Frame& f) {
  if (cfg_.silent) return;
  ++counts_.good_frames;
  last_frame_ = Clock::now();
  attached_ = true;  // the first valid frame attaches
  const DecodedRequest d = decode_request(f);
  if (d.status != DeviceStatus::Ok) {
    send(encode_error_response(f.cmd, f.seq, d.status));
    return;
  }
  DeviceStatus status = DeviceStatus::Ok;
  const ResponseBody body = execute(d.request, status);
  send(status == DeviceStatus::Ok ? encode_response(f.seq, body) : encode_error_response(f.cmd, f.seq, status));
  if (std::holds_alternative<DetachRequest>(d.request)) attached_ = false;
}

ResponseBody FakeDevice::execute(const Request& request, DeviceStatus& status) {
  auto in_ram = [&](uint32_t addr, size_t len) {
    return (addr & 3u) == 0 && addr >= cfg_.ram_base && uint64_t{addr} - cfg_.ram_base + len <= cfg_.ram_size;
  };
  return std::visit(
      Overloaded{
          [&](const IdentifyRequest&) -> ResponseBody {
            Identity id;
            id.proto_version = cfg_.proto_version;
            id.descriptor_version = 1;
            id.core_kind = cfg_.core_kind;
            id.num_hpm = static_cast<uint8_t>(cfg_.events.size());
            id.events_version = cfg_.events_version;
            id.misa = 0x40001100u;  // RV32IM
            id.clock_hz = cfg_.clock_hz;
            id.ram_base = cfg_.ram_base;
            id.ram_size = cfg_.ram_size;
            id.baud = cfg_.baud;
            id.line_words = 4;
            id.flags = 1;
            return id;
          },
          [&](const WriteMemRequest& r) -> ResponseBody {
            if (!in_ram(r.addr, r.data.size()))
              status = DeviceStatus::BadAddress;
            else if (state_ != CoreState::Reset)
              status = DeviceStatus::BadState;
            else {
              std::copy(r.data.begin(), r.data.end(), ram_.begin() + (r.addr - cfg_.ram_base));
              ++counts_.writes;
            }
            return WriteMemResult{};
          },
          [&](const ReadMemRequest& r) -> ResponseBody {
            if (!in_ram(r.addr, r.len)) {
              status = DeviceStatus::BadAddress;
              return ReadMemResult{};
            }
            const auto at = ram_.begin() + (r.addr - cfg_.ram_base);
            return ReadMemResult{{at, at + r.len}};
          },
          [&](const CoreCtrlRequest& r) -> ResponseBody {
            switch (r.action) {
              case CoreAction::Hold:
                state_ = CoreState::Reset;
                output_pos_ = 0;
                rx_fifo_.clear();
                break;
              case CoreAction::Release:
                if (state_ != CoreState::Reset) status = DeviceStatus::BadState;
                else state_ = CoreState::Running;
                break;
              case CoreAction::Halt:
                if (state_ == CoreState::Running || state_ == CoreState::Halted) state_ = CoreState::Halted;
                else status = DeviceStatus::BadState;
                break;
              case CoreAction::Resume:
                if (state_ == CoreState::Running || state_ == CoreState::Halted) state_ = CoreState::Running;
                else status = DeviceStatus::BadState;
                break;
            }
            return CoreCtrlResult{state_};
          },
          [&](const SetStartRequest& r) -> ResponseBody {
            if (!in_ram(r.addr, 4)) status = DeviceStatus::BadAddress;
            else start_ = r.addr;
            return SetStartResult{};
          },
          [&](const StatusRequest&) -> ResponseBody {
            const auto us = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now().time_since_epoch());
            return StatusResult{state_, exit_code_, static_cast<uint64_t>(us.count()) * (cfg_.clock_hz / 1000000)};
          },
          [&](const ReadCountersRequest&) -> ResponseBody { return counters(); },
          [&](const CountersCtrlRequest& r) -> ResponseBody {
            if (r.action == CountersAction::Zero) {
              mcycle_ = minstret_ = 0;
              std::fill(hpm_.begin(), hpm_.end(), 0);
            } else {
              frozen_ = r.action == CountersAction::Freeze;
            }
            return CountersCtrlResult{};
          },
          [&](const AttachRequest&) -> ResponseBody { return AttachResult{}; },
          [&](const DetachRequest&) -> ResponseBody { return DetachResult{}; },
          [&](const ConsoleInRequest& r) -> ResponseBody {
            const size_t take = std::min(r.data.size(), cfg_.rx_fifo_size - rx_fifo_.size());
            rx_fifo_.append(r.data.begin(), r.data.begin() + static_cast<std::ptrdiff_t>(take));
            console_input_.append(r.data.begin(), r.data.begin() + static_cast<std::ptrdiff_t>(take));
            return ConsoleInResult{static_cast<uint8_t>(take)};
          },
      },
      request);
}

CounterSnapshot FakeDevice::counters() const {
  CounterSnapshot s{mcycle_, minstret_, {}};
  for (size_t i = 0; i < cfg_.events.size(); ++i) s.hpm.push_back({cfg_.events[i], hpm_[i]});
  return s;
}

void FakeDevice::program_step() {
  if (state_ != CoreState::Running) return;
  if (!frozen_) {
    mcycle_ += 1000;
    minstret_ += 800;
    for (size_t i = 0; i < hpm_.size(); ++i) hpm_[i] += event_rate(cfg_.events[i]);
  }
  auto emit = [&](std::string_view text) {
    for (size_t pos = 0; pos < text.size(); pos += kMaxConsoleChunk) {
      const auto part = text.substr(pos, kMaxConsoleChunk);
      std::vector<uint8_t> bytes(part.begin(), part.end());
      if (attached_) send(encode_notification(ConsoleOutput{bytes}));
      else send_raw(bytes);
    }
  };
  auto exit_with = [&](uint32_t code) {
    state_ = CoreState::Exited;
    exit_code_ = code;
    if (attached_) send(encode_notification(ExitNotice{code}));
  };
  if (output_pos_ < cfg_.output.size()) {
    const auto part = std::string_view(cfg_.output).substr(output_pos_, kMaxConsoleChunk);
    emit(part);
    output_pos_ += part.size();
    return;
  }
  if (cfg_.echo && !rx_fifo_.empty()) {
    const std::string in = std::exchange(rx_fifo_, {});
    emit(in);
    if (in.find('q') != std::string::npos) exit_with(cfg_.exit_code.value_or(0));
    return;
  }
  if (cfg_.tick && Clock::now() - last_tick_ >= std::chrono::milliseconds(20)) {
    last_tick_ = Clock::now();
    emit("tick\n");
    return;
  }
  if (!cfg_.echo && !cfg_.tick && cfg_.exit_code) exit_with(*cfg_.exit_code);
}

std::vector<uint8_t> FakeDevice::inject(std::span<const uint8_t> in, double rate) {
  if (rate <= 0) return {in.begin(), in.end()};
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<uint8_t> out;
  out.reserve(in.size() + 8);
  for (uint8_t b : in) {
    const double x = u(rng_);
    if (x >= rate) {
      out.push_back(b);
      continue;
    }
    ++counts_.faults_injected;
    if (x < rate / 3) {
      out.push_back(static_cast<uint8_t>(b ^ (1 + rng_() % 255)));  // corrupted
    } else if (x < 2 * rate / 3) {
      // dropped
    } else {
      out.push_back(static_cast<uint8_t>(rng_()));  // a stray byte
      out.push_back(b);
    }
  }
  return out;
}

void FakeDevice::send(const Frame& f) { send_raw(encode_frame(f)); }

void FakeDevice::send_raw(std::vector<uint8_t> bytes) {
  const std::vector<uint8_t> wire = inject(bytes, cfg_.faults_to_host);
  std::span<const uint8_t> left(wire);
  const auto deadline = Clock::now() + std::chrono::seconds(2);
  while (!left.empty() && Clock::now() < deadline && !stop_) {
    const ssize_t n = is_socket_ ? ::send(fd_.get(), left.data(), left.size(), MSG_NOSIGNAL)
                                 : ::write(fd_.get(), left.data(), left.size());
    if (n > 0) {
      left = left.subspan(static_cast<size_t>(n));
    } else if (n < 0 && errno != EAGAIN && errno != EINTR) {
      return;  // the host went away
    } else {
      pollfd p{fd_.get(), POLLOUT, 0};
      ::poll(&p, 1, 5);
    }
  }
}

}  // namespace corelab::host::test
