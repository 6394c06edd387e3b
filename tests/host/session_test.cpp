// Session and loader against the fake device over a socketpair: every command, pipelining,
// console and exit notifications, device errors, and uploads through a link that corrupts, drops
// and inserts bytes in both directions, where the result must be right or a clear error.
#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "corelab/host/loader.hpp"
#include "corelab/host/session.hpp"
#include "fake_device.hpp"
#include "test_util.hpp"

namespace corelab::host::test {
namespace {

using namespace std::chrono_literals;

constexpr uint32_t kRam = 0x80000000u;

// A fake device and a session connected to it.
struct Bench {
  explicit Bench(FakeDeviceConfig cfg, SessionOptions opt = quick()) {
    auto [host, device] = socket_pair();
    fake = std::make_unique<FakeDevice>(std::move(device), std::move(cfg));
    link = std::make_unique<FdTransport>(std::move(host), "fake");
    session = std::make_unique<Session>(*link, opt);
  }
  static SessionOptions quick() {
    SessionOptions o;
    o.timeout = 60ms;
    return o;
  }
  std::unique_ptr<FakeDevice> fake;
  std::unique_ptr<FdTransport> link;
  std::unique_ptr<Session> session;
};

ErrorKind kind_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const HostError& e) {
    return e.kind();
  }
  ADD_FAILURE() << "no HostError";
  return ErrorKind::Usage;
}

TEST(Session, AttachReadsTheBuildDescriptor) {
  FakeDeviceConfig cfg;
  cfg.ram_size = 128 * 1024;
  Bench b(cfg);
  const Identity& id = b.session->attach();
  EXPECT_EQ(id.proto_version, 1);
  EXPECT_EQ(id.ram_base, kRam);
  EXPECT_EQ(id.ram_size, 128u * 1024);
  EXPECT_EQ(id.num_hpm, 8);
  EXPECT_EQ(id.core_kind, 1);
  EXPECT_TRUE(b.session->attached());
  EXPECT_TRUE(b.fake->attached());
  b.session->detach();
  EXPECT_FALSE(b.session->attached());
  EXPECT_EQ(b.session->stats().retries, 0u);
}

TEST(Session, RefusesAnotherProtocolVersion) {
  FakeDeviceConfig cfg;
  cfg.proto_version = 2;
  Bench b(cfg);
  try {
    b.session->attach();
    FAIL() << "attached to a version-2 device";
  } catch (const HostError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::ProtocolMismatch);
    EXPECT_NE(std::string(e.what()).find("version 2"), std::string::npos) << e.what();
  }
}

TEST(Session, ASilentDeviceTimesOutSayingWhatWasExpected) {
  FakeDeviceConfig cfg;
  cfg.silent = true;
  Bench b(cfg);
  try {
    b.session->attach();
    FAIL() << "attached to a silent device";
  } catch (const HostError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Timeout);
    EXPECT_EQ(e.expected(), "a response to ATTACH");
    EXPECT_EQ(e.counts().timeouts, 3u) << "one try and two retries";
    EXPECT_NE(std::string(e.what()).find("is the board connected"), std::string::npos) << e.what();
  }
}

TEST(Session, WritesAndReadsMemory) {
  const uint64_t seed = test_seed(31);
  CORELAB_SEED_TRACE(seed);
  std::mt19937_64 rng(seed);
  FakeDeviceConfig cfg;
  cfg.ram_size = 256 * 1024;
  Bench b(cfg);
  b.session->attach();
  b.session->core_ctrl(CoreAction::Hold);
  const auto data = slip_heavy_bytes(rng, 200 * 1024);
  uint64_t last_progress = 0;
  b.session->write_mem(kRam + 4096, data, [&](const Progress& p) {
    EXPECT_EQ(p.total, data.size());
    EXPECT_GE(p.done, last_progress);
    last_progress = p.done;
  });
  EXPECT_EQ(last_progress, data.size());
  const auto ram = b.fake->ram();
  EXPECT_TRUE(std::equal(data.begin(), data.end(), ram.begin() + 4096));
  EXPECT_EQ(b.session->read_mem(kRam + 4096, static_cast<uint32_t>(data.size())), data);
  EXPECT_EQ(b.session->read_mem(kRam + 4096 + 8, 12),
            std::vector<uint8_t>(data.begin() + 8, data.begin() + 20));
}

TEST(Session, PipelinesUpToFourWrites) {
  FakeDeviceConfig cfg;
  cfg.response_delay = 2ms;
  Bench b(cfg);
  b.session->attach();
  b.session->core_ctrl(CoreAction::Hold);
  b.session->write_mem(kRam, std::vector<uint8_t>(40 * 1020, 0x5A));
  const auto c = b.fake->counts();
  EXPECT_GE(c.max_outstanding, 2u) << "the host waited for every response before the next write";
  EXPECT_LE(c.max_outstanding, 4u) << "more than 4 frames in flight";
  EXPECT_EQ(b.session->stats().retries, 0u);
}

