// Runs a program with step() and measures it (program_stats.hpp). Calls and returns are found by
// the program's layout: a call lands on a function entry (the fn* symbols), a return is the last
// word of a function (the word before the next function, or before `body` for the last one).
#include "corelab/rigen/program_stats.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <deque>
#include <vector>

#include "corelab/iss/iss.hpp"
#include "corelab/rigen/generator.hpp"

namespace corelab::rigen {
namespace {

using iss::Op;
using iss::StepReport;

bool in(Op op, Op first, Op last) { return op >= first && op <= last; }
bool is_branch(Op op) { return in(op, Op::kBeq, Op::kBgeu); }
bool is_load(Op op) { return in(op, Op::kLb, Op::kLhu); }
bool is_muldiv(Op op) { return in(op, Op::kMul, Op::kRemu); }
bool is_csr(Op op) { return in(op, Op::kCsrrw, Op::kCsrrci); }
bool reads_rs1(Op op) {
  return in(op, Op::kJalr, Op::kSw) || in(op, Op::kAddi, Op::kRemu) ||
         in(op, Op::kCsrrw, Op::kCsrrc);
}
bool reads_rs2(Op op) {
  return is_branch(op) || in(op, Op::kSb, Op::kSw) || in(op, Op::kAdd, Op::kRemu);
}
bool computes(Op op) {  // has an rd that only a value lands in
  return in(op, Op::kLui, Op::kAuipc) || is_load(op) || in(op, Op::kAddi, Op::kRemu);
}

constexpr uint64_t kNever = ~uint64_t{0} >> 1;

}  // namespace

ProgramStats measure(const ElfImage& image, uint64_t max_steps) {
  std::vector<uint32_t> entries, returns;  // function entries; their last words
  for (const auto& [name, addr] : image.symbols)
    if (name.starts_with("fn")) entries.push_back(addr);
  std::sort(entries.begin(), entries.end());
  for (size_t k = 0; k < entries.size(); ++k)
    returns.push_back((k + 1 < entries.size() ? entries[k + 1] : image.symbol("body").value()) - 4);
  const uint32_t handler = image.symbol("trap_vector").value_or(0);
  auto contains = [](const std::vector<uint32_t>& v, uint32_t x) {
    return std::binary_search(v.begin(), v.end(), x);
  };

  iss::Iss hart;
  hart.load(image);
  ProgramStats s;
  std::array<uint64_t, 32> written_at{};  // retired index of each register's last write
  std::array<bool, 32> slow{};            // that write was a load or mul/div
  written_at.fill(kNever);
  uint32_t last_written = 0, window = 0;
  uint64_t chain = 0;
  std::map<uint32_t, std::pair<unsigned, uint64_t>> stored;  // byte -> (store width, index)
  std::deque<uint32_t> recent_words;
  std::map<uint32_t, uint8_t> counters;                               // branch pc -> 2-bit counter
  std::map<uint32_t, std::pair<unsigned, std::set<unsigned>>> loops;  // pc -> (run, trip counts)
  std::map<uint32_t, std::set<uint32_t>> call_sites, jalr_targets;
  std::vector<uint32_t> stack;
  const auto data_end = layout::kDataBase + layout::kDataSize;

  for (uint64_t n = 0; n < max_steps && !hart.exited(); ++n) {
    const uint32_t pc = hart.pc();
    const uint32_t insn = hart.peek32(pc).value_or(0);
    const auto d = iss::decode(insn);
    const uint32_t v1 = hart.reg(d.rs1), v2 = hart.reg(d.rs2);
    const StepReport r = hart.step();
    if (r.kind == StepReport::Kind::kInterrupt) {
      ++s.interrupts;
      s.interrupt_causes.insert(r.cause & 0x7fffffffu);
      continue;
    }
    if (r.kind == StepReport::Kind::kException) {
      ++s.exceptions;
      s.exception_causes.insert(r.cause);
      continue;
    }
    if (r.kind != StepReport::Kind::kRetired) break;
    const uint64_t i = s.retired++;
    ++s.ops[d.op];
    const uint32_t rd_field = (insn >> 7) & 31;

    // Registers.
    const bool r1 = reads_rs1(d.op), r2 = reads_rs2(d.op);
    const bool csr = is_csr(d.op);  // csrrs rd, csr, x0 is how a CSR is read: not an x0 source
    for (const auto& [reads, reg] : {std::pair{r1, d.rs1}, std::pair{r2, d.rs2}}) {
      if (!reads) continue;
      if (reg == 0) {
        s.x0_reads += !csr;
        continue;
      }
      ++s.reads;
      if (written_at[reg] != kNever && i - written_at[reg] <= 3) ++s.reads_near;
      if (written_at[reg] == i - 1) ++s.reads_of_last;
    }
    if (computes(d.op) && rd_field == 0) ++s.x0_writes;
    if (r.rd_addr != 0) {
      if ((r1 && d.rs1 == r.rd_addr) || (r2 && d.rs2 == r.rd_addr)) ++s.same_reg;
      const bool linked =
          last_written != 0 && ((r1 && d.rs1 == last_written) || (r2 && d.rs2 == last_written));
      chain = linked ? chain + 1 : 1;
      s.longest_chain = std::max(s.longest_chain, chain);
      last_written = r.rd_addr;
      written_at[r.rd_addr] = i;
      slow[r.rd_addr] = is_load(d.op) || is_muldiv(d.op);
      window |= 1u << r.rd_addr;
    }
    if (i % 16 == 15) {
      ++s.windows;
      s.window_regs += static_cast<uint64_t>(std::popcount(window));
      window = 0;
    }
    if (csr && pc >= handler) ++s.csr_outside_prologue;
    const bool division = in(d.op, Op::kDiv, Op::kRemu);
    if (division && v2 == 0) ++s.div_by_zero;
    if ((d.op == Op::kDiv || d.op == Op::kRem) && v1 == 0x80000000u && v2 == 0xffffffffu)
      ++s.div_overflow;

    // Memory (the data region only: not the handler's words or MMIO).
    if (r.mem_wmask && r.mem_addr >= image.entry && r.mem_addr < layout::kDataBase) ++s.code_stores;
    const uint8_t mask = r.mem_wmask | r.mem_rmask;
    if (mask && r.mem_addr >= layout::kDataBase && r.mem_addr < data_end) {
      const auto width = static_cast<unsigned>(std::popcount(mask));
      const uint32_t word = r.mem_addr & ~3u;
      if (std::find(recent_words.begin(), recent_words.end(), word) != recent_words.end())
        ++s.reused_words;
      recent_words.push_back(word);
      if (recent_words.size() > 16) recent_words.pop_front();
      if (r.mem_wmask) {
        ++s.stores;
        if (slow[d.rs1] && written_at[d.rs1] != kNever && i - written_at[d.rs1] <= 8)
          ++s.late_stores;
        for (unsigned k = 0; k < width; ++k) stored[r.mem_addr + k] = {width, i};
      } else {
        ++s.loads;
        bool other_width = false, just_stored = false, just_stored_other = false;
        for (unsigned k = 0; k < width; ++k) {
          const auto it = stored.find(r.mem_addr + k);
          if (it == stored.end()) continue;
          const bool other = it->second.first != width, recent = i - it->second.second <= 4;
          other_width |= other;
          just_stored |= recent;
          just_stored_other |= recent && other;
        }
        s.mixed_width_loads += other_width;
        s.loads_after_store += just_stored;
        s.loads_after_store_other_width += just_stored_other;
      }
    }

    // Control.
    if (is_branch(d.op)) {
      const bool taken = r.pc_wdata != pc + 4;
      ++s.branches;
      s.taken_branches += taken;
      uint8_t& c = counters.try_emplace(pc, uint8_t{1}).first->second;
      s.mispredicts += (c >= 2) != taken;
      c = taken ? std::min<uint8_t>(c + 1, 3) : std::max<uint8_t>(c, 1) - 1;
      if (d.imm < 0) {  // a loop's back edge: count the runs of taken ones
        ++s.backward_branches;
        auto& [run, trips] = loops[pc];
        if (taken) {
          ++run;
        } else {
          trips.insert(run + 1);
          run = 0;
        }
      }
    }
    if ((d.op == Op::kJal || d.op == Op::kJalr) && contains(entries, r.pc_wdata)) {
      ++s.calls;
      stack.push_back(pc + 4);
      s.max_call_depth = std::max<uint64_t>(s.max_call_depth, stack.size());
      call_sites[r.pc_wdata].insert(pc);
    } else if (contains(returns, pc)) {
      ++s.returns;
      if (stack.empty() || stack.back() != r.pc_wdata) ++s.wrong_returns;
      if (!stack.empty()) stack.pop_back();
    } else if (d.op == Op::kJalr) {
      jalr_targets[pc].insert(r.pc_wdata);
    }
  }
  s.exited = hart.exited();
  s.exit_code = hart.exit_code();
  for (const auto& [fn, sites] : call_sites) s.shared_functions += sites.size() >= 2;
  for (const auto& [pc, targets] : jalr_targets) s.indirect_jumps += targets.size() >= 2;
  for (const auto& [pc, loop] : loops) s.varying_loops += loop.second.size() >= 2;
  return s;
}

std::string format_stats(const ProgramStats& s) {
  auto pct = [](uint64_t part, uint64_t whole) {
    return whole ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0;
  };
  return fmt::format(
      "run: {}, {} retired, {} exceptions, {} interrupts\n"
      "registers: {:.0f}% of reads of a result 1-3 instructions old ({:.0f}% of the last one), "
      "{:.0f}% of sources x0, {} x0 destinations; {:.0f}% write a source; longest chain {}; "
      "{:.1f} registers written per 16 instructions\n"
      "memory: {:.0f}% loads and stores; {:.0f}% of loads read bytes stored 1-4 instructions "
      "before ({:.0f}% at another width), {:.0f}% bytes last stored at another width; {:.0f}% of "
      "stores through a late address; {:.0f}% of accesses to one of the last 16 words; {} "
      "stores into the code\n"
      "control: {:.0f}% branches, {:.0f}% of them mispredicted by 2-bit counters; {} loops with "
      "varying trip counts; {} calls, depth {}, {} wrong returns, {} functions called from 2+ "
      "sites; {} jalr with 2+ targets\n",
      s.exited ? fmt::format("exit {}", s.exit_code) : std::string("no exit"), s.retired,
      s.exceptions, s.interrupts, pct(s.reads_near, s.reads), pct(s.reads_of_last, s.reads),
      pct(s.x0_reads, s.reads + s.x0_reads), s.x0_writes, pct(s.same_reg, s.retired),
      s.longest_chain,
      s.windows ? static_cast<double>(s.window_regs) / static_cast<double>(s.windows) : 0.0,
      pct(s.loads + s.stores, s.retired), pct(s.loads_after_store, s.loads),
      pct(s.loads_after_store_other_width, s.loads), pct(s.mixed_width_loads, s.loads),
      pct(s.late_stores, s.stores), pct(s.reused_words, s.loads + s.stores), s.code_stores,
      pct(s.branches, s.retired), pct(s.mispredicts, s.branches), s.varying_loops, s.calls,
      s.max_call_depth, s.wrong_returns, s.shared_functions, s.indirect_jumps);
}

}  // namespace corelab::rigen
