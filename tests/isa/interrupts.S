// ISA test: machine interrupts in direct mode. Timer (mtime >= mtimecmp), software (msip) and
// external (SoC EXT_IRQ) interrupts show in mip, are taken between instructions only when both
// mstatus.MIE and their mie bit are set, report mcause = 0x8000_0000 | n with mtval = 0 and mepc =
// the next instruction to run, come in the order external > software > timer, and end wfi. The
// framework's handler silences each source before it returns (test_macros.h).
#include "test_macros.h"

// Sets the timer interrupt pending right away.
#define TIMER_NOW                                                                                \
  li x11, SOC_TIMER_BASE;                                                                        \
  sw x0, SOC_TIMER_MTIMECMPH(x11);                                                               \
  sw x0, SOC_TIMER_MTIMECMP(x11)
#define SOFT_IRQ(v)                                                                              \
  li x11, SOC_TIMER_BASE;                                                                        \
  li x12, v;                                                                                     \
  sw x12, SOC_TIMER_MSIP(x11)
#define EXT_IRQ(v)                                                                               \
  li x11, SOC_CTRL_BASE;                                                                         \
  li x12, v;                                                                                     \
  sw x12, SOC_CTRL_EXT_IRQ(x11)

TEST_BEGIN
  TEST_CSR_READ(1, mip, 0)     // nothing pending after reset (mtimecmp resets to all ones)

  // Timer
  TEST_CASE(2)                 // pending shows in mip, while MIE = 0 nothing is taken
  li x11, MIP_MTIP
  csrw mie, x11
  TIMER_NOW
  nop
  nop
  nop
  csrr x13, mip
  CHECK(x13, MIP_MTIP)
  TEST_CASE(3)                 // MIE = 1 but mie = 0: still nothing
  csrw mie, x0
  csrsi mstatus, MSTATUS_MIE
  nop
  nop
  nop
  csrci mstatus, MSTATUS_MIE
  TEST_CASE(4)                 // enabled: taken right after the enabling instruction, which is
  li x13, 0                    // mepc; the instruction there then runs exactly once
  li x11, 0xFFFF
  csrw mtval, x11
  li x11, MIP_MTIP
  csrw mie, x11
  TRAP_EXPECT(1)
  csrsi mstatus, MSTATUS_MIE
1:
  addi x13, x13, 1
  csrci mstatus, MSTATUS_MIE
  CHECK(x13, 1)
  CHECK_ONE_TRAP(CAUSE_IRQ_TIMER, 1b)
  CHECK_TRAP(TS_TVAL, 0)
  CHECK_TRAP(TS_STATUS, 0x1880)          // in the handler: MPIE = 1, MIE = 0
  csrr x13, mip
  CHECK(x13, 0)                          // the handler pushed mtimecmp away

  TEST_CASE(5)                 // mtimecmp in the near future; the loop is interrupted
  SET_TIMER_IN(200)
  li x11, MIP_MTIP
  csrw mie, x11
  TRAP_EXPECT(1)
  csrsi mstatus, MSTATUS_MIE
  WAIT_TRAPS(1, 10000)
  csrci mstatus, MSTATUS_MIE
  CHECK_TRAP(TS_COUNT, 1)
  CHECK_TRAP(TS_CAUSE, CAUSE_IRQ_TIMER)
  TEST_CASE(6)                 // after mret, MIE was set again
  csrsi mstatus, MSTATUS_MIE
  csrr x13, mstatus
  csrci mstatus, MSTATUS_MIE
  CHECK(x13, 0x1888)

  // wfi
  TEST_CASE(10)                // wfi with the timer enabled: the interrupt is taken after wfi,
  SET_TIMER_IN(300)            // so mepc = the instruction after it
  li x11, MIP_MTIP
  csrw mie, x11
  TRAP_EXPECT(1)
  csrsi mstatus, MSTATUS_MIE
  wfi