TEST(Session, ReportsDeviceRefusals) {
  Bench b(FakeDeviceConfig{});
  b.session->attach();
  b.session->core_ctrl(CoreAction::Hold);
  try {
    b.session->write_mem(0x1000, std::vector<uint8_t>(8));
    FAIL() << "a write outside RAM was accepted";
  } catch (const HostError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::DeviceError);
    EXPECT_EQ(e.device_status(), 3);
    EXPECT_NE(std::string(e.what()).find("outside RAM"), std::string::npos) << e.what();
  }
  EXPECT_EQ(b.session->core_ctrl(CoreAction::Release), CoreState::Running);
  EXPECT_EQ(kind_of([&] { b.session->write_mem(kRam, std::vector<uint8_t>(8)); }), ErrorKind::DeviceError)
      << "RAM writes need the core held in reset";
  EXPECT_EQ(kind_of([&] { b.session->write_mem(kRam + 2, std::vector<uint8_t>(8)); }), ErrorKind::Usage);
}

TEST(Session, ControlsTheCore) {
  Bench b(FakeDeviceConfig{});
  b.session->attach();
  EXPECT_EQ(b.session->core_ctrl(CoreAction::Hold), CoreState::Reset);
  b.session->set_start(kRam + 0x100);
  EXPECT_EQ(b.fake->start_address(), kRam + 0x100);
  EXPECT_EQ(b.session->core_ctrl(CoreAction::Release), CoreState::Running);
  EXPECT_EQ(b.session->core_ctrl(CoreAction::Halt), CoreState::Halted);
  EXPECT_EQ(b.session->status().state, CoreState::Halted);
  EXPECT_EQ(b.session->core_ctrl(CoreAction::Resume), CoreState::Running);
  EXPECT_EQ(b.fake->state(), CoreState::Running);
}

TEST(Session, ReadsAndZeroesCounters) {
  Bench b(FakeDeviceConfig{});
  b.session->attach();
  b.session->core_ctrl(CoreAction::Hold);
  b.session->core_ctrl(CoreAction::Release);
  std::this_thread::sleep_for(30ms);
  const CounterSnapshot s = b.session->read_counters();
  ASSERT_EQ(s.hpm.size(), 8u);
  EXPECT_EQ(s.hpm[0].event, 3);
  EXPECT_GT(s.mcycle, 0u);
  EXPECT_GT(s.hpm[0].count, 0u);
  b.session->core_ctrl(CoreAction::Halt);
  b.session->counters_ctrl(CountersAction::Zero);
  const CounterSnapshot z = b.session->read_counters();
  EXPECT_EQ(z.mcycle, 0u);
  EXPECT_EQ(z.hpm[0].count, 0u);
}

TEST(Session, StreamsConsoleOutputAndTheExit) {
  FakeDeviceConfig cfg;
  cfg.output = std::string(300, 'x') + "\nhello, world\n";
  cfg.exit_code = 3;
  Bench b(cfg);
  std::string out;
  std::optional<uint32_t> exited;
  b.session->on_console([&](std::span<const uint8_t> d) { out.append(d.begin(), d.end()); });
  b.session->on_exit([&](uint32_t c) { exited = c; });
  b.session->attach();
  b.session->core_ctrl(CoreAction::Hold);
  b.session->core_ctrl(CoreAction::Release);
  for (int i = 0; i < 100 && !exited; ++i) b.session->poll(20ms);
  ASSERT_TRUE(exited.has_value()) << "no EXITED notification";
  EXPECT_EQ(*exited, 3u);
  EXPECT_EQ(b.session->exit_code(), 3u);
  EXPECT_EQ(out, cfg.output);
  const StatusResult st = b.session->status();
  EXPECT_EQ(st.state, CoreState::Exited);
  EXPECT_EQ(st.exit_code, 3u);
}

TEST(Session, SendsConsoleInput) {
  FakeDeviceConfig cfg;
  cfg.echo = true;
  cfg.rx_fifo_size = 8;
  Bench b(cfg);
  std::string out;
  b.session->on_console([&](std::span<const uint8_t> d) { out.append(d.begin(), d.end()); });
  b.session->attach();
  b.session->core_ctrl(CoreAction::Hold);
  b.session->core_ctrl(CoreAction::Release);
  const std::string text = "a line longer than the FIFO\n";
  size_t sent = 0;
  for (int i = 0; i < 200 && sent < text.size(); ++i) {
    const std::string_view rest = std::string_view(text).substr(sent);
    sent += b.session->console_in({reinterpret_cast<const uint8_t*>(rest.data()), rest.size()});
    b.session->poll(5ms);
  }
  EXPECT_EQ(sent, text.size());
  for (int i = 0; i < 50 && out.size() < text.size(); ++i) b.session->poll(10ms);
  EXPECT_EQ(out, text);
  EXPECT_EQ(b.fake->console_input(), text);
}

