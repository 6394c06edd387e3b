// corectl: the command line of the host tool. It parses options, opens the link, calls the
// corelab_host library and shows what comes back; every error ends as one line on stderr and an
// exit code from the table in docs/corectl.md.
#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <fmt/format.h>
#include <fstream>
#include <functional>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "corelab/host/boards.hpp"
#include "corelab/host/error.hpp"
#include "corelab/host/sim_board.hpp"
#include "corelab/host/events.hpp"
#include "corelab/host/fpga_programmer.hpp"
#include "corelab/host/ftdi_port.hpp"
#include "corelab/host/ftdi_transport.hpp"
#include "corelab/host/link.hpp"
#include "corelab/host/loader.hpp"
#include "corelab/host/model/model_board.hpp"
#include "corelab/host/perf.hpp"
#include "corelab/host/serial_transport.hpp"
#include "corelab/host/session.hpp"

namespace {

using namespace corelab::host;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

struct GlobalOptions {
  std::string port;
  std::string ftdi;
  std::string board = "generic";
  std::optional<uint32_t> baud;
  double timeout = 1.0;
  std::string sim;    // start a simulated board with this core for the command
  std::string model;  // flash/detect: a simulated board whose state lives in this directory
  std::string cable;  // flash/detect: a programming cable from the cable table
};

// Thrown when Ctrl-C arrives during a long operation that cannot poll for it itself.
struct Interrupted {};

// SIGINT and SIGTERM, blocked and read from a signalfd, so the streaming loops can stop the core
// cleanly instead of dying half-way through a frame.
class InterruptWatch {
 public:
  InterruptWatch() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set_, &old_);
    fd_.reset(signalfd(-1, &set_, SFD_NONBLOCK | SFD_CLOEXEC));
  }
  ~InterruptWatch() {
    pending();  // consume what arrived, or unblocking would deliver it
    pthread_sigmask(SIG_SETMASK, &old_, nullptr);
  }
  InterruptWatch(const InterruptWatch&) = delete;
  InterruptWatch& operator=(const InterruptWatch&) = delete;

  bool pending() {
    signalfd_siginfo si{};
    while (fd_ && ::read(fd_.get(), &si, sizeof si) == static_cast<ssize_t>(sizeof si)) hit_ = true;
    return hit_;
  }

 private:
  sigset_t set_{}, old_{};
  UniqueFd fd_;
  bool hit_ = false;
};

const BoardInfo& board_of(const GlobalOptions& g) {
  if (const BoardInfo* b = find_board(g.board)) return *b;
  std::string names;
  for (const auto& b : board_table()) names += (names.empty() ? "" : ", ") + std::string(b.name);
  throw HostError(ErrorKind::Usage, fmt::format("--board {}: unknown board (known: {})", g.board, names));
}

// The one place that turns options into a link. `--sim` (a simulated board) belongs here.
std::unique_ptr<Transport> make_transport(const GlobalOptions& g, const SimBoard* sim) {
  const BoardInfo& board = board_of(g);
  LinkSpec spec = AutoLink{};
  if (sim) spec = PortLink{sim->port()};
  if (!g.port.empty()) spec = PortLink{g.port};
  if (!g.ftdi.empty()) spec = FtdiLink{g.ftdi};
  return open_transport(spec, board, g.baud.value_or(board.baud));
}

// An open link with an attached session. Members are destroyed in reverse: the session detaches
// before the link closes.
class Device {
 public:
  explicit Device(const GlobalOptions& g)
      : sim_(g.sim.empty() ? nullptr : std::make_unique<SimBoard>(g.sim)),
        link_(make_transport(g, sim_.get())),
        session_(*link_, SessionOptions{milliseconds(static_cast<int64_t>(g.timeout * 1000))}) {
    const Identity& id = session_.attach();
    if (id.events_version != events_version())
      std::fprintf(stderr,
                   "corectl: warning: the device counts events of table version %u, corectl knows version %u: "
                   "unknown events show as numbers\n",
                   id.events_version, events_version());
  }
  Session& session() { return session_; }
  const Identity& identity() { return *session_.identity(); }
  // Which counter metrics apply (docs/counters.md: each core's stall events).
  CoreKind core_kind() { return static_cast<CoreKind>(identity().core_kind); }

 private:
  std::unique_ptr<SimBoard> sim_;  // a simulated board for this command (--sim), stopped last
  std::unique_ptr<Transport> link_;
  Session session_;
};

