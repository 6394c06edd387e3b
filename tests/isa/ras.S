// ISA test: calls and returns as the return-address stack sees them (a jal or jalr that links in
// ra or t0 is a call, a jalr through ra or t0 that does not link is a return). On every core the
// values must be those of program order: leaf calls, nested calls, calls through t0, a recursion
// deeper than either core's stack, returns and calls on a mispredicted branch's wrong path, a
// call fetched second of a pair. On the out-of-order core, whose calls and returns are in flight
// together, fetch's speculative stack must predict the returns of loops it has learnt
// (MISPREDICT through mhpmcounter3): a stack trained at commit mispredicts nearly every return
// there, one that a redirect does not put back every return after the first wrong path.
#include "test_macros.h"

#include "hpm_events.h"

/* The loops start a 128-byte block and the functions sit 32 bytes into one, so that no two
 * jumps or branches of a case share an entry of a 32-entry branch target buffer (indexed by the
 * pc's word address): what is measured is the stack, not the buffer's aliasing. */
#define LOOP_BLOCK .balign 128
#define FUNC_BLOCK .balign 128; .fill 8, 4, 0x00000013

/* 64 passes of a call to `func` (x5 counts them down, x6 starts at 0): then x6 must be `total`,
 * and on the out-of-order core the passes mispredict at most `hi` times. */
#define CALL_LOOP(func, total, hi)                                                               \
  li x5, 64;                                                                                     \
  li x6, 0;                                                                                      \
  csrr x25, mhpmcounter3;                                                                        \
  LOOP_BLOCK;                                                                                    \
7740:                                                                                            \
  jal ra, func;                                                                                  \
  addi x5, x5, -1;                                                                               \
  bnez x5, 7740b;                                                                                \
  CHECK(x6, total);                                                                              \
  EXPECT_MISPREDICTS(hi)

TEST_BEGIN
  IS_OOO_CORE(x24)
  li x7, 1
  li x13, HPM_EV_MISPREDICT
  csrw mhpmevent3, x13
  la x2, ras_stack_end

  // A leaf call in a loop of 64 passes: the return comes right after its call.
  TEST_CASE(1)
  CALL_LOOP(leaf_inc, 64, 24)

  // Nested calls (three levels, ra kept in registers): three returns per pass.
  TEST_CASE(2)
  CALL_LOOP(outer, 64 * 7, 28)

  // Calls that link in t0 and return through it.
  TEST_CASE(3)
  li x8, 64
  li x6, 0
  csrr x25, mhpmcounter3
  LOOP_BLOCK
1:
  jal t0, leaf_t0
  jal t0, leaf_t0
  addi x8, x8, -1
  bnez x8, 1b
  CHECK(x6, 128 * 3)
  EXPECT_MISPREDICTS(24)

  // A recursion 80 deep (more than either core's stack holds): the sum 1 + ... + 80 (its
  // returns below the stack's depth may mispredict), then leaf calls again, which the stack
  // predicts once more.
  TEST_CASE(4)
  li x10, 80
  jal ra, sum_to
  CHECK(x11, 3240)
  CALL_LOOP(leaf_inc, 64, 24)

  // A call that is the second instruction of a fetch (a 2-wide fetch takes it with the one
  // before it): the return address is the call's pc + 4, not the fetch pc's.
  TEST_CASE(5)
  li x5, 64
  li x6, 0
  csrr x25, mhpmcounter3
  LOOP_BLOCK
1:
  addi x6, x6, 2
  jal ra, leaf_inc
  addi x5, x5, -1
  bnez x5, 1b
  CHECK(x6, 64 * 3)
  EXPECT_MISPREDICTS(24)

  // A late branch of pseudo-random direction in a called function, with a call on each of its
  // paths: whichever way it was predicted, the wrong path pushes (and may pop) before the branch
  // resolves. The stack must come back as it was after the branch for the function's own
  // return. The loop ends through an indirect jump, not a branch, so that the random outcomes
  // in the global history cost no other branch its prediction: each pass mispredicts at most
  // the random branch (about half of them), and the loop's end once.
  TEST_CASE(6)
  li x5, 64
  li x6, 0
  li x9, 0x2545f491           // xorshift state
  la x15, 2f
  csrr x25, mhpmcounter3
  LOOP_BLOCK
