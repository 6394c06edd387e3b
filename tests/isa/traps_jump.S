// ISA test: jumps and branches that trap. A taken jump or branch to an address that is not a
// multiple of 4 raises cause 0 on the jump itself (mepc = the jump, mtval = the target) and writes
// no register; a branch not taken does not trap. A jump to unmapped memory or MMIO retires, and the
// fetch there raises cause 1 with mepc = mtval = the target.
#include "test_macros.h"

TEST_BEGIN
  li x1, 0x1111
  la x11, target

  // misaligned targets
  TEST_TRAP_ADDR(1, CAUSE_MISALIGNED_FETCH, target + 2, jalr x1, 2(x11))
  CHECK(x1, 0x1111)
  TEST_TRAP_ADDR(2, CAUSE_MISALIGNED_FETCH, target + 2, jalr x1, 3(x11))    // bit 0 cleared first
  CHECK(x1, 0x1111)
  TEST_TRAP_ADDR(3, CAUSE_MISALIGNED_FETCH, target + 2, jal x1, target + 2)
  CHECK(x1, 0x1111)
  TEST_TRAP_ADDR(4, CAUSE_MISALIGNED_FETCH, target + 2, beq x0, x0, target + 2)
  TEST_TRAP_ADDR(5, CAUSE_MISALIGNED_FETCH, target + 6, bltu x0, x11, target + 6)
  TEST_CASE(6)                 // rd == rs1: the register keeps its old value
  la x12, target
  TRAP_EXPECT(1)
1:
  jalr x12, 2(x12)
  CHECK_ONE_TRAP(CAUSE_MISALIGNED_FETCH, 1b)
  CHECK_ADDR(x12, target)
  TEST_CASE(7)                 // a not-taken branch to a misaligned target does not trap
  bne x0, x0, target + 2
  bltu x11, x0, target + 2
  // misaligned and unmapped: the jump's misalignment is raised first, on the jump
  li x13, 0x40000002
  TEST_TRAP(8, CAUSE_MISALIGNED_FETCH, 0x40000002, jalr x1, 0(x13))
  CHECK(x1, 0x1111)

  // Fetch access faults: the jump retires (rd = link), the fetch at the target traps.
  TEST_CASE(20)                // address 0 through jalr from x0
  TRAP_EXPECT(1)
  TRAP_RESUME_AT(2f)
  jalr x1, 0(x0)
3:
  j test_fail
2:
  CHECK_TRAP(TS_COUNT, 1)
  CHECK_TRAP(TS_CAUSE, CAUSE_FETCH_ACCESS)
  CHECK_TRAP(TS_EPC, 0)
  CHECK_TRAP(TS_TVAL, 0)
  CHECK_ADDR(x1, 3b)

  TEST_CASE(21)                // 0x4000_0000
  li x13, 0x40000000
  TRAP_EXPECT(1)
  TRAP_RESUME_AT(4f)
  jalr x5, 0(x13)
5:
  j test_fail
4:
  CHECK_TRAP(TS_COUNT, 1)
  CHECK_TRAP(TS_CAUSE, CAUSE_FETCH_ACCESS)
  CHECK_TRAP(TS_EPC, 0x40000000)
  CHECK_TRAP(TS_TVAL, 0x40000000)
  CHECK_ADDR(x5, 5b)

  TEST_CASE(22)                // MMIO holds no code (only aligned loads and stores reach it)
  li x13, SOC_CTRL_BASE + SOC_CTRL_MAGIC
  TRAP_EXPECT(1)
  TRAP_RESUME_AT(6f)
  jalr x5, 0(x13)
  j test_fail
6:
  CHECK_TRAP(TS_COUNT, 1)
  CHECK_TRAP(TS_CAUSE, CAUSE_FETCH_ACCESS)
  CHECK_TRAP(TS_EPC, SOC_CTRL_BASE + SOC_CTRL_MAGIC)
  CHECK_TRAP(TS_TVAL, SOC_CTRL_BASE + SOC_CTRL_MAGIC)

  TEST_CASE(23)                // just past the end of RAM
  li x16, SOC_CTRL_BASE
  lw x16, SOC_CTRL_RAM_SIZE(x16)
  li x17, SOC_RAM_BASE
  add x17, x17, x16
  TRAP_EXPECT(1)
  TRAP_RESUME_AT(7f)
  jalr x5, 0(x17)
  j test_fail
7:
  CHECK_TRAP(TS_COUNT, 1)
  CHECK_TRAP(TS_CAUSE, CAUSE_FETCH_ACCESS)
  CHECK_TRAP_REG(TS_EPC, x17)
  CHECK_TRAP_REG(TS_TVAL, x17)

  TEST_CASE(24)                // running off the end of RAM: the last word is a jump-free nop
  addi x18, x17, -4
  li x12, 0x00000013           // nop
  sw x12, 0(x18)
  fence.i
  TRAP_EXPECT(1)
  TRAP_RESUME_AT(8f)
  jalr x0, 0(x18)
  j test_fail
8:
  CHECK_TRAP(TS_COUNT, 1)
  CHECK_TRAP(TS_CAUSE, CAUSE_FETCH_ACCESS)
  CHECK_TRAP_REG(TS_EPC, x17)
  CHECK_TRAP_REG(TS_TVAL, x17)
  j 9f

  .balign 16
target:
  j test_fail
  j test_fail
  j test_fail
9:
TEST_END
