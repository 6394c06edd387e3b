// The ISS against itself on generated programs: run() (fast, sliced at random points) and step()
// (one instruction at a time, reported) must end every slice in the same state and take every
// interrupt at the same instruction. Together these runs retire well over a million instructions.
#include "corelab/rigen/iss_check.hpp"

#include <gtest/gtest.h>

#include <string>

#include "corelab/rigen/generator.hpp"

using corelab::rigen::InsnClass;
using corelab::rigen::Options;

namespace {

struct Case {
  uint64_t seed;
  uint64_t instructions;
  bool traps, interrupts, csr;
  unsigned interrupt_weight;  // 0: the default
};

}  // namespace

TEST(IssSelfCheck, RunMatchesStepOnGeneratedPrograms) {
  const Case cases[] = {
      {1, 400000, true, true, true, 0},    {2, 400000, true, true, true, 0},
      {3, 300000, true, true, true, 0},    {4, 300000, false, true, true, 0},
      {5, 300000, true, false, true, 0},   {6, 200000, true, true, false, 0},
      {7, 200000, false, false, false, 0}, {8, 200000, true, true, true, 30},
      {9, 200000, false, true, false, 60},
  };
  uint64_t total = 0;
  for (const Case& c : cases) {
    Options o;
    o.seed = c.seed;
    o.instructions = c.instructions;
    o.traps = c.traps;
    o.interrupts = c.interrupts;
    o.csr = c.csr;
    if (c.interrupt_weight)
      o.weights[static_cast<size_t>(InsnClass::kInterrupt)] = c.interrupt_weight;
    const std::string what =
        "seed " + std::to_string(c.seed) + " (rigen --seed " + std::to_string(c.seed) +
        " --instructions " + std::to_string(c.instructions) + (c.traps ? "" : " --no-traps") +
        (c.interrupts ? "" : " --no-interrupts") + (c.csr ? "" : " --no-csr") + ")";
    const auto res = corelab::rigen::check_run_matches_step(corelab::rigen::generate(o),
                                                            20 * c.instructions + 100000, c.seed);
    EXPECT_TRUE(res.consistent) << what << ": " << res.difference;
    EXPECT_TRUE(res.exited) << what;
    EXPECT_EQ(res.exit_code, 0) << what;
    EXPECT_GT(res.comparisons, 50u) << what;
    if (c.interrupts)
      EXPECT_GT(res.interrupts, c.interrupt_weight ? 100u : 5u) << what;
    else
      EXPECT_EQ(res.interrupts, 0u) << what;
    if (c.traps)
      EXPECT_GT(res.exceptions, 50u) << what;
    else
      EXPECT_EQ(res.exceptions, 0u) << what;
    total += res.retired;
  }
  EXPECT_GE(total, 1000000u) << "instructions checked in lockstep";
}

// The same for each profile's programs (their own units: chains, pointer chases, late addresses,
// loads that rewrite their word, jalr into slides, four levels of calls).
TEST(IssSelfCheck, RunMatchesStepOnEveryProfile) {
  for (const auto& profile : corelab::rigen::kProfiles) {
    for (uint64_t seed : {11, 12}) {
      Options o;
      o.seed = seed;
      o.instructions = 200000;
      o.profile = profile;
      o.weights = profile.weights;
      const std::string what = "seed " + std::to_string(seed) + " (rigen --seed " +
                               std::to_string(seed) + " --instructions 200000 --profile " +
                               std::string(profile.name) + ")";
      const auto res = corelab::rigen::check_run_matches_step(corelab::rigen::generate(o),
                                                              20 * o.instructions + 100000, seed);
      EXPECT_TRUE(res.consistent) << what << ": " << res.difference;
      EXPECT_TRUE(res.exited) << what;
      EXPECT_EQ(res.exit_code, 0) << what;
      EXPECT_GT(res.comparisons, 50u) << what;
    }
  }
}
