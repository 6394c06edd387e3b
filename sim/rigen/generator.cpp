// The random program generator. A program is built from "units": short instruction sequences that
// are safe on their own (a branch never lands inside one). Blocks of units form the main body, loop
// bodies and functions; forward branches and jumps land on a unit boundary of their own block, so
// control flow only goes forward except for counted loops, calls and returns, and every program
// ends. docs/rigen.md explains the shape and the rules.
#include "corelab/rigen/generator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <span>
#include <vector>

#include "assembler.hpp"
#include "corelab/iss/iss.hpp"
#include "corelab/rigen/encode.hpp"
#include "hpm_events.h"
#include "rng.hpp"
#include "soc_map.h"

namespace corelab::rigen {
namespace {

namespace L = layout;

// Register roles. sp, gp and tp are reserved; ra and t0 are link registers inside functions.
constexpr uint32_t kRa = 1, kSp = 2, kGp = 3, kTp = 4, kT0 = 5, kT1 = 6, kT2 = 7;
// With more than two levels of functions, a function that calls through ra keeps its own return
// address in one of these (one per level) while it runs.
constexpr uint32_t kLinkSaves[kMaxCallDepth - 2] = {8, 9};  // s0, s1

// Where a unit is being generated: decides which registers it may write and which units it may be.
// kFnN is the body of a function of level N (level 1 is called from the main body).
enum class Scope : uint8_t { kMain, kLoop, kFn1, kFn2, kFn3, kFn4 };
constexpr size_t kScopes = 2 + kMaxCallDepth;
// The event numbers random programs pick from: those of event table version 1 (19), so a seed
// still makes the program it made before the table grew (the later events are all non-architectural).
constexpr uint32_t kRandomEvents = 19;
static_assert(kRandomEvents <= HPM_EVENT_COUNT);
constexpr unsigned fn_level(Scope s) {  // 0 outside functions
  return s >= Scope::kFn1 ? static_cast<unsigned>(s) - static_cast<unsigned>(Scope::kFn1) + 1 : 0;
}
constexpr Scope fn_scope(unsigned level) {
  return static_cast<Scope>(static_cast<unsigned>(Scope::kFn1) + level - 1);
}

// CSR numbers (privileged spec, tables 2.2-2.5).
// clang-format off
enum Csr : uint32_t {
  kMstatus = 0x300, kMisa = 0x301, kMie = 0x304, kMtvec = 0x305, kMstatush = 0x310,
  kMcountinhibit = 0x320, kMhpmevent3 = 0x323, kMscratch = 0x340, kMepc = 0x341,
  kMcause = 0x342, kMtval = 0x343, kMip = 0x344,
  kMcycle = 0xb00, kMinstret = 0xb02, kMhpmcounter3 = 0xb03,
  kMcycleh = 0xb80, kMinstreth = 0xb82, kMhpmcounter3h = 0xb83,
  kCycle = 0xc00, kTime = 0xc01, kInstret = 0xc02, kHpmcounter3 = 0xc03,
  kCycleh = 0xc80, kTimeh = 0xc81, kInstreth = 0xc82,
  kMvendorid = 0xf11, kMarchid = 0xf12, kMimpid = 0xf13, kMhartid = 0xf14, kMconfigptr = 0xf15,
};
constexpr uint32_t kMieBits[] = {1u << 3, 1u << 7, 1u << 11};  // MSIE, MTIE, MEIE
constexpr uint32_t kMstatusMie = 1u << 3, kMstatusMpie = 1u << 7;

// The CSRs a unit reads: counters (and their user-level shadows), machine state, information.
constexpr uint32_t kCounterCsrs[] = {
    kMcycle, kMinstret, kMcycleh, kMinstreth, kCycle, kTime, kInstret, kCycleh, kTimeh,
    kInstreth, kMhpmcounter3, kMhpmcounter3 + 4, kMhpmcounter3 + 7, kMhpmcounter3h + 2,
    kHpmcounter3 + 1, kHpmcounter3 + 5};
constexpr uint32_t kStateCsrs[] = {kMstatus, kMie,  kMip, kMtvec, kMscratch, kMepc, kMcause,
                                   kMtval, kMcountinhibit, kMhpmevent3, kMhpmevent3 + 5};
constexpr uint32_t kInfoCsrs[] = {kMisa, kMvendorid, kMarchid, kMimpid, kMhartid, kMconfigptr,
                                  kMstatush};

// The exception causes a generated program makes (memory-map.md, "Architectural choices").
enum Cause : uint32_t {
  kMisalignedFetch = 0, kIllegal = 2, kBreakpoint = 3, kMisalignedLoad = 4, kMisalignedStore = 6,
  kEcall = 11,
};
// clang-format on

constexpr uint32_t kIrqSoftware = 3, kIrqTimer = 7, kIrqExternal = 11;

// R-type ALU and M-extension operations as (funct7, funct3).
struct RType {
  uint32_t f7, f3;
};
constexpr RType kAluReg[] = {{0x00, 0}, {0x20, 0}, {0x00, 1}, {0x00, 2}, {0x00, 3},
                             {0x00, 4}, {0x00, 5}, {0x20, 5}, {0x00, 6}, {0x00, 7}};
constexpr uint32_t kAluImmF3[] = {0, 2, 3, 4, 6, 7};  // addi slti sltiu xori ori andi
constexpr uint32_t kBranchConds[] = {enc::kBeq, enc::kBne,  enc::kBlt,
                                     enc::kBge, enc::kBltu, enc::kBgeu};

struct MemOp {
  uint32_t f3;
  uint32_t bytes;
};
constexpr MemOp kLoads[] = {
    {enc::kLb, 1}, {enc::kLh, 2}, {enc::kLw, 4}, {enc::kLbu, 1}, {enc::kLhu, 2}};
constexpr MemOp kStores[] = {{enc::kSb, 1}, {enc::kSh, 2}, {enc::kSw, 4}};

constexpr uint32_t kCorners[] = {0u, 1u, 0xffffffffu, 0x80000000u, 0x7fffffffu};

// A forward target that is placed `units_left` units from now (or at the end of its block), and
// the chance that control skips the units in between (for the estimate of retired instructions).
struct Pending {
  Label label;
  unsigned units_left;
  double p_skip;
};

struct Block {
  Scope scope;
  std::vector<Pending> pending;
  double est = 0;      // expected retired instructions of the block, once
  double live = 1;     // chance that control reaches the unit being generated
  unsigned units = 0;  // units generated so far
};

struct Function {
  Label entry;
  double est = 0;
};

class Generator {
 public:
  explicit Generator(const Options& o) : opt_(o), prof_(o.profile), rng_(o.seed) {}
  ElfImage build();

 private:
  // ---- registers ----
  void choose_registers();
  // What a unit in scope `s` writes: the pool when the profile has one, else all it may write.
  std::span<const uint32_t> writable(Scope s) const {
    return pool_.empty() ? std::span<const uint32_t>(scope_regs_[static_cast<size_t>(s)]) : pool_;
  }
  bool is_writable(const Block& b, uint32_t r) const;
  uint32_t dst(const Block& b);          // x0 now and then
  uint32_t dst_nonzero(const Block& b);  // never x0
  uint32_t dst_other(const Block& b, std::initializer_list<uint32_t> avoid);
  uint32_t dst_from(const Block& b, uint32_t rs1, uint32_t rs2);  // often rs1 or rs2 itself
  uint32_t src();
  void wrote(uint32_t rd) {
    if (rd == 0) return;
    third_rd_ = prev_rd_;
    prev_rd_ = last_rd_;
    last_rd_ = rd;
  }
  // Function levels: the link register of a level, and whether its functions keep ra elsewhere.
  uint32_t link_reg(unsigned level) const { return level == prof_.call_depth ? kT0 : kRa; }
  bool saves_ra(unsigned level) const { return level + 1 < prof_.call_depth; }

  // ---- values ----
  int32_t imm12();
  uint32_t interesting_value();
  int32_t data_offset(uint32_t bytes);