// ---- output helpers ----

void write_stdout(std::span<const uint8_t> bytes) {
  if (std::fwrite(bytes.data(), 1, bytes.size(), stdout) != bytes.size() || std::fflush(stdout) != 0)
    throw HostError(ErrorKind::Io, "cannot write the program's output to stdout (was the pipe closed?)");
}

std::string misa_text(uint32_t misa) {
  const unsigned mxl = misa >> 30;
  std::string s = mxl == 1 ? "RV32" : mxl == 2 ? "RV64" : "RV??";
  for (int i = 0; i < 26; ++i)
    if (misa & (1u << i)) s += static_cast<char>('A' + i);
  return s;
}

std::string kib(uint64_t bytes) { return fmt::format("{:.1f} KiB", bytes / 1024.0); }

// A one-line progress bar on stderr, redrawn at most ten times a second; silent unless stderr is
// a terminal.
class ProgressBar {
 public:
  // `plain_lines`: when stderr is no terminal, say once per phase that it is done.
  ProgressBar(std::string label, InterruptWatch* interrupts, bool plain_lines = false)
      : label_(std::move(label)), enabled_(isatty(STDERR_FILENO) != 0), plain_lines_(plain_lines),
        interrupts_(interrupts) {}
  ~ProgressBar() {
    if (drawn_) std::fputs("\n", stderr);
  }
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void operator()(const Progress& p) {
    if (interrupts_ && interrupts_->pending()) throw Interrupted{};
    if (!enabled_) {
      if (plain_lines_ && p.done == p.total && p.phase != done_phase_) {
        done_phase_ = std::string(p.phase);
        std::fprintf(stderr, "%s: %s done (%s)\n", label_.c_str(), done_phase_.c_str(), kib(p.total).c_str());
      }
      return;
    }
    const auto now = Clock::now();
    if (p.done < p.total && now - last_ < milliseconds(100)) return;
    last_ = now;
    constexpr int kWidth = 30;
    const double f = p.total ? static_cast<double>(p.done) / static_cast<double>(p.total) : 1.0;
    const int fill = static_cast<int>(f * kWidth);
    std::fprintf(stderr, "\r%s %-6s [%s%s] %3d%%  %s / %s  %.1f KiB/s ", label_.c_str(), std::string(p.phase).c_str(),
                 std::string(static_cast<size_t>(fill), '#').c_str(),
                 std::string(static_cast<size_t>(kWidth - fill), '.').c_str(), static_cast<int>(f * 100),
                 kib(p.done).c_str(), kib(p.total).c_str(), p.bytes_per_second / 1024.0);
    drawn_ = true;
  }

 private:
  std::string label_;
  bool enabled_;
  bool plain_lines_;
  std::string done_phase_;
  InterruptWatch* interrupts_;
  bool drawn_ = false;
  Clock::time_point last_{};
};

// The program's exit status as corectl's: 0..63 as is, higher reads as 63 (told on stderr).
int program_status(uint32_t code) {
  if (code <= static_cast<uint32_t>(kExitProgramMax)) return static_cast<int>(code);
  std::fprintf(stderr, "corectl: the program exited with status %u (reported as %d)\n", code, kExitProgramMax);
  return kExitProgramMax;
}

LoadResult load_program(Session& s, const std::string& elf, bool verify, InterruptWatch* interrupts) {
  const corelab::ElfImage image = read_program(elf);
  ProgressBar bar("loading", interrupts);
  LoadOptions o;
  o.verify = verify;
  o.progress = [&bar](const Progress& p) { bar(p); };
  return load_elf(s, image, o);
}

