// corectl end to end: the real binary against the fake device on a PTY, checking its output and
// the documented exit codes (docs/corectl.md).
#include <fcntl.h>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <termios.h>

#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>

#include "corelab/host/error.hpp"
#include "corelab/host/serial_transport.hpp"
#include "fake_device.hpp"
#include "test_util.hpp"

extern char** environ;

namespace corelab::host::test {
namespace {

using namespace std::chrono_literals;
constexpr uint32_t kRam = 0x80000000u;

struct Result {
  int status = -1;
  std::string out, err;
};

// Runs corectl with `args`; `on_output` sees stdout as it grows (and may signal the child).
Result corectl(const std::vector<std::string>& args,
               const std::function<void(const std::string&, pid_t)>& on_output = {}) {
  int out[2], err[2];
  if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) std::abort();
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, out[1], 1);
  posix_spawn_file_actions_adddup2(&fa, err[1], 2);
  std::vector<std::string> all{CORECTL_PATH};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, CORECTL_PATH, &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  ::close(out[1]);
  ::close(err[1]);
  Result r;
  if (rc != 0) {
    ADD_FAILURE() << "cannot start " << CORECTL_PATH;
    return r;
  }
  UniqueFd o(out[0]), e(err[0]);
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  bool o_open = true, e_open = true;
  while (o_open || e_open) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ADD_FAILURE() << "corectl did not finish in 30 s";
      break;
    }
    pollfd p[2] = {{o_open ? o.get() : -1, POLLIN, 0}, {e_open ? e.get() : -1, POLLIN, 0}};
    ::poll(p, 2, 100);
    char buf[4096];
    if (o_open && (p[0].revents & (POLLIN | POLLHUP))) {
      const ssize_t n = ::read(o.get(), buf, sizeof buf);
      if (n <= 0) o_open = false;
      else {
        r.out.append(buf, static_cast<size_t>(n));
        if (on_output) on_output(r.out, pid);
      }
    }
    if (e_open && (p[1].revents & (POLLIN | POLLHUP))) {
      const ssize_t n = ::read(e.get(), buf, sizeof buf);
      if (n <= 0) e_open = false;
      else r.err.append(buf, static_cast<size_t>(n));
    }
  }
  int ws = 0;
  ::waitpid(pid, &ws, 0);
  r.status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
  return r;
}