TEST(Session, HandsOutTextOfADetachedProgram) {
  FakeDeviceConfig cfg;
  cfg.start_running = true;
  cfg.output = "booted\n";
  cfg.echo = true;
  Bench b(cfg);
  std::string out;
  b.session->on_console([&](std::span<const uint8_t> d) { out.append(d.begin(), d.end()); });
  for (int i = 0; i < 50 && out.size() < 7; ++i) b.session->poll(10ms);
  EXPECT_EQ(out, "booted\n") << "unframed output of a detached device is console text";
  b.session->attach();
  out.clear();
  EXPECT_EQ(b.session->console_in(std::vector<uint8_t>{'o', 'k'}), 2u);
  for (int i = 0; i < 50 && out.size() < 2; ++i) b.session->poll(10ms);
  EXPECT_EQ(out, "ok") << "attached, output arrives in CONSOLE frames";
}

// ---- loading programs ----

std::vector<ElfSegment> test_segments(std::mt19937_64& rng, size_t text, size_t data) {
  return {ElfSegment{kRam, random_bytes(rng, text)}, ElfSegment{kRam + 0x8000 + 2, random_bytes(rng, data)}};
}

TEST(Loader, WordBlocksPadSegmentsWithoutOverwritingNeighbours) {
  ElfImage img;
  img.segments = {ElfSegment{0x100, {1, 2, 3, 4, 5}}, ElfSegment{0x105, {6, 7}}, ElfSegment{0x200, {9}},
                  ElfSegment{0x0FE, {0xA, 0xB}}};
  const auto blocks = memory_blocks(img);
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_EQ(blocks[0].addr, 0x0FCu);
  EXPECT_EQ(blocks[0].bytes, (std::vector<uint8_t>{0, 0, 0xA, 0xB, 1, 2, 3, 4, 5, 6, 7, 0}));
  EXPECT_EQ(blocks[1].addr, 0x200u);
  EXPECT_EQ(blocks[1].bytes, (std::vector<uint8_t>{9, 0, 0, 0}));
}

TEST(Loader, LoadsVerifiesAndSetsTheStart) {
  const uint64_t seed = test_seed(32);
  CORELAB_SEED_TRACE(seed);
  std::mt19937_64 rng(seed);
  const TempDir dir("load");
  const auto segs = test_segments(rng, 5000, 1001);
  const ElfImage img = read_program(write_test_elf(dir / "prog.elf", segs, kRam + 0x40));
  Bench b(FakeDeviceConfig{});
  b.session->attach();
  std::vector<std::string> phases;
  LoadOptions o;
  o.verify = true;
  o.progress = [&](const Progress& p) {
    if (phases.empty() || phases.back() != p.phase) phases.emplace_back(p.phase);
  };
  const LoadResult r = load_elf(*b.session, img, o);
  EXPECT_EQ(phases, (std::vector<std::string>{"write", "verify"}));
  EXPECT_EQ(r.entry, kRam + 0x40);
  EXPECT_EQ(b.fake->start_address(), kRam + 0x40);
  EXPECT_EQ(b.fake->state(), CoreState::Reset);
  const auto ram = b.fake->ram();
  for (const auto& s : segs)
    EXPECT_TRUE(std::equal(s.bytes.begin(), s.bytes.end(), ram.begin() + (s.addr - kRam))) << std::hex << s.addr;
}

TEST(Loader, RefusesAProgramLargerThanTheTargetRam) {
  const uint64_t seed = test_seed(33);
  std::mt19937_64 rng(seed);
  const TempDir dir("too_large");
  FakeDeviceConfig cfg;
  cfg.ram_size = 16 * 1024;
  cfg.start_running = true;
  Bench b(cfg);
  b.session->attach();
  const ElfImage img = read_program(write_test_elf(dir / "big.elf", test_segments(rng, 100, 100), kRam));
  try {
    load_elf(*b.session, img);
    FAIL() << "loaded a program beyond the RAM";
  } catch (const HostError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::ElfTooLarge);
    EXPECT_NE(std::string(e.what()).find("16.0 KiB"), std::string::npos) << e.what();
  }
  EXPECT_EQ(b.fake->state(), CoreState::Running) << "a program that does not fit must not stop the running one";
  EXPECT_EQ(b.fake->counts().writes, 0u);
}