// Copies the program's output to stdout and stdin to the program until it exits or Ctrl-C.
// Returns corectl's exit status.
int stream_console(Session& s, InterruptWatch& interrupts, bool halt_on_interrupt) {
  std::optional<uint32_t> exited;
  s.on_console(write_stdout);
  s.on_exit([&](uint32_t code) { exited = code; });
  bool stdin_open = true;
  std::vector<uint8_t> input;
  auto next_status = Clock::now();
  while (!exited) {
    if (interrupts.pending()) {
      if (halt_on_interrupt) {
        try {
          s.core_ctrl(CoreAction::Halt);
        } catch (const HostError& e) {
          if (e.kind() != ErrorKind::DeviceError) throw;  // it exited (or was reset) meanwhile
        }
      }
      s.detach();
      return kExitInterrupted;
    }
    s.poll(milliseconds(50));
    // Keyboard to the program, at most what its FIFO takes now; the rest waits.
    pollfd p{STDIN_FILENO, POLLIN, 0};
    if (stdin_open && input.size() < 4096 && ::poll(&p, 1, 0) > 0) {
      uint8_t buf[256];
      const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
      if (n <= 0)
        stdin_open = false;
      else
        input.insert(input.end(), buf, buf + n);
    }
    while (!input.empty()) {
      const size_t took = s.console_in(input);
      input.erase(input.begin(), input.begin() + static_cast<std::ptrdiff_t>(took));
      if (took == 0) break;
    }
    // STATUS once a second: keeps the session attached, and notices an exit whose EXITED was lost.
    if (Clock::now() >= next_status) {
      const StatusResult st = s.status();
      if (st.state == CoreState::Exited) exited = st.exit_code;
      next_status = Clock::now() + std::chrono::seconds(1);
    }
  }
  s.poll(milliseconds(100));  // output the program wrote just before it exited
  s.detach();
  return program_status(*exited);
}

// ---- subcommands ----

int cmd_list() {
  const auto ports = list_serial_ports();
  std::printf("serial ports (--port PATH):\n");
  if (ports.empty()) std::printf("  none\n");
  for (const auto& p : ports) {
    std::string ids = p.vid ? fmt::format("{:04x}:{:04x}", *p.vid, p.pid.value_or(0)) : "";
    if (p.interface_number) ids += fmt::format(" interface {}", static_cast<char>('A' + *p.interface_number));
    std::printf("  %-14s %-10s %-26s %s %s%s\n", p.path.c_str(), p.driver.c_str(), ids.c_str(), p.product.c_str(),
                p.serial.empty() ? "" : "serial ", p.serial.c_str());
  }
  std::printf("programming cables (--cable NAME):\n");
  for (const auto& c : cable_table())
    std::printf("  %-10s %04x:%04x interface %c  %s\n", std::string(c.name).c_str(), c.link.vid, c.link.pid,
                c.link.interface, std::string(c.description).c_str());
  const auto ftdis = list_ftdi_devices();
  std::printf("FTDI devices (--ftdi INDEX|SERIAL[:A|B]):\n");
  if (ftdis.empty()) std::printf("  none\n");
  for (const auto& d : ftdis) {
    std::string itfs;
    for (unsigned i = 0; i < d.interfaces; ++i) itfs += (i ? ", " : "") + std::string(1, static_cast<char>('A' + i));
    std::printf("  %-3u %-22s %04x:%04x  bus %03u device %03u  interfaces %s  %s\n", d.index, d.chip.c_str(), d.vid,
                d.pid, d.bus, d.address, itfs.c_str(),
                d.accessible ? fmt::format("serial {} \"{}\"", d.serial, d.description).c_str()
                             : "(no permission: see boards/udev/60-corelab.rules)");
  }
  return kExitOk;
}

int cmd_info(const GlobalOptions& g, bool json) {
  Device dev(g);
  const Identity& id = dev.identity();
  const StatusResult st = dev.session().status();
  if (json) {
    nlohmann::json j{{"link", dev.session().link().name()},
                     {"proto_version", id.proto_version},
                     {"descriptor_version", id.descriptor_version},
                     {"core_kind", core_kind_name(id.core_kind)},
                     {"num_hpm", id.num_hpm},
                     {"events_version", id.events_version},
                     {"misa", id.misa},
                     {"isa", misa_text(id.misa)},
                     {"clock_hz", id.clock_hz},
                     {"ram_base", id.ram_base},
                     {"ram_size", id.ram_size},
                     {"baud", id.baud},
                     {"line_words", id.line_words},
                     {"caches", id.caches()},
                     {"state", core_state_name(static_cast<uint8_t>(st.state))},
                     {"mtime", st.mtime}};
    if (st.state == CoreState::Exited) j["exit_code"] = st.exit_code;
    std::printf("%s\n", j.dump(2).c_str());
    return kExitOk;
  }
  std::printf("link          %s\n", dev.session().link().name().c_str());
  std::printf("protocol      version %u, descriptor version %u\n", id.proto_version, id.descriptor_version);
  std::printf("core          %s\n", core_kind_name(id.core_kind).c_str());
  std::printf("ISA           %s (misa 0x%08x)\n", misa_text(id.misa).c_str(), id.misa);
  std::printf("clock         %.3f MHz\n", id.clock_hz / 1e6);
  std::printf("RAM           0x%08x .. 0x%08x (%s)\n", id.ram_base,
              static_cast<uint32_t>(uint64_t{id.ram_base} + id.ram_size - 1), kib(id.ram_size).c_str());
  std::printf("UART          %u baud\n", id.baud);
  std::printf("counters      mcycle, minstret, %u HPM counters (event table version %u)\n", id.num_hpm,
              id.events_version);
  std::printf("caches        %s\n", id.caches() ? fmt::format("yes, {}-word lines", id.line_words).c_str() : "no");
  std::printf("state         %s", core_state_name(static_cast<uint8_t>(st.state)).c_str());
  if (st.state == CoreState::Exited) std::printf(" with status %u", st.exit_code);
  std::printf(" (mtime %s", group_digits(st.mtime).c_str());
  if (id.clock_hz) std::printf(" = %.3f s", static_cast<double>(st.mtime) / id.clock_hz);
  std::printf(")\n");
  return kExitOk;
}