  // ---- blocks and units ----
  // `first`: the class of the first unit instead of a random one.
  double block(Scope scope, unsigned units, std::optional<InsnClass> first = {});
  void unit(Block& b, std::optional<InsnClass> cls = {});
  void close(Block& b);
  // A forward target `units` units ahead; `p_taken` is the chance the transfer is taken once
  // reached (a transfer in code that is itself skipped skips nothing).
  void forward(Block& b, Label l, unsigned units, double p_taken) {
    b.pending.push_back({l, units + 1, b.live * p_taken});
  }
  InsnClass choose(Scope s);
  double emit(Block& b, InsnClass c);
  double alu_reg(Block& b);
  double alu_imm(Block& b);
  double shift(Block& b);
  double upper(Block& b);
  double muldiv(Block& b);
  double load(Block& b);
  double store(Block& b);
  double branch(Block& b);
  double jump(Block& b);
  double loop(Block& b);
  double call(Block& b);
  double csr(Block& b);
  double fence();
  double trap(Block& b);
  double interrupt(Block& b);
  uint32_t corner_reg(Block& b, uint32_t value, uint32_t avoid);
  double chain(Block& b);
  double chase(Block& b);
  double alias(Block& b);
  double data_branch(Block& b);
  double indirect(Block& b);
  // Memory access sp/pointer + offset: emits the address set-up and returns (base, offset).
  std::pair<uint32_t, int32_t> address(Block& b, int32_t off);
  // The same with a pointer that is ready late: it comes out of mul/div or a load.
  std::pair<uint32_t, int32_t> late_address(Block& b, int32_t off);
  // rd = a data word that is new each time the code runs (no predictor can learn what follows).
  // Returns the register that holds the value written back (as random, not rd).
  uint32_t load_fresh(Block& b, uint32_t rd);
  uint32_t illegal_instruction();

  // ---- fixed parts ----
  void prologue();
  void functions();
  void trap_handler();
  void save_registers();
  void exit_with(int code);
  double words_since(size_t mark) const { return static_cast<double>(as_.size_words() - mark); }

