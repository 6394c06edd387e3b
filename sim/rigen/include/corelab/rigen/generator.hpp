// The seeded random instruction-stream generator: from a seed and a few knobs it writes a complete,
// self-contained RV32IM machine-mode program (prologue, weighted random body, trap handler) that
// always terminates by writing the SoC EXIT register. docs/rigen.md describes the program shape.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

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
}};
std::optional<InsnClass> insn_class_by_name(std::string_view name);

using Weights = std::array<unsigned, kInsnClassCount>;
constexpr Weights default_weights() {
  Weights w{};
  for (const auto& c : kInsnClasses) w[static_cast<size_t>(c.cls)] = c.default_weight;
  return w;
}

struct Options {
  uint64_t seed = 1;
  // About how many instructions the program retires (prologue, body, handlers). Large counts repeat
  // the body in an outer loop instead of writing more code, so the program always fits in RAM.
  uint64_t instructions = 10000;
  Weights weights = default_weights();
  bool traps = true;       // kTrap units (synchronous exceptions)
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