int cmd_load(const GlobalOptions& g, const std::string& elf, bool verify, bool start) {
  InterruptWatch interrupts;
  Device dev(g);
  const LoadResult r = load_program(dev.session(), elf, verify, &interrupts);
  std::fprintf(stderr, "loaded %s: %s in %.2f s (%.1f KiB/s)%s, start 0x%08x", elf.c_str(), kib(r.bytes).c_str(),
               r.write_seconds, r.write_seconds > 0 ? r.bytes / r.write_seconds / 1024 : 0.0,
               verify ? ", verified" : "", r.entry);
  if (r.link.retries || r.link.bad_frames)
    std::fprintf(stderr, "; link: %llu bad frames, %llu retries", static_cast<unsigned long long>(r.link.bad_frames),
                 static_cast<unsigned long long>(r.link.retries));
  std::fprintf(stderr, "\n");
  if (start) dev.session().core_ctrl(CoreAction::Release);
  return kExitOk;
}

int cmd_run(const GlobalOptions& g, const std::string& elf, bool verify, bool perf) {
  InterruptWatch interrupts;
  Device dev(g);
  Session& s = dev.session();
  const LoadResult r = load_program(s, elf, verify, &interrupts);
  if (isatty(STDERR_FILENO))
    std::fprintf(stderr, "loaded %s (%s in %.2f s), running\n", elf.c_str(), kib(r.bytes).c_str(), r.write_seconds);
  if (perf) s.counters_ctrl(CountersAction::Zero);
  s.core_ctrl(CoreAction::Release);
  const int status = stream_console(s, interrupts, true);
  if (perf && status != kExitInterrupted)
    std::fprintf(stderr, "\n%s", format_counter_table(s.read_counters(), dev.core_kind()).c_str());
  return status;
}

int cmd_console(const GlobalOptions& g) {
  InterruptWatch interrupts;
  Device dev(g);
  const StatusResult st = dev.session().status();
  if (st.state == CoreState::Exited) {
    std::fprintf(stderr, "corectl: the program has already exited\n");
    return program_status(st.exit_code);
  }
  return stream_console(dev.session(), interrupts, false);
}

int cmd_core(const GlobalOptions& g, std::vector<CoreAction> actions) {
  Device dev(g);
  CoreState state = CoreState::Reset;
  for (CoreAction a : actions) state = dev.session().core_ctrl(a);
  std::printf("core %s\n", core_state_name(static_cast<uint8_t>(state)).c_str());
  return kExitOk;
}

struct PerfOptions {
  bool json = false;
  bool csv = false;
  double watch = 0;
  unsigned count = 0;  // 0: until Ctrl-C or the program exits
  std::string plot;
};