1:
  jal ra, coin
  addi x5, x5, -1
  seqz x14, x5
  slli x14, x14, 2
  add x14, x14, x15
  jr x14
2:
  j 1b
  CHECK(x6, 64 * 3)
  EXPECT_MISPREDICTS(32 + 16)

  // A return that goes elsewhere than its call's next instruction (it sets ra first): it
  // mispredicts every time, and its recovery must still pop, else the caller's own return
  // mispredicts too (about two per pass instead of one).
  TEST_CASE(7)
  CALL_LOOP(detour, 64 * 5, 64 + 16)

  // An indirect call whose target alternates: the call mispredicts every time (the buffer
  // keeps the last target), and its recovery must count its push, else its callee's return
  // takes the caller's entry.
  TEST_CASE(8)
  la x16, leaf_inc
  la x17, leaf_two
  CALL_LOOP(alternate, 32 * 1 + 32 * 3 + 64, 64 + 16)
TEST_END

// x6 += 1
  FUNC_BLOCK
leaf_inc:
  addi x6, x6, 1
  ret

// x6 += 7: three levels, each adding its share
  FUNC_BLOCK
outer:
  mv x20, ra
  addi x6, x6, 1
  jal ra, middle
  addi x6, x6, 1
  mv ra, x20
  ret
middle:
  mv x21, ra
  addi x6, x6, 1
  jal ra, leaf_two
  addi x6, x6, 1
  mv ra, x21
  ret
leaf_two:
  addi x6, x6, 3
  ret

// x6 += 3, linked in t0
  FUNC_BLOCK
leaf_t0:
  addi x6, x6, 3
  jr t0

// x6 += 5: calls detour_inner, which returns to detour's second half instead of its call's next
// instruction
  FUNC_BLOCK
detour:
  mv x22, ra
  jal ra, detour_inner
  j test_fail                 // (never returned to)
detour_back:
  addi x6, x6, 1
  mv ra, x22
  ret
detour_inner:
  addi x6, x6, 4
  la ra, detour_back
  ret

// x6 += 1, then a call through x16, whose target (leaf_inc or leaf_two) swaps with x17's
  FUNC_BLOCK
alternate:
  mv x23, ra
  addi x6, x6, 1
  jalr ra, 0(x16)
  mv x18, x16
  mv x16, x17
  mv x17, x18
  mv ra, x23
  ret

// x11 = 1 + ... + x10 (x10 >= 1), recursively, on the stack at x2
  FUNC_BLOCK
sum_to:
  addi x2, x2, -8
  sw ra, 4(x2)
  sw x10, 0(x2)
  li x11, 0
  beqz x10, 1f
  addi x10, x10, -1
  jal ra, sum_to
  lw x10, 0(x2)
  add x11, x11, x10
1:
  lw ra, 4(x2)
  addi x2, x2, 8
  ret

// x6 += 3 whichever way a late pseudo-random branch goes; each way starts with a call
  FUNC_BLOCK
coin:
  mv x22, ra
  slli x12, x9, 13            // xorshift32
  xor x9, x9, x12
  srli x12, x9, 17
  xor x9, x9, x12
  slli x12, x9, 5
  xor x9, x9, x12
  andi x12, x9, 1
  LATE(x12, x12)
  jal ra, leaf_inc            // a call and its return before the branch (other checkpoints)
  bnez x12, 2f
  jal ra, leaf_inc            // not taken: a call
  j 3f
2:
  jal ra, leaf_inc            // taken: a call too
3:
  addi x6, x6, 1
  mv ra, x22
  ret

TEST_DATA_BEGIN
  .balign 16
ras_stack:
  .fill 176, 4, 0             // 81 frames of 8 bytes, and room
ras_stack_end:
TEST_DATA_END
