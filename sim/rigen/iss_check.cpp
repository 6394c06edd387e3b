// run() against step(): the two modes share their instruction bodies but not their loops (run()
// slices execution at timer deadlines and leaves its inner loop after CSR/MMIO/trap instructions),
// so a disagreement points at interrupt timing or at state the fast loop keeps in locals.
#include "corelab/rigen/iss_check.hpp"

#include <fmt/format.h>

#include <array>
#include <optional>

#include "corelab/iss/iss.hpp"
#include "hpm_events.h"
#include "rng.hpp"

namespace corelab::rigen {
namespace {

using iss::Iss;
using iss::StepReport;

// Every CSR whose value a program can observe (memory-map.md), compared after each slice.
std::vector<uint32_t> observable_csrs() {
  std::vector<uint32_t> c = {0x300, 0x301, 0x304, 0x305, 0x310, 0x320, 0x340, 0x341, 0x342,
                             0x343, 0x344, 0xb00, 0xb02, 0xb80, 0xb82, 0xc01, 0xc81};
  for (uint32_t n = 3; n < 3 + iss::kHpmCounters; ++n) {
    c.push_back(0xb00 + n);
    c.push_back(0xb80 + n);
    c.push_back(0x320 + n);
  }
  return c;
}

uint64_t ram_hash(const Iss& s) {
  uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a over the RAM words
  const auto& cfg = s.config();
  for (uint32_t a = cfg.ram_base; a - cfg.ram_base < cfg.ram_size; a += 4) {
    h ^= *s.peek32(a);
    h *= 0x100000001b3ull;
  }
  return h;
}

// The first difference between the two harts, or nothing.
std::optional<std::string> difference(Iss& run, Iss& step, const std::vector<uint32_t>& csrs) {
  if (run.pc() != step.pc())
    return fmt::format("pc run=0x{:08x} step=0x{:08x}", run.pc(), step.pc());
  for (unsigned r = 1; r < 32; ++r)
    if (run.reg(r) != step.reg(r))
      return fmt::format("x{} run=0x{:08x} step=0x{:08x}", r, run.reg(r), step.reg(r));
  for (uint32_t c : csrs) {
    const auto a = run.read_csr(c), b = step.read_csr(c);
    if (a != b)
      return fmt::format("csr 0x{:03x} run=0x{:08x} step=0x{:08x}", c, a.value_or(0),
                         b.value_or(0));
  }
  for (uint32_t ev = 0; ev < HPM_EVENT_COUNT; ++ev)
    if (run.event_total(ev) != step.event_total(ev))
      return fmt::format("event {} total run={} step={}", ev, run.event_total(ev),
                         step.event_total(ev));
  if (run.mtime() != step.mtime())
    return fmt::format("mtime run={} step={}", run.mtime(), step.mtime());
  if (run.exited() != step.exited() || run.exit_code() != step.exit_code())
    return fmt::format("exit run={}/{} step={}/{}", run.exited(), run.exit_code(), step.exited(),
                       step.exit_code());
  if (ram_hash(run) != ram_hash(step)) return std::string("RAM contents differ");
  return std::nullopt;
}

}  // namespace

IssCheckResult check_run_matches_step(const ElfImage& image, uint64_t max_steps,
                                      uint64_t slice_seed) {
  IssCheckResult res;
  Iss run, step;
  run.load(image);
  step.load(image);
  const auto csrs = observable_csrs();
  Rng rng(slice_seed);
  uint64_t done = 0;  // steps both harts have executed
  uint64_t step_exceptions = 0, step_interrupts = 0;

  auto fail = [&](const std::string& what) {
    res.consistent = false;
    res.difference = fmt::format("after {} steps (pc 0x{:08x}): {}", done, step.pc(), what);
  };

  while (!run.exited() && done < max_steps) {
    const uint32_t r = rng.below(100);
    const uint64_t slice = r < 30   ? 1 + rng.below(8)
                           : r < 70 ? 9 + rng.below(500)
                                    : 500 + rng.below(5000);
    const uint64_t target = done + run.run(std::min(slice, max_steps - done)).executed;
    while (done < target) {
      const StepReport rep = step.step();
      if (rep.kind == StepReport::Kind::kHalted) {
        fail(fmt::format("step() halted, run() executed {} steps", target));
        break;
      }
      if (rep.pc_wdata != step.pc()) {
        fail(fmt::format("report pc_wdata 0x{:08x} but pc 0x{:08x}", rep.pc_wdata, step.pc()));
        break;
      }
      if (rep.kind == StepReport::Kind::kInterrupt) {
        ++step_interrupts;
        continue;
      }
      if (rep.kind == StepReport::Kind::kException) ++step_exceptions;
      if (rep.rd_addr != 0 && step.reg(rep.rd_addr) != rep.rd_wdata) {
        fail(fmt::format("report x{}=0x{:08x} but the register holds 0x{:08x}", rep.rd_addr,
                         rep.rd_wdata, step.reg(rep.rd_addr)));
        break;
      }
      ++done;
    }
    if (!res.consistent) break;
    ++res.comparisons;
    if (auto d = difference(run, step, csrs)) {
      fail(*d);
      break;
    }
  }
  if (res.consistent && (step_exceptions != step.event_total(HPM_EV_TRAP) ||
                         step_interrupts != step.event_total(HPM_EV_INTERRUPT)))
    fail(fmt::format("step() reported {} exceptions and {} interrupts, its counters say {} and {}",
                     step_exceptions, step_interrupts, step.event_total(HPM_EV_TRAP),
                     step.event_total(HPM_EV_INTERRUPT)));
  res.exited = run.exited();
  res.exit_code = run.exit_code();
  res.steps = done;
  res.retired = run.event_total(HPM_EV_INSTRET);
  res.exceptions = run.event_total(HPM_EV_TRAP);
  res.interrupts = run.event_total(HPM_EV_INTERRUPT);
  return res;
}

}  // namespace corelab::rigen