int cmd_perf(const GlobalOptions& g, const PerfOptions& o) {
  if (!o.plot.empty() && o.watch <= 0)
    throw HostError(ErrorKind::Usage, "--plot draws a time series: give --watch SECONDS too");
  InterruptWatch interrupts;
  Device dev(g);
  Session& s = dev.session();
  const CoreKind kind = dev.core_kind();
  if (o.watch <= 0) {
    const CounterSnapshot snap = s.read_counters();
    if (o.json)
      std::printf("%s\n", counters_json(snap, kind).dump(2).c_str());
    else if (o.csv)
      std::printf("%s%s", csv_header(snap, kind, false).c_str(), csv_row(snap, kind, std::nullopt).c_str());
    else
      std::printf("%s", format_counter_table(snap, kind).c_str());
    return kExitOk;
  }

  // A live time series: deltas per interval, until --count samples, Ctrl-C or the program's exit.
  std::vector<PerfSample> samples;
  CounterSnapshot prev = s.read_counters();
  const auto start = Clock::now();
  if (o.csv) std::printf("%s", csv_header(prev, kind, true).c_str());
  if (!o.json && !o.csv) std::printf("%s", watch_header(kind).c_str());
  std::fflush(stdout);
  const auto interval = std::chrono::duration<double>(o.watch);
  auto next = start + std::chrono::duration_cast<Clock::duration>(interval);
  bool done = false;
  while (!done && (o.count == 0 || samples.size() < o.count)) {
    while (Clock::now() < next && !interrupts.pending())
      s.poll(std::min(milliseconds(100), std::chrono::ceil<milliseconds>(next - Clock::now())));
    if (interrupts.pending()) break;
    next += std::chrono::duration_cast<Clock::duration>(interval);
    const CounterSnapshot now = s.read_counters();
    const double t = std::chrono::duration<double>(Clock::now() - start).count();
    const CounterSnapshot d = counter_delta(now, prev);
    prev = now;
    samples.push_back({t, d});
    if (o.json) {
      nlohmann::json j = counters_json(d, kind);
      j["t"] = t;
      std::printf("%s\n", j.dump().c_str());
    } else if (o.csv) {
      std::printf("%s", csv_row(d, kind, t).c_str());
    } else {
      std::printf("%s", watch_row(t, d, kind).c_str());
    }
    std::fflush(stdout);
    done = s.exit_code().has_value() || s.status().state == CoreState::Exited;
  }
  if (!o.plot.empty()) {
    std::ofstream out(o.plot);
    out << render_plot_svg(samples, kind, fmt::format("corectl perf: {}, every {:g} s", s.link().name(), o.watch));
    if (!out) throw HostError(ErrorKind::Io, fmt::format("{}: cannot write the plot", o.plot));
  }
  return kExitOk;
}

// ---- flashing: the FPGA through the board's FTDI programming interface (or a model of it) ----

template <typename Table>
std::string names_of(const Table& table) {
  std::string names;
  for (const auto& row : table) names += (names.empty() ? "" : ", ") + std::string(row.name);
  return names;
}

// How the FPGA is reached: the board's own USB chip, or a cable (--cable).
ProgramLink program_link(const GlobalOptions& g, const BoardInfo& board) {
  if (board.method == ProgramMethod::None) {
    std::string programmable;
    for (const auto& b : board_table())
      if (b.method != ProgramMethod::None) programmable += (programmable.empty() ? "" : ", ") + std::string(b.name);
    throw HostError(ErrorKind::Usage, fmt::format("board {} has no programming method: choose the board with --board "
                                                  "(boards that have one: {})", board.name, programmable));
  }
  if (!g.cable.empty()) {
    if (const CableInfo* c = find_cable(g.cable)) return c->link;
    throw HostError(ErrorKind::Usage, fmt::format("--cable {}: unknown cable (known: {})", g.cable, names_of(cable_table())));
  }
  if (board.has_program_link) return board.program;
  throw HostError(ErrorKind::Usage, fmt::format("board {} has no USB chip of its own: give the programming cable with "
                                                "--cable NAME (known: {})", board.name, names_of(cable_table())));
}

// Runs `f` on the programming port: the real chip, or the model in --model DIR, whose state is saved
// afterwards whether `f` succeeded or not (a failed flash leaves a partly written flash).
int with_program_port(const GlobalOptions& g,
                      const std::function<int(FtdiPort&, const BoardInfo&, const ProgramLink&)>& f) {
  const BoardInfo& board = board_of(g);
  const ProgramLink link = program_link(g, board);
  if (g.model.empty()) {
    FtdiPortSelector sel{link.vid, link.pid, link.interface, std::nullopt, 0};
    if (!g.ftdi.empty()) sel.serial = g.ftdi.substr(0, g.ftdi.find(':'));
    const auto port = open_ftdi_port(sel);
    return f(*port, board, link);
  }
  model::ModelBoard m(board, link, g.model);
  try {
    const int status = f(m.port(), board, link);
    m.save();
    return status;
  } catch (...) {
    m.save();
    throw;
  }
}