2:
  csrci mstatus, MSTATUS_MIE
  CHECK_ONE_TRAP(CAUSE_IRQ_TIMER, 2b)
  TEST_CASE(11)                // wfi with MIE = 0 still waits for the enabled interrupt, no trap
  SET_TIMER_IN(300)
  wfi
  csrr x13, mip
  CHECK(x13, MIP_MTIP)
  li x11, SOC_TIMER_BASE       // and time has reached mtimecmp
  lw x12, SOC_TIMER_MTIME(x11)
  lw x14, SOC_TIMER_MTIMECMP(x11)
  bgeu x12, x14, 3f
  j test_fail
3:
  TIMER_OFF
  TEST_CASE(12)                // wfi with no interrupt enabled retires as a no-op
  csrw mie, x0
  wfi
  nop
  TEST_CASE(13)                // while wfi waits, cycles pass (mcycle and mtime run at one rate)
  li x11, MIP_MTIP             // but it retires as one instruction
  csrw mie, x11
  SET_TIMER_IN(400)
  csrr x14, minstret
  csrr x15, mcycle
  wfi
  csrr x16, mcycle
  csrr x17, minstret
  sub x13, x16, x15
  CHECK_RANGE(x13, 350, 100000)
  sub x13, x17, x14
  CHECK(x13, 4)                // csrr, csrr, wfi, csrr
  TIMER_OFF
  csrw mie, x0

  // Software interrupt (msip)
  TEST_CASE(20)
  SOFT_IRQ(1)
  lw x13, SOC_TIMER_MSIP(x11)
  CHECK(x13, 1)
  csrr x13, mip
  CHECK(x13, MIP_MSIP)
  TEST_CASE(21)
  li x11, MIP_MSIP
  csrw mie, x11
  TRAP_EXPECT(1)
  csrsi mstatus, MSTATUS_MIE
4:
  nop
  csrci mstatus, MSTATUS_MIE
  CHECK_ONE_TRAP(CAUSE_IRQ_SOFT, 4b)
  CHECK_TRAP(TS_TVAL, 0)
  csrr x13, mip
  CHECK(x13, 0)
  li x11, SOC_TIMER_BASE
  lw x13, SOC_TIMER_MSIP(x11)
  CHECK(x13, 0)

  // External interrupt (SoC EXT_IRQ)
  TEST_CASE(30)
  EXT_IRQ(1)
  lw x13, SOC_CTRL_EXT_IRQ(x11)
  CHECK(x13, 1)
  csrr x13, mip
  CHECK(x13, MIP_MEIP)
  TEST_CASE(31)
  li x11, MIP_MEIP
  csrw mie, x11
  TRAP_EXPECT(1)
  csrsi mstatus, MSTATUS_MIE
5:
  nop
  csrci mstatus, MSTATUS_MIE
  CHECK_ONE_TRAP(CAUSE_IRQ_EXT, 5b)
  CHECK_TRAP(TS_TVAL, 0)
  csrr x13, mip
  CHECK(x13, 0)
  li x11, SOC_CTRL_BASE
  lw x13, SOC_CTRL_EXT_IRQ(x11)
  CHECK(x13, 0)
  TEST_CASE(32)                // clearing the line before enabling: nothing is taken
  EXT_IRQ(1)
  EXT_IRQ(0)
  csrsi mstatus, MSTATUS_MIE
  nop
  nop
  csrci mstatus, MSTATUS_MIE
  TEST_CASE(33)                // raised by a store while enabled: taken within a few instructions
  li x11, MIP_MEIP
  csrw mie, x11
  li x11, SOC_CTRL_BASE
  li x12, 1
  TRAP_EXPECT(1)
  csrsi mstatus, MSTATUS_MIE
  sw x12, SOC_CTRL_EXT_IRQ(x11)
7:
  nop
  nop
  nop
  nop
