// ISA test: the counters (Zicntr, Zihpm). minstret counts retired instructions exactly (a CSR read
// sees the value before its own instruction, a CSR write replaces that instruction's increment),
// carries into the high half, mcountinhibit freezes counters, mhpmevent3..10 select events from
// spec/hpm_events.h and count them exactly, unknown events and counters 11..31 read 0, and the
// user-level shadows (cycle, time, instret, hpmcounterN) are readable but not writable.
#include "test_macros.h"

#include "hpm_events.h"
// An event number the table does not have: mhpmevent reads it back as 0.
#define EV_UNKNOWN HPM_EVENT_COUNT

TEST_BEGIN
#define INHIBIT_WRITE 0xFFFFFFFF  // bits 0, 2 .. 10 stick; bit 1 reads 0
#define INHIBIT_READ  0x000007FD
#include "counters_base.inc"

  // mhpmevent: known event numbers stick, others read 0
  TEST_CSR_WRITE(30, mhpmevent3, HPM_EV_LOAD, HPM_EV_LOAD)
  TEST_CSR_WRITE(31, mhpmevent4, HPM_EV_ICACHE_MISS, HPM_EV_ICACHE_MISS)
  TEST_CSR_WRITE(32, mhpmevent4, EV_UNKNOWN, 0)
  TEST_CSR_WRITE(33, mhpmevent5, HPM_EV_STORE, HPM_EV_STORE)
  TEST_CSR_WRITE(34, mhpmevent5, 0xFFFFFFFF, 0)
  TEST_CSR_WRITE(35, mhpmevent6, 1000, 0)
  TEST_CSR_WRITE(36, mhpmevent10, 0x80000011, 0)               // LOAD with a high bit set
  // counters 11 .. 31 and their events: read 0, writes legal and ignored
  TEST_CSR_WRITE(37, mhpmcounter11, 0x1234, 0)
  TEST_CSR_WRITE(38, mhpmcounter11h, 0x1234, 0)
  TEST_CSR_WRITE(39, mhpmevent11, HPM_EV_LOAD, 0)
  TEST_CSR_WRITE(40, mhpmcounter31, 0x1234, 0)
  TEST_CSR_WRITE(41, mhpmevent31, HPM_EV_INSTRET, 0)
  TEST_CSR_READ(42, hpmcounter11, 0)
  TEST_CSR_READ(43, hpmcounter31h, 0)
  // a counter with no event keeps what is written, both halves
  TEST_CASE(44)
  csrw mhpmevent8, x0
  li x11, 0x12345678
  csrw mhpmcounter8, x11
  li x11, 0xABCD
  csrw mhpmcounter8h, x11
  nop
  csrr x13, mhpmcounter8
  CHECK(x13, 0x12345678)
  csrr x13, mhpmcounter8h
  CHECK(x13, 0xABCD)

  // Events counted exactly over a known stretch of code
  li x11, HPM_EV_LOAD
  csrw mhpmevent3, x11
  li x11, HPM_EV_STORE
  csrw mhpmevent4, x11
  li x11, HPM_EV_BRANCH
  csrw mhpmevent5, x11
  li x11, HPM_EV_JUMP
  csrw mhpmevent6, x11
  li x11, HPM_EV_INSTRET
  csrw mhpmevent7, x11
  TEST_CASE(50)
  la x11, data
  la x13, 3f
  csrw mhpmcounter3, x0
  csrw mhpmcounter4, x0
  csrw mhpmcounter5, x0
  csrw mhpmcounter6, x0
  csrw mhpmcounter7, x0
  lw x12, 0(x11)               // load 1
  lb x12, 1(x11)               // load 2
  sw x12, 4(x11)               // store 1
  lhu x12, 2(x11)              // load 3
  sh x12, 6(x11)               // store 2
  beq x0, x0, 1f               // branch 1, taken
  nop                          // (skipped)
1:
  bne x0, x0, 1b               // branch 2, not taken
  jal x1, 2f                   // jump 1
2:
  jalr x1, 0(x13)              // jump 2
