// ISA test: the conditional branches beq, bne, blt, bge, bltu, bgeu, taken and not taken, forwards
// and backwards: equal operands, negative values, signed vs unsigned order of the same bit
// patterns, x0 as an operand, rs1 == rs2, the extreme offsets +4092 and -4096, and no register
// written.
#include "test_macros.h"

TEST_BEGIN

  // beq: equal
  TEST_BR_TAKEN(1, beq, 0x00000000, 0x00000000)
  TEST_BR_TAKEN(2, beq, 0x00000001, 0x00000001)
  TEST_BR_TAKEN(3, beq, 0xffffffff, 0xffffffff)
  TEST_BR_NOT_TAKEN(4, beq, 0x00000000, 0x00000001)
  TEST_BR_NOT_TAKEN(5, beq, 0x00000001, 0x00000000)
  TEST_BR_NOT_TAKEN(6, beq, 0xffffffff, 0x00000001)
  TEST_BR_NOT_TAKEN(7, beq, 0x00000001, 0xffffffff)
  TEST_BR_NOT_TAKEN(8, beq, 0x80000000, 0x7fffffff)
  TEST_BR_NOT_TAKEN(9, beq, 0x7fffffff, 0x80000000)
  TEST_BR_NOT_TAKEN(10, beq, 0xffffffff, 0xfffffffe)
  TEST_BR_NOT_TAKEN(11, beq, 0xfffffffe, 0xffffffff)
  TEST_BR_NOT_TAKEN(12, beq, 0x80000000, 0x00000000)

  // bne: not equal
  TEST_BR_NOT_TAKEN(13, bne, 0x00000000, 0x00000000)
  TEST_BR_NOT_TAKEN(14, bne, 0x00000001, 0x00000001)
  TEST_BR_NOT_TAKEN(15, bne, 0xffffffff, 0xffffffff)
  TEST_BR_TAKEN(16, bne, 0x00000000, 0x00000001)
  TEST_BR_TAKEN(17, bne, 0x00000001, 0x00000000)
  TEST_BR_TAKEN(18, bne, 0xffffffff, 0x00000001)
  TEST_BR_TAKEN(19, bne, 0x00000001, 0xffffffff)
  TEST_BR_TAKEN(20, bne, 0x80000000, 0x7fffffff)
  TEST_BR_TAKEN(21, bne, 0x7fffffff, 0x80000000)
  TEST_BR_TAKEN(22, bne, 0xffffffff, 0xfffffffe)
  TEST_BR_TAKEN(23, bne, 0xfffffffe, 0xffffffff)
  TEST_BR_TAKEN(24, bne, 0x80000000, 0x00000000)

  // blt: signed less than
  TEST_BR_NOT_TAKEN(25, blt, 0x00000000, 0x00000000)
  TEST_BR_NOT_TAKEN(26, blt, 0x00000001, 0x00000001)
  TEST_BR_NOT_TAKEN(27, blt, 0xffffffff, 0xffffffff)
  TEST_BR_TAKEN(28, blt, 0x00000000, 0x00000001)
  TEST_BR_NOT_TAKEN(29, blt, 0x00000001, 0x00000000)
  TEST_BR_TAKEN(30, blt, 0xffffffff, 0x00000001)
  TEST_BR_NOT_TAKEN(31, blt, 0x00000001, 0xffffffff)
  TEST_BR_TAKEN(32, blt, 0x80000000, 0x7fffffff)
  TEST_BR_NOT_TAKEN(33, blt, 0x7fffffff, 0x80000000)
  TEST_BR_NOT_TAKEN(34, blt, 0xffffffff, 0xfffffffe)
  TEST_BR_TAKEN(35, blt, 0xfffffffe, 0xffffffff)
  TEST_BR_TAKEN(36, blt, 0x80000000, 0x00000000)

  // bge: signed greater or equal
  TEST_BR_TAKEN(37, bge, 0x00000000, 0x00000000)
  TEST_BR_TAKEN(38, bge, 0x00000001, 0x00000001)
  TEST_BR_TAKEN(39, bge, 0xffffffff, 0xffffffff)
  TEST_BR_NOT_TAKEN(40, bge, 0x00000000, 0x00000001)
  TEST_BR_TAKEN(41, bge, 0x00000001, 0x00000000)
  TEST_BR_NOT_TAKEN(42, bge, 0xffffffff, 0x00000001)
  TEST_BR_TAKEN(43, bge, 0x00000001, 0xffffffff)
  TEST_BR_NOT_TAKEN(44, bge, 0x80000000, 0x7fffffff)
  TEST_BR_TAKEN(45, bge, 0x7fffffff, 0x80000000)
  TEST_BR_TAKEN(46, bge, 0xffffffff, 0xfffffffe)
  TEST_BR_NOT_TAKEN(47, bge, 0xfffffffe, 0xffffffff)
  TEST_BR_NOT_TAKEN(48, bge, 0x80000000, 0x00000000)

  // bltu: unsigned less than
  TEST_BR_NOT_TAKEN(49, bltu, 0x00000000, 0x00000000)
  TEST_BR_NOT_TAKEN(50, bltu, 0x00000001, 0x00000001)
  TEST_BR_NOT_TAKEN(51, bltu, 0xffffffff, 0xffffffff)
  TEST_BR_TAKEN(52, bltu, 0x00000000, 0x00000001)
  TEST_BR_NOT_TAKEN(53, bltu, 0x00000001, 0x00000000)
  TEST_BR_NOT_TAKEN(54, bltu, 0xffffffff, 0x00000001)
  TEST_BR_TAKEN(55, bltu, 0x00000001, 0xffffffff)
  TEST_BR_NOT_TAKEN(56, bltu, 0x80000000, 0x7fffffff)
  TEST_BR_TAKEN(57, bltu, 0x7fffffff, 0x80000000)
  TEST_BR_NOT_TAKEN(58, bltu, 0xffffffff, 0xfffffffe)
  TEST_BR_TAKEN(59, bltu, 0xfffffffe, 0xffffffff)
  TEST_BR_NOT_TAKEN(60, bltu, 0x80000000, 0x00000000)

  // bgeu: unsigned greater or equal
  TEST_BR_TAKEN(61, bgeu, 0x00000000, 0x00000000)
  TEST_BR_TAKEN(62, bgeu, 0x00000001, 0x00000001)
  TEST_BR_TAKEN(63, bgeu, 0xffffffff, 0xffffffff)
  TEST_BR_NOT_TAKEN(64, bgeu, 0x00000000, 0x00000001)
  TEST_BR_TAKEN(65, bgeu, 0x00000001, 0x00000000)
  TEST_BR_TAKEN(66, bgeu, 0xffffffff, 0x00000001)
  TEST_BR_NOT_TAKEN(67, bgeu, 0x00000001, 0xffffffff)
  TEST_BR_TAKEN(68, bgeu, 0x80000000, 0x7fffffff)
  TEST_BR_NOT_TAKEN(69, bgeu, 0x7fffffff, 0x80000000)
  TEST_BR_TAKEN(70, bgeu, 0xffffffff, 0xfffffffe)
  TEST_BR_NOT_TAKEN(71, bgeu, 0xfffffffe, 0xffffffff)
  TEST_BR_TAKEN(72, bgeu, 0x80000000, 0x00000000)

  // x0 as an operand, and rs1 == rs2
  TEST_CASE(73)
  beq x0, x0, 1f
  j test_fail