// A board on a PTY: the fake device on the master, corectl on the slave.
class Cli : public ::testing::Test {
 protected:
  void start(FakeDeviceConfig cfg) {
    int m = -1, s = -1;
    char name[256] = {};
    ASSERT_EQ(::openpty(&m, &s, name, nullptr, nullptr), 0);
    keep_slave_.reset(s);  // so the master never sees a hangup between corectl runs
    termios t{};
    ::tcgetattr(s, &t);
    ::cfmakeraw(&t);
    ::tcsetattr(s, TCSANOW, &t);
    port_ = name;
    fake_ = std::make_unique<FakeDevice>(UniqueFd(m), std::move(cfg));
  }
  std::vector<std::string> with_port(std::vector<std::string> args) {
    args.insert(args.begin(), {"--port", port_, "--timeout", "0.3"});
    return args;
  }
  std::string elf(const std::string& name, size_t text_bytes = 3000) {
    std::mt19937_64 rng(7);
    return write_test_elf(dir_ / name,
                          {ElfSegment{kRam, random_bytes(rng, text_bytes)}, ElfSegment{kRam + 0x4000, {1, 2, 3, 4, 5}}},
                          kRam);
  }
  // The fake device handles the DETACH on its own thread: give it a moment on a loaded machine.
  void expect_detached() {
    for (int i = 0; i < 200 && fake_->attached(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_FALSE(fake_->attached()) << "corectl detaches when it is done";
  }
  static void expect_one_error_line(const Result& r) {
    EXPECT_EQ(r.err.rfind("corectl: error: ", 0), 0u) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }

  TempDir dir_{"cli"};
  UniqueFd keep_slave_;
  std::string port_;
  std::unique_ptr<FakeDevice> fake_;
};

TEST_F(Cli, InfoShowsTheDescriptor) {
  start({});
  const Result r = corectl(with_port({"info"}));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("core          pipe"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("RV32IM"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("0x80000000 .. 0x8000ffff (64.0 KiB)"), std::string::npos) << r.out;
  const Result j = corectl(with_port({"info", "--json"}));
  ASSERT_EQ(j.status, 0) << j.err;
  const auto js = nlohmann::json::parse(j.out);
  EXPECT_EQ(js["ram_size"], 65536);
  EXPECT_EQ(js["core_kind"], "pipe");
  expect_detached();
}

TEST_F(Cli, LoadWritesAndVerifies) {
  start({});
  const std::string prog = elf("load.elf");
  const Result r = corectl(with_port({"load", prog, "--verify"}));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("verified"), std::string::npos) << r.err;
  const ElfImage img = read_elf(prog);
  const auto ram = fake_->ram();
  for (const auto& s : img.segments)
    EXPECT_TRUE(std::equal(s.bytes.begin(), s.bytes.end(), ram.begin() + (s.addr - kRam)));
  EXPECT_EQ(fake_->state(), CoreState::Reset);
  EXPECT_EQ(corectl(with_port({"load", prog, "--start"})).status, 0);
  EXPECT_EQ(fake_->state(), CoreState::Running);
}

TEST_F(Cli, RunStreamsTheConsoleAndExitsWithTheProgramsStatus) {
  FakeDeviceConfig cfg;
  cfg.output = "hello from the board\n" + std::string(200, '.') + "\n";
  cfg.exit_code = 3;
  start(cfg);
  const Result r = corectl(with_port({"run", elf("run.elf"), "--perf"}));
  EXPECT_EQ(r.status, 3) << r.err;
  EXPECT_EQ(r.out, cfg.output);
  EXPECT_NE(r.err.find("IPC"), std::string::npos) << "--perf prints the counters on stderr: " << r.err;
}

TEST_F(Cli, RunReportsALargeStatusAs63) {
  FakeDeviceConfig cfg;
  cfg.exit_code = 200;
  start(cfg);
  const Result r = corectl(with_port({"run", elf("run200.elf")}));
  EXPECT_EQ(r.status, kExitProgramMax);
  EXPECT_NE(r.err.find("status 200"), std::string::npos) << r.err;
}

TEST_F(Cli, CtrlCHaltsTheCoreAndExits130) {
  FakeDeviceConfig cfg;
  cfg.tick = true;
  start(cfg);
  bool sent = false;
  const Result r = corectl(with_port({"run", elf("tick.elf")}), [&](const std::string& out, pid_t pid) {
    if (!sent && out.find("tick\n") != std::string::npos) {
      ::kill(pid, SIGINT);
      sent = true;
    }
  });
  ASSERT_TRUE(sent) << "the program printed nothing: " << r.err;
  EXPECT_EQ(r.status, kExitInterrupted) << r.err;
  EXPECT_EQ(fake_->state(), CoreState::Halted);
  expect_detached();
}

TEST_F(Cli, ControlsTheCore) {
  start({});
  EXPECT_EQ(corectl(with_port({"reset", "--hold"})).out, "core held in reset\n");
  EXPECT_EQ(corectl(with_port({"reset"})).out, "core running\n");
  EXPECT_EQ(corectl(with_port({"halt"})).out, "core halted\n");
  EXPECT_EQ(fake_->state(), CoreState::Halted);
  EXPECT_EQ(corectl(with_port({"resume"})).out, "core running\n");
  corectl(with_port({"reset", "--hold"}));
  const Result r = corectl(with_port({"resume"}));
  EXPECT_EQ(r.status, error_kind_info(ErrorKind::DeviceError).exit_code) << r.err;
  expect_one_error_line(r);
}

TEST_F(Cli, PerfTableJsonCsvWatchAndPlot) {
  FakeDeviceConfig cfg;
  cfg.start_running = true;
  start(cfg);
  const Result t = corectl(with_port({"perf"}));
  EXPECT_EQ(t.status, 0) << t.err;
  EXPECT_NE(t.out.find("DCACHE_MISS"), std::string::npos) << t.out;
  EXPECT_NE(t.out.find("branch MPKI"), std::string::npos) << t.out;

  const Result j = corectl(with_port({"perf", "--json"}));
  ASSERT_EQ(j.status, 0) << j.err;
  const auto js = nlohmann::json::parse(j.out);
  EXPECT_EQ(js["counters"].size(), 8u);
  EXPECT_TRUE(js["metrics"]["ipc"].is_number());

  const Result c = corectl(with_port({"perf", "--csv"}));
  EXPECT_EQ(std::count(c.out.begin(), c.out.end(), '\n'), 2) << c.out;

  const auto svg = dir_ / "perf.svg";
  const Result w = corectl(with_port({"perf", "--watch", "0.05", "--count", "4", "--csv", "--plot", svg.string()}));
  ASSERT_EQ(w.status, 0) << w.err;
  EXPECT_EQ(std::count(w.out.begin(), w.out.end(), '\n'), 5) << w.out;
  EXPECT_EQ(w.out.rfind("t,mcycle,minstret", 0), 0u) << w.out;
  std::ifstream in(svg);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str().rfind("<svg", 0), 0u);
  EXPECT_NE(ss.str().find("<polyline"), std::string::npos);

  const Result jw = corectl(with_port({"perf", "--watch", "0.05", "--count", "2", "--json"}));
  ASSERT_EQ(jw.status, 0) << jw.err;
  std::istringstream lines(jw.out);
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    EXPECT_TRUE(nlohmann::json::parse(line).contains("t"));
    ++n;
  }
  EXPECT_EQ(n, 2);
}

