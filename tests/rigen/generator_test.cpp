// The random program generator: programs end with exit 0 after about the requested number of
// instructions, a seed always gives the same program, the feature switches hold, and every
// instruction class (and the corner cases it is there for) shows up in what the ISS retires.
#include "corelab/rigen/generator.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string>

#include "corelab/iss/iss.hpp"
#include "hpm_events.h"

using corelab::ElfImage;
using corelab::iss::Iss;
using corelab::iss::Op;
using corelab::iss::StepReport;
using corelab::rigen::generate;
using corelab::rigen::InsnClass;
using corelab::rigen::Options;
namespace layout = corelab::rigen::layout;

namespace {

Options options(uint64_t seed, uint64_t instructions) {
  Options o;
  o.seed = seed;
  o.instructions = instructions;
  return o;
}

std::string describe(const Options& o) {
  return "seed " + std::to_string(o.seed) + ", " + std::to_string(o.instructions) +
         " instructions" + (o.traps ? "" : ", no traps") + (o.interrupts ? "" : ", no interrupts") +
         (o.csr ? "" : ", no csr");
}

// Runs with run() and checks the exit; returns the instructions retired.
uint64_t run_to_exit(const Options& o) {
  const ElfImage img = generate(o);
  Iss iss;
  iss.load(img);
  iss.run(20 * o.instructions + 100000);
  EXPECT_TRUE(iss.exited()) << describe(o) << ": did not exit, pc 0x" << std::hex << iss.pc();
  EXPECT_EQ(iss.exit_code(), 0) << describe(o);
  // The reserved state the harness relies on is intact at the end.
  EXPECT_EQ(iss.reg(2), layout::kDataPointer) << describe(o) << ": sp";
  EXPECT_EQ(iss.read_csr(0x305).value_or(0) & ~1u, img.symbol("trap_vector").value())
      << describe(o) << ": mtvec";
  return iss.event_total(HPM_EV_INSTRET);
}

}  // namespace

TEST(Generator, RunsToExitWithAboutTheRequestedCount) {
  const std::array<uint64_t, 4> counts = {2000, 30000, 150000, 3000000};
  for (uint64_t seed = 1; seed <= 12; ++seed) {
    Options o = options(seed, counts[seed % counts.size()]);
    o.traps = seed % 3 != 0;
    o.interrupts = seed % 4 != 1;
    o.csr = seed % 5 != 2;
    const uint64_t retired = run_to_exit(o);
    EXPECT_GE(retired, o.instructions * 6 / 10) << describe(o);
    EXPECT_LE(retired, o.instructions * 16 / 10) << describe(o);
  }
}

TEST(Generator, LargeCountsLoopInsteadOfGrowing) {
  for (uint64_t seed : {21, 22}) {
    const Options o = options(seed, 100000000);
    const ElfImage img = generate(o);
    const auto& code = img.segments.front();
    EXPECT_LE(code.addr + code.bytes.size(), layout::kCodeLimit) << describe(o);
    for (const auto& s : img.segments)
      EXPECT_LE(s.addr + s.bytes.size(), layout::kSaveBase + layout::kSaveSize) << describe(o);
    EXPECT_EQ(img.entry, layout::kCodeBase);
  }
}

TEST(Generator, SameSeedSameProgram) {
  for (uint64_t seed : {1, 99, 123456789}) {
    const Options o = options(seed, 20000);
    const ElfImage a = generate(o), b = generate(o);
    ASSERT_EQ(a.segments.size(), b.segments.size()) << describe(o);
    for (size_t k = 0; k < a.segments.size(); ++k) {
      EXPECT_EQ(a.segments[k].addr, b.segments[k].addr) << describe(o);
      EXPECT_TRUE(a.segments[k].bytes == b.segments[k].bytes) << describe(o) << ": segment " << k;
    }
    EXPECT_EQ(a.symbols, b.symbols) << describe(o);
  }
}

TEST(Generator, DifferentSeedsDifferentPrograms) {
  std::set<std::string> codes;  // the code bytes of each program
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    const auto bytes = generate(options(seed, 5000)).segments[0].bytes;
    codes.emplace(bytes.begin(), bytes.end());
  }
  EXPECT_EQ(codes.size(), 20u) << "seeds 1..20 should give 20 different programs";
  Options o = options(7, 5000);
  const auto with = generate(o).segments[0].bytes;
  o.traps = false;
  EXPECT_NE(with, generate(o).segments[0].bytes) << "seed 7 with and without traps";
}

