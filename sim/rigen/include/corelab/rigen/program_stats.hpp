// What a generated program does when it runs on the ISS: the retired operations and traps, and the
// figures the profiles are meant to push (how close dependencies are, how often registers and
// words are reused, how predictable branches are, how deep calls go). Used by the tests, which
// check each profile against `mixed`, and by `rigen --stats`.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "corelab/iss/decode.hpp"
#include "corelab/iss/elf_image.hpp"

namespace corelab::rigen {

struct ProgramStats {
  bool exited = false;
  int exit_code = 0;
  uint64_t retired = 0;
  std::map<iss::Op, uint64_t> ops;
  std::set<uint32_t> exception_causes, interrupt_causes;
  uint64_t exceptions = 0, interrupts = 0;
  uint64_t csr_outside_prologue = 0;           // CSR instructions in the body, functions or handler
  uint64_t div_by_zero = 0, div_overflow = 0;  // x / 0; INT_MIN / -1 (and rem)

  // Registers. A "read" is a source register x1..x31 of a retired instruction that reads it.
  uint64_t reads = 0;
  uint64_t reads_of_last = 0;  // written by the instruction just before
  uint64_t reads_near = 0;     // written by one of the 3 instructions before
  uint64_t x0_reads = 0;       // sources that are x0 (not in CSR instructions)
  uint64_t x0_writes = 0;      // ALU, mul/div and load instructions with rd = x0
  uint64_t same_reg = 0;       // instructions that write one of their own sources (not x0)
  uint64_t longest_chain = 0;  // the longest run of instructions each reading the register last
                               // written (by the writing instruction before it)
  uint64_t windows = 0, window_regs = 0;  // per 16 retired instructions, distinct registers written

  // Memory.
  uint64_t loads = 0, stores = 0;
  uint64_t mixed_width_loads = 0;              // a byte last written by a store of another width
  uint64_t loads_after_store = 0;              // a byte stored by one of the 4 instructions before
  uint64_t loads_after_store_other_width = 0;  // ... by a store of another width
  uint64_t late_stores = 0;   // the base register came out of a load or mul/div among the 8 before
  uint64_t reused_words = 0;  // accesses to a word among the 16 accesses before
  uint64_t code_stores = 0;   // stores below the data region (into the program): none

  // Control.
  uint64_t branches = 0, taken_branches = 0, backward_branches = 0;  // backward: taken or not
  uint64_t mispredicts = 0;         // of a 2-bit counter per branch (bimodal, no aliasing)
  uint64_t calls = 0, returns = 0;  // to a function entry (fn*); jalr x0, 0(ra or t0)
  uint64_t max_call_depth = 0;
  uint64_t wrong_returns = 0;     // returns not to the instruction after their call
  uint64_t shared_functions = 0;  // functions called from two call sites or more
  uint64_t indirect_jumps = 0;    // jalr (not a return) that went to two targets or more
  uint64_t varying_loops = 0;     // backward branches whose loops ran different trip counts
};

// Steps `image` on a default ISS to its exit (at most `max_steps`), decoding every instruction.
ProgramStats measure(const ElfImage& image, uint64_t max_steps);

// The figures as a short report (`rigen --stats`), percentages of their totals.
std::string format_stats(const ProgramStats& s);

}  // namespace corelab::rigen
