// coresim: runs a RISC-V ELF on the simulated SoC with the chosen core model: `iss` (the golden
// instruction-set simulator), `pipe` or `ooo` (the Verilated RTL of hw/rtl with the pipelined or
// the out-of-order core, optionally in lockstep with the ISS). Exit status = the program's;
// docs/coresim.md lists the codes the tool itself uses.
#include <CLI/CLI.hpp>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <cstdio>
#include <fmt/format.h>
#include <memory>
#include <optional>
#include <string>

#include CORESIM_MODEL_HEADER
#ifdef CORESIM_OOO_MODEL
#include CORESIM_OOO_MODEL_HEADER
#endif
#include "corelab/iss/commit_log.hpp"
#include "corelab/iss/iss.hpp"
#include "corelab/rtl/cosim.hpp"
#include "corelab/rtl/rtl_soc.hpp"
#include "corelab/rtl/uart_link.hpp"
#ifdef CORESIM_OOO_MODEL
#include "ooo_trace.hpp"
#endif
#include <atomic>
#include <csignal>
#include <unistd.h>
#include "hpm_events.h"
#include "soc_map.h"

namespace {

using corelab::iss::Iss;
using corelab::iss::StepReport;

// Exit codes of the tool itself (docs/iss.md). A program's own status passes through when it is
// at most kExitProgramMax; larger ones are reported as kExitProgramMax.
constexpr int kExitProgramMax = 123;
constexpr int kExitLimit = 124;
constexpr int kExitBadInput = 125;
constexpr int kExitDivergence = 126;

struct Options {
  std::string core = "iss";
  std::string elf;
  std::string commit_log;
  uint64_t max_instructions = ~uint64_t{0};
  uint64_t max_cycles = ~uint64_t{0};
  uint32_t ram_size = SOC_RAM_SIZE_DEFAULT;
  bool stats = false;
  std::string stats_json;  // also write the statistics as JSON here
  bool cosim = false;
  // Self-test of the checker: flip bit 0 of the Nth register write the RTL reports.
  uint64_t cosim_flip_rd = ~uint64_t{0};
  corelab::rtl::TraceWindow trace;
  std::string uart = "stdout";  // stdout: console to stdout; pty: a bit-level link on a PTY
  corelab::rtl::LinkFaults link_faults;
  std::string boot_rom;  // the RTL boots from its boot ROM filled with this hex file, not the loader
  std::string kanata;    // ooo: write a Kanata pipeline log here
};

#ifdef CORESIM_OOO_MODEL
// The out-of-order core's pipeline log (--kanata): the file, its writer and the trace hookup, torn
// down in reverse order.
class KanataLog {
 public:
  KanataLog(const std::string& path, VerilatedContext& ctx)
      : path_(path), file_(path), writer_(file_), log_(writer_), hookup_(ctx, log_) {}
  void finish() {
    log_.finish();
    file_.close();
    if (!file_) throw std::runtime_error(fmt::format("cannot write {}", path_));
  }

