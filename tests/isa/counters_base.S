// ISA test: mcycle and minstret (Zicntr) as every SoC has them, whatever its number of event
// counters (the small boards' SoC has 2, where counters.S checks all 8): minstret counts retired
// instructions exactly, a CSR write replaces the writer's own increment, both carry into their high
// halves, and mcountinhibit freezes them while they stay writable.
#include "test_macros.h"

TEST_BEGIN
  csrw mcountinhibit, x0

  // minstret
  TEST_CASE(1)                 // the csrr itself and five nops: 6
  csrr x11, minstret
  nop
  nop
  nop
  nop
  nop
  csrr x12, minstret
  sub x13, x12, x11
  CHECK(x13, 6)
  TEST_CASE(2)                 // a write replaces the writer's own increment
  csrw minstret, x0
  csrr x13, minstret
  CHECK(x13, 0)
  TEST_CASE(3)
  li x11, 1000
  csrw minstret, x11
  nop
  nop
  csrr x13, minstret
  CHECK(x13, 1002)
  TEST_CASE(4)                 // carry into minstreth
  csrw minstreth, x0
  li x11, -1
  csrw minstret, x11
  nop                          // minstret = 0x1_0000_0000 after this one
  csrr x13, minstreth
  csrr x14, minstret
  CHECK(x13, 1)
  CHECK(x14, 1)
  TEST_CASE(5)                 // minstreth holds what is written
  li x11, 0x12345
  csrw minstreth, x11
  csrr x13, minstreth
  CHECK(x13, 0x12345)
  csrw minstreth, x0

  // mcycle: at least one cycle per instruction
  TEST_CASE(10)
  csrr x11, mcycle
  nop
  nop
  nop
  nop
  nop
  csrr x12, mcycle
  sub x13, x12, x11
  CHECK_RANGE(x13, 6, 1000)
  TEST_CASE(11)
  csrw mcycleh, x0
  csrw mcycle, x0
  csrr x13, mcycle
  CHECK_RANGE(x13, 0, 100)
  csrr x13, mcycleh
  CHECK(x13, 0)
  TEST_CASE(12)                // carry into mcycleh
  li x11, -1
  csrw mcycle, x11
  nop
  nop
  csrr x13, mcycleh
  CHECK(x13, 1)
  csrw mcycleh, x0

  // mcountinhibit
  TEST_CSR_WRITE(20, mcountinhibit, 0x00000007, 0x00000005)   // bits 0 and 2; bit 1 reads 0
  TEST_CSR_WRITE(21, mcountinhibit, 0x00000000, 0x00000000)
  TEST_CASE(22)                // CY and IR inhibited: mcycle and minstret stand still
  csrwi mcountinhibit, 5
  csrr x11, minstret
  csrr x12, mcycle
  nop
  nop
  nop
  csrr x13, minstret
  csrr x14, mcycle
  CHECK_REG(x11, x13)
  CHECK_REG(x12, x14)
  TEST_CASE(23)                // ... but they can still be written
  li x11, 777
  csrw minstret, x11
  nop
  csrr x13, minstret
  CHECK(x13, 777)
  TEST_CASE(24)                // and count again once released
  csrw mcountinhibit, x0
  csrr x11, minstret
  nop
  csrr x12, minstret
  sub x13, x12, x11
  CHECK(x13, 2)
  csrw mcountinhibit, x0
TEST_END