std::vector<uint8_t> read_bitstream(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw HostError(ErrorKind::BadBitstream, fmt::format("{}: cannot read it", path));
  std::vector<uint8_t> bytes{std::istreambuf_iterator<char>(in), {}};
  if (bytes.empty()) throw HostError(ErrorKind::BadBitstream, fmt::format("{}: the file is empty", path));
  return bytes;
}

int cmd_flash(const GlobalOptions& g, const std::string& file, bool sram, bool force) {
  const BoardInfo& board = board_of(g);
  program_link(g, board);  // a board (or cable) that can be programmed at all, before the file is judged
  const std::vector<uint8_t> image = read_bitstream(file);
  check_bitstream_family(image, board.family, file, board.name);  // before any USB traffic
  InterruptWatch interrupts;
  return with_program_port(g, [&](FtdiPort& port, const BoardInfo& b, const ProgramLink& link) {
    std::vector<std::string> lines;
    {
      ProgressBar bar(sram ? "configuring" : "flashing", &interrupts, true);  // ends its line when it goes
      FpgaProgramOptions o{sram, force, [&bar](const Progress& p) { bar(p); }};
      lines = program_fpga(port, b, link, image, o);
    }
    for (const auto& line : lines) std::fprintf(stderr, "%s\n", line.c_str());
    return kExitOk;
  });
}

int cmd_detect(const GlobalOptions& g) {
  return with_program_port(g, [](FtdiPort& port, const BoardInfo& b, const ProgramLink& link) {
    for (const auto& line : detect_fpga(port, b, link)) std::printf("%s\n", line.c_str());
    return kExitOk;
  });
}

std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r') c = ' ';
  return s;
}

