// Commit-log formatting (see commit_log.hpp).
#include "corelab/iss/commit_log.hpp"

#include <fmt/format.h>

namespace corelab::iss {

std::string format_step(const StepReport& r) {
  using Kind = StepReport::Kind;
  if (r.kind == Kind::kInterrupt)
    return fmt::format("{:>10} {:08x} -------- {:<32} cause={:08x} -> {:08x}", r.order, r.pc_rdata,
                       "<interrupt>", r.cause, r.pc_wdata);
  std::string effects;
  if (r.kind == Kind::kException) {
    effects = fmt::format("trap cause={} tval={:08x} -> {:08x}", r.cause, r.tval, r.pc_wdata);
  } else {
    if (r.rd_addr) effects += fmt::format("x{}={:08x} ", r.rd_addr, r.rd_wdata);
    if (r.mem_wmask) {
      const unsigned bytes = r.mem_wmask == 1 ? 1 : r.mem_wmask == 3 ? 2 : 4;
      const uint32_t data = bytes == 4 ? r.mem_wdata : r.mem_wdata & ((1u << (8 * bytes)) - 1);
      effects += fmt::format("mem[{:08x}]={:0{}x} ", r.mem_addr, data, 2 * bytes);
    }
    if (r.mem_rmask) effects += fmt::format("load[{:08x}] ", r.mem_addr);
    if (r.csr_written) {
      const char* name = csr_name(r.csr_addr);
      effects += fmt::format("{}={:08x} ", name ? name : "csr", r.csr_wdata);
    }
  }
  std::string line = fmt::format("{:>10} {:08x} {:08x} {:<32} {}", r.order, r.pc_rdata, r.insn,
                                 disassemble(r.insn, r.pc_rdata), effects);
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

}  // namespace corelab::iss