3:
  sb x12, 8(x11)               // store 3
  lbu x12, 3(x11)              // load 4
  blt x0, x0, 1b               // branch 3, not taken
  csrr x24, mhpmcounter7       // 12 instructions since the counter was zeroed (nop skipped)
  csrr x20, mhpmcounter3
  csrr x21, mhpmcounter4
  csrr x22, mhpmcounter5
  csrr x23, mhpmcounter6
  TEST_EQ(51, x20, 4)          // LOAD
  TEST_EQ(52, x21, 3)          // STORE
  TEST_EQ(53, x22, 3)          // BRANCH: taken or not
  TEST_EQ(54, x23, 2)          // JUMP: jal and jalr
  TEST_EQ(55, x24, 12)         // INSTRET
  TEST_CASE(56)                // INSTRET counter: a write replaces its writer's increment
  csrw mhpmcounter7, x0
  csrr x13, mhpmcounter7
  CHECK(x13, 0)
  TEST_CASE(57)                // ... and carries into the high half
  csrw mhpmcounter7h, x0
  li x11, -1
  csrw mhpmcounter7, x11
  nop
  csrr x13, mhpmcounter7h
  CHECK(x13, 1)
  TEST_CASE(58)                // mcountinhibit bit 3 freezes mhpmcounter3 (LOAD)
  li x11, 1 << 3
  csrw mcountinhibit, x11
  la x11, data
  csrw mhpmcounter3, x0
  lw x12, 0(x11)
  lw x12, 4(x11)
  csrr x13, mhpmcounter3
  csrw mcountinhibit, x0
  CHECK(x13, 0)
  TEST_CASE(59)                // a failing load does not retire, so it is no LOAD
  la x11, data
  csrw mhpmcounter3, x0
  lw x12, 0(x11)
  csrr x20, mhpmcounter3       // read before the handler's own loads count
  TRAP_EXPECT(1)
  lw x12, 1(x11)
  CHECK(x20, 1)
  CHECK_TRAP(TS_CAUSE, CAUSE_MISALIGNED_LOAD)

  // TRAP and INTERRUPT count exceptions and interrupts taken
  li x11, HPM_EV_TRAP
  csrw mhpmevent9, x11
  li x11, HPM_EV_INTERRUPT
  csrw mhpmevent10, x11
  TEST_CASE(60)
  TRAP_EXPECT(3)
  csrw mhpmcounter9, x0
  csrw mhpmcounter10, x0
  ecall
  ebreak
  .word 0
  csrr x20, mhpmcounter9
  csrr x21, mhpmcounter10
  CHECK(x20, 3)
  CHECK(x21, 0)
  TEST_CASE(61)                // one software interrupt
  TRAP_EXPECT(1)
  csrw mhpmcounter9, x0
  csrw mhpmcounter10, x0
  li x11, SOC_TIMER_BASE
  li x12, 1
  sw x12, SOC_TIMER_MSIP(x11)
  csrsi mie, MIP_MSIP
  csrsi mstatus, MSTATUS_MIE
  WAIT_TRAPS(1, 100)
  csrci mstatus, MSTATUS_MIE
  csrw mie, x0
  csrr x20, mhpmcounter9
  csrr x21, mhpmcounter10
  CHECK(x20, 0)
  CHECK(x21, 1)
  CHECK_TRAP(TS_CAUSE, CAUSE_IRQ_SOFT)

  // Instructions that trap do not retire, so they count as no event either. A tiny handler reads
  // the counters first thing (x20 .. x24); the trapping instruction must not have added to them.
  la x11, read_handler
  csrw mtvec, x11
  li x11, HPM_EV_INSTRET
  csrw mhpmevent8, x11
  TEST_CASE(62)                // a misaligned load: no LOAD
  la x11, data
  csrr x19, mhpmcounter3
  lw x12, 2(x11)
  CHECK_REG(x20, x19)
  TEST_CASE(63)                // a misaligned store: no STORE
  csrr x19, mhpmcounter4
  sw x12, 1(x11)
  CHECK_REG(x21, x19)
  TEST_CASE(64)                // a taken branch to a misaligned target: no BRANCH
  csrr x19, mhpmcounter5
  beq x0, x0, 6f + 2
  CHECK_REG(x22, x19)
  TEST_CASE(65)                // a jump to a misaligned target: no JUMP
  csrr x19, mhpmcounter6
  jal x1, 6f + 2
  CHECK_REG(x23, x19)
  TEST_CASE(66)                // ecall: no INSTRET event (only the csrr before it counts)
  csrr x19, mhpmcounter8
  ecall
  sub x13, x24, x19
  CHECK(x13, 1 + 4)            // + the handler's four csrr before it reads mhpmcounter8
  la x11, test_trap_vector
  csrw mtvec, x11
  j 7f
  .balign 4
