// Lockstep co-simulation against the ISS (see cosim.hpp).
#include "corelab/rtl/cosim.hpp"

#include <fmt/format.h>

#include "corelab/iss/commit_log.hpp"
#include "corelab/iss/decode.hpp"
#include "soc_map.h"

namespace corelab::rtl {
namespace {

constexpr size_t kHistory = 32;

uint32_t byte_mask(uint8_t lanes) {
  uint32_t m = 0;
  for (unsigned i = 0; i < 4; ++i)
    if (lanes & (1u << i)) m |= 0xffu << (8 * i);
  return m;
}

// CSRs whose value only the RTL knows (counters, time, mip).
bool volatile_csr_read(uint32_t insn) {
  const uint32_t opcode = insn & 0x7f, f3 = (insn >> 12) & 7, csr = insn >> 20;
  if (opcode != 0x73 || f3 == 0 || f3 == 4) return false;
  const uint32_t family = csr & ~0x1fu;
  return csr == 0x344 || family == 0xb00 || family == 0xb80 || family == 0xc00 || family == 0xc80;
}

}  // namespace

iss::StepReport to_step_report(const Retire& r) {
  iss::StepReport s;
  s.kind = r.trap ? iss::StepReport::Kind::kException : iss::StepReport::Kind::kRetired;
  s.order = r.order;
  s.pc_rdata = r.pc_rdata;
  s.pc_wdata = r.pc_wdata;
  s.insn = r.insn;
  s.rd_addr = r.rd_addr;
  s.rd_wdata = r.rd_wdata;
  s.mem_addr = r.mem_addr;
  s.mem_rmask = r.mem_rmask;
  s.mem_wmask = r.mem_wmask;
  s.mem_rdata = r.mem_rdata & byte_mask(r.mem_rmask);
  s.mem_wdata = r.mem_wdata & byte_mask(r.mem_wmask);
  return s;
}

Cosim::Cosim(const ElfImage& elf, const iss::Config& config) : iss_(config) {
  iss_.load(elf);
  iss_.set_auto_interrupts(false);
}

std::optional<std::string> Cosim::check(const Retire& r) {
  if (r.intr) {
    iss::StepReport irq;
    if (!pending_irq_ || !iss_.take_interrupt(*pending_irq_ & 0x1fu, &irq)) {
      return report(r, iss::StepReport{},
                    pending_irq_ ? "the RTL took an interrupt that the ISS state does not allow"
                                 : "the RTL marks an interrupt entry but reported no interrupt");
    }
    history_.push_back(iss::format_step(irq));
    pending_irq_.reset();
  }
  if (!r.trap && r.mem_rmask && r.mem_addr - SOC_MMIO_BASE < SOC_MMIO_SIZE)
    iss_.inject_read_value(r.mem_rdata);
  if (!r.trap && r.rd_addr != 0 && volatile_csr_read(r.insn)) iss_.inject_read_value(r.rd_wdata);

  const iss::StepReport want = iss_.step();
  ++checked_;
  const Retire got = r;
  std::string what;
  const bool want_trap = want.kind == iss::StepReport::Kind::kException;
  if (want.kind == iss::StepReport::Kind::kHalted) what = "the ISS has already exited";
  else if (got.pc_rdata != want.pc_rdata) what = "pc";
  else if (got.insn != want.insn) what = "instruction";
  else if (got.trap != want_trap) what = got.trap ? "the RTL trapped, the ISS did not" : "the ISS trapped, the RTL did not";
  else if (got.rd_addr != want.rd_addr || got.rd_wdata != want.rd_wdata) what = "register write";
  else if (got.mem_wmask != want.mem_wmask || got.mem_rmask != want.mem_rmask ||
           ((got.mem_wmask || got.mem_rmask) && got.mem_addr != want.mem_addr))
    what = "memory access";
  else if ((got.mem_wdata & byte_mask(got.mem_wmask)) != (want.mem_wdata & byte_mask(want.mem_wmask)))
    what = "store data";
  else if (got.pc_wdata != want.pc_wdata) what = "next pc";
  if (!what.empty()) return report(r, want, what);

  history_.push_back(iss::format_step(want));
  if (history_.size() > kHistory) history_.pop_front();
  return std::nullopt;
}

std::string Cosim::report(const Retire& r, const iss::StepReport& want, const std::string& what) const {
  std::string out = fmt::format(
      "cosim: divergence at instruction {} ({}): pc {:08x} insn {:08x} {}\n", checked_, what,
      r.pc_rdata, r.insn, iss::disassemble(r.insn, r.pc_rdata));
  out += fmt::format("  expected (ISS): {}\n", iss::format_step(want));
  out += fmt::format("  actual   (RTL): {}\n", iss::format_step(to_step_report(r)));
  out += fmt::format("  last {} retired instructions:\n", history_.size());
  for (const auto& line : history_) out += "    " + line + "\n";
  return out;
}

}  // namespace corelab::rtl
