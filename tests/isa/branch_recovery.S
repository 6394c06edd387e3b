// ISA test: mispredicted branches whose condition comes late (two divisions), with wrong-path
// instructions behind them that write registers the right path reads. On the out-of-order core
// the recovery restores the branch's checkpoint, which must be the map right after the branch
// (not after the instruction fetched with it), and a checkpoint is freed once its branch has
// executed and every older one is free, not before, and a branch or jump that commits in the
// second commit slot trains the predictor (docs/ooo.md). On every core the values must be those
// of program order, and on the out-of-order core loops the predictor has learnt mispredict only
// a few times (MISPREDICT through mhpmcounter3); a taken branch to the next instruction leaves
// the path as it was.
#include "test_macros.h"

#include "hpm_events.h"

/* A taken branch on a late condition, first seen here (the predictor says not taken), at word
 * `k` of an I$ line, so that fetch takes it together with the next instruction, which writes x5
 * on the wrong path. */
#define PAIR_CASE(num, k)                                                                        \
  TEST_CASE(num);                                                                                \
  li x5, 5;                                                                                      \
  LATE(x20, x8);                                                                                 \
  j 7730f;                                                                                       \
  .balign 16;                                                                                    \
7730:                                                                                            \
  .rept k; nop; .endr;                                                                           \
  bnez x20, 7731f;                                                                               \
  li x5, 99;                                                                                     \
  addi x5, x5, 1;                                                                                \
7731:                                                                                            \
  addi x5, x5, 1;                                                                                \
  CHECK(x5, 6)

/* x5 = 5 and x6 = 6, `fast` branches that are never taken, then a slow taken branch first seen
 * here (mispredicted: it resolves after two divisions), with eight branches and register writes
 * on its wrong path. */
#define SLOW_CASE(num, fast)                                                                     \
  TEST_CASE(num);                                                                                \
  li x5, 5;                                                                                      \
  li x6, 6;                                                                                      \
  LATE(x20, x8);                                                                                 \
  .rept fast; bnez x0, 7732f; .endr;                                                             \
  bnez x20, 7733f;                                                                               \
  .rept 4; li x5, 50; bnez x0, 7732f; li x6, 60; bnez x0, 7732f; .endr;                          \
7732:                                                                                            \
  j test_fail;                                                                                   \
7733:                                                                                            \
  CHECK(x5, 5);                                                                                  \
  CHECK(x6, 6)

TEST_BEGIN
  IS_OOO_CORE(x24)
  li x7, 1
  li x8, 1

  // The branch and the next instruction in one fetch pair: recovery restores the map as it was
  // right after the branch (x5 = 5, not the wrong path's 99 or 100).
  PAIR_CASE(1, 0)
  PAIR_CASE(2, 1)
  PAIR_CASE(3, 2)

  // A slow mispredicted branch, then more branches on the wrong path than there are
  // checkpoints: they execute long before it, but their checkpoints may only be freed after its
  // own, so its checkpoint is still there to restore (x5 and x6 as before the branch).
  SLOW_CASE(4, 0)

  // The same with the slow branch right behind fast ones on the right path, whose
  // checkpoints are freed as they execute.
  SLOW_CASE(5, 3)
  // Loops of 64 passes whose backward branch (or a jump) follows an ALU instruction after a CSR
  // read: the CSR instruction commits alone (nothing commits beside it), so the next two commit
  // together and the branch leaves in the second commit slot. The predictor must learn it there
  // (its target and its counter), else every pass mispredicts (learnt: about 10, while the
  // global history fills and the counter reaches taken).
  li x13, HPM_EV_MISPREDICT
  csrw mhpmevent3, x13

  TEST_CASE(6)
  li x5, 64
  csrr x25, mhpmcounter3
  j 1f
  .balign 16
1:
  csrr x9, mscratch
  addi x5, x5, -1
  bnez x5, 1b
  EXPECT_MISPREDICTS(20)

  TEST_CASE(7)
  li x5, 64
  li x6, 0
  csrr x25, mhpmcounter3
  j 1f
  .balign 16
1:
  csrr x9, mscratch
  addi x5, x5, -1
  j 2f
  nop
2:
  csrr x9, mscratch
  addi x6, x6, 2
  bnez x5, 1b
  EXPECT_MISPREDICTS(20)
  CHECK(x6, 128)

  /* A branch whose target is the next instruction, taken every other time: whichever way it
   * goes, fetch went right (on the out-of-order core: no early redirect to its target). */
  TEST_CASE(8)
  li x5, 32
  li x6, 0
  j 1f
  .balign 16
1:
  andi x10, x5, 1
  beqz x10, 2f
2:
  addi x6, x6, 1
  addi x5, x5, -1
  bnez x5, 1b
  CHECK(x6, 32)
TEST_END
