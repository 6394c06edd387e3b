// ISA test: mtvec vectored mode (MODE = 1). Interrupt n enters at BASE + 4n (software 3, timer 7,
// external 11), every exception at BASE; mtvec reads back BASE | 1. Each slot of our table records
// its number in test_trap_state's TS_VECTOR, then runs the framework's handler.
#include "test_macros.h"

#define SLOT_NONE 0xFFFFFFFF
#define CLEAR_SLOT                                                                               \
  la x11, test_trap_state;                                                                       \
  li x12, SLOT_NONE;                                                                             \
  sw x12, TS_VECTOR(x11)

TEST_BEGIN
  TEST_CASE(1)
  la x11, vector_table + 1
  csrw mtvec, x11
  csrr x13, mtvec
  CHECK_ADDR(x13, vector_table + 1)

  TEST_CASE(2)                 // timer: slot 7
  CLEAR_SLOT
  li x11, SOC_TIMER_BASE
  sw x0, SOC_TIMER_MTIMECMPH(x11)
  sw x0, SOC_TIMER_MTIMECMP(x11)
  li x11, MIP_MTIP
  csrw mie, x11
  TRAP_EXPECT(1)
  csrsi mstatus, MSTATUS_MIE
1:
  nop
  csrci mstatus, MSTATUS_MIE
  CHECK_ONE_TRAP(CAUSE_IRQ_TIMER, 1b)
  CHECK_TRAP(TS_VECTOR, 7)

  TEST_CASE(3)                 // software: slot 3
  CLEAR_SLOT
  li x11, SOC_TIMER_BASE
  li x12, 1
  sw x12, SOC_TIMER_MSIP(x11)
  li x11, MIP_MSIP
  csrw mie, x11
  TRAP_EXPECT(1)
  csrsi mstatus, MSTATUS_MIE
2:
  nop
  csrci mstatus, MSTATUS_MIE
  CHECK_ONE_TRAP(CAUSE_IRQ_SOFT, 2b)
  CHECK_TRAP(TS_VECTOR, 3)

  TEST_CASE(4)                 // external: slot 11
  CLEAR_SLOT
  li x11, SOC_CTRL_BASE
  li x12, 1
  sw x12, SOC_CTRL_EXT_IRQ(x11)
  li x11, MIP_MEIP
  csrw mie, x11
  TRAP_EXPECT(1)
  csrsi mstatus, MSTATUS_MIE
3:
  nop
  csrci mstatus, MSTATUS_MIE
  CHECK_ONE_TRAP(CAUSE_IRQ_EXT, 3b)
  CHECK_TRAP(TS_VECTOR, 11)
  csrw mie, x0

  // exceptions all go to BASE, whatever their cause number
  TEST_CASE(5)
  CLEAR_SLOT
  TEST_TRAP(6, CAUSE_ECALL_M, 0, ecall)
  CHECK_TRAP(TS_VECTOR, 0)
  TEST_CASE(7)
  CLEAR_SLOT
  TEST_TRAP_PC(8, CAUSE_BREAKPOINT, ebreak)
  CHECK_TRAP(TS_VECTOR, 0)
  TEST_CASE(9)
  CLEAR_SLOT
  TEST_TRAP(10, CAUSE_LOAD_ACCESS, 0, lw x13, 0(x0))
  CHECK_TRAP(TS_VECTOR, 0)
  TEST_CASE(11)
  CLEAR_SLOT
  TEST_ILLEGAL(12, .word 0)
  CHECK_TRAP(TS_VECTOR, 0)

  TEST_CASE(13)                // back to direct mode: an interrupt goes to BASE again
  la x11, vector_table
  csrw mtvec, x11
  CLEAR_SLOT
  li x11, SOC_TIMER_BASE
  sw x0, SOC_TIMER_MTIMECMPH(x11)
  sw x0, SOC_TIMER_MTIMECMP(x11)
  li x11, MIP_MTIP
  csrw mie, x11
  TRAP_EXPECT(1)
  csrsi mstatus, MSTATUS_MIE
  nop
  csrci mstatus, MSTATUS_MIE
  csrw mie, x0
  CHECK_TRAP(TS_CAUSE, CAUSE_IRQ_TIMER)
  CHECK_TRAP(TS_VECTOR, 0)
  la x11, test_trap_vector
  csrw mtvec, x11
  j 9f

  // The table: one jump per slot. A slot no case should reach fails the running case.
  .balign 256
vector_table:
  j slot0
  j test_fail                  // 1
  j test_fail                  // 2
  j slot3
  j test_fail                  // 4
  j test_fail                  // 5
  j test_fail                  // 6
  j slot7
  j test_fail                  // 8
  j test_fail                  // 9
  j test_fail                  // 10
  j slot11
  j test_fail                  // 12 .. 15
  j test_fail
  j test_fail
  j test_fail

#define SLOT(n)                                                                                  \
slot##n:                                                                                         \
  la TMP1, test_trap_state;                                                                      \
  li TMP2, n;                                                                                    \
  sw TMP2, TS_VECTOR(TMP1);                                                                      \
  j test_trap_vector
  SLOT(0)
  SLOT(3)
  SLOT(7)
  SLOT(11)
9:
TEST_END
