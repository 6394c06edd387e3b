// ISA test: a load right after a store to the same word, for every store width and byte offset
// against every load width and offset (sign and zero extension, byte lanes), and loads after two
// stores of which the younger writes only some of the load's bytes. On the out-of-order core the
// store waits in the ROB behind a division it does not depend on while the load executes, so the
// load takes its bytes from the store (forwarding), waits for it (a partial overlap) or reads the
// D$ (no overlap); on every core the load must see the stored bytes where the store wrote and the
// word's earlier bytes elsewhere (docs/ooo.md, Memory ordering).
#include "test_macros.h"

#define INIT 0x7b6a5948
#define VAL  0xf0e1d2c3

/* fwd_word = INIT; a division holds the store in the ROB; store VAL's low bytes at st_off with
 * `st`, load at ld_off with `ld` and check the value. */
#define FWD(st, st_off, ld, ld_off, expect)                                                      \
  li x13, INIT;                                                                                  \
  sw x13, 0(x11);                                                                                \
  div x5, x6, x7;                                                                                \
  st x10, st_off(x11);                                                                           \
  ld x12, ld_off(x11);                                                                           \
  CHECK(x12, expect)

TEST_BEGIN
  la x11, fwd_word
  li x10, VAL
  li x6, 1000000
  li x7, 3
  // sb at byte 0, then lb at every offset
  TEST_CASE(1)
  FWD(sb, 0, lb, 0, 0xffffffc3)
  FWD(sb, 0, lb, 1, 0x00000059)
  FWD(sb, 0, lb, 2, 0x0000006a)
  FWD(sb, 0, lb, 3, 0x0000007b)
  // sb at byte 0, then lbu at every offset
  TEST_CASE(2)
  FWD(sb, 0, lbu, 0, 0x000000c3)
  FWD(sb, 0, lbu, 1, 0x00000059)
  FWD(sb, 0, lbu, 2, 0x0000006a)
  FWD(sb, 0, lbu, 3, 0x0000007b)
  // sb at byte 0, then lh at every offset
  TEST_CASE(3)
  FWD(sb, 0, lh, 0, 0x000059c3)
  FWD(sb, 0, lh, 2, 0x00007b6a)
  // sb at byte 0, then lhu at every offset
  TEST_CASE(4)
  FWD(sb, 0, lhu, 0, 0x000059c3)
  FWD(sb, 0, lhu, 2, 0x00007b6a)
  // sb at byte 0, then lw at every offset
  TEST_CASE(5)
  FWD(sb, 0, lw, 0, 0x7b6a59c3)
  // sb at byte 1, then lb at every offset
  TEST_CASE(6)
  FWD(sb, 1, lb, 0, 0x00000048)
  FWD(sb, 1, lb, 1, 0xffffffc3)
  FWD(sb, 1, lb, 2, 0x0000006a)
  FWD(sb, 1, lb, 3, 0x0000007b)
  // sb at byte 1, then lbu at every offset
  TEST_CASE(7)
  FWD(sb, 1, lbu, 0, 0x00000048)
  FWD(sb, 1, lbu, 1, 0x000000c3)
  FWD(sb, 1, lbu, 2, 0x0000006a)
  FWD(sb, 1, lbu, 3, 0x0000007b)
  // sb at byte 1, then lh at every offset
  TEST_CASE(8)
  FWD(sb, 1, lh, 0, 0xffffc348)
  FWD(sb, 1, lh, 2, 0x00007b6a)
  // sb at byte 1, then lhu at every offset
  TEST_CASE(9)
  FWD(sb, 1, lhu, 0, 0x0000c348)
  FWD(sb, 1, lhu, 2, 0x00007b6a)
  // sb at byte 1, then lw at every offset
  TEST_CASE(10)
  FWD(sb, 1, lw, 0, 0x7b6ac348)
  // sb at byte 2, then lb at every offset
  TEST_CASE(11)
  FWD(sb, 2, lb, 0, 0x00000048)
  FWD(sb, 2, lb, 1, 0x00000059)
  FWD(sb, 2, lb, 2, 0xffffffc3)
  FWD(sb, 2, lb, 3, 0x0000007b)
  // sb at byte 2, then lbu at every offset
  TEST_CASE(12)
  FWD(sb, 2, lbu, 0, 0x00000048)
  FWD(sb, 2, lbu, 1, 0x00000059)
  FWD(sb, 2, lbu, 2, 0x000000c3)
  FWD(sb, 2, lbu, 3, 0x0000007b)
  // sb at byte 2, then lh at every offset
  TEST_CASE(13)
  FWD(sb, 2, lh, 0, 0x00005948)
  FWD(sb, 2, lh, 2, 0x00007bc3)
  // sb at byte 2, then lhu at every offset
  TEST_CASE(14)
  FWD(sb, 2, lhu, 0, 0x00005948)
  FWD(sb, 2, lhu, 2, 0x00007bc3)
  // sb at byte 2, then lw at every offset
  TEST_CASE(15)
  FWD(sb, 2, lw, 0, 0x7bc35948)
  // sb at byte 3, then lb at every offset
  TEST_CASE(16)
  FWD(sb, 3, lb, 0, 0x00000048)
  FWD(sb, 3, lb, 1, 0x00000059)
  FWD(sb, 3, lb, 2, 0x0000006a)
  FWD(sb, 3, lb, 3, 0xffffffc3)
  // sb at byte 3, then lbu at every offset
  TEST_CASE(17)
  FWD(sb, 3, lbu, 0, 0x00000048)
  FWD(sb, 3, lbu, 1, 0x00000059)
  FWD(sb, 3, lbu, 2, 0x0000006a)
  FWD(sb, 3, lbu, 3, 0x000000c3)
  // sb at byte 3, then lh at every offset
  TEST_CASE(18)
  FWD(sb, 3, lh, 0, 0x00005948)
  FWD(sb, 3, lh, 2, 0xffffc36a)
  // sb at byte 3, then lhu at every offset
  TEST_CASE(19)
  FWD(sb, 3, lhu, 0, 0x00005948)
  FWD(sb, 3, lhu, 2, 0x0000c36a)
  // sb at byte 3, then lw at every offset
  TEST_CASE(20)
  FWD(sb, 3, lw, 0, 0xc36a5948)
  // sh at byte 0, then lb at every offset
  TEST_CASE(21)
  FWD(sh, 0, lb, 0, 0xffffffc3)
  FWD(sh, 0, lb, 1, 0xffffffd2)
  FWD(sh, 0, lb, 2, 0x0000006a)
  FWD(sh, 0, lb, 3, 0x0000007b)
  // sh at byte 0, then lbu at every offset
  TEST_CASE(22)
  FWD(sh, 0, lbu, 0, 0x000000c3)
  FWD(sh, 0, lbu, 1, 0x000000d2)
  FWD(sh, 0, lbu, 2, 0x0000006a)
  FWD(sh, 0, lbu, 3, 0x0000007b)
  // sh at byte 0, then lh at every offset
  TEST_CASE(23)
  FWD(sh, 0, lh, 0, 0xffffd2c3)
  FWD(sh, 0, lh, 2, 0x00007b6a)
  // sh at byte 0, then lhu at every offset
  TEST_CASE(24)
  FWD(sh, 0, lhu, 0, 0x0000d2c3)
  FWD(sh, 0, lhu, 2, 0x00007b6a)
  // sh at byte 0, then lw at every offset
  TEST_CASE(25)
  FWD(sh, 0, lw, 0, 0x7b6ad2c3)
  // sh at byte 2, then lb at every offset
  TEST_CASE(26)
  FWD(sh, 2, lb, 0, 0x00000048)
  FWD(sh, 2, lb, 1, 0x00000059)
  FWD(sh, 2, lb, 2, 0xffffffc3)
  FWD(sh, 2, lb, 3, 0xffffffd2)
  // sh at byte 2, then lbu at every offset
  TEST_CASE(27)
  FWD(sh, 2, lbu, 0, 0x00000048)
  FWD(sh, 2, lbu, 1, 0x00000059)
  FWD(sh, 2, lbu, 2, 0x000000c3)
  FWD(sh, 2, lbu, 3, 0x000000d2)
  // sh at byte 2, then lh at every offset
  TEST_CASE(28)
  FWD(sh, 2, lh, 0, 0x00005948)
  FWD(sh, 2, lh, 2, 0xffffd2c3)
  // sh at byte 2, then lhu at every offset
  TEST_CASE(29)
  FWD(sh, 2, lhu, 0, 0x00005948)
  FWD(sh, 2, lhu, 2, 0x0000d2c3)
  // sh at byte 2, then lw at every offset
  TEST_CASE(30)
  FWD(sh, 2, lw, 0, 0xd2c35948)
  // sw at byte 0, then lb at every offset
  TEST_CASE(31)
  FWD(sw, 0, lb, 0, 0xffffffc3)
  FWD(sw, 0, lb, 1, 0xffffffd2)
  FWD(sw, 0, lb, 2, 0xffffffe1)
  FWD(sw, 0, lb, 3, 0xfffffff0)
  // sw at byte 0, then lbu at every offset
  TEST_CASE(32)
  FWD(sw, 0, lbu, 0, 0x000000c3)
  FWD(sw, 0, lbu, 1, 0x000000d2)
  FWD(sw, 0, lbu, 2, 0x000000e1)
  FWD(sw, 0, lbu, 3, 0x000000f0)
  // sw at byte 0, then lh at every offset
  TEST_CASE(33)
  FWD(sw, 0, lh, 0, 0xffffd2c3)
  FWD(sw, 0, lh, 2, 0xfffff0e1)
  // sw at byte 0, then lhu at every offset
  TEST_CASE(34)
  FWD(sw, 0, lhu, 0, 0x0000d2c3)
  FWD(sw, 0, lhu, 2, 0x0000f0e1)
  // sw at byte 0, then lw at every offset
  TEST_CASE(35)
  FWD(sw, 0, lw, 0, 0xf0e1d2c3)

  // Two stores, the younger writing only some of the load's bytes: the load must combine them.
  TEST_CASE(36)
  li x13, INIT
  sw x13, 0(x11)
  div x5, x6, x7
  sw x10, 0(x11)
  li x14, 0x5a
  sb x14, 1(x11)
  lw x12, 0(x11)
  CHECK(x12, 0xf0e15ac3)
  lh x12, 0(x11)
  CHECK(x12, 0x00005ac3)
  // The older store writes part, the younger all of the load's bytes: the younger one's.
  TEST_CASE(37)
  li x13, INIT
  sw x13, 0(x11)
  div x5, x6, x7
  sb x14, 2(x11)
  sh x10, 2(x11)
  lhu x12, 2(x11)
  CHECK(x12, 0x0000d2c3)
  lw x12, 0(x11)
  CHECK(x12, 0xd2c35948)
  // Two byte stores that together cover a halfword: each covers only part of the load.
  TEST_CASE(38)
  li x13, INIT
  sw x13, 0(x11)
  div x5, x6, x7
  sb x10, 2(x11)
  sb x14, 3(x11)
  lh x12, 2(x11)
  CHECK(x12, 0x00005ac3)
  lb x12, 3(x11)
  CHECK(x12, 0x0000005a)
  // A store to the word after: the load's word is untouched.
  TEST_CASE(39)
  li x13, INIT
  sw x13, 0(x11)
  sw x13, 4(x11)
  div x5, x6, x7
  sw x10, 4(x11)
  lw x12, 0(x11)
  CHECK(x12, INIT)
  lw x12, 4(x11)
  CHECK(x12, VAL)
TEST_END

TEST_DATA_BEGIN
fwd_word:
  .word 0, 0
TEST_DATA_END