8:
  csrci mstatus, MSTATUS_MIE
  CHECK_TRAP(TS_COUNT, 1)
  CHECK_TRAP(TS_CAUSE, CAUSE_IRQ_EXT)
  TRAP_FIELD(x13, TS_EPC)
  la x14, 7b
  la x15, 8b
  bltu x13, x14, 9f
  bltu x15, x13, 9f
  j 10f
9:
  j test_fail
10:
  TEST_CASE(34)                // mret into a pending interrupt: taken at the mret target
  EXT_IRQ(1)
  li x11, MSTATUS_MPIE
  csrw mstatus, x11
  la x11, 11f
  csrw mepc, x11
  TRAP_EXPECT(1)
  mret
  j test_fail
11:
  nop
  csrci mstatus, MSTATUS_MIE
  CHECK_ONE_TRAP(CAUSE_IRQ_EXT, 11b)
  csrw mie, x0

  // Priority: external > software > timer
  TEST_CASE(40)                // all three pending: taken one after the other, in order
  TIMER_NOW
  SOFT_IRQ(1)
  EXT_IRQ(1)
  csrr x13, mip
  CHECK(x13, MIP_MEIP | MIP_MSIP | MIP_MTIP)
  li x11, MIP_MEIP | MIP_MSIP | MIP_MTIP
  csrw mie, x11
  TRAP_EXPECT(3)
  csrsi mstatus, MSTATUS_MIE
  nop
  csrci mstatus, MSTATUS_MIE
  CHECK_TRAP(TS_COUNT, 3)
  CHECK_TRAP(TS_LOG + 0, CAUSE_IRQ_EXT)
  CHECK_TRAP(TS_LOG + 4, CAUSE_IRQ_SOFT)
  CHECK_TRAP(TS_LOG + 8, CAUSE_IRQ_TIMER)
  TEST_CASE(41)                // timer and external
  TIMER_NOW
  EXT_IRQ(1)
  TRAP_EXPECT(2)
  csrsi mstatus, MSTATUS_MIE
  nop
  csrci mstatus, MSTATUS_MIE
  CHECK_TRAP(TS_COUNT, 2)
  CHECK_TRAP(TS_LOG + 0, CAUSE_IRQ_EXT)
  CHECK_TRAP(TS_LOG + 4, CAUSE_IRQ_TIMER)
  TEST_CASE(42)                // timer and software
  SOFT_IRQ(1)
  TIMER_NOW
  TRAP_EXPECT(2)
  csrsi mstatus, MSTATUS_MIE
  nop
  csrci mstatus, MSTATUS_MIE
  CHECK_TRAP(TS_COUNT, 2)
  CHECK_TRAP(TS_LOG + 0, CAUSE_IRQ_SOFT)
  CHECK_TRAP(TS_LOG + 4, CAUSE_IRQ_TIMER)
  TEST_CASE(43)                // a pending source whose mie bit is clear does not get in the way
  TIMER_NOW
  SOFT_IRQ(1)
  li x11, MIP_MTIP
  csrw mie, x11
  TRAP_EXPECT(1)
  csrsi mstatus, MSTATUS_MIE
  nop
  csrci mstatus, MSTATUS_MIE
  CHECK_TRAP(TS_COUNT, 1)
  CHECK_TRAP(TS_CAUSE, CAUSE_IRQ_TIMER)
  SOFT_IRQ(0)

  // An interrupt pending before an ecall is taken first; then the ecall traps as usual
  TEST_CASE(50)
  TIMER_NOW
  li x11, MIP_MTIP
  csrw mie, x11
  TRAP_EXPECT(2)
  csrsi mstatus, MSTATUS_MIE
6:
  ecall
  csrci mstatus, MSTATUS_MIE
  CHECK_TRAP(TS_COUNT, 2)
  CHECK_TRAP(TS_LOG + 0, CAUSE_IRQ_TIMER)
  CHECK_TRAP(TS_LOG + 4, CAUSE_ECALL_M)
  CHECK_TRAP_ADDR(TS_EPC, 6b)
  csrw mie, x0
TEST_END