TEST(Generator, RefusesUnusableOptions) {
  Options o = options(1, 1000);
  o.weights.fill(0);
  EXPECT_THROW(generate(o), corelab::rigen::OptionsError);
  o = options(1, 1000);
  o.weights.fill(0);
  o.weights[static_cast<size_t>(InsnClass::kTrap)] = 1;
  o.traps = false;  // the only weighted class is switched off
  EXPECT_THROW(generate(o), corelab::rigen::OptionsError);
  o = options(1, 0);
  EXPECT_THROW(generate(o), corelab::rigen::OptionsError);
}

TEST(Generator, OneClassAloneStillMakesAWorkingProgram) {
  for (const auto& c : corelab::rigen::kInsnClasses) {
    Options o = options(31 + static_cast<uint64_t>(c.cls), 20000);
    o.weights.fill(0);
    o.weights[static_cast<size_t>(c.cls)] = 1;
    SCOPED_TRACE("only class " + std::string(c.name));
    run_to_exit(o);
  }
}

// ---------------------------------------------------------------------------------------------
// What the retired instructions contain

namespace {

struct Stats {
  std::map<Op, uint64_t> ops;
  std::set<uint32_t> exceptions, interrupts;
  uint64_t retired = 0, taken_branches = 0, untaken_branches = 0, backward_branches = 0;
  uint64_t calls = 0, returns = 0, div_by_zero = 0, div_overflow = 0;
  uint64_t mixed_width_loads = 0;  // loads of bytes last written by a store of another width
  uint64_t dependent = 0, dependent_candidates = 0;  // reads of the previous instruction's rd
  uint64_t csr_outside_prologue = 0;
};

const char* op_name(Op op) {
  static const char* const kNames[] = {
#define CORELAB_OP_NAME(name) #name,
      CORELAB_ISS_OPS(CORELAB_OP_NAME)
#undef CORELAB_OP_NAME
  };
  return kNames[static_cast<unsigned>(op)];
}

bool is_branch(Op op) { return op >= Op::kBeq && op <= Op::kBgeu; }
bool reads_rs1_rs2(Op op) {
  return (op >= Op::kAdd && op <= Op::kRemu) || is_branch(op) || (op >= Op::kSb && op <= Op::kSw);
}
bool is_csr(Op op) { return op >= Op::kCsrrw && op <= Op::kCsrrci; }

// Steps the program to its end, decoding every instruction before it executes.
Stats collect(const Options& o) {
  const ElfImage img = generate(o);
  const uint32_t handler = img.symbol("trap_vector").value();
  Iss iss;
  iss.load(img);
  Stats s;
  std::map<uint32_t, unsigned> store_width;  // by byte address
  unsigned prev_rd = 0;
  for (uint64_t n = 0; n < 20 * o.instructions + 100000 && !iss.exited(); ++n) {
    const uint32_t pc = iss.pc();
    const uint32_t insn = iss.peek32(pc).value_or(0);
    const auto d = corelab::iss::decode(insn);
    const uint32_t v1 = iss.reg(d.rs1), v2 = iss.reg(d.rs2);
    const StepReport r = iss.step();
    if (r.kind == StepReport::Kind::kInterrupt) {
      s.interrupts.insert(r.cause & 0x7fffffffu);
      continue;
    }
    if (r.kind == StepReport::Kind::kException) {
      s.exceptions.insert(r.cause);
      continue;
    }
    if (r.kind != StepReport::Kind::kRetired) break;
    ++s.retired;
    ++s.ops[d.op];
    if (reads_rs1_rs2(d.op)) {
      ++s.dependent_candidates;
      if (prev_rd != 0 && (d.rs1 == prev_rd || d.rs2 == prev_rd)) ++s.dependent;
    }
    prev_rd = r.rd_addr;
    if (is_branch(d.op)) {
      if (r.pc_wdata == pc + 4)
        ++s.untaken_branches;
      else
        ++s.taken_branches;
      if (r.pc_wdata < pc) ++s.backward_branches;
    }
    const unsigned link = (insn >> 7) & 31;
    if ((d.op == Op::kJal || d.op == Op::kJalr) && (link == 1 || link == 5)) ++s.calls;
    if (d.op == Op::kJalr && link == 0 && (d.rs1 == 1 || d.rs1 == 5) && (insn >> 20) == 0)
      ++s.returns;
    if ((d.op == Op::kDiv || d.op == Op::kDivu || d.op == Op::kRem || d.op == Op::kRemu) && v2 == 0)
      ++s.div_by_zero;
    if ((d.op == Op::kDiv || d.op == Op::kRem) && v1 == 0x80000000u && v2 == 0xffffffffu)
      ++s.div_overflow;
    const unsigned width = r.mem_wmask == 1 ? 1 : r.mem_wmask == 3 ? 2 : 4;
    if (r.mem_wmask)
      for (unsigned k = 0; k < width; ++k) store_width[r.mem_addr + k] = width;
    if (r.mem_rmask) {
      const unsigned lw = r.mem_rmask == 1 ? 1 : r.mem_rmask == 3 ? 2 : 4;
      for (unsigned k = 0; k < lw; ++k) {
        auto it = store_width.find(r.mem_addr + k);
        if (it != store_width.end() && it->second != lw) {
          ++s.mixed_width_loads;
          break;
        }
      }
    }
    if (is_csr(d.op) && pc >= handler) ++s.csr_outside_prologue;  // handler and body
  }
  EXPECT_TRUE(iss.exited()) << describe(o);
  EXPECT_EQ(iss.exit_code(), 0) << describe(o);
  return s;
}

}  // namespace