1:
  TEST_CASE(74)
  bne x0, x0, 2f
  j 3f
2:
  j test_fail
3:
  TEST_CASE(75)
  li x5, 1
  blt x0, x5, 4f
  j test_fail
4:
  TEST_CASE(76)
  li x5, -1
  blt x5, x0, 5f
  j test_fail
5:
  TEST_CASE(77)
  li x5, -1                    // 0 < 0xFFFFFFFF unsigned
  bltu x0, x5, 6f
  j test_fail
6:
  TEST_CASE(78)
  bgeu x0, x5, 7f              // 0 >= 0xFFFFFFFF unsigned: no
  j 8f
7:
  j test_fail
8:
  TEST_CASE(79)
  bgeu x5, x0, 9f              // anything >= 0 unsigned
  j test_fail
9:
  TEST_CASE(80)
  bge x0, x0, 10f
  j test_fail
10:
  TEST_CASE(81)
  li x6, 0x80000000
  blt x6, x6, 11f
  bltu x6, x6, 11f
  bne x6, x6, 11f
  j 12f
11:
  j test_fail
12:
  TEST_CASE(82)
  bge x6, x6, 13f
  j test_fail
13:
  TEST_CASE(83)
  bgeu x6, x6, 14f
  j test_fail
14:
  TEST_CASE(84)
  beq x6, x6, 15f
  j test_fail
15:

  // A branch has no rd: bits 11:7 hold offset bits. Offset +8 puts 01000 (x8) there; x8 must keep
  // its value whether the branch is taken or not.
  TEST_CASE(85)
  li x8, 0x5555
  beq x0, x0, 16f
  nop
16:
  CHECK(x8, 0x5555)
  bne x0, x0, 17f
  nop
17:
  CHECK(x8, 0x5555)

  // The extreme offsets: +4092 (the largest multiple of 4 below +4096) and -4096. The gaps hold
  // all-zero words, which trap as illegal instructions if a branch lands in them.
  // The +4092 branch is written as a word: the assembler would turn a branch that far into
  // bne + jal. 0x7E000EE3 = beq x0, x0, +4092.
  TEST_CASE(86)
  .word 0x7E000EE3
  .fill 1022, 4, 0
  TEST_CASE(87)
  j 20f
19:
  j 21f
  .fill 1023, 4, 0
20:
  beq x0, x0, 19b
  j test_fail
21:
TEST_END
