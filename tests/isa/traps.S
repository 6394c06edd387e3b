// ISA test: the trap mechanism itself. ecall (cause 11, mtval 0) and ebreak (cause 3, mtval = pc)
// enter the handler with mepc = their address and come back to mepc + 4; trap entry moves MIE to
// MPIE and clears MIE, mret restores MIE from MPIE and sets MPIE; mret jumps to mepc; a trapping
// instruction does not retire (minstret), and registers survive a trap.
#include "test_macros.h"

TEST_BEGIN
  TEST_TRAP(1, CAUSE_ECALL_M, 0, ecall)
  TEST_TRAP_PC(2, CAUSE_BREAKPOINT, ebreak)

  TEST_CASE(3)                 // mtval is written even when it was non-zero before the ecall
  li x11, 0xFFFF
  csrw mtval, x11
  TRAP_EXPECT(1)
1:
  ecall
  CHECK_ONE_TRAP(CAUSE_ECALL_M, 1b)
  CHECK_TRAP(TS_TVAL, 0)
  csrr x13, mtval
  CHECK(x13, 0)

  TEST_CASE(4)                 // the instruction after ecall runs exactly once, registers survive
  li x11, 0x11111111
  li x12, 0x22222222
  li x13, 0
  TRAP_EXPECT(1)
  ecall
  addi x13, x13, 1
  CHECK(x13, 1)
  CHECK(x11, 0x11111111)
  CHECK(x12, 0x22222222)
  CHECK_TRAP(TS_COUNT, 1)

  TEST_CASE(5)                 // ecall twice in a row: two traps
  TRAP_EXPECT(2)
  ecall
  ecall
  CHECK_TRAP(TS_COUNT, 2)
  CHECK_TRAP(TS_LOG + 0, CAUSE_ECALL_M)
  CHECK_TRAP(TS_LOG + 4, CAUSE_ECALL_M)

  TEST_CASE(6)                 // the CSRs after a trap: mcause, mepc (mepc + 4 after our handler)
  TRAP_EXPECT(1)
2:
  ebreak
  csrr x13, mcause
  CHECK(x13, CAUSE_BREAKPOINT)
  csrr x13, mepc
  CHECK_ADDR(x13, 2b + 4)
  csrr x13, mtval
  CHECK_ADDR(x13, 2b)

  // mstatus on trap entry and through mret
  TEST_CASE(10)                // entry with MIE = 1: in the handler MPIE = 1, MIE = 0, MPP = 3
  li x11, MSTATUS_MIE
  csrw mstatus, x11
  TRAP_EXPECT(1)
  ecall
  CHECK_TRAP(TS_STATUS, 0x1880)
  TEST_CASE(11)                // ... and mret brings MIE back: MIE = 1, MPIE = 1
  csrr x13, mstatus
  CHECK(x13, 0x1888)
  TEST_CASE(12)                // entry with MIE = 0: MPIE = 0 in the handler, after mret MPIE = 1
  csrw mstatus, x0
  TRAP_EXPECT(1)
  ecall
  CHECK_TRAP(TS_STATUS, 0x1800)
  csrr x13, mstatus
  CHECK(x13, 0x1880)

  TEST_CASE(13)                // mret by itself: MIE <- MPIE (1), MPIE <- 1, pc <- mepc
  li x11, MSTATUS_MPIE
  csrw mstatus, x11
  la x12, 3f
  csrw mepc, x12
  mret
  j test_fail
3:
  csrr x13, mstatus
  CHECK(x13, 0x1888)
  TEST_CASE(14)                // MPIE = 0, MIE = 1: after mret MIE = 0, MPIE = 1
  li x11, MSTATUS_MIE
  csrw mstatus, x11
  la x12, 4f
  csrw mepc, x12
  mret
  j test_fail
4:
  csrr x13, mstatus
  CHECK(x13, 0x1880)
  TEST_CASE(15)                // mepc written with bits 1:0 set: mret goes to the aligned address
  csrw mstatus, x0
  la x12, 5f + 3
  csrw mepc, x12
  mret
  j test_fail
5:
  csrr x13, mstatus
  CHECK(x13, 0x1880)
  csrw mstatus, x0
  TEST_CASE(16)                // mret does not write a register, nor touch mepc
  li x1, 0x77
  la x12, 6f
  csrw mepc, x12
  mret
6:
  CHECK(x1, 0x77)
  csrr x13, mepc
  CHECK_ADDR(x13, 6b)

  // A trapping instruction does not retire. The counting handler reads minstret as its first
  // instruction: one more than just before the trap (the csrr) means the trapper did not count.
  la x11, count_handler
  csrw mtvec, x11
  csrw mcountinhibit, x0
  TEST_CASE(20)
  csrr x19, minstret
  ecall
  sub x13, x20, x19
  CHECK(x13, 1)
  TEST_CASE(21)
  csrr x19, minstret
  ebreak
  sub x13, x20, x19
  CHECK(x13, 1)
  TEST_CASE(22)
  csrr x19, minstret
  .word 0
  sub x13, x20, x19
  CHECK(x13, 1)
  TEST_CASE(23)                // a faulting load
  csrr x19, minstret
  lw x14, 0(x0)
  sub x13, x20, x19
  CHECK(x13, 1)
  TEST_CASE(24)                // while a plain instruction does count
  csrr x19, minstret
  nop
  csrr x20, minstret
  sub x13, x20, x19
  CHECK(x13, 2)
  la x11, test_trap_vector
  csrw mtvec, x11
  j 9f

  .balign 4
count_handler:
  csrr x20, minstret
  csrr x21, mepc
  addi x21, x21, 4
  csrw mepc, x21
  mret
9:
TEST_END
