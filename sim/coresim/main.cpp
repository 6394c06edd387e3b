// coresim: runs a RISC-V ELF on a simulated SoC. `--core iss` uses the golden instruction-set
// simulator; the RTL cores come with the Verilator models. Exit status = the program's (see
// docs/coresim.md for the codes the tool itself uses).
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <fmt/format.h>
#include <memory>
#include <string>

#include "corelab/iss/decode.hpp"
#include "corelab/iss/iss.hpp"
#include "hpm_events.h"
#include "soc_map.h"

namespace {

using corelab::iss::Iss;
using corelab::iss::StepReport;

// Exit codes of the tool itself (docs/coresim.md). A program's own status passes through when it
// is below kExitProgramMax; larger ones are reported as kExitProgramMax.
constexpr int kExitProgramMax = 123;
constexpr int kExitLimit = 124;
constexpr int kExitBadInput = 125;

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

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

// One commit-log line: order, pc, instruction, disassembly, then what it changed.
void log_step(std::FILE* f, const StepReport& r) {
  using Kind = StepReport::Kind;
  if (r.kind == Kind::kInterrupt) {
    fmt::print(f, "{:>10} {:08x} -------- {:<32} cause={:08x} -> {:08x}\n", r.order, r.pc_rdata,
               "<interrupt>", r.cause, r.pc_wdata);
    return;
  }
  std::string effects;
  if (r.kind == Kind::kException) {
    effects = fmt::format("trap cause={} tval={:08x} -> {:08x}", r.cause, r.tval, r.pc_wdata);
  } else {
    if (r.rd_addr) effects += fmt::format("x{}={:08x} ", r.rd_addr, r.rd_wdata);
    if (r.mem_wmask) {
      const unsigned bytes = r.mem_wmask == 1 ? 1 : r.mem_wmask == 3 ? 2 : 4;
      effects += fmt::format("mem[{:08x}]={:0{}x} ", r.mem_addr, r.mem_wdata, 2 * bytes);
    }
    if (r.mem_rmask) effects += fmt::format("load[{:08x}] ", r.mem_addr);
    if (r.csr_written)
      effects += fmt::format("{}={:08x} ", corelab::iss::csr_name(r.csr_addr) ?: "csr", r.csr_wdata);
  }
  fmt::print(f, "{:>10} {:08x} {:08x} {:<32} {}\n", r.order, r.pc_rdata, r.insn,
             corelab::iss::disassemble(r.insn, r.pc_rdata), effects);
}

void print_stats(const Iss& iss, double seconds) {
  const uint64_t instret = iss.event_total(HPM_EV_INSTRET);
  std::fprintf(stderr, "coresim: %llu instructions in %.3f s (%.1f MIPS)\n",
               static_cast<unsigned long long>(instret), seconds,
               seconds > 0 ? instret / seconds / 1e6 : 0.0);
#define CORELAB_PRINT_EVENT(num, name, text)                                     \
  if (num != HPM_EV_NONE && iss.event_total(num) != 0)                           \
    std::fprintf(stderr, "  %-20s %12llu\n", #name,                              \
                 static_cast<unsigned long long>(iss.event_total(num)));
  HPM_EVENT_LIST(CORELAB_PRINT_EVENT)
#undef CORELAB_PRINT_EVENT
}

int run(const std::string& core, const std::string& elf_path, uint64_t max_instructions,
        const std::string& commit_log, uint32_t ram_size, bool stats) {
  if (core != "iss") {
    std::fprintf(stderr, "coresim: error: core '%s' is not built into this simulator yet\n", core.c_str());
    return kExitBadInput;
  }
  const corelab::ElfImage elf = corelab::read_elf(elf_path);
  corelab::iss::Config cfg;
  cfg.ram_size = ram_size;
  Iss iss(cfg);
  iss.load(elf);
  iss.set_console_sink([](uint8_t b) { std::fputc(b, stdout); });

  File log;
  if (!commit_log.empty()) {
    log.reset(std::fopen(commit_log.c_str(), "w"));
    if (!log) throw std::runtime_error(fmt::format("cannot write {}", commit_log));
  }
  const auto t0 = std::chrono::steady_clock::now();
  uint64_t steps = 0;
  if (log) {
    while (!iss.exited() && steps < max_instructions) {
      const StepReport r = iss.step();
      log_step(log.get(), r);
      if (r.kind != StepReport::Kind::kInterrupt) ++steps;
    }
  } else {
    steps = iss.run(max_instructions).executed;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::fflush(stdout);
  if (stats) print_stats(iss, seconds);
  if (!iss.exited()) {
    std::fprintf(stderr, "coresim: stopped after %llu instructions without an exit (--max-instructions)\n",
                 static_cast<unsigned long long>(steps));
    return kExitLimit;
  }
  const int code = iss.exit_code();
  if (code < 0 || code > kExitProgramMax) {
    std::fprintf(stderr, "coresim: program exited with status %d (reported as %d)\n", code,
                 kExitProgramMax);
    return kExitProgramMax;
  }
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"coresim: run a RISC-V program on the simulated corelab SoC"};
  std::string core = "iss", elf, commit_log, ram_size_text = fmt::format("{}", SOC_RAM_SIZE_DEFAULT);
  uint64_t max_instructions = ~uint64_t{0};
  bool stats = false;
  app.add_option("--core", core, "core model: iss (golden ISS), pipe, ooo")
      ->check(CLI::IsMember({"iss", "pipe", "ooo"}));
  app.add_option("--max-instructions", max_instructions, "stop (exit 124) after this many");
  app.add_option("--commit-log", commit_log, "write one line per retired instruction to FILE");
  app.add_option("--ram-size", ram_size_text, "RAM size in bytes (suffix K or M allowed)");
  app.add_flag("--stats", stats, "print instruction count, speed and event counts to stderr");
  app.add_option("program", elf, "RISC-V ELF to run")->required();
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "coresim: error: %s\n", e.what());
    return kExitBadInput;
  }
  try {
    uint32_t ram_size;
    try {
      ram_size = parse_size(ram_size_text);
    } catch (const std::exception&) {
      throw std::runtime_error(fmt::format("bad --ram-size '{}'", ram_size_text));
    }
    return run(core, elf, max_instructions, commit_log, ram_size, stats);
  } catch (const std::exception& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "coresim: error: %s\n", e.what());
    return kExitBadInput;
  }
}
