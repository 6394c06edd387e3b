// A self-consistency check of the golden ISS on a program: the fast run() loop and the reporting
// step() must agree. Used by the rigen tests and `rigen --check-iss` (long fuzzing runs).
#pragma once

#include <cstdint>
#include <string>

#include "corelab/iss/elf_image.hpp"

namespace corelab::rigen {

struct IssCheckResult {
  bool consistent = true;  // run() and step() agreed at every comparison
  std::string difference;  // the first disagreement, when not consistent
  bool exited = false;     // the program wrote EXIT within the step limit
  int exit_code = 0;
  uint64_t steps = 0;    // instructions executed (retired + exceptions), interrupts not counted
  uint64_t retired = 0;  // instructions retired
  uint64_t exceptions = 0;
  uint64_t interrupts = 0;
  uint64_t comparisons = 0;
};

// Loads `image` into two fresh ISSs (default config, automatic interrupts), runs one with run() in
// pseudo-random slices (seeded by `slice_seed`) and the other with step(), and compares the whole
// architectural state after every slice and at the end: registers, pc, CSRs, counters, mtime and
// a hash of RAM. Stops at exit or after `max_steps` steps.
IssCheckResult check_run_matches_step(const ElfImage& image, uint64_t max_steps,
                                      uint64_t slice_seed);

}  // namespace corelab::rigen