int run(int argc, char** argv) {
  CLI::App app{"corectl: load, run and measure programs on a corelab board over its USB-UART"};
  app.fallthrough();
  app.require_subcommand(1);
  GlobalOptions g;
  auto* port = app.add_option("--port", g.port, "serial port of the board (any tty, e.g. /dev/ttyUSB1)")
                   ->envname("CORECTL_PORT");
  auto* ftdi = app.add_option("--ftdi", g.ftdi,
                              "FTDI chip by serial number or index, interface A or B: SERIAL|INDEX[:A|B]");
  auto* sim = app.add_option("--sim", g.sim, "start a simulated board with this core (pipe) for the command")
                  ->check(CLI::IsMember({"pipe", "ooo"}));
  auto* model = app.add_option("--model", g.model,
                               "flash/detect: a simulated board whose flash and FPGA state live in DIR "
                               "(docs/corectl.md, \"Practising without a board\")");
  app.add_option("--cable", g.cable, "flash/detect: the programming cable for a board without its own USB chip: " +
                                         names_of(cable_table()));
  port->excludes(ftdi);
  sim->excludes(port);
  sim->excludes(ftdi);
  model->excludes(port);
  model->excludes(ftdi);
  model->excludes(sim);
  std::string boards;
  for (const auto& b : board_table())
    boards += fmt::format("{}{} ({} baud)", boards.empty() ? "" : ", ", b.name, b.baud);
  app.add_option("--board", g.board, "board, for the default baud rate, FTDI interface and how to program it: " +
                                         boards)
      ->capture_default_str();
  app.add_option("--baud", g.baud, "baud rate (default: the board's)")->check(CLI::Range(300u, 20000000u));
  app.add_option("--timeout", g.timeout, "seconds to wait for a response before resending")
      ->check(CLI::Range(0.01, 60.0))
      ->capture_default_str();

  auto* list = app.add_subcommand("list", "list serial ports and FTDI devices");
  std::string sim_core = "pipe";
  auto* simc = app.add_subcommand("sim", "start a simulated board and print its serial port; Ctrl-C stops it");
  simc->add_option("--core", sim_core, "core of the simulated SoC")->check(CLI::IsMember({"pipe", "ooo"}))
      ->capture_default_str();
  auto* info = app.add_subcommand("info", "show the device's build descriptor and core state");
  bool info_json = false;
  info->add_flag("--json", info_json, "as JSON");

  std::string elf;
  bool verify = false, start = false, with_perf = false;
  auto* load = app.add_subcommand("load", "load a program (the core stays held in reset unless --start)");
  load->add_option("elf", elf, "RV32 program")->required();
  load->add_flag("--verify", verify, "read the RAM back and compare");
  load->add_flag("--start", start, "release the core afterwards");
  auto* runc = app.add_subcommand("run", "load and run a program, with its console on stdin/stdout; exits with "
                                         "its status");
  runc->add_option("elf", elf, "RV32 program")->required();
  runc->add_flag("--verify", verify, "read the RAM back before starting");
  runc->add_flag("--perf", with_perf, "print the counters on stderr when the program exits");
  auto* console = app.add_subcommand("console", "attach to the running program's console (Ctrl-C leaves)");
  bool hold = false;
  auto* reset = app.add_subcommand("reset", "restart the program from its start address");
  reset->add_flag("--hold", hold, "keep the core held in reset");
  auto* halt = app.add_subcommand("halt", "stop the core at an instruction boundary");
  auto* resume = app.add_subcommand("resume", "let a halted core go on");
  PerfOptions po;
  std::string bitstream;
  bool sram = false, force = false;
  auto* flash = app.add_subcommand("flash", "write a bitstream to the board's configuration flash (always verified) "
                                            "and boot the FPGA from it; --sram configures the FPGA directly");
  flash->add_option("bitstream", bitstream, "iCE40 .bin or ECP5 .bit for the board")->required();
  flash->add_flag("--sram", sram, "configure the FPGA's SRAM only; the flash stays as it is");
  flash->add_flag("--force", force, "write a SPI flash whose JEDEC ID corectl does not know");
  auto* detect = app.add_subcommand("detect", "name the board's FPGA and its configuration flash, with their state");
  auto* perf = app.add_subcommand("perf", "performance counters and derived metrics");
  auto* pj = perf->add_flag("--json", po.json, "as JSON (with --watch: one object per line)");
  auto* pc = perf->add_flag("--csv", po.csv, "as CSV");
  pj->excludes(pc);
  perf->add_option("--watch", po.watch, "sample every SECONDS and show the counts per interval")
      ->check(CLI::Range(0.01, 3600.0));
  perf->add_option("--count", po.count, "with --watch: stop after N samples");
  perf->add_option("--plot", po.plot, "with --watch: draw IPC and the stall breakdown into FILE.svg");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    std::fprintf(stderr, "corectl: error: %s (see corectl --help)\n", one_line(e.what()).c_str());
    return error_kind_info(ErrorKind::Usage).exit_code;
  }

  if (*list) return cmd_list();
  if (*simc) {
    SimBoard board(sim_core);
    std::printf("simulated %s board on %s (use --port %s); Ctrl-C stops it\n", sim_core.c_str(),
                board.port().c_str(), board.port().c_str());
    std::fflush(stdout);
    board.wait();  // Ctrl-C reaches the simulator too (same process group); it stops cleanly
    return 0;
  }
  if (*info) return cmd_info(g, info_json);
  if (*load) return cmd_load(g, elf, verify, start);
  if (*runc) return cmd_run(g, elf, verify, with_perf);
  if (*console) return cmd_console(g);
  if (*reset)
    return cmd_core(g, hold ? std::vector{CoreAction::Hold} : std::vector{CoreAction::Hold, CoreAction::Release});
  if (*halt) return cmd_core(g, {CoreAction::Halt});
  if (*resume) return cmd_core(g, {CoreAction::Resume});
  if (*perf) return cmd_perf(g, po);
  if (*flash) return cmd_flash(g, bitstream, sram, force);
  if (*detect) return cmd_detect(g);
  return kExitInternal;
}

}  // namespace

int main(int argc, char** argv) {
  // A link over a pipe (a simulated board) whose other end died is an error to report.
  ::signal(SIGPIPE, SIG_IGN);
  try {
    return run(argc, argv);
  } catch (const HostError& e) {
    std::fprintf(stderr, "corectl: error: %s\n", one_line(e.what()).c_str());
    return e.exit_code();
  } catch (const Interrupted&) {
    std::fprintf(stderr, "corectl: interrupted\n");
    return kExitInterrupted;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "corectl: error: internal: %s\n", one_line(e.what()).c_str());
    return kExitInternal;
  }
}
