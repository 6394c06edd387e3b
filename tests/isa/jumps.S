// ISA test: jal and jalr. The link register gets pc + 4; jalr computes (rs1 + imm) with bit 0
// cleared, reads rs1 before writing rd (rd == rs1), and takes negative and extreme offsets; x0 as
// rd writes nothing. Misaligned targets and faulting fetches are in traps_jump.S.
#include "test_macros.h"

TEST_BEGIN
  // jal
  TEST_CASE(1)                 // forwards, link = the address after the jal
  li x1, 0
  jal x1, 1f
2:
  j test_fail
1:
  CHECK_ADDR(x1, 2b)

  TEST_CASE(2)                 // backwards
  j 4f
3:
  CHECK_ADDR(x5, 5f)
  j 6f
4:
  jal x5, 3b
5:
  j test_fail
6:

  TEST_CASE(3)                 // rd = x0 (plain j)
  jal x0, 7f
  j test_fail
7:
  CHECK(x0, 0)

  TEST_CASE(4)                 // target = the next instruction: only the link changes
  jal x28, 8f
8:
  CHECK_ADDR(x28, 8b)

  TEST_CASE(5)                 // an offset above 4 KiB, forwards (exercises imm[19:12])
  jal x6, 10f
9:
  .fill 1100, 4, 0             // all-zero words: illegal instructions, should the jump fall short
10:
  CHECK_ADDR(x6, 9b)

  TEST_CASE(6)                 // and backwards
  j 12f
11:
  j 14f
  .fill 1100, 4, 0
12:
  jal x7, 11b
13:
  j test_fail
14:
  CHECK_ADDR(x7, 13b)

  // jalr
  TEST_CASE(10)                // basic: rd, rs1 distinct; rs1 left untouched
  la x11, 20f
  jalr x1, 0(x11)
21:
  j test_fail
20:
  CHECK_ADDR(x1, 21b)
  CHECK_ADDR(x11, 20b)

  TEST_CASE(11)                // rd == rs1: the target comes from the old value
  la x12, 22f
  jalr x12, 0(x12)
23:
  j test_fail
22:
  CHECK_ADDR(x12, 23b)

  TEST_CASE(12)                // rd == rs1 with an offset
  la x12, 24f - 12
  jalr x12, 12(x12)
25:
  j test_fail
24:
  CHECK_ADDR(x12, 25b)

  TEST_CASE(13)                // rd = x0 (plain jr)
  la x13, 26f
  jalr x0, 0(x13)
  j test_fail
26:
  CHECK(x0, 0)

  TEST_CASE(14)                // bit 0 of rs1 + imm is cleared: rs1 odd
  la x14, 27f
  addi x14, x14, 1
  jalr x1, 0(x14)
  j test_fail
27:
  TEST_CASE(15)                // imm odd
  la x14, 28f
  jalr x1, 1(x14)
  j test_fail
28:
  TEST_CASE(16)                // rs1 + imm = target + 1 from target + 5 and -4
  la x14, 29f + 5
  jalr x1, -4(x14)
  j test_fail
29:
  TEST_CASE(17)                // both odd: target + 3 - 3 is aligned already, nothing to clear
  la x14, 30f + 3
  jalr x1, -3(x14)
  j test_fail
30:

  TEST_CASE(18)                // negative offset
  la x15, 31f + 100
  jalr x1, -100(x15)
32:
  j test_fail
31:
  CHECK_ADDR(x1, 32b)

  TEST_CASE(19)                // the largest offset, +2047 (odd: bit 0 cleared after the add)
  la x16, 33f - 2047
  jalr x1, 2047(x16)
  j test_fail
33:
  TEST_CASE(20)                // the smallest, -2048
  la x16, 34f + 2048
  jalr x1, -2048(x16)
  j test_fail
34:

  TEST_CASE(21)                // call and return through ra, twice, with a nested call
  li x20, 0
  jal ra, 90f
  CHECK(x20, 1)
  jal ra, 90f
  CHECK(x20, 2)
  jal ra, 91f
  CHECK(x20, 13)

  TEST_CASE(22)                // jalr's link goes to rd even when it is a high register
  la x27, 35f
  jalr x26, 0(x27)
36:
  j test_fail
35:
  CHECK_ADDR(x26, 36b)

  // The same through the framework's macros, over more registers and offsets
  TEST_JAL(30, x2)
  TEST_JAL(31, x15)
  TEST_JAL(32, x28)
  TEST_JALR(33, x3, x4, 0, 0)
  TEST_JALR(34, x5, x5, 0, 0)              // rd == rs1
  TEST_JALR(35, x6, x7, 0, 1)              // odd sum
  TEST_JALR(36, x8, x8, -1, 1)             // rd == rs1, negative imm, odd sum
  TEST_JALR(37, x9, x10, 2047, 0)
  TEST_JALR(38, x11, x11, -2048, 1)
  TEST_JALR(39, x28, x1, 4, 0)
  j 99f

  // Subroutines for case 21: 90 adds 1 to x20; 91 adds 10 and calls 90 (saving ra in x21).
90:
  addi x20, x20, 1
  jalr x0, 0(ra)
91:
  addi x20, x20, 10
  mv x21, ra
  jal ra, 90b
  jalr x0, 0(x21)
99:
TEST_END