TEST(Generator, EveryClassAndCornerAppears) {
  Stats all;
  for (uint64_t seed : {1, 2, 3}) {
    const Stats s = collect(options(seed, 100000));
    for (const auto& [op, n] : s.ops) all.ops[op] += n;
    all.exceptions.insert(s.exceptions.begin(), s.exceptions.end());
    all.interrupts.insert(s.interrupts.begin(), s.interrupts.end());
    all.retired += s.retired;
    all.taken_branches += s.taken_branches;
    all.untaken_branches += s.untaken_branches;
    all.backward_branches += s.backward_branches;
    all.calls += s.calls;
    all.returns += s.returns;
    all.div_by_zero += s.div_by_zero;
    all.div_overflow += s.div_overflow;
    all.mixed_width_loads += s.mixed_width_loads;
    all.dependent += s.dependent;
    all.dependent_candidates += s.dependent_candidates;
  }
  SCOPED_TRACE("seeds 1, 2, 3 with 100000 instructions each");
  for (Op op = Op::kLui; op < Op::kFetchFault;
       op = static_cast<Op>(static_cast<unsigned>(op) + 1)) {
    if (op == Op::kEcall || op == Op::kEbreak || op == Op::kMret || op == Op::kWfi) continue;
    EXPECT_GT(all.ops[op], 0u) << "no retired " << op_name(op);
  }
  EXPECT_GT(all.ops[Op::kMret], 0u) << "the handler returns with mret";
  for (uint32_t cause : {0u, 2u, 3u, 4u, 6u, 11u})
    EXPECT_TRUE(all.exceptions.count(cause)) << "no exception with cause " << cause;
  for (uint32_t cause : {3u, 7u, 11u})
    EXPECT_TRUE(all.interrupts.count(cause)) << "no interrupt with cause " << cause;
  EXPECT_GT(all.taken_branches, all.retired / 100);
  EXPECT_GT(all.untaken_branches, all.retired / 100);
  EXPECT_GT(all.backward_branches, 100u) << "loops";
  EXPECT_GT(all.calls, 100u);
  EXPECT_GT(all.returns, 100u);
  EXPECT_GT(all.div_by_zero, 10u);
  EXPECT_GT(all.div_overflow, 10u) << "INT_MIN / -1";
  EXPECT_GT(all.mixed_width_loads, 100u) << "aliasing at different widths";
  EXPECT_GT(all.dependent * 4, all.dependent_candidates)
      << "fewer than a quarter of the register reads use the previous result";
}

TEST(Generator, SwitchesTurnFeaturesOff) {
  for (uint64_t seed : {4, 5}) {
    Options o = options(seed, 50000);
    o.traps = false;
    EXPECT_TRUE(collect(o).exceptions.empty()) << describe(o);
    o = options(seed, 50000);
    o.interrupts = false;
    EXPECT_TRUE(collect(o).interrupts.empty()) << describe(o);
    o.traps = o.csr = false;  // nothing enters the handler, and the body has no CSR accesses
    EXPECT_EQ(collect(o).csr_outside_prologue, 0u) << describe(o);
  }
}

TEST(Generator, WeightsSteerTheMix) {
  Options o = options(8, 30000);
  o.weights[static_cast<size_t>(InsnClass::kLoad)] = 400;
  const Stats s = collect(o);
  uint64_t loads = 0;
  for (Op op : {Op::kLb, Op::kLh, Op::kLw, Op::kLbu, Op::kLhu})
    loads += s.ops.count(op) ? s.ops.at(op) : 0;
  EXPECT_GT(loads * 2, s.retired) << describe(o) << " with load weight 400: loads " << loads
                                  << " of " << s.retired;
}
