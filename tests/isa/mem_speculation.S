// ISA test: loads after a store whose address comes late (two divisions by 1), to the same bytes
// or not. On the out-of-order core the load runs ahead of the store (memory-dependence
// speculation); when the store's address resolves and it writes bytes the load has already read,
// the load is replayed (docs/ooo.md, Memory ordering) and counted on MEM_ORDER_VIOLATION, which
// this test reads through mhpmcounter3: at least one replay where the bytes overlap, none where
// they do not or where a store between the two gave the load its bytes. On every core the values
// must be those of program order. Each case with a replay starts on a 256-byte boundary and has
// its load at another word offset, so the store-wait predictor (a bit per load pc) of one case
// does not hold up another's load.
#include "test_macros.h"

#include "hpm_events.h"

#define INIT 0x11223344
#define VAL  0xa5b6c7d8

/* Start a case: spec_data = INIT, INIT; remember the violation count. */
#define SPEC_CASE(num)                                                                           \
  TEST_CASE(num);                                                                                \
  li x13, INIT;                                                                                  \
  sw x13, 0(x11);                                                                                \
  sw x13, 4(x11);                                                                                \
  csrr x25, mhpmcounter3

/* On the out-of-order core (x24 = 1), the violations since SPEC_CASE lie in [lo, hi]. */
#define EXPECT_VIOLATIONS(lo, hi)                                                                \
  csrr x26, mhpmcounter3;                                                                        \
  sub x26, x26, x25;                                                                             \
  beqz x24, 7720f;                                                                               \
  CHECK_RANGE(x26, lo, hi);                                                                      \
7720:

/* A case whose load may replay: on a 256-byte boundary, then `k` nops, so that the loads of these
 * cases differ in pc bits 2..7 (words 9, 10, 11, 15 and 19 after the boundary). */
#define REPLAY_ALIGN(k)                                                                          \
  j 7721f;                                                                                       \
  .balign 256;                                                                                   \
7721:                                                                                            \
  .rept k; nop; .endr

TEST_BEGIN
  IS_OOO_CORE(x24)
  li x13, HPM_EV_MEM_ORDER_VIOLATION
  csrw mhpmevent3, x13
  la x11, spec_data
  li x7, 1
  li x10, VAL

  // The late store writes the word the load reads: replay, the load sees the store's value.
  REPLAY_ALIGN(0)
  SPEC_CASE(1)
  LATE(x20, x11)
  sw x10, 0(x20)
  lw x12, 0(x11)
  CHECK(x12, VAL)
  EXPECT_VIOLATIONS(1, 1)

  // The late store writes one byte of the word: replay, then the load waits for it.
  REPLAY_ALIGN(1)
  SPEC_CASE(2)
  LATE(x20, x11)
  sb x10, 2(x20)
  lw x12, 0(x11)
  CHECK(x12, 0x11d83344)
  EXPECT_VIOLATIONS(1, 1)

  // A halfword store, a byte load inside it, signed.
  REPLAY_ALIGN(2)
  SPEC_CASE(3)
  LATE(x20, x11)
  sh x10, 0(x20)
  lb x12, 1(x11)
  CHECK(x12, 0xffffffc7)
  EXPECT_VIOLATIONS(1, 1)

  // An older store the load may forward from, then the late store to the same bytes, younger
  // than it: the forwarded value is stale, replay.
  REPLAY_ALIGN(3)
  SPEC_CASE(4)
  LATE(x20, x11)
  li x14, 0x0badf00d
  sw x14, 4(x11)
  sw x10, 4(x20)
  lw x12, 4(x11)
  CHECK(x12, VAL)
  EXPECT_VIOLATIONS(1, 1)

  // The late store writes the next word: no replay.
  SPEC_CASE(5)
  LATE(x20, x11)
  sw x10, 4(x20)
  lw x12, 0(x11)
  CHECK(x12, INIT)
  EXPECT_VIOLATIONS(0, 0)
  lw x12, 4(x11)  // (after the store has committed: the counter read waited for it)
  CHECK(x12, VAL)

  // The late store writes another byte of the same word: no replay.
  SPEC_CASE(6)
  LATE(x20, x11)
  sb x10, 3(x20)
  lhu x12, 0(x11)
  CHECK(x12, 0x3344)
  lbu x12, 2(x11)
  CHECK(x12, 0x22)
  EXPECT_VIOLATIONS(0, 0)
  lw x12, 0(x11)
  CHECK(x12, 0xd8223344)

  // The late store is older than a store that writes all the load's bytes: the load's value
  // (forwarded from the younger store) is right, no replay.
  SPEC_CASE(7)
  LATE(x20, x11)
  sw x10, 0(x20)
  li x14, 0x0badf00d
  sw x14, 0(x11)
  lw x12, 0(x11)
  CHECK(x12, 0x0badf00d)
  EXPECT_VIOLATIONS(0, 0)

  // The same aliasing pair 8 times in a loop: the first replays; the store-wait predictor then
  // holds the load until the store's address is known.
  REPLAY_ALIGN(8)
  SPEC_CASE(8)
  li x15, 8
2:
  LATE(x20, x11)
  addi x10, x10, 1
  sw x10, 0(x20)
  lw x12, 0(x11)
  CHECK_REG(x12, x10)
  addi x15, x15, -1
  bnez x15, 2b
  EXPECT_VIOLATIONS(1, 2)
TEST_END

TEST_DATA_BEGIN
spec_data:
  .word 0, 0
TEST_DATA_END