 private:
  std::string path_;
  std::ofstream file_;
  corelab::kanata::Writer writer_;
  corelab::rtl::OooPipelineLog log_;
  corelab::coresim::OooTraceHookup hookup_;
};
#endif

// Set by SIGINT/SIGTERM: a simulated board (--uart pty) runs until it is told to stop. A signal
// handler can only reach static storage.
std::atomic<bool> g_stop{false};
extern "C" void on_stop_signal(int) { g_stop = true; }

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

File open_log(const std::string& path) {
  if (path.empty()) return nullptr;
  File f(std::fopen(path.c_str(), "w"));
  if (!f) throw std::runtime_error(fmt::format("cannot write {}", path));
  return f;
}

uint32_t parse_size(const std::string& text) {
  size_t pos = 0;
  unsigned long long v = std::stoull(text, &pos, 0);
  const std::string suffix = text.substr(pos);
  if (suffix == "K" || suffix == "k") v <<= 10;
  else if (suffix == "M" || suffix == "m") v <<= 20;
  else if (!suffix.empty()) throw std::invalid_argument("bad size suffix");
  if (v == 0 || v > 0x40000000ull || (v & 3)) throw std::invalid_argument("size out of range");
  return static_cast<uint32_t>(v);
}

int exit_status(int code) {
  if (code < 0 || code > kExitProgramMax) {
    std::fprintf(stderr, "coresim: program exited with status %d (reported as %d)\n", code,
                 kExitProgramMax);
    return kExitProgramMax;
  }
  return code;
}

// The counter events a run produced, with derived metrics: printed to stderr with --stats and
// written as JSON with --stats-json (the numbers scripts/bench.py reads).
template <class EventTotal>
void report_stats(const Options& o, const std::string& core, EventTotal total, double seconds) {
  const double instret = static_cast<double>(total(HPM_EV_INSTRET));
  const double cycles = static_cast<double>(total(HPM_EV_CYCLES));
  auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
  nlohmann::json j;
  j["core"] = core;
  j["seconds"] = seconds;
  nlohmann::json events = nlohmann::json::object();
#define CORELAB_EVENT_JSON(num, name, text) \
  if (num != HPM_EV_NONE) events[#name] = total(num);
  HPM_EVENT_LIST(CORELAB_EVENT_JSON)
#undef CORELAB_EVENT_JSON
  j["events"] = events;
  j["ipc"] = ratio(instret, cycles);
  j["cpi"] = ratio(cycles, instret);
  j["branch_mpki"] = ratio(1000.0 * total(HPM_EV_MISPREDICT), instret);
  j["icache_miss_rate"] = ratio(total(HPM_EV_ICACHE_MISS), total(HPM_EV_ICACHE_ACCESS));
  j["dcache_miss_rate"] = ratio(total(HPM_EV_DCACHE_MISS), total(HPM_EV_DCACHE_ACCESS));
  j["sim_instructions_per_second"] = ratio(instret, seconds);
  j["sim_cycles_per_second"] = ratio(cycles, seconds);
  if (!o.stats_json.empty()) {
    std::ofstream f(o.stats_json);
    f << j.dump(2) << "\n";
    if (!f) throw std::runtime_error(fmt::format("cannot write {}", o.stats_json));
  }
  if (!o.stats) return;
  std::fprintf(stderr, "coresim: %.0f instructions, %.0f cycles in %.3f s (%.2f M instructions/s, %.2f M cycles/s)\n",
               instret, cycles, seconds, ratio(instret, seconds) / 1e6, ratio(cycles, seconds) / 1e6);
  for (const auto& [name, value] : events.items()) {
    const uint64_t count = value;
    if (count != 0) std::fprintf(stderr, "  %-20s %14llu\n", name.c_str(), static_cast<unsigned long long>(count));
  }
  const double ipc = j["ipc"], cpi = j["cpi"], mpki = j["branch_mpki"];
  const double imiss = j["icache_miss_rate"], dmiss = j["dcache_miss_rate"];
  std::fprintf(stderr, "  IPC %.3f  CPI %.3f  branch MPKI %.2f  I$ miss rate %.2f%%  D$ miss rate %.2f%%\n",
               ipc, cpi, mpki, 100 * imiss, 100 * dmiss);
}

int run_iss(const Options& o, const corelab::ElfImage& elf) {
  corelab::iss::Config cfg;
  cfg.ram_size = o.ram_size;
  Iss iss(cfg);
  iss.load(elf);
  iss.set_console_sink([](uint8_t b) { std::fputc(b, stdout); });
  File log = open_log(o.commit_log);
  const auto t0 = std::chrono::steady_clock::now();
  uint64_t steps = 0;
  if (log) {
    while (!iss.exited() && steps < o.max_instructions) {
      const StepReport r = iss.step();
      fmt::print(log.get(), "{}\n", corelab::iss::format_step(r));
      if (r.kind != StepReport::Kind::kInterrupt) ++steps;
    }
  } else {
    steps = iss.run(o.max_instructions).executed;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::fflush(stdout);
  report_stats(o, "iss", [&](unsigned e) { return iss.event_total(e); }, seconds);
  if (!iss.exited()) {
    std::fprintf(stderr, "coresim: stopped after %llu instructions without an exit (--max-instructions)\n",
                 static_cast<unsigned long long>(steps));
    return kExitLimit;
  }
  return exit_status(iss.exit_code());
}

template <class Model>
// `elf` may be empty for a simulated board (--uart pty) that a host loads over the link.
int run_rtl(const Options& o, const std::optional<corelab::ElfImage>& program) {
  const corelab::ElfImage elf = program.value_or(corelab::ElfImage{});
  if (program) elf.check_fits(SOC_RAM_BASE, o.ram_size);
  // The SoC starts the core at the reset pc (RAM base) unless a host sets another start address.
  if (program && elf.entry != SOC_RESET_PC)
    throw std::runtime_error(fmt::format("{}: entry point 0x{:08x} is not the reset pc 0x{:08x}",
                                         elf.path, elf.entry, SOC_RESET_PC));
  if (o.ram_size != SOC_RAM_SIZE_DEFAULT)
    throw std::runtime_error("the RTL SoC model is built with the default RAM size");
  std::vector<std::string> plusargs;
  if (!o.boot_rom.empty()) {
    if (CORESIM_BOOT_ROM_WORDS == 0)
      throw std::runtime_error("--boot-rom: this coresim has no boot ROM (coresim_small has)");
    if (!std::ifstream(o.boot_rom)) throw std::runtime_error(fmt::format("cannot read {}", o.boot_rom));
    plusargs.push_back("+boot_rom=" + o.boot_rom);
  }
#ifdef CORESIM_OOO_MODEL
  constexpr bool kOoo = std::is_same_v<Model, CORESIM_OOO_MODEL>;
  if (!o.kanata.empty() && kOoo) plusargs.push_back(corelab::coresim::kOooTracePlusarg);
#endif
  // (the boot ROM copies a word every two cycles)
  corelab::rtl::RtlSoc<Model> soc(o.trace, plusargs,
                                  CORESIM_BOOT_ROM_WORDS ? 2 * CORESIM_BOOT_ROM_WORDS + 4 : 0);
#ifdef CORESIM_OOO_MODEL
  std::optional<KanataLog> kanata;
  if (!o.kanata.empty() && kOoo) kanata.emplace(o.kanata, soc.context());
#endif
  std::optional<corelab::rtl::Cosim> cosim;
  if (o.cosim && !program) throw std::runtime_error("--cosim needs a program");
  if (o.cosim) {
    corelab::iss::Config cfg;
    cfg.ram_size = o.ram_size;
    cfg.core_kind = o.core == "ooo" ? SOC_CORE_OOO : SOC_CORE_PIPE;
    cfg.num_hpm = CORESIM_NUM_HPM;
    cosim.emplace(elf, cfg);
  }
  File log = open_log(o.commit_log);
  const std::optional<uint32_t> tohost = elf.symbol("tohost");
  std::optional<int> exit_code;
  bool exit_retired = false;  // the store that ended the run has retired
  std::string divergence;
  uint64_t retired = 0;

  soc.on_console = [](uint8_t b) { std::fputc(b, stdout); };
  soc.on_exit = [&](int code) { exit_code = code; };
  soc.on_interrupt = [&](uint32_t cause) {
    if (cosim) cosim->note_interrupt(cause);
  };
  uint64_t rd_writes = 0;
  soc.on_retire = [&](const corelab::rtl::Retire& retire) {
    corelab::rtl::Retire r = retire;
    if (r.rd_addr != 0 && rd_writes++ == o.cosim_flip_rd) r.rd_wdata ^= 1u;
    ++retired;
    if (log) fmt::print(log.get(), "{}\n", corelab::iss::format_step(corelab::rtl::to_step_report(r)));
    if (cosim && divergence.empty()) {
      if (auto d = cosim->check(r)) divergence = *d;
    }
    if (!r.trap && r.mem_wmask == 0xf && (r.mem_wdata & 1u)) {
      if (tohost && r.mem_addr == *tohost) exit_code = static_cast<int>(r.mem_wdata >> 1);
      if (exit_code && (r.mem_addr == SOC_CTRL_BASE + SOC_CTRL_EXIT || r.mem_addr == tohost))
        exit_retired = true;
    }
  };

  // With a boot ROM the SoC copies it into RAM itself and holds the core until then.
  if (program && o.boot_rom.empty()) soc.load(elf);
  else soc.release();
  const auto t0 = std::chrono::steady_clock::now();
  if (o.uart == "pty") {
    // A simulated board: the UART pins go to a pseudo-terminal; the board keeps running after the
    // program exits, until coresim is stopped (SIGINT/SIGTERM) or --max-cycles.
    corelab::rtl::Pty pty(o.link_faults);
    corelab::rtl::UartPins pins(CORESIM_UART_CLKS_PER_BIT);
    soc.on_console = nullptr;
    std::printf("coresim: serial port %s\n", pty.path().c_str());
    std::fflush(stdout);
    std::signal(SIGINT, on_stop_signal);
    std::signal(SIGTERM, on_stop_signal);
    while (!g_stop && divergence.empty() && soc.cycles() < o.max_cycles) {
      soc.set_uart_rx(pins.tick(soc.uart_tx()));
      soc.cycle();
      if ((soc.cycles() & 255) == 0) {
        const size_t queued = pins.pending_to_device();
        pty.pump(pins, queued < 64 ? 64 - queued : 0);
        if (pins.pending_to_device() == 0 && pins.received().empty()) usleep(0);
      }
    }
    std::fflush(stdout);
    if (!divergence.empty()) {
      std::fputs(divergence.c_str(), stderr);
      return kExitDivergence;
    }
    return exit_code ? exit_status(*exit_code) : 0;
  }
  while (!exit_code && divergence.empty() && soc.cycles() < o.max_cycles && retired < o.max_instructions)
    soc.cycle();
  // The exit register sees the store when it leaves EX; let the pipeline retire up to that store.
  for (int drain = 0; exit_code && !exit_retired && divergence.empty() && drain < 16; ++drain) soc.cycle();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::fflush(stdout);
#ifdef CORESIM_OOO_MODEL
  if (kanata) {
    soc.falling_edge();  // the trace's sample of the last cycle the counters counted
    kanata->finish();
  }
#endif
  report_stats(o, o.core, [&](unsigned e) { return soc.event_total(e); }, seconds);
  if (!divergence.empty()) {
    std::fputs(divergence.c_str(), stderr);
    return kExitDivergence;
  }
  if (!exit_code) {
    std::fprintf(stderr, "coresim: stopped after %llu cycles without an exit (--max-cycles/--max-instructions)\n",
                 static_cast<unsigned long long>(soc.cycles()));
    return kExitLimit;
  }
  if (cosim) {
    if (!cosim->iss().exited() || cosim->iss().exit_code() != *exit_code) {
      std::fprintf(stderr, "cosim: the RTL exited with %d but the ISS %s\n", *exit_code,
                   cosim->iss().exited() ? fmt::format("exited with {}", cosim->iss().exit_code()).c_str()
                                         : "did not exit");
      return kExitDivergence;
    }
    if (o.stats)
      std::fprintf(stderr, "cosim: %llu instructions matched the ISS\n",
                   static_cast<unsigned long long>(cosim->checked()));
  }
  return exit_status(*exit_code);
}

}  // namespace

int main(int argc, char** argv) {
  Verilated::commandArgs(argc, argv);
  CLI::App app{"coresim: run a RISC-V program on the simulated corelab SoC"};
  Options o;
  std::string ram_size_text = fmt::format("{}", SOC_RAM_SIZE_DEFAULT);
  app.add_option("--core", o.core, "core model: iss (golden ISS), pipe or ooo (RTL)")
      ->check(CLI::IsMember({"iss", "pipe", "ooo"}));
  app.add_option("--max-instructions", o.max_instructions, "stop (exit 124) after this many");
  app.add_option("--max-cycles", o.max_cycles, "RTL: stop (exit 124) after this many cycles");
  app.add_option("--commit-log", o.commit_log, "write one line per retired instruction to FILE");
  app.add_option("--ram-size", ram_size_text, "RAM size in bytes (suffix K or M allowed)");
  app.add_flag("--stats", o.stats, "print counts, derived metrics and speed to stderr");
  app.add_option("--stats-json", o.stats_json, "write the same statistics as JSON to FILE");
  app.add_flag("--cosim", o.cosim, "RTL: check every retired instruction against the ISS");
  app.add_option("--cosim-flip-rd", o.cosim_flip_rd,
                 "RTL: corrupt the Nth register write the core reports (checks the checker)");
  app.add_option("--trace", o.trace.path, "RTL: write an FST waveform to FILE");
  app.add_option("--trace-start", o.trace.start, "RTL: first cycle in the waveform");
  app.add_option("--trace-stop", o.trace.stop, "RTL: last cycle in the waveform");
  app.add_option("--uart", o.uart, "RTL: stdout (console on stdout) or pty (a simulated board: "
                 "the UART on a pseudo-terminal, path printed)")->check(CLI::IsMember({"stdout", "pty"}));
  app.add_option("--link-faults", o.link_faults.rate,
                 "with --uart pty: corrupt, drop and insert bytes, each with this probability per byte")
      ->check(CLI::Range(0.0, 0.1));
  app.add_option("--link-seed", o.link_faults.seed, "seed of --link-faults");
  app.add_option("--boot-rom", o.boot_rom,
                 "RTL: boot as the FPGA boards do, from the boot ROM filled with this hex file "
                 "(scripts/fpga/flow.py rom-hex); the program is then only the ISS's (--cosim)");
  app.add_option("--kanata", o.kanata,
                 "ooo: write a pipeline log in the Kanata format to FILE (open it with Konata)");
  app.add_option("program", o.elf, "RISC-V ELF to run (optional with --uart pty: a host loads it)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "coresim: error: %s\n", e.what());
    return kExitBadInput;
  }
  try {
    try {
      o.ram_size = parse_size(ram_size_text);
    } catch (const std::exception&) {
      throw std::runtime_error(fmt::format("bad --ram-size '{}'", ram_size_text));
    }
#ifndef CORESIM_OOO_MODEL
    if (o.core == "ooo")
      throw std::runtime_error("core 'ooo' is not built into this simulator (coresim has it)");
#endif
    if (!o.kanata.empty() && o.core != "ooo")
      throw std::runtime_error("--kanata: the pipeline log is the out-of-order core's (--core ooo)");
    if (!o.kanata.empty() && o.uart == "pty")
      throw std::runtime_error("--kanata: not with a simulated board (--uart pty), which never ends");
    if (o.core == "iss" && (o.cosim || !o.trace.path.empty()))
      throw std::runtime_error("--cosim and --trace need an RTL core (--core pipe or ooo)");
    if (o.elf.empty() && !(o.core != "iss" && o.uart == "pty"))
      throw std::runtime_error("a program is required (only a simulated board, --uart pty, starts without)");
    std::optional<corelab::ElfImage> program;
    if (!o.elf.empty()) program = corelab::read_elf(o.elf);
    if (o.core == "iss") return run_iss(o, *program);
#ifdef CORESIM_OOO_MODEL
    if (o.core == "ooo") return run_rtl<CORESIM_OOO_MODEL>(o, program);
#endif
    return run_rtl<CORESIM_MODEL>(o, program);
  } catch (const std::exception& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "coresim: error: %s\n", e.what());
    return kExitBadInput;
  }
}