TEST(Loader, ABadElfIsABadElfError) {
  const TempDir dir("bad_elf");
  const auto path = dir / "not.elf";
  std::ofstream(path) << "this is not an ELF file\n";
  EXPECT_EQ(kind_of([&] { read_program(path.string()); }), ErrorKind::BadElf);
  EXPECT_EQ(kind_of([&] { read_program((dir / "missing.elf").string()); }), ErrorKind::BadElf);
}

// ---- a faulty link ----

struct FaultCase {
  const char* name;
  double rate;
  uint64_t seed;
  bool must_succeed;
};

class FaultyLink : public ::testing::TestWithParam<FaultCase> {};

// An upload with verify through a link that damages bytes both ways: it completes with the
// device's RAM equal to the data, or fails with a link error. Never silently wrong.
TEST_P(FaultyLink, UploadIsCorrectOrFailsCleanly) {
  const FaultCase fc = GetParam();
  const uint64_t seed = test_seed(fc.seed);
  CORELAB_SEED_TRACE(seed);
  std::mt19937_64 rng(seed);
  FakeDeviceConfig cfg;
  cfg.ram_size = 320 * 1024;
  cfg.faults_to_device = fc.rate;
  cfg.faults_to_host = fc.rate;
  cfg.seed = seed;
  SessionOptions opt;
  opt.timeout = 40ms;
  Bench b(cfg, opt);
  const auto data = slip_heavy_bytes(rng, 300 * 1024);
  std::optional<HostError> error;
  try {
    b.session->attach();
    b.session->core_ctrl(CoreAction::Hold);
    b.session->write_mem(kRam, data);
    const auto back = b.session->read_mem(kRam, static_cast<uint32_t>(data.size()));
    ASSERT_EQ(back, data) << "read-back differs without an error";
  } catch (const HostError& e) {
    error = e;
  }
  const LinkStats s = b.session->stats();
  const FakeDeviceCounts c = b.fake->counts();
  RecordProperty("faults_injected", std::to_string(c.faults_injected));
  RecordProperty("retries", std::to_string(s.retries));
  EXPECT_GT(c.faults_injected, 0u) << "the link injected no faults";
  if (error) {
    EXPECT_FALSE(fc.must_succeed) << error->what();
    EXPECT_TRUE(error->kind() == ErrorKind::CrcErrors || error->kind() == ErrorKind::Timeout)
        << "unexpected kind: " << error->what();
    EXPECT_NE(std::string(error->what()).find("retries"), std::string::npos) << error->what();
    std::printf("[ clean failure ] %s\n", error->what());
  } else {
    const auto ram = b.fake->ram();
    EXPECT_TRUE(std::equal(data.begin(), data.end(), ram.begin())) << "the device's RAM differs from the data";
    EXPECT_GT(s.retries, 0u) << "faults were injected, yet nothing was retried";
    std::printf("[ upload ok ] %llu faults injected, %llu bad frames, %llu retries, %llu timeouts\n",
                static_cast<unsigned long long>(c.faults_injected), static_cast<unsigned long long>(s.bad_frames),
                static_cast<unsigned long long>(s.retries), static_cast<unsigned long long>(s.timeouts));
  }
}

INSTANTIATE_TEST_SUITE_P(Rates, FaultyLink,
                         ::testing::Values(FaultCase{"Rate1e4Seed41", 1e-4, 41, true},
                                           FaultCase{"Rate1e3Seed42", 1e-3, 42, false},
                                           FaultCase{"Rate1e3Seed43", 1e-3, 43, false}),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(FaultyLinkHeavy, AHopelessLinkFailsWithCounts) {
  const uint64_t seed = test_seed(44);
  CORELAB_SEED_TRACE(seed);
  FakeDeviceConfig cfg;
  cfg.faults_to_device = 0.03;
  cfg.faults_to_host = 0.03;
  cfg.seed = seed;
  SessionOptions opt;
  opt.timeout = 20ms;
  opt.max_retries = 4;
  Bench b(cfg, opt);
  std::mt19937_64 rng(seed);
  const auto data = random_bytes(rng, 64 * 1024);
  try {
    b.session->attach();
    b.session->core_ctrl(CoreAction::Hold);
    b.session->write_mem(kRam, data);
    EXPECT_EQ(b.session->read_mem(kRam, static_cast<uint32_t>(data.size())), data);
  } catch (const HostError& e) {
    EXPECT_TRUE(e.kind() == ErrorKind::CrcErrors || e.kind() == ErrorKind::Timeout) << e.what();
    EXPECT_GT(e.counts().retries, 0u);
    return;
  }
  const auto ram = b.fake->ram();
  EXPECT_TRUE(std::equal(data.begin(), data.end(), ram.begin())) << "succeeded, but wrong";
}

}  // namespace
}  // namespace corelab::host::test