6:
  j test_fail
  j test_fail
read_handler:
  csrr x20, mhpmcounter3
  csrr x21, mhpmcounter4
  csrr x22, mhpmcounter5
  csrr x23, mhpmcounter6
  csrr x24, mhpmcounter8
  csrr x25, mepc
  addi x25, x25, 4
  csrw mepc, x25
  mret
7:

  // The user-level shadows read the machine counters
  TEST_CASE(70)
  csrr x11, minstret
  csrr x12, instret
  sub x13, x12, x11
  CHECK(x13, 1)
  TEST_CASE(71)
  csrr x11, minstreth
  csrr x12, instreth
  CHECK_REG(x11, x12)
  TEST_CASE(72)
  csrr x11, mcycle
  csrr x12, cycle
  sub x13, x12, x11
  CHECK_RANGE(x13, 1, 100)
  TEST_CASE(73)
  csrr x11, mcycleh
  csrr x12, cycleh
  CHECK_REG(x11, x12)
  TEST_CASE(74)                // hpmcounter7 shadows mhpmcounter7 (INSTRET)
  csrr x11, mhpmcounter7
  csrr x12, hpmcounter7
  sub x13, x12, x11
  CHECK(x13, 1)
  TEST_CASE(75)
  csrr x11, mhpmcounter7h
  csrr x12, hpmcounter7h
  CHECK_REG(x11, x12)
  TEST_CASE(76)                // time reads mtime: a memory read of mtime lies between two reads
  li x15, SOC_TIMER_BASE
  csrr x11, time
  lw x12, SOC_TIMER_MTIME(x15)
  csrr x13, time
  CHECK_RANGE(x12, 0, 0xFFFFFFFF)
  bltu x12, x11, 4f
  bltu x13, x12, 4f
  j 5f
4:
  j test_fail
5:
  TEST_CASE(77)
  csrr x11, timeh
  lw x12, SOC_TIMER_MTIMEH(x15)
  CHECK_REG(x11, x12)
  TEST_CASE(78)                // time advances
  csrr x11, time
  nop
  nop
  nop
  csrr x12, time
  sub x13, x12, x11
  CHECK_RANGE(x13, 1, 1000)

  // The shadows are read-only: every write form is illegal, reads with x0 / 0 are fine
  li x11, 0
  TEST_ILLEGAL(80, csrrw x0, cycle, x11)
  TEST_ILLEGAL(81, csrrw x0, time, x11)
  TEST_ILLEGAL(82, csrrw x0, instret, x11)
  TEST_ILLEGAL(83, csrrw x0, cycleh, x11)
  TEST_ILLEGAL(84, csrrw x0, timeh, x11)
  TEST_ILLEGAL(85, csrrw x0, instreth, x11)
  TEST_ILLEGAL(86, csrrw x0, hpmcounter3, x11)
  TEST_ILLEGAL(87, csrrw x0, hpmcounter31h, x11)
  TEST_ILLEGAL(88, csrrs x13, cycle, x11)        // rs1 is not x0, though it holds 0
  TEST_ILLEGAL(89, csrrci x13, instret, 1)
  TEST_NO_TRAP(90, csrrs x13, cycle, x0)
  TEST_NO_TRAP(91, csrrsi x13, time, 0)
  TEST_NO_TRAP(92, csrrc x13, instreth, x0)
  TEST_NO_TRAP(93, csrrci x13, hpmcounter3, 0)
TEST_END

TEST_DATA_BEGIN
data:
  .word 0x11223344, 0x55667788, 0x99AABBCC, 0
TEST_DATA_END
