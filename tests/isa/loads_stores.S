// ISA test: loads lb, lh, lw, lbu, lhu and stores sb, sh, sw on a data region: sign vs zero
// extension, every byte and halfword offset, little-endian lanes, negative and extreme offsets, rd
// == base, x0 as rd and as the stored value, and stores that leave the neighbouring bytes alone.
// Misaligned and faulting accesses are in traps_mem.S.
#include "test_macros.h"

TEST_BEGIN
  // lb / lbu: every byte offset, sign- vs zero-extension
  TEST_LOAD(1, lb, 0xffffff81, ld_data, 0)
  TEST_LOAD(2, lb, 0x00000002, ld_data, 1)
  TEST_LOAD(3, lb, 0x0000007f, ld_data, 2)
  TEST_LOAD(4, lb, 0xfffffffe, ld_data, 3)
  TEST_LOAD(5, lb, 0x00000000, ld_data, 4)
  TEST_LOAD(6, lb, 0xffffff80, ld_data, 5)
  TEST_LOAD(7, lb, 0xffffffff, ld_data, 6)
  TEST_LOAD(8, lb, 0x0000007f, ld_data, 7)
  TEST_LOAD(9, lbu, 0x00000081, ld_data, 0)
  TEST_LOAD(10, lbu, 0x00000002, ld_data, 1)
  TEST_LOAD(11, lbu, 0x0000007f, ld_data, 2)
  TEST_LOAD(12, lbu, 0x000000fe, ld_data, 3)
  TEST_LOAD(13, lbu, 0x00000000, ld_data, 4)
  TEST_LOAD(14, lbu, 0x00000080, ld_data, 5)
  TEST_LOAD(15, lbu, 0x000000ff, ld_data, 6)
  TEST_LOAD(16, lbu, 0x0000007f, ld_data, 7)
  // lh / lhu: every halfword offset
  TEST_LOAD(17, lh, 0x00000281, ld_data, 0)
  TEST_LOAD(18, lh, 0xfffffe7f, ld_data, 2)
  TEST_LOAD(19, lh, 0xffff8000, ld_data, 4)
  TEST_LOAD(20, lh, 0x00007fff, ld_data, 6)
  TEST_LOAD(21, lhu, 0x00000281, ld_data, 0)
  TEST_LOAD(22, lhu, 0x0000fe7f, ld_data, 2)
  TEST_LOAD(23, lhu, 0x00008000, ld_data, 4)
  TEST_LOAD(24, lhu, 0x00007fff, ld_data, 6)
  // lw
  TEST_LOAD(25, lw, 0xfe7f0281, ld_data, 0)
  TEST_LOAD(26, lw, 0x7fff8000, ld_data, 4)
  TEST_LOAD(27, lw, 0x80000000, ld_data, 8)
  TEST_LOAD(28, lw, 0xffffffff, ld_data, 12)
  TEST_LOAD(29, lw, 0x12345678, ld_data, 16)
  // negative offsets
  TEST_LOAD(30, lw, 0xfe7f0281, ld_data + 16, -16)
  TEST_LOAD(31, lb, 0xfffffffe, ld_data + 16, -13)
  TEST_LOAD(32, lbu, 0x000000fe, ld_data + 16, -13)
  TEST_LOAD(33, lh, 0xffff8000, ld_data + 16, -12)
  TEST_LOAD(34, lhu, 0x00007fff, ld_data + 16, -10)
  TEST_LOAD(35, lb, 0xffffff80, ld_data + 8, -3)
  // the extreme offsets +2047 and -2048
  TEST_LOAD(36, lb, 0xfffffffe, ld_data + -2044, 2047)
  TEST_LOAD(37, lbu, 0x00000080, ld_data + -2042, 2047)
  TEST_LOAD(38, lw, 0x7fff8000, ld_data + 2052, -2048)
  TEST_LOAD(39, lh, 0x00007fff, ld_data + 2054, -2048)
  // rd == the base register
  TEST_LOAD_DEST_BASE(40, lw, 0x7fff8000, ld_data, 4)
  TEST_LOAD_DEST_BASE(41, lb, 0xffffff80, ld_data, 5)
  TEST_LOAD_DEST_BASE(42, lhu, 0x0000fe7f, ld_data, 2)
  // rd = x0: the load is done, its value dropped
  TEST_LOAD_ZERO_DEST(43, lw, ld_data, 12)
  TEST_LOAD_ZERO_DEST(44, lb, ld_data, 1)
  TEST_LOAD_ZERO_DEST(45, lhu, ld_data, 6)

  // sb: every byte offset; only the low byte of rs2 is stored, the word's other bytes stay
  TEST_STORE(50, sb, 0x123456AB, st_data, 0, 0x443322AB)
  TEST_STORE(51, sb, 0x123456AB, st_data, 1, 0x4433AB11)
  TEST_STORE(52, sb, 0x123456AB, st_data, 2, 0x44AB2211)
  TEST_STORE(53, sb, 0x123456AB, st_data, 3, 0xAB332211)
  // sh: both halfword offsets
  TEST_STORE(54, sh, 0x1234BEEF, st_data, 0, 0x4433BEEF)
  TEST_STORE(55, sh, 0x1234BEEF, st_data, 2, 0xBEEF2211)
  // sw
  TEST_STORE(56, sw, 0xDEADBEEF, st_data, 0, 0xDEADBEEF)
  TEST_STORE(57, sw, 0x00000000, st_data, 4, 0x00000000)
  // negative offsets
  TEST_STORE(58, sb, 0x000000FF, st_data + 16, -13, 0xFF332211)
  TEST_STORE(59, sh, 0x00008000, st_data + 16, -10, 0x80002211)
  TEST_STORE(60, sw, 0x80000001, st_data + 16, -8, 0x80000001)
  // the extreme offsets -2048 and +2047
  TEST_STORE(61, sw, 0xCAFEF00D, st_data + 8 + 2048, -2048, 0xCAFEF00D)
  TEST_STORE(62, sb, 0x0000005A, st_data + 9 - 2047, 2047, 0x44335A11)

  TEST_CASE(63)                // a stored byte / halfword reads back sign- or zero-extended
  la x11, st_data
  li x12, 0x80
  sb x12, 0(x11)
  lb x13, 0(x11)
  CHECK(x13, 0xFFFFFF80)
  lbu x13, 0(x11)
  CHECK(x13, 0x80)
  li x12, 0x8001
  sh x12, 2(x11)
  lh x13, 2(x11)
  CHECK(x13, 0xFFFF8001)
  lhu x13, 2(x11)
  CHECK(x13, 0x8001)

  TEST_CASE(64)                // rs2 == rs1: the word stored is the address itself
  la x11, st_data + 4
  sw x11, 0(x11)
  lw x13, 0(x11)
  CHECK_ADDR(x13, st_data + 4)

  TEST_CASE(65)                // x0 as the value: stores zero, at every width
  la x11, st_data
  li x12, -1
  sw x12, 0(x11)
  sw x12, 4(x11)
  sw x12, 8(x11)
  sw x0, 0(x11)
  sh x0, 6(x11)
  sb x0, 9(x11)
  lw x13, 0(x11)
  CHECK(x13, 0)
  lw x13, 4(x11)
  CHECK(x13, 0x0000FFFF)
  lw x13, 8(x11)
  CHECK(x13, 0xFFFF00FF)

  TEST_CASE(66)                // a store has no rd: bits 11:7 hold offset bits (8 -> x8)
  li x8, 0x1234
  la x11, st_data
  li x12, 0x55
  sw x12, 8(x11)
  sb x12, 8(x11)
  sh x12, 8(x11)
  CHECK(x8, 0x1234)

  TEST_CASE(67)                // little-endian lanes: a word store seen through narrower loads
  la x11, st_data
  li x12, 0x11223344
  sw x12, 12(x11)
  lbu x13, 12(x11)
  CHECK(x13, 0x44)
  lbu x13, 15(x11)
  CHECK(x13, 0x11)
  lhu x13, 14(x11)
  CHECK(x13, 0x1122)
  lhu x13, 13 - 1(x11)
  CHECK(x13, 0x3344)

  TEST_CASE(68)                // narrow stores build a word, lowest lane first
  la x11, st_data
  li x12, 0xEF
  sb x12, 0(x11)
  li x12, 0xBE
  sb x12, 1(x11)
  li x12, 0xDEAD
  sh x12, 2(x11)
  lw x13, 0(x11)
  CHECK(x13, 0xDEADBEEF)

  TEST_CASE(69)                // a word store touches only its own word
  la x11, st_data
  li x12, 0x5A5A5A5A
  sw x12, 0(x11)
  sw x12, 4(x11)
  sw x12, 8(x11)
  li x12, 0x01020304
  sw x12, 4(x11)
  lw x13, 0(x11)
  CHECK(x13, 0x5A5A5A5A)
  lw x13, 8(x11)
  CHECK(x13, 0x5A5A5A5A)
  sb x12, 3(x11)               // and a byte store only its own byte
  lw x13, 0(x11)
  CHECK(x13, 0x045A5A5A)
  lw x13, 4(x11)
  CHECK(x13, 0x01020304)

  TEST_CASE(70)                // code is in the same RAM: loads read instruction words
  la x11, 71f
  lw x13, 0(x11)
  CHECK(x13, 0x00000013)       // addi x0, x0, 0
  lhu x13, 2(x11)
  CHECK(x13, 0)
  j 72f
71:
  nop
72:
TEST_END

TEST_DATA_BEGIN
ld_data:
  .byte 0x81, 0x02, 0x7F, 0xFE
  .byte 0x00, 0x80, 0xFF, 0x7F
  .word 0x80000000
  .word 0xFFFFFFFF
  .word 0x12345678
  .balign 16
st_data:
  .fill 8, 4, 0
TEST_DATA_END
