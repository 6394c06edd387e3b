// The seeded random instruction-stream generator: from a seed and a few knobs it writes a complete,
// self-contained RV32IM machine-mode program (prologue, weighted random body, trap handler) that
// always terminates by writing the SoC EXIT register. docs/rigen.md describes the program shape.
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "corelab/iss/elf_image.hpp"

namespace corelab::rigen {

// The instruction classes the body is drawn from, each with a weight.
enum class InsnClass : uint8_t {
  kAluReg,     // add, sub, slt, sltu, xor, or, and, sll, srl, sra
  kAluImm,     // addi, slti, sltiu, xori, ori, andi with small, edge and random immediates
  kShift,      // slli, srli, srai
  kUpper,      // lui, auipc
  kMulDiv,     // the M extension, often with a corner operand (0, 1, -1, INT_MIN, INT_MAX)
  kLoad,       // lb, lh, lw, lbu, lhu into the data region, re-using recent addresses (aliasing)
  kStore,      // sb, sh, sw into the data region
  kBranch,     // forward conditional branches, taken or not
  kJump,       // forward jal / jalr (auipc- or lui-based, odd offsets too)
  kLoop,       // a small counted loop (reserved counter gp) around a few random units
  kCall,       // a call (jal/jalr with ra, nested ones with t0) to a generated function
  kCsr,        // harmless CSR reads and writes (mscratch, counters, mhpmevent, mie, mstatus.MIE)
  kFence,      // fence, fence.i
  kTrap,       // misaligned load/store/jump, illegal instruction, ecall, ebreak
  kInterrupt,  // arm the timer (mtimecmp = mtime + small), raise msip or the external line
  // Units the profiles add (weight 0 in `mixed`, so its programs stay what they were).
  kChain,       // 20-40 ALU/mul/div ops, each reading the one before (renaming, wakeup)
  kChase,       // two words point at each other; loads follow them into their own base register
  kAlias,       // a store whose address comes late, then loads of the same and neighbouring bytes
  kDataBranch,  // 1-4 back-to-back branches on loaded data and mul/div results
  kIndirect,    // jalr into a slide of single instructions at a data-dependent index
  kCount
};
inline constexpr size_t kInsnClassCount = static_cast<size_t>(InsnClass::kCount);

struct InsnClassInfo {
  InsnClass cls;
  std::string_view name;  // as used by `rigen --weight NAME=W`
  unsigned default_weight;
};
inline constexpr std::array<InsnClassInfo, kInsnClassCount> kInsnClasses = {{
    {InsnClass::kAluReg, "alu", 14},
    {InsnClass::kAluImm, "alu-imm", 12},
    {InsnClass::kShift, "shift", 5},
    {InsnClass::kUpper, "upper", 3},
    {InsnClass::kMulDiv, "muldiv", 8},
    {InsnClass::kLoad, "load", 12},
    {InsnClass::kStore, "store", 10},
    {InsnClass::kBranch, "branch", 8},
    {InsnClass::kJump, "jump", 3},
    {InsnClass::kLoop, "loop", 3},
    {InsnClass::kCall, "call", 3},
    {InsnClass::kCsr, "csr", 4},
    {InsnClass::kFence, "fence", 1},
    {InsnClass::kTrap, "trap", 2},
    {InsnClass::kInterrupt, "interrupt", 1},
    {InsnClass::kChain, "chain", 0},
    {InsnClass::kChase, "chase", 0},
    {InsnClass::kAlias, "alias", 0},
    {InsnClass::kDataBranch, "data-branch", 0},
    {InsnClass::kIndirect, "indirect", 0},
}};
std::optional<InsnClass> insn_class_by_name(std::string_view name);

using Weights = std::array<unsigned, kInsnClassCount>;
constexpr Weights default_weights() {
  Weights w{};
  for (const auto& c : kInsnClasses) w[static_cast<size_t>(c.cls)] = c.default_weight;
  return w;
}

// The given classes' weights by name, all others 0 (for the profiles below; a name that is not a
// class does not compile).
consteval Weights weights_of(std::initializer_list<std::pair<std::string_view, unsigned>> list) {
  Weights w{};
  for (const auto& [name, weight] : list) {
    size_t k = 0;
    while (kInsnClasses.at(k).name != name) ++k;  // past the end: not a constant expression
    w[static_cast<size_t>(kInsnClasses[k].cls)] = weight;
  }
  return w;
}

// A profile tunes the generator for what a kind of core gets wrong: the class weights, and how
// units choose registers, addresses and control flow. Percentages are of the choices concerned; the
// defaults are `mixed`'s. A feature at 0 draws no random number, so `mixed` makes the programs it
// made before there were profiles.
struct Profile {
  std::string_view name;  // as used by `rigen --profile NAME`
  std::string_view what;  // one line for --help
  Weights weights = default_weights();
  // Sources: the last, second-last and third-last destination, x0; the rest any register (with a
  // pool, a pool register).
  unsigned src_last = 40, src_prev = 12, src_third = 0, src_zero = 5;
  unsigned dst_zero = 4;  // x0 as destination
  unsigned same_reg = 0;  // an op writes one of its sources; a load writes its own base register
  unsigned pool_min = 0, pool_max = 0;  // the body writes only this many registers (0: all)
  // Data addresses: a recently used word (one of `hot_words`), or one of the region's two edges;
  // then a hot word's neighbour instead of the word itself, and a base register made late (by
  // mul/div or a load) instead of sp or an addi/lui pointer.
  unsigned hot_reuse = 45, hot_words = 8, edge = 5, neighbour = 0, late_address = 0;
  // Control: levels of functions (2: fn1 calls the leaves fn2), loops whose trip count is loaded
  // from data, calls through a function pointer chosen by data.
  unsigned call_depth = 2, data_loops = 0, data_calls = 0;
};
inline constexpr unsigned kMaxCallDepth = 4;

// clang-format off
inline constexpr std::array kProfiles = {
    Profile{.name = "mixed", .what = "every class in the default mix (the default)"},
    Profile{.name = "rename",
            .what = "long dependency chains, x0, rd = rs, 4-6 registers rewritten in flight",
            .weights = weights_of({{"alu", 14}, {"alu-imm", 10}, {"shift", 4},
                                   {"upper", 1}, {"muldiv", 6}, {"load", 8}, {"store", 5},
                                   {"branch", 4}, {"jump", 1}, {"loop", 2}, {"call", 2},
                                   {"csr", 1}, {"trap", 1}, {"interrupt", 1},
                                   {"chain", 10}, {"chase", 4}}),
            .src_last = 40, .src_prev = 15, .src_third = 10, .src_zero = 25,
            .dst_zero = 10, .same_reg = 35, .pool_min = 4, .pool_max = 6},
    Profile{.name = "memory",
            .what = "loads and stores to a few words at mixed widths, late store addresses",
            .weights = weights_of({{"alu", 6}, {"alu-imm", 5}, {"shift", 1},
                                   {"upper", 1}, {"muldiv", 3}, {"load", 30},
                                   {"store", 24}, {"branch", 4}, {"jump", 1}, {"loop", 3},
                                   {"call", 2}, {"csr", 1}, {"fence", 1}, {"trap", 1},
                                   {"interrupt", 1}, {"chase", 4}, {"alias", 15}}),
            .hot_reuse = 85, .hot_words = 4, .edge = 2, .neighbour = 15, .late_address = 20},
    Profile{.name = "control",
            .what = "data-dependent branches, 4 levels of calls, jalr to data-chosen targets",
            .weights = weights_of({{"alu", 8}, {"alu-imm", 6}, {"shift", 2},
                                   {"upper", 1}, {"muldiv", 5}, {"load", 8}, {"store", 6},
                                   {"branch", 4}, {"jump", 3}, {"loop", 6}, {"call", 8},
                                   {"csr", 1}, {"fence", 1}, {"trap", 1},
                                   {"interrupt", 1}, {"data-branch", 24}, {"indirect", 5}}),
            .call_depth = 4, .data_loops = 80, .data_calls = 30},
};
// clang-format on
const Profile* profile_by_name(std::string_view name);  // nullptr when there is none

struct Options {
  uint64_t seed = 1;
  // About how many instructions the program retires (prologue, body, handlers). Large counts repeat
  // the body in an outer loop instead of writing more code, so the program always fits in RAM.
  uint64_t instructions = 10000;
  Profile profile = kProfiles[0];     // `mixed`
  Weights weights = profile.weights;  // the profile's, unless changed
  bool traps = true;                  // kTrap units (synchronous exceptions)
  bool interrupts = true;  // kInterrupt units, interrupts enabled, mie/mstatus.MIE writes
  bool csr = true;         // kCsr units
};

// Raised for options that cannot make a program (all weights zero, a count out of range).
class OptionsError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Where a generated program lives (RAM at 0x8000_0000, fits the default 64 KiB).
namespace layout {
inline constexpr uint32_t kCodeBase = 0x80000000u;   // entry point
inline constexpr uint32_t kCodeLimit = 0x8000c000u;  // code ends below this (48 KiB)
inline constexpr uint32_t kDataBase = 0x8000c000u;   // 4 KiB the body loads from and stores to
inline constexpr uint32_t kDataSize = 0x1000u;
inline constexpr uint32_t kDataPointer = kDataBase + kDataSize / 2;  // sp: every offset reaches
inline constexpr uint32_t kSaveBase = kDataBase + kDataSize;         // trap handler's own words
inline constexpr uint32_t kSaveSize = 0x40u;
// Words of the save area (byte offsets from kSaveBase).
inline constexpr uint32_t kSaveT0 = 0x00, kSaveT1 = 0x04, kSaveT2 = 0x08, kSaveMscratch = 0x0c;
inline constexpr uint32_t kSaveTimerBudget = 0x10;  // timer re-arms left for the handler
inline constexpr uint32_t kSaveExceptions = 0x14;   // exceptions handled
inline constexpr uint32_t kSaveInterrupts = 0x18;   // interrupts handled
inline constexpr uint32_t kSaveIrqHash = 0x1c;      // hash of the interrupted pcs (mepc)
inline constexpr uint32_t kSaveTemp = 0x20;         // scratch word of the timer re-arm
}  // namespace layout

// Exit statuses of a generated program: 0 = ran to the end; the others mean the handler saw a trap
// the generator never makes (a bug in the generator or in the core).
inline constexpr int kExitUnexpectedException = 2;
inline constexpr int kExitUnexpectedInterrupt = 3;

// Builds the program. The image has two segments (code; data + save area), entry kCodeBase, and
// symbols for the main places (_start, body, epilogue, trap_vector, fn*, data, save_area).
// Throws OptionsError for unusable options.
ElfImage generate(const Options& options);

}  // namespace corelab::rigen