  const Options& opt_;
  const Profile& prof_;
  Rng rng_;
  Assembler as_{L::kCodeBase};
  std::vector<std::pair<std::string, Label>> symbols_;
  Label trap_vector_, body_, epilogue_;
  std::array<std::vector<Function>, kMaxCallDepth + 1> fns_;  // by level (1 ..)
  size_t outer_count_at_ = 0;             // word index of the placeholder `li tp, passes`
  double exc_path_ = 30, irq_path_ = 45;  // handler lengths, measured when it is written
  double prologue_len_ = 0;
  std::array<std::vector<uint32_t>, kScopes> scope_regs_;  // what each scope may write
  std::vector<uint32_t> pool_;  // the registers the profile's body writes (empty: all)
  bool chained_ = false;        // the next src() is the last destination (a chain unit's link)
  uint32_t last_rd_ = 0, prev_rd_ = 0, third_rd_ = 0;
  std::vector<int32_t> hot_;  // recently used data words (offsets from sp), for aliasing
  size_t hot_next_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Registers and values

constexpr uint32_t kGeneralRegs[] = {1,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15, 16, 17,
                                     18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31};

// Functions do not write ra (their return address) or the saved return addresses of the levels
// above; the leaves do not write t0 (their link). The profile's pool, if any, is a few registers
// none of these, so the same architectural registers are rewritten again and again.
void Generator::choose_registers() {
  const unsigned depth = prof_.call_depth;
  const std::span<const uint32_t> saves(kLinkSaves, depth > 2 ? depth - 2 : 0);
  for (size_t s = 0; s < kScopes; ++s) {
    const unsigned level = fn_level(static_cast<Scope>(s));
    for (uint32_t r : kGeneralRegs) {
      const bool is_save = std::find(saves.begin(), saves.end(), r) != saves.end();
      if (level > 0 && (r == kRa || (r == kT0 && level == depth) || is_save)) continue;
      scope_regs_[s].push_back(r);
    }
  }
  if (prof_.pool_max == 0) return;
  std::vector<uint32_t> free = scope_regs_[static_cast<size_t>(fn_scope(depth))];  // a leaf's
  const auto n = static_cast<size_t>(
      rng_.range(static_cast<int32_t>(prof_.pool_min), static_cast<int32_t>(prof_.pool_max)));
  while (pool_.size() < n && !free.empty()) {
    const size_t k = rng_.below(static_cast<uint32_t>(free.size()));
    pool_.push_back(free[k]);
    free.erase(free.begin() + static_cast<ptrdiff_t>(k));
  }
}

bool Generator::is_writable(const Block& b, uint32_t r) const {
  const auto regs = writable(b.scope);
  return std::find(regs.begin(), regs.end(), r) != regs.end();
}

uint32_t Generator::dst(const Block& b) {
  return rng_.percent(prof_.dst_zero) ? 0 : dst_nonzero(b);
}

uint32_t Generator::dst_nonzero(const Block& b) { return rng_.pick(writable(b.scope)); }

// A register not in `avoid`; when a small pool has none left, any register the scope may write.
uint32_t Generator::dst_other(const Block& b, std::initializer_list<uint32_t> avoid) {
  auto avoided = [&](uint32_t r) {
    return std::find(avoid.begin(), avoid.end(), r) != avoid.end();
  };
  std::span<const uint32_t> regs = writable(b.scope);
  if (std::all_of(regs.begin(), regs.end(), avoided))
    regs = scope_regs_[static_cast<size_t>(b.scope)];
  for (;;) {
    const uint32_t r = rng_.pick(regs);
    if (!avoided(r)) return r;
  }
}

// `add a0, a0, a0`, `addi t1, t1, 1`: a renamer must read the old mapping and write a new one.
uint32_t Generator::dst_from(const Block& b, uint32_t rs1, uint32_t rs2) {
  if (rng_.maybe(prof_.same_reg)) {
    const uint32_t r = rng_.percent(60) ? rs1 : rs2;
    if (r == 0 || is_writable(b, r)) return r;
  }
  return dst(b);
}

// Sources: mostly the registers written just before, so back-to-back dependencies (forwarding
// paths, load-use) are common; x0 and the reserved registers are read too.
uint32_t Generator::src() {
  if (chained_) {
    chained_ = false;
    return last_rd_;
  }
  const uint32_t r = rng_.below(100);
  uint32_t upto = prof_.src_last;
  if (r < upto && last_rd_) return last_rd_;
  if (r < (upto += prof_.src_prev) && prev_rd_) return prev_rd_;
  if (r < (upto += prof_.src_third) && third_rd_) return third_rd_;
  if (r < upto + prof_.src_zero) return 0;
  return pool_.empty() ? rng_.below(32) : rng_.pick(std::span<const uint32_t>(pool_));
}

int32_t Generator::imm12() {
  const uint32_t r = rng_.below(100);
  if (r < 30) return rng_.range(-16, 16);
  if (r < 45) {
    static constexpr int32_t kEdges[] = {-2048, 2047, -1, 0, 1, 0x7ff, -0x800, 0x400};
    return rng_.pick(kEdges);
  }
  return rng_.range(-2048, 2047);
}

uint32_t Generator::interesting_value() {
  const uint32_t r = rng_.below(100);
  if (r < 40) return rng_.pick(kCorners);
  if (r < 60) return static_cast<uint32_t>(rng_.range(-16, 16));
  if (r < 70) return L::kDataPointer + static_cast<uint32_t>(rng_.range(-512, 511) * 4);
  if (r < 75) return 1u << rng_.below(32);
  return rng_.u32();
}

// An offset from sp (the middle of the data region) aligned to `bytes`. Often a word used a
// moment ago, at any width and lane, so the same bytes are written and read at different widths.
int32_t Generator::data_offset(uint32_t bytes) {
  constexpr int32_t kLow = -static_cast<int32_t>(L::kDataSize / 2);
  const int32_t high = static_cast<int32_t>(L::kDataSize / 2 - bytes);
  int32_t off;
  const uint32_t r = rng_.below(100);
  if (!hot_.empty() && r < prof_.hot_reuse) {
    off = hot_[rng_.below(static_cast<uint32_t>(hot_.size()))] +
          static_cast<int32_t>(rng_.below(4 / bytes) * bytes);
    if (rng_.maybe(prof_.neighbour)) {  // the word before or after
      off += rng_.percent(50) ? 4 : -4;
      if (off < kLow || off > high) off += off < kLow ? 8 : -8;
    }
  } else if (r < prof_.hot_reuse + prof_.edge) {
    off = rng_.percent(50) ? kLow : high;
  } else {
    off = rng_.range(kLow, high) & ~static_cast<int32_t>(bytes - 1);
  }
  const int32_t word = off & ~3;
  if (hot_.size() < prof_.hot_words)
    hot_.push_back(word);
  else
    hot_[hot_next_++ % hot_.size()] = word;
  return off;
}

// ---------------------------------------------------------------------------------------------
// Blocks

double Generator::block(Scope scope, unsigned units, std::optional<InsnClass> first) {
  Block b{scope, {}, 0, 1};
  for (unsigned i = 0; i < units; ++i) unit(b, i == 0 ? first : std::nullopt);
  close(b);
  return b.est;
}

void Generator::unit(Block& b, std::optional<InsnClass> cls) {
  b.live = 1;
  for (const Pending& p : b.pending) b.live *= 1 - p.p_skip;
  const double live = b.live;
  b.est += live * emit(b, cls ? *cls : choose(b.scope));
  ++b.units;
  for (Pending& p : b.pending)
    if (--p.units_left == 0) as_.bind(p.label);
  std::erase_if(b.pending, [](const Pending& p) { return p.units_left == 0; });
}

void Generator::close(Block& b) {
  for (const Pending& p : b.pending) as_.bind(p.label);
  b.pending.clear();
}

InsnClass Generator::choose(Scope s) {
  Weights w = opt_.weights;
  auto off = [&](InsnClass c) { w[static_cast<size_t>(c)] = 0; };
  if (s != Scope::kMain) off(InsnClass::kLoop);
  const unsigned level = fn_level(s);
  if (level >= prof_.call_depth || fns_[level + 1].empty()) off(InsnClass::kCall);
  if (!opt_.traps) off(InsnClass::kTrap);
  if (!opt_.interrupts) off(InsnClass::kInterrupt);
  if (!opt_.csr) off(InsnClass::kCsr);
  uint64_t total = 0;
  for (unsigned v : w) total += v;
  if (total == 0) return InsnClass::kAluReg;  // e.g. a loop body when only loops are weighted
  uint64_t x = (uint64_t{rng_.u32()} * total) >> 32;
  for (size_t i = 0; i < w.size(); ++i) {
    if (x < w[i]) return static_cast<InsnClass>(i);
    x -= w[i];
  }
  return InsnClass::kAluReg;
}

double Generator::emit(Block& b, InsnClass c) {
  switch (c) {
    case InsnClass::kAluReg: return alu_reg(b);
    case InsnClass::kAluImm: return alu_imm(b);
    case InsnClass::kShift: return shift(b);
    case InsnClass::kUpper: return upper(b);
    case InsnClass::kMulDiv: return muldiv(b);
    case InsnClass::kLoad: return load(b);
    case InsnClass::kStore: return store(b);
    case InsnClass::kBranch: return branch(b);
    case InsnClass::kJump: return jump(b);
    case InsnClass::kLoop: return loop(b);
    case InsnClass::kCall: return call(b);
    case InsnClass::kCsr: return csr(b);
    case InsnClass::kFence: return fence();
    case InsnClass::kTrap: return trap(b);
    case InsnClass::kInterrupt: return interrupt(b);
    case InsnClass::kChain: return chain(b);
    case InsnClass::kChase: return chase(b);
    case InsnClass::kAlias: return alias(b);
    case InsnClass::kDataBranch: return data_branch(b);
    case InsnClass::kIndirect: return indirect(b);
    case InsnClass::kCount: break;
  }
  return alu_reg(b);
}

// ---------------------------------------------------------------------------------------------
// Units

double Generator::alu_reg(Block& b) {
  const RType op = rng_.pick(kAluReg);
  const uint32_t rs1 = src(), rs2 = rng_.maybe(prof_.same_reg / 3) ? rs1 : src();
  const uint32_t rd = dst_from(b, rs1, rs2);
  as_.emit(enc::r(op.f7, rs2, rs1, op.f3, rd, enc::kOpReg));
  wrote(rd);
  return 1;
}

double Generator::alu_imm(Block& b) {
  const uint32_t f3 = rng_.pick(kAluImmF3);
  const uint32_t rs1 = src(), rd = dst_from(b, rs1, rs1);
  as_.emit(enc::i(imm12(), rs1, f3, rd, enc::kOpImm));
  wrote(rd);
  return 1;
}

double Generator::shift(Block& b) {
  static constexpr uint32_t kEdgeShifts[] = {0, 1, 31};
  const uint32_t sh = rng_.percent(25) ? rng_.pick(kEdgeShifts) : rng_.below(32);
  const uint32_t rs1 = src(), rd = dst_from(b, rs1, rs1);
  switch (rng_.below(3)) {
    case 0: as_.emit(enc::slli(rd, rs1, sh)); break;
    case 1: as_.emit(enc::srli(rd, rs1, sh)); break;
    default: as_.emit(enc::srai(rd, rs1, sh)); break;
  }
  wrote(rd);
  return 1;
}

double Generator::upper(Block& b) {
  static constexpr uint32_t kEdges[] = {0x80000, 0xfffff, 0x7ffff, 0, 1};
  const uint32_t rd = dst(b);
  if (rng_.percent(60)) {
    as_.emit(enc::lui(rd, rng_.percent(30) ? rng_.pick(kEdges) : rng_.below(1u << 20)));
  } else {
    as_.emit(enc::auipc(rd, rng_.percent(50) ? 0 : rng_.below(1u << 20)));
  }
  wrote(rd);
  return 1;
}

// Puts a corner value in a register (x0 for zero, most of the time) and returns the register.
uint32_t Generator::corner_reg(Block& b, uint32_t value, uint32_t avoid) {
  if (value == 0 && rng_.percent(60)) return 0;
  const uint32_t r = dst_other(b, {avoid});
  as_.li(r, value);
  wrote(r);
  return r;
}

double Generator::muldiv(Block& b) {
  const size_t mark = as_.size_words();
  const uint32_t f3 = rng_.below(8);  // mul mulh mulhsu mulhu div divu rem remu
  uint32_t rs1 = src(), rs2 = src();
  const uint32_t r = rng_.below(100);
  auto corner = [&] { return rng_.pick(kCorners); };
  if (r < 20) {
    rs2 = corner_reg(b, corner(), 0);
  } else if (r < 35) {
    rs1 = corner_reg(b, corner(), 0);
  } else if (r < 50) {  // the signed-overflow case INT_MIN / -1 (and its remainder)
    rs1 = corner_reg(b, 0x80000000u, 0);
    rs2 = corner_reg(b, 0xffffffffu, rs1);
  } else if (r < 55) {
    rs1 = corner_reg(b, corner(), 0);
    rs2 = corner_reg(b, corner(), rs1);
  }
  const uint32_t rd = dst_from(b, rs1, rs2);
  as_.emit(enc::r(1, rs2, rs1, f3, rd, enc::kOpReg));
  wrote(rd);
  return words_since(mark);
}

// Emits what a data access at sp + `off` needs and returns the base register and offset to use:
// sp itself, a pointer made with addi from sp, or an absolute pointer made with lui.
std::pair<uint32_t, int32_t> Generator::address(Block& b, int32_t off) {
  if (rng_.maybe(prof_.late_address)) return late_address(b, off);
  const uint32_t r = rng_.below(100);
  if (r < 50) return {kSp, off};
  const uint32_t p = dst_nonzero(b);
  wrote(p);
  if (r < 80) {
    const int32_t o1 = rng_.range(std::max(-2048, off - 2047), std::min(2047, off + 2048));
    as_.emit(enc::addi(p, kSp, o1));
    return {p, off - o1};
  }
  const uint32_t addr = L::kDataPointer + static_cast<uint32_t>(off);
  as_.emit(enc::lui(p, hi20(addr)));
  return {p, lo12(addr)};
}

// p = sp + off - k made slow on purpose: passed through mul/div by one, or stored and loaded back
// (or both), so an access through it waits for its address while younger ones may run ahead.
std::pair<uint32_t, int32_t> Generator::late_address(Block& b, int32_t off) {
  const uint32_t p = dst_nonzero(b);
  int32_t k = rng_.range(-8, 8) * 4;
  if (off - k < -2048 || off - k > 2047) k = 0;
  as_.emit(enc::addi(p, kSp, off - k));
  const uint32_t how = rng_.below(3);
  if (how != 0) {  // through memory: the pointer is a load's result
    const int32_t slot = data_offset(4);
    as_.emit(enc::sw(p, kSp, slot));
    as_.emit(enc::lw(p, kSp, slot));
  }
  if (how != 1) {  // through the multiplier or divider: x * 1 and x / 1 are x
    const uint32_t one = dst_other(b, {p});
    as_.emit(enc::addi(one, 0, 1));
    for (uint32_t n = 1 + rng_.below(2); n > 0; --n) {
      static constexpr uint32_t kIdentity[] = {0, 4, 5};  // mul, div, divu
      as_.emit(enc::r(1, one, p, rng_.pick(kIdentity), p, enc::kOpReg));
    }
    wrote(one);
  }
  wrote(p);
  return {p, k};
}

double Generator::load(Block& b) {
  const size_t mark = as_.size_words();
  const MemOp op = rng_.pick(kLoads);
  const auto [base, off] = address(b, data_offset(op.bytes));
  // `lw a0, 0(a0)`: the load overwrites its own base register.
  const uint32_t rd = base != kSp && rng_.maybe(prof_.same_reg) ? base : dst(b);
  as_.emit(enc::load(op.f3, rd, base, off));
  wrote(rd);
  return words_since(mark);
}

double Generator::store(Block& b) {
  const size_t mark = as_.size_words();
  const MemOp op = rng_.pick(kStores);
  const uint32_t value = src();
  const auto [base, off] = address(b, data_offset(op.bytes));
  as_.emit(enc::store(op.f3, value, base, off));
  return words_since(mark);
}

double Generator::branch(Block& b) {
  const uint32_t cond = rng_.pick(kBranchConds);
  const uint32_t rs1 = src();
  const uint32_t r = rng_.below(100);
  const uint32_t rs2 = r < 20 ? rs1 : r < 40 ? 0 : src();
  double p = 0.5;
  if (rs1 == rs2)  // the outcome is known: beq/bge/bgeu always taken, the others never
    p = (cond == enc::kBeq || cond == enc::kBge || cond == enc::kBgeu) ? 1 : 0;
  const Label l = as_.new_label();
  as_.branch(cond, rs1, rs2, l);
  forward(b, l, rng_.below(5), p);
  return 1;
}

double Generator::jump(Block& b) {
  const size_t mark = as_.size_words();
  const Label l = as_.new_label();
  const uint32_t rd = rng_.percent(30) ? 0 : dst(b);
  const int32_t odd = rng_.percent(30) ? 1 : 0;  // jalr clears bit 0 of the target
  const uint32_t r = rng_.below(100);
  if (r < 45) {
    as_.jal(rd, l);
  } else if (r < 75) {
    const uint32_t tmp = dst_nonzero(b);
    as_.auipc_jalr(tmp, rd, l, odd);
    wrote(tmp);
  } else {
    const uint32_t tmp = dst_nonzero(b);
    as_.lui_jalr(tmp, rd, l, odd);
    wrote(tmp);
  }
  wrote(rd);
  forward(b, l, rng_.below(4), 1);
  return words_since(mark);
}

// A counted loop around a few units, on the reserved counter gp (loops do not nest and functions
// do not loop, so nothing else writes gp while it counts).
double Generator::loop(Block& b) {
  const size_t mark = as_.size_words();
  const uint32_t iterations = 1 + rng_.below(8);
  uint32_t variant = rng_.below(5);
  const bool from_data = rng_.maybe(prof_.data_loops);
  if (from_data) variant %= 3;  // count down: the count lives in gp alone
  const bool count_up = variant >= 3;
  double trips = iterations;
  if (from_data) {  // gp = 1 + the top 2-4 bits of fresh data: 1-4, 1-8 or 1-16 iterations
    const uint32_t bits = 2 + rng_.below(3);
    load_fresh(b, kGp);  // writes gp before anything reads it as a count
    as_.emit(enc::srli(kGp, kGp, 32 - bits));
    as_.emit(enc::addi(kGp, kGp, 1));
    trips = 1 + ((1u << bits) - 1) / 2.0;
  } else {
    as_.emit(enc::addi(kGp, 0, count_up ? 0 : static_cast<int32_t>(iterations)));
  }
  const double setup = words_since(mark);
  const Label top = as_.new_label();
  as_.bind(top);
  const double body = block(Scope::kLoop, 2 + rng_.below(7));
  const size_t tail = as_.size_words();
  if (!count_up) {
    as_.emit(enc::addi(kGp, kGp, -1));
    static constexpr uint32_t kCond[] = {enc::kBne, enc::kBlt, enc::kBltu};
    const uint32_t cond = kCond[variant];
    if (cond == enc::kBne)
      as_.branch(cond, kGp, 0, top);
    else
      as_.branch(cond, 0, kGp, top);  // 0 < gp
  } else {
    const uint32_t limit = dst_nonzero(b);
    as_.emit(enc::addi(kGp, kGp, 1));
    as_.emit(enc::addi(limit, 0, static_cast<int32_t>(iterations)));
    as_.branch(variant == 3 ? enc::kBlt : enc::kBne, kGp, limit, top);
    wrote(limit);
  }
  wrote(kGp);
  const double tail_len = words_since(tail);
  return setup + trips * (body + tail_len);
}

// A call one level down (from a function's later units, now and then further down), through a
// function pointer chosen by data or to a fixed function.
double Generator::call(Block& b) {
  const size_t mark = as_.size_words();
  const unsigned from = fn_level(b.scope);
  unsigned level = from + 1;
  if (from > 0 && b.units > 0 && from + 2 <= prof_.call_depth && rng_.percent(30))
    level = from + 2 + rng_.below(prof_.call_depth - from - 1);
  const std::span<const Function> callees(fns_[level]);
  const Function f = rng_.pick(callees);
  const uint32_t link = link_reg(level);
  if (rng_.maybe(prof_.data_calls)) {  // t = data bit ? g : f, without a branch
    const Function g = rng_.pick(callees);
    const uint32_t sel = dst_other(b, {link}), t = dst_other(b, {link, sel});
    const uint32_t u = dst_other(b, {link, sel, t});
    load_fresh(b, sel);
    as_.emit(enc::srai(sel, sel, 31));  // 0 or all ones
    as_.la(t, f.entry, 0, rng_.percent(50));
    as_.la(u, g.entry, 0, rng_.percent(50));
    as_.emit(enc::xor_(u, u, t));
    as_.emit(enc::and_(u, u, sel));
    as_.emit(enc::xor_(t, t, u));
    as_.emit(enc::jalr(link, t, 0));
    for (uint32_t reg : {sel, u, t, link}) wrote(reg);
    return words_since(mark) + (f.est + g.est) / 2;
  }
  const uint32_t r = rng_.below(100);
  if (r < 50) {
    as_.jal(link, f.entry);
  } else {
    const uint32_t tmp = dst_nonzero(b);
    if (r < 75)
      as_.auipc_jalr(tmp, link, f.entry);
    else
      as_.lui_jalr(tmp, link, f.entry);
  }
  wrote(link);
  return words_since(mark) + f.est;
}

double Generator::csr(Block& b) {
  const size_t mark = as_.size_words();
  const uint32_t rd = dst(b);
  auto read = [&](uint32_t csr) {  // the forms that only read, legal on read-only CSRs too
    switch (rng_.below(4)) {
      case 0: as_.emit(enc::csrrs(rd, csr, 0)); break;
      case 1: as_.emit(enc::csrrc(rd, csr, 0)); break;
      case 2: as_.emit(enc::csrrsi(rd, csr, 0)); break;
      default: as_.emit(enc::csrrci(rd, csr, 0)); break;
    }
  };
  auto write = [&](uint32_t f3, uint32_t csr, uint32_t value) {  // value into a register first
    const uint32_t v = dst_nonzero(b);
    as_.li(v, value);
    wrote(v);
    as_.emit(enc::csr_op(f3, rd, csr, v));
  };
  const uint32_t kinds = opt_.interrupts ? 9 : 7;
  switch (rng_.below(kinds)) {
    case 0:  // mscratch: every form, any value
      as_.emit(enc::csr_op(rng_.pick({1u, 2u, 3u, 5u, 6u, 7u}), rd, kMscratch,
                           rng_.percent(50) ? src() : rng_.below(32)));
      break;
    case 1: read(rng_.pick(kCounterCsrs)); break;
    case 2: read(rng_.pick(kStateCsrs)); break;
    case 3: read(rng_.pick(kInfoCsrs)); break;
    case 4: {  // choose what an hpm counter counts (unknown numbers read back as 0)
      const uint32_t n = rng_.below(iss::kHpmCounters);
      const uint32_t ev = rng_.below(kRandomEvents + 4);
      if (ev < 32 && rng_.percent(40))
        as_.emit(enc::csrrwi(rd, kMhpmevent3 + n, ev));
      else
        write(1, kMhpmevent3 + n, ev);
      break;
    }
    case 5: {  // set a counter (rarely mcycle/minstret: the write replaces its own increment)
      static constexpr uint32_t kWritable[] = {kMhpmcounter3,  kMhpmcounter3 + 2, kMhpmcounter3 + 7,
                                               kMhpmcounter3h, kMcycle,           kMinstret};
      as_.emit(enc::csrrw(rd, rng_.pick(kWritable), src()));
      break;
    }
    case 6:
      if (rng_.percent(50)) {  // inhibit or release some counters
        write(rng_.percent(50) ? 2 : 3, kMcountinhibit, rng_.u32() & 0x7fdu);
      } else {  // the trap CSRs hold any value between traps
        static constexpr uint32_t kTrapCsrs[] = {kMepc, kMcause, kMtval};
        as_.emit(enc::csrrw(rd, rng_.pick(kTrapCsrs), src()));
      }
      break;
    // Interrupt enables: switched off now and then, but mostly on, so interrupts do happen.
    case 7: {  // mie
      uint32_t bits = 0;
      for (uint32_t m : kMieBits)
        if (rng_.percent(75)) bits |= m;
      write(rng_.percent(75) ? 1 : 3, kMie, bits);  // csrrw the bits, or clear them with csrrc
      break;
    }
    default: {                                       // mstatus.MIE
      const uint32_t f3 = rng_.percent(75) ? 2 : 3;  // csrrs / csrrc
      if (rng_.percent(70))
        as_.emit(enc::csr_op(f3 + 4, rd, kMstatus, kMstatusMie));
      else
        write(f3, kMstatus, kMstatusMie | (rng_.percent(50) ? kMstatusMpie : 0));
      break;
    }
  }
  wrote(rd);
  return words_since(mark);
}

double Generator::fence() {
  const uint32_t r = rng_.below(100);
  if (r < 60)
    as_.emit(enc::fence(1 + rng_.below(15), 1 + rng_.below(15)));
  else if (r < 85)
    as_.emit(enc::fence_i());
  else
    as_.emit(enc::nop());
  return 1;
}

// An instruction word every RV32IM + Zicsr + Zifencei machine-mode hart must refuse.
uint32_t Generator::illegal_instruction() {
  const uint32_t rd = rng_.below(32), rs1 = rng_.below(32), rs2 = rng_.below(32);
  const int32_t imm = rng_.range(-2048, 2047);
  switch (rng_.below(14)) {
    case 0: return 0x00000000u;  // defined illegal
    case 1: return 0xffffffffu;
    case 2: {  // the custom opcodes
      static constexpr uint32_t kCustom[] = {0x0b, 0x2b, 0x5b, 0x7b};
      return (rng_.u32() & ~0x7fu) | rng_.pick(kCustom);
    }
    case 3: {  // opcodes of extensions we do not have (F, D, A, RV64 word ops)
      static constexpr uint32_t kOther[] = {0x07, 0x27, 0x53, 0x2f, 0x3b, 0x1b, 0x43, 0x47};
      return (rng_.u32() & ~0x7fu) | rng_.pick(kOther);
    }
    case 4: return (rng_.u32() & ~3u) | rng_.below(3);  // a 16-bit (compressed) encoding
    case 5: return enc::i(imm, rs1, rng_.pick({3u, 6u, 7u}), rd, enc::kOpLoad);
    case 6: return enc::s(imm, rs2, rs1, 3 + rng_.below(5), enc::kOpStore);
    case 7: return enc::b(imm & ~1, rs2, rs1, 2 + rng_.below(2));
    case 8: return enc::i(imm, rs1, 1 + rng_.below(7), rd, enc::kOpJalr);
    case 9:  // shift-immediate with a shamt[5] (RV64) or a bad funct7
      return enc::r(rng_.pick({0x01u, 0x21u, 0x40u}), rs2, rs1, rng_.percent(50) ? 1 : 5, rd,
                    enc::kOpImm);
    case 10:  // register-register with a funct7 we do not use
      return enc::r(rng_.pick({0x02u, 0x04u, 0x40u, 0x7fu}), rs2, rs1, rng_.below(8), rd,
                    enc::kOpReg);
    case 11: {  // privileged instructions of modes we do not have
      static constexpr uint32_t kPriv[] = {0x10200073u /* sret */, 0x7b200073u /* dret */,
                                           0x12000073u /* sfence.vma */, 0x00200073u /* uret */};
      return rng_.pick(kPriv);
    }
    case 12: {  // CSRs that do not exist here
      static constexpr uint32_t kMissing[] = {0x100, 0x180, 0x7c0, 0x800, 0xb01, 0x3a0, 0x7b0};
      return enc::csrrs(rd, rng_.pick(kMissing), 0);
    }
    default: {  // writes to read-only CSRs
      static constexpr uint32_t kReadOnly[] = {kCycle,   kTime,      kInstret,
                                               kMhartid, kMvendorid, kCycleh};
      const uint32_t c = rng_.pick(kReadOnly);
      switch (rng_.below(3)) {
        case 0: return enc::csrrw(rd, c, rs1);  // csrrw writes even with x0
        case 1: return enc::csrrs(rd, c, 1 + rng_.below(31));
        default: return enc::csrrci(rd, c, 1 + rng_.below(31));
      }
    }
  }
}

// A synchronous exception; the handler resumes after it (at the aligned-down target for a
// misaligned jump, which the generator places on a unit boundary ahead).
double Generator::trap(Block& b) {
  const size_t mark = as_.size_words();
  double extra = 0;
  switch (rng_.below(8)) {
    case 0: {  // misaligned load
      static constexpr MemOp kOps[] = {{enc::kLh, 2}, {enc::kLhu, 2}, {enc::kLw, 4}};
      const MemOp op = rng_.pick(kOps);
      const int32_t off =
          (data_offset(4) & ~3) + 1 + static_cast<int32_t>(rng_.below(op.bytes - 1));
      as_.emit(enc::load(op.f3, dst(b), kSp, off));
      break;
    }
    case 1: {  // misaligned store
      static constexpr MemOp kOps[] = {{enc::kSh, 2}, {enc::kSw, 4}};
      const MemOp op = rng_.pick(kOps);
      const int32_t off =
          (data_offset(4) & ~3) + 1 + static_cast<int32_t>(rng_.below(op.bytes - 1));
      as_.emit(enc::store(op.f3, src(), kSp, off));
      break;
    }
    case 2:
    case 3: as_.emit(illegal_instruction()); break;
    case 4: as_.emit(enc::ecall()); break;
    case 5: as_.emit(enc::ebreak()); break;
    default: {  // misaligned jump or taken branch: target = a label ahead + 2
      const Label l = as_.new_label();
      const uint32_t r = rng_.below(100);
      double p = 1;
      if (r < 35) {
        as_.jal(dst(b), l, 2);
      } else if (r < 70) {
        const uint32_t tmp = dst_nonzero(b);
        as_.auipc_jalr(tmp, dst(b), l, rng_.percent(50) ? 2 : 3);  // +3: bit 0 cleared, still +2
        wrote(tmp);
      } else {
        const uint32_t rs1 = src();
        as_.branch(rng_.pick(kBranchConds), rs1, rng_.percent(50) ? rs1 : src(), l, 2);
        p = 0.5;
        extra = 1 - p;  // the branch retires when not taken
      }
      forward(b, l, rng_.below(3), p);
      return words_since(mark) - 1 + extra + p * exc_path_;
    }
  }
  return words_since(mark) - 1 + exc_path_;
}

double Generator::interrupt(Block& b) {
  const size_t mark = as_.size_words();
  const uint32_t r = rng_.below(100);
  if (r < 60) {  // mtimecmp = mtime + a small delay, the low word written last
    const uint32_t t = dst_nonzero(b), hi = dst_other(b, {t}), lo = dst_other(b, {t, hi});
    const uint32_t carry = dst_other(b, {t, hi, lo}), ones = dst_other(b, {t, hi, lo, carry});
    const int32_t delay = rng_.percent(60) ? rng_.range(1, 40) : rng_.range(41, 600);
    as_.emit(enc::lui(t, SOC_TIMER_BASE >> 12));
    as_.emit(enc::lw(hi, t, SOC_TIMER_MTIMEH));
    as_.emit(enc::lw(lo, t, SOC_TIMER_MTIME));
    as_.emit(enc::addi(lo, lo, delay));
    as_.emit(enc::sltiu(carry, lo, delay));  // the low word wrapped
    as_.emit(enc::add(hi, hi, carry));
    as_.emit(enc::addi(ones, 0, -1));
    as_.emit(enc::sw(ones, t, SOC_TIMER_MTIMECMP));
    as_.emit(enc::sw(hi, t, SOC_TIMER_MTIMECMPH));
    as_.emit(enc::sw(lo, t, SOC_TIMER_MTIMECMP));
    for (uint32_t reg : {t, hi, carry, ones, lo}) wrote(reg);
  } else {  // raise the software interrupt or the external line; the handler lowers it
    const bool software = r < 80;
    const uint32_t t = dst_nonzero(b), one = dst_other(b, {t});
    as_.emit(enc::lui(t, (software ? SOC_TIMER_BASE : SOC_CTRL_BASE) >> 12));
    as_.emit(enc::addi(one, 0, 1));
    as_.emit(enc::sw(one, t, software ? SOC_TIMER_MSIP : SOC_CTRL_EXT_IRQ));
    wrote(t);
    wrote(one);
  }
  // About half of them interrupt: the enables may be off, a later unit may re-arm the timer first.
  return words_since(mark) + 0.5 * irq_path_;
}

// ---------------------------------------------------------------------------------------------
// Units the profiles add

// The word is replaced at once by the next value of a linear congruential sequence (x * 1664525 +
// an odd c), so the code sees other data on every pass. Its low bits repeat soon (bit k every 2^k
// values): users take high bits. A random word, not a hot one, which other units' stores (of x0,
// say) would keep constant.
uint32_t Generator::load_fresh(Block& b, uint32_t rd) {
  const int32_t off = rng_.range(-512, 511) * 4;
  const uint32_t t = dst_other(b, {rd});
  as_.emit(enc::lw(rd, kSp, off));
  wrote(rd);
  as_.li(t, 1664525u);
  as_.emit(enc::mul(t, t, rd));
  as_.emit(enc::addi(t, t, 1 + 2 * rng_.range(0, 1000)));
  as_.emit(enc::sw(t, kSp, off));
  wrote(t);
  return t;
}

// 20-40 ops, each reading the last register written (x0 writes leave the chain where it was): a
// renamer and its wakeup logic see a long critical path through few registers.
double Generator::chain(Block& b) {
  double est = 0;
  for (uint32_t n = 20 + rng_.below(21); n > 0; --n) {
    chained_ = true;
    const uint32_t r = rng_.below(100);
    est += r < 40 ? alu_reg(b) : r < 65 ? alu_imm(b) : r < 80 ? shift(b) : muldiv(b);
    chained_ = false;  // muldiv may not have asked for a source
  }
  return est;
}

// Two words that hold each other's address, then loads into their own base (`lw p, 0(p)`): each
// load's address is the one before's result, and the register is renamed at every step.
double Generator::chase(Block& b) {
  const size_t mark = as_.size_words();
  const uint32_t p = dst_nonzero(b), q = dst_other(b, {p});
  as_.emit(enc::addi(p, kSp, data_offset(4)));
  as_.emit(enc::addi(q, kSp, data_offset(4)));
  as_.emit(enc::sw(q, p, 0));
  as_.emit(enc::sw(p, q, 0));
  for (uint32_t n = 2 + rng_.below(5); n > 0; --n) as_.emit(enc::lw(p, p, 0));
  if (rng_.percent(40)) {  // a last, narrower one: the register holds data again
    const MemOp op = rng_.pick(kLoads);
    as_.emit(enc::load(op.f3, p, p, static_cast<int32_t>(rng_.below(4 / op.bytes) * op.bytes)));
  }
  wrote(q);
  wrote(p);
  return words_since(mark);
}

// A store whose address is ready late, then (often together with a second store to the word) loads
// of the same and the neighbouring word's bytes at other widths with addresses ready at once: a
// core that runs loads ahead of older stores must notice the overlap, and forward or merge the
// bytes.
double Generator::alias(Block& b) {
  const size_t mark = as_.size_words();
  const MemOp st = rng_.pick(kStores);
  const int32_t off = data_offset(st.bytes), word = off & ~3;
  const auto [base, k] = late_address(b, off);
  as_.emit(enc::store(st.f3, src(), base, k));
  if (rng_.percent(30)) {
    const MemOp st2 = rng_.pick(kStores);
    const auto lane = static_cast<int32_t>(rng_.below(4 / st2.bytes) * st2.bytes);
    as_.emit(enc::store(st2.f3, src(), kSp, word + lane));
  }
  for (uint32_t n = 1 + rng_.below(3); n > 0; --n) {
    const MemOp op = rng_.pick(kLoads);
    int32_t at = word + static_cast<int32_t>(rng_.below(4 / op.bytes) * op.bytes);
    if (rng_.percent(25)) at += word + 4 < static_cast<int32_t>(L::kDataSize / 2) ? 4 : -4;
    const uint32_t rd = rng_.percent(10) ? 0 : dst_other(b, {base});
    if (rng_.percent(25))  // through the late pointer too
      as_.emit(enc::load(op.f3, rd, base, at - (off - k)));
    else
      as_.emit(enc::load(op.f3, rd, kSp, at));
    wrote(rd);
  }
  return words_since(mark);
}

// Branches on random data (loaded, or out of the multiplier or divider), back to back: about half
// of them are taken, and no predictor can learn which.
double Generator::data_branch(Block& b) {
  static constexpr uint32_t kOrderConds[] = {enc::kBlt, enc::kBge, enc::kBltu, enc::kBgeu};
  const size_t mark = as_.size_words();
  const uint32_t d = dst_nonzero(b), next = load_fresh(b, d);  // two unrelated random words
  const uint32_t e = dst_other(b, {d, next}), bit = dst_other(b, {d, next, e});
  uint32_t x = src();
  if (x == next) x = d;  // next * next, next / next, ... are not random
  as_.emit(enc::r(1, x, next, rng_.below(8), e, enc::kOpReg));  // e = next mul/div/rem x
  wrote(e);
  const uint32_t tested = rng_.percent(50) ? d : e;
  as_.emit(enc::andi(bit, tested, 1 << (6 + rng_.below(5))));  // bits that change slowly
  wrote(bit);
  const double setup = words_since(mark);
  double est = 0, reach = 1;  // a taken branch skips the ones after it
  // Each branch tests something else, so the ones after an untaken branch stay random too.
  const uint32_t first = rng_.below(4), n = 1 + rng_.below(4);
  for (uint32_t k = first; k < first + n; ++k) {
    const Label l = as_.new_label();
    const uint32_t sign = rng_.percent(50) ? enc::kBlt : enc::kBge;
    switch (k % 4) {
      case 0: as_.branch(sign, d, 0, l); break;
      case 1: as_.branch(sign, e, 0, l); break;
      case 2: as_.branch(rng_.pick(kOrderConds), d, next, l); break;
      default: as_.branch(rng_.percent(50) ? enc::kBeq : enc::kBne, bit, 0, l); break;
    }
    forward(b, l, 1 + rng_.below(3), 0.5 * reach);  // past the next unit: never to pc + 4
    est += reach;
    reach *= 0.5;
  }
  return setup + est;
}

// jalr to one of 2-8 single-instruction entries of a slide, the index taken from data: an indirect
// jump whose target changes from one run to the next; control runs down the slide from there.
double Generator::indirect(Block& b) {
  const size_t mark = as_.size_words();
  const uint32_t entries = 2u << rng_.below(3);
  const uint32_t i = dst_nonzero(b), t = dst_other(b, {i});
  load_fresh(b, i);
  as_.emit(enc::srli(i, i, 24));  // high bits: fresh data's low ones repeat soon
  as_.emit(enc::andi(i, i, static_cast<int32_t>((entries - 1) * 4)));
  const Label slide = as_.new_label();
  const int32_t o = rng_.range(-8, 8) * 4;  // jalr's own offset
  as_.la(t, slide, -o, rng_.percent(50));
  as_.emit(enc::add(t, t, i));
  wrote(i);
  wrote(t);
  const uint32_t rd = rng_.percent(60) ? 0 : dst(b);
  as_.emit(enc::jalr(rd, t, o));
  wrote(rd);
  const double setup = words_since(mark);
  as_.bind(slide);
  for (uint32_t n = 0; n < entries; ++n) {
    if (rng_.percent(50))
      alu_imm(b);
    else
      alu_reg(b);
  }
  return setup + (entries + 1) / 2.0;
}

// ---------------------------------------------------------------------------------------------
// Prologue, functions, trap handler

void Generator::prologue() {
  symbols_.emplace_back("_start", as_.new_label());
  as_.bind(symbols_.back().second);
  const bool vectored = rng_.percent(50);
  as_.la(kT0, trap_vector_, vectored ? 1 : 0);  // mtvec mode 1 sends interrupts to BASE + 4*cause
  as_.emit(enc::csrrw(0, kMtvec, kT0));
  as_.li(kSp, L::kDataPointer);
  as_.emit(enc::addi(kGp, 0, 0));
  outer_count_at_ = as_.size_words();
  as_.emit(enc::nop());  // `li tp, passes`, patched once the body is written
  as_.emit(enc::nop());
  if (opt_.csr) {
    for (uint32_t n = 0; n < iss::kHpmCounters; ++n) {
      as_.li(kT0, rng_.below(kRandomEvents));
      as_.emit(enc::csrrw(0, kMhpmevent3 + n, kT0));
    }
  }
  if (opt_.interrupts) {
    uint32_t bits = 1u << kIrqTimer;
    if (rng_.percent(80)) bits |= 1u << kIrqSoftware;
    if (rng_.percent(80)) bits |= 1u << kIrqExternal;
    as_.li(kT0, bits);
    as_.emit(enc::csrrs(0, kMie, kT0));
    as_.emit(enc::csrrsi(0, kMstatus, kMstatusMie));
  }
  for (uint32_t r : kGeneralRegs) as_.li(r, interesting_value());
  prologue_len_ = static_cast<double>(as_.size_words());
  as_.jal(0, body_);
}

// Functions of levels 1 .. call_depth: level N calls level N + 1 (and deeper ones); the body calls
// level 1. The last level is leaves called through t0, the others are called through ra; those that
// call through ra themselves keep their return address in their level's kLinkSaves register. With
// more than two levels, every function above the leaves starts with a call (no branch skips it),
// so each call from the body goes all the way down.
void Generator::functions() {
  if (opt_.weights[static_cast<size_t>(InsnClass::kCall)] == 0) return;
  // Deepest first: the callers need their callees' lengths.
  const unsigned depth = prof_.call_depth;
  std::array<unsigned, kMaxCallDepth + 1> count{};
  for (unsigned level = depth; level > 0; --level)
    count[level] = level == depth ? 1 + rng_.below(3) : 2 + rng_.below(4);
  for (unsigned level = depth; level > 0; --level) {
    for (unsigned k = 0; k < count[level]; ++k) {
      Function f{as_.new_label(), 0};
      symbols_.emplace_back(fmt::format("fn{}_{}", level, k), f.entry);
      as_.bind(f.entry);
      const bool leaf = level == depth, saves = saves_ra(level);
      if (saves) as_.emit(enc::addi(kLinkSaves[level - 1], kRa, 0));
      const auto first = !leaf && depth > 2 ? std::optional(InsnClass::kCall) : std::nullopt;
      f.est = block(fn_scope(level), leaf ? 2 + rng_.below(9) : 3 + rng_.below(10), first) + 1;
      if (saves) {
        as_.emit(enc::addi(kRa, kLinkSaves[level - 1], 0));
        f.est += 2;
      }
      as_.emit(enc::jalr(0, link_reg(level), 0));
      fns_[level].push_back(f);
    }
  }
}

// Handler entry: t0..t2 and mscratch go to the save area, which sp reaches after moving by 2048.
void Generator::save_registers() {
  using namespace layout;
  as_.emit(enc::csrrw(kT0, kMscratch, kT0));  // t0 <-> mscratch
  as_.emit(enc::addi(kSp, kSp, 2047));
  as_.emit(enc::addi(kSp, kSp, 1));
  as_.emit(enc::sw(kT0, kSp, kSaveMscratch));
  as_.emit(enc::csrrs(kT0, kMscratch, 0));  // the interrupted code's t0
  as_.emit(enc::sw(kT0, kSp, kSaveT0));
  as_.emit(enc::sw(kT1, kSp, kSaveT1));
  as_.emit(enc::sw(kT2, kSp, kSaveT2));
  as_.emit(enc::csrrs(kT0, kMcause, 0));
}

void Generator::exit_with(int code) {
  as_.emit(enc::lui(kT0, SOC_CTRL_BASE >> 12));
  as_.emit(enc::addi(kT1, 0, static_cast<int32_t>(SOC_EXIT_VALUE(code))));
  as_.emit(enc::sw(kT1, kT0, SOC_CTRL_EXIT));
  as_.emit(enc::jal(0, 0));
}

void Generator::trap_handler() {
  using namespace layout;
  static_assert(kSaveBase == kDataPointer + 2048, "the handler reaches the save area from sp");
  const Label exception = as_.new_label(), interrupt = as_.new_label(), dispatch = as_.new_label();
  const Label restore = as_.new_label(), fail_exc = as_.new_label(), fail_irq = as_.new_label();
  const Label resume = as_.new_label(), set_mepc = as_.new_label(), done = as_.new_label();
  const Label timer = as_.new_label(), software = as_.new_label(), external = as_.new_label();
  const Label disarm = as_.new_label();

  // The vector table: mode 0 (direct) enters every trap at its first word, which jumps to the
  // exception entry; that entry passes interrupts on. Mode 1 enters interrupt n at word n.
  as_.align(64, enc::nop());
  as_.bind(trap_vector_);
  symbols_.emplace_back("trap_vector", trap_vector_);
  for (uint32_t n = 0; n < 16; ++n) {
    if (n == 0)
      as_.jal(0, exception);
    else if (n == kIrqSoftware || n == kIrqTimer || n == kIrqExternal)
      as_.jal(0, interrupt);
    else
      as_.jal(0, fail_irq);
  }

  // Exceptions: count, check the cause is one the generator makes, resume.
  uint32_t expected = 0;
  if (opt_.traps)
    for (uint32_t c :
         {kMisalignedFetch, kIllegal, kBreakpoint, kMisalignedLoad, kMisalignedStore, kEcall})
      expected |= 1u << c;
  as_.bind(exception);
  symbols_.emplace_back("trap_exception", exception);
  size_t mark = as_.size_words();
  save_registers();
  as_.branch(enc::kBlt, kT0, 0, dispatch);  // mcause bit 31: an interrupt (direct mode)
  as_.emit(enc::lw(kT1, kSp, kSaveExceptions));
  as_.emit(enc::addi(kT1, kT1, 1));
  as_.emit(enc::sw(kT1, kSp, kSaveExceptions));
  as_.li(kT1, expected);
  as_.emit(enc::srl(kT1, kT1, kT0));
  as_.emit(enc::andi(kT1, kT1, 1));
  as_.branch(enc::kBeq, kT1, 0, fail_exc);
  as_.branch(enc::kBne, kT0, 0, resume);
  as_.emit(enc::csrrs(kT1, kMtval, 0));  // misaligned jump: continue at the aligned-down target
  as_.emit(enc::andi(kT1, kT1, -4));
  as_.jal(0, set_mepc);
  as_.bind(resume);
  as_.emit(enc::csrrs(kT1, kMepc, 0));  // everything else: continue after the instruction
  as_.emit(enc::addi(kT1, kT1, 4));
  as_.bind(set_mepc);
  as_.emit(enc::csrrw(0, kMepc, kT1));
  as_.jal(0, restore);
  const double exc_len = words_since(mark) - 3;  // one of the two resume paths

  // Interrupts: count and hash the interrupted pc, then lower the source.
  as_.bind(interrupt);
  symbols_.emplace_back("trap_interrupt", interrupt);
  mark = as_.size_words();
  save_registers();
  as_.bind(dispatch);
  as_.emit(enc::lw(kT1, kSp, kSaveInterrupts));
  as_.emit(enc::addi(kT1, kT1, 1));
  as_.emit(enc::sw(kT1, kSp, kSaveInterrupts));
  as_.emit(enc::lw(kT1, kSp, kSaveIrqHash));  // hash = hash * 33 + mepc
  as_.emit(enc::slli(kT2, kT1, 5));
  as_.emit(enc::add(kT1, kT1, kT2));
  as_.emit(enc::csrrs(kT2, kMepc, 0));
  as_.emit(enc::add(kT1, kT1, kT2));
  as_.emit(enc::sw(kT1, kSp, kSaveIrqHash));
  as_.emit(enc::lui(kT1, 0x80000));
  as_.emit(enc::xor_(kT2, kT0, kT1));  // the cause number, if bit 31 was set
  as_.emit(enc::addi(kT1, kT2, -static_cast<int32_t>(kIrqTimer)));
  as_.branch(enc::kBeq, kT1, 0, timer);
  as_.emit(enc::addi(kT1, kT2, -static_cast<int32_t>(kIrqSoftware)));
  as_.branch(enc::kBeq, kT1, 0, software);
  as_.emit(enc::addi(kT1, kT2, -static_cast<int32_t>(kIrqExternal)));
  as_.branch(enc::kBeq, kT1, 0, external);
  as_.jal(0, fail_irq);

  // Timer: re-arm (mtime + period) while the budget lasts, then disarm. The period is longer than
  // the handler, so the interrupted code always makes progress.
  const int32_t period = rng_.range(150, 2000);
  as_.bind(timer);
  as_.emit(enc::lui(kT0, SOC_TIMER_BASE >> 12));
  as_.emit(enc::lw(kT1, kSp, kSaveTimerBudget));
  as_.branch(enc::kBeq, kT1, 0, disarm);
  as_.emit(enc::addi(kT1, kT1, -1));
  as_.emit(enc::sw(kT1, kSp, kSaveTimerBudget));
  as_.emit(enc::lw(kT1, kT0, SOC_TIMER_MTIME));
  as_.emit(enc::addi(kT1, kT1, period));
  as_.emit(enc::sltiu(kT2, kT1, period));  // carry into the high word
  as_.emit(enc::sw(kT1, kSp, kSaveTemp));
  as_.emit(enc::lw(kT1, kT0, SOC_TIMER_MTIMEH));
  as_.emit(enc::add(kT1, kT1, kT2));
  as_.emit(enc::addi(kT2, 0, -1));
  as_.emit(enc::sw(kT2, kT0, SOC_TIMER_MTIMECMP));
  as_.emit(enc::sw(kT1, kT0, SOC_TIMER_MTIMECMPH));
  as_.emit(enc::lw(kT1, kSp, kSaveTemp));
  as_.emit(enc::sw(kT1, kT0, SOC_TIMER_MTIMECMP));
  as_.jal(0, done);
  as_.bind(disarm);
  as_.emit(enc::addi(kT1, 0, -1));
  as_.emit(enc::sw(kT1, kT0, SOC_TIMER_MTIMECMP));
  as_.emit(enc::sw(kT1, kT0, SOC_TIMER_MTIMECMPH));
  as_.jal(0, done);
  as_.bind(software);
  as_.emit(enc::lui(kT0, SOC_TIMER_BASE >> 12));
  as_.emit(enc::sw(0, kT0, SOC_TIMER_MSIP));
  as_.jal(0, done);
  as_.bind(external);
  as_.emit(enc::lui(kT0, SOC_CTRL_BASE >> 12));
  as_.emit(enc::sw(0, kT0, SOC_CTRL_EXT_IRQ));
  as_.bind(done);
  const double irq_len = words_since(mark) - 12;  // roughly one of the four source paths

  as_.bind(restore);
  symbols_.emplace_back("trap_return", restore);
  mark = as_.size_words();
  as_.emit(enc::lw(kT0, kSp, kSaveMscratch));
  as_.emit(enc::csrrw(0, kMscratch, kT0));
  as_.emit(enc::lw(kT0, kSp, kSaveT0));
  as_.emit(enc::lw(kT1, kSp, kSaveT1));
  as_.emit(enc::lw(kT2, kSp, kSaveT2));
  as_.emit(enc::addi(kSp, kSp, -2048));
  as_.emit(enc::mret());
  const double restore_len = words_since(mark);
  exc_path_ = exc_len + restore_len;
  irq_path_ = irq_len + restore_len;

  as_.bind(fail_exc);
  symbols_.emplace_back("trap_unexpected_exception", fail_exc);
  exit_with(kExitUnexpectedException);
  as_.bind(fail_irq);
  symbols_.emplace_back("trap_unexpected_interrupt", fail_irq);
  exit_with(kExitUnexpectedInterrupt);
}

// ---------------------------------------------------------------------------------------------

ElfImage Generator::build() {
  uint64_t enabled = 0;
  for (size_t i = 0; i < kInsnClassCount; ++i) {
    const auto c = static_cast<InsnClass>(i);
    if ((c == InsnClass::kTrap && !opt_.traps) ||
        (c == InsnClass::kInterrupt && !opt_.interrupts) || (c == InsnClass::kCsr && !opt_.csr))
      continue;
    enabled += opt_.weights[i];
  }
  if (enabled == 0) throw OptionsError("rigen: every enabled instruction class has weight 0");
  if (opt_.instructions == 0 || opt_.instructions > (uint64_t{1} << 40))
    throw OptionsError("rigen: the instruction count must be between 1 and 2^40");

  if (prof_.call_depth < 2 || prof_.call_depth > kMaxCallDepth || prof_.hot_words == 0)
    throw OptionsError(fmt::format("rigen: profile {}: call_depth must be 2-{}, hot_words > 0",
                                   prof_.name, kMaxCallDepth));
  choose_registers();
  trap_vector_ = as_.new_label();
  body_ = as_.new_label();
  epilogue_ = as_.new_label();
  prologue();
  trap_handler();
  functions();

  // The main body, repeated `passes` times by the outer loop on tp.
  constexpr double kPassTarget = 12000;         // retired instructions per pass, about
  constexpr size_t kBodyWordsMax = 0x7000 / 4;  // 28 KiB of body
  const double target = std::max(1.0, static_cast<double>(opt_.instructions) - prologue_len_ - 4);
  const double per_pass = target / std::ceil(target / kPassTarget);  // whole passes fit the target
  as_.bind(body_);
  symbols_.emplace_back("body", body_);
  const size_t body_start = as_.size_words();
  Block main{Scope::kMain, {}, 0, 1};
  do {
    unit(main);
  } while (main.est < per_pass && as_.size_words() - body_start < kBodyWordsMax);
  close(main);
  const double pass_len = main.est + 3;
  const uint64_t passes = std::clamp<uint64_t>(std::llround(target / pass_len), 1, 0xffffffffu);
  as_.emit(enc::addi(kTp, kTp, -1));
  as_.emit(enc::beq(kTp, 0, 8));
  as_.jal(0, body_);
  as_.bind(epilogue_);
  symbols_.emplace_back("epilogue", epilogue_);
  as_.emit(enc::lui(kT0, SOC_CTRL_BASE >> 12));
  as_.emit(enc::addi(kT1, 0, static_cast<int32_t>(SOC_EXIT_VALUE(0))));
  as_.emit(enc::sw(kT1, kT0, SOC_CTRL_EXIT));
  as_.emit(enc::jal(0, 0));

  std::vector<uint32_t> words = as_.finish();
  const auto count = static_cast<uint32_t>(passes);
  words[outer_count_at_] = enc::lui(kTp, hi20(count));
  words[outer_count_at_ + 1] = enc::addi(kTp, kTp, lo12(count));
  if (L::kCodeBase + 4 * words.size() > L::kCodeLimit)
    throw std::logic_error(fmt::format("rigen: seed {}: code too large", opt_.seed));

  ElfImage img;
  img.path = fmt::format("rigen-seed-{}", opt_.seed);
  img.entry = L::kCodeBase;
  ElfSegment code{L::kCodeBase, {}};
  code.bytes.resize(4 * words.size());
  for (size_t k = 0; k < words.size(); ++k)
    for (unsigned byte = 0; byte < 4; ++byte)
      code.bytes[4 * k + byte] = static_cast<uint8_t>(words[k] >> (8 * byte));
  ElfSegment data{L::kDataBase, {}};
  data.bytes.resize(L::kDataSize + L::kSaveSize, 0);
  for (uint32_t k = 0; k < L::kDataSize; ++k) data.bytes[k] = static_cast<uint8_t>(rng_.u32());
  data.bytes[L::kDataSize + L::kSaveTimerBudget] = static_cast<uint8_t>(rng_.below(4));
  img.segments.push_back(std::move(code));
  img.segments.push_back(std::move(data));
  for (const auto& [name, label] : symbols_) img.symbols[name] = as_.address(label);
  img.symbols["data"] = L::kDataBase;
  img.symbols["save_area"] = L::kSaveBase;
  return img;
}

}  // namespace

const Profile* profile_by_name(std::string_view name) {
  for (const auto& p : kProfiles)
    if (p.name == name) return &p;
  return nullptr;
}

std::optional<InsnClass> insn_class_by_name(std::string_view name) {
  for (const auto& c : kInsnClasses)
    if (c.name == name) return c.cls;
  return std::nullopt;
}

ElfImage generate(const Options& options) { return Generator(options).build(); }

}  // namespace corelab::rigen