TEST_F(Cli, ErrorsAreOneLineWithTheDocumentedExitCode) {
  FakeDeviceConfig cfg;
  cfg.ram_size = 8 * 1024;
  start(cfg);
  auto code = [](ErrorKind k) { return error_kind_info(k).exit_code; };

  Result r = corectl({"--port", "/dev/ttyUSB-none", "info"});
  EXPECT_EQ(r.status, code(ErrorKind::DeviceNotFound));
  expect_one_error_line(r);

  const auto bad = dir_ / "bad.elf";
  std::ofstream(bad) << "not an elf\n";
  r = corectl(with_port({"load", bad.string()}));
  EXPECT_EQ(r.status, code(ErrorKind::BadElf));
  expect_one_error_line(r);

  r = corectl(with_port({"load", elf("big.elf", 12 * 1024)}));
  EXPECT_EQ(r.status, code(ErrorKind::ElfTooLarge)) << r.err;
  expect_one_error_line(r);

  {
    SerialTransport holder(port_, 115200);
    r = corectl(with_port({"info"}));
    EXPECT_EQ(r.status, code(ErrorKind::PortBusy)) << r.err;
    expect_one_error_line(r);
  }

  r = corectl(with_port({"info", "--no-such-option"}));
  EXPECT_EQ(r.status, code(ErrorKind::Usage));
  expect_one_error_line(r);
  r = corectl(with_port({"perf", "--plot", "x.svg"}));
  EXPECT_EQ(r.status, code(ErrorKind::Usage));
  r = corectl({"--ftdi", "0:C", "info"});
  EXPECT_EQ(r.status, code(ErrorKind::Usage));
  r = corectl({"--board", "nosuchboard", "--port", port_, "info"});
  EXPECT_EQ(r.status, code(ErrorKind::Usage));
  EXPECT_EQ(corectl({"--help"}).status, 0);
}

TEST_F(Cli, ASilentBoardIsATimeoutAndAnOldOneAMismatch) {
  FakeDeviceConfig cfg;
  cfg.silent = true;
  start(cfg);
  Result r = corectl({"--port", port_, "--timeout", "0.05", "info"});
  EXPECT_EQ(r.status, error_kind_info(ErrorKind::Timeout).exit_code) << r.err;
  expect_one_error_line(r);
  EXPECT_NE(r.err.find("ATTACH"), std::string::npos) << r.err;

  fake_.reset();
  FakeDeviceConfig v2;
  v2.proto_version = 2;
  start(v2);
  r = corectl(with_port({"info"}));
  EXPECT_EQ(r.status, error_kind_info(ErrorKind::ProtocolMismatch).exit_code) << r.err;
  expect_one_error_line(r);
}

}  // namespace
}  // namespace corelab::host::test
