// ISA test: lui (the 20-bit immediate lands in bits 31:12, low bits zero) and auipc (pc + the
// shifted immediate, wrapping around at 2^32), including x0 as the destination.
#include "test_macros.h"

TEST_BEGIN
  // lui
  TEST_CASE(1)
  li x1, -1
  lui x1, 0
  CHECK(x1, 0)
  TEST_CASE(2)
  lui x2, 1
  CHECK(x2, 0x00001000)
  TEST_CASE(3)
  lui x3, 0x80000
  CHECK(x3, 0x80000000)
  TEST_CASE(4)
  lui x4, 0xFFFFF
  CHECK(x4, 0xFFFFF000)
  TEST_CASE(5)
  lui x5, 0x7FFFF
  CHECK(x5, 0x7FFFF000)
  TEST_CASE(6)
  lui x6, 0x12345
  addi x6, x6, 0x678
  CHECK(x6, 0x12345678)
  TEST_CASE(7)                 // lui + a negative addi: the usual way to build 0x1234_5FFF
  lui x7, 0x12346
  addi x7, x7, -1
  CHECK(x7, 0x12345FFF)
  TEST_CASE(8)
  lui x28, 0xABCDE
  CHECK(x28, 0xABCDE000)
  TEST_CASE(9)                 // rd = x0
  lui x0, 0x12345
  CHECK(x0, 0)

  // auipc
  TEST_CASE(20)
1:
  auipc x1, 0
  CHECK_ADDR(x1, 1b)
  TEST_CASE(21)
2:
  auipc x2, 1
  CHECK_ADDR(x2, 2b + 0x1000)
  TEST_CASE(22)
3:
  auipc x3, 0xFFFFF            // -0x1000
  CHECK_ADDR(x3, 3b - 0x1000)
  TEST_CASE(23)                // pc + 0x8000_0000 wraps around 2^32
4:
  auipc x4, 0x80000
  la x5, 4b
  li x6, 0x80000000
  add x5, x5, x6
  CHECK_REG(x4, x5)
  TEST_CASE(24)                // two auipc one instruction apart differ by 4
  auipc x7, 0x12345
  auipc x8, 0x12345
  sub x9, x8, x7
  CHECK(x9, 4)
  TEST_CASE(25)                // rd = x0
  auipc x0, 1
  CHECK(x0, 0)
  TEST_CASE(26)                // a large positive immediate, into the last register tests use
5:
  auipc x28, 0x7FFFF
  la x5, 5b
  li x6, 0x7FFFF000
  add x5, x5, x6
  CHECK_REG(x28, x5)
TEST_END
