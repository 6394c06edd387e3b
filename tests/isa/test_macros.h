/* Our self-checking ISA test framework: C preprocessor + GNU as macros for bare programs (own
 * _start, no runtime) that check one instruction behaviour per numbered case and end through the
 * SoC EXIT register: status 0 when every case passed, else the number of the first failing case.
 *
 * Layout of a test file:
 *     #include "test_macros.h"
 *     TEST_BEGIN
 *       TEST_RR(1, add, 3, 1, 2)
 *       ...
 *     TEST_END
 *     TEST_DATA_BEGIN          (optional: data the cases use)
 *       ...
 *     TEST_DATA_END
 *
 * Exit status (coresim passes program statuses up to 123 through unchanged; the codes stay below):
 *     0            every case passed
 *     1 .. 99      the number of the first failing case (case numbers are checked at build time)
 *     100 + c      an exception with mcause c (0 .. 15) that no case expected
 *     116 .. 118   an interrupt that no case expected: 116 software, 117 timer, 118 external
 *     120          a failure before the first numbered case
 *
 * Registers: x31 holds the current case number, x29 and x30 are scratch for the macros and the trap
 * handler. Tests use x1 .. x28 only. While interrupts are enabled the handler may change x29/x30
 * between any two instructions, so keep the checks for after mstatus.MIE is cleared again.
 *
 * Expected traps: TRAP_EXPECT(n) allows the next n traps. The handler records mcause, mepc, mtval
 * and mstatus (at entry) into test_trap_state, and returns to the resume address if one was set
 * with TRAP_RESUME_AT, else to mepc + 4 for an exception (the faulting instruction is skipped) and
 * to mepc for an interrupt, after silencing the interrupt's source (msip, mtimecmp, EXT_IRQ).
 *
 * Cross-checking: built with -DTEST_QEMU_VIRT, the tests end through the test finisher of QEMU's
 * virt machine instead, so the expected values of the pure-ISA tests can be checked against
 * QEMU. */
#ifndef CORELAB_TEST_MACROS_H
#define CORELAB_TEST_MACROS_H

#include "soc_map.h"

#define TESTNUM x31
#define TMP1 x30
#define TMP2 x29

#define TEST_MAX_CASE 99
#define TEST_FAIL_EXCEPTION 100
#define TEST_FAIL_INTERRUPT 116
#define TEST_FAIL_UNNUMBERED 120

/* Offsets into test_trap_state. */
#define TS_ARMED   0  /* traps still allowed */
#define TS_COUNT   4  /* traps taken since the last TRAP_EXPECT */
#define TS_CAUSE   8  /* mcause of the last trap */
#define TS_EPC     12 /* mepc of the last trap */
#define TS_TVAL    16 /* mtval of the last trap */
#define TS_STATUS  20 /* mstatus in the handler of the last trap */
#define TS_RESUME  24 /* where to resume after the next trap (0: default, see above) */
#define TS_VECTOR  28 /* free for tests: vectored-mode entries record their slot here */
#define TS_LOG     32 /* mcause of the first TS_LOG_LEN traps since the last TRAP_EXPECT */
#define TS_LOG_LEN 8
#define TS_SIZE    (TS_LOG + 4 * TS_LOG_LEN)

#define MCAUSE_IRQ 0x80000000
#define CAUSE_MISALIGNED_FETCH 0
#define CAUSE_FETCH_ACCESS     1
#define CAUSE_ILLEGAL          2
#define CAUSE_BREAKPOINT       3
#define CAUSE_MISALIGNED_LOAD  4
#define CAUSE_LOAD_ACCESS      5
#define CAUSE_MISALIGNED_STORE 6
#define CAUSE_STORE_ACCESS     7
#define CAUSE_ECALL_M          11
#define CAUSE_IRQ_SOFT   (MCAUSE_IRQ | 3)
#define CAUSE_IRQ_TIMER  (MCAUSE_IRQ | 7)
#define CAUSE_IRQ_EXT    (MCAUSE_IRQ | 11)

#define MSTATUS_MIE  0x00000008
#define MSTATUS_MPIE 0x00000080
#define MSTATUS_MPP  0x00001800
#define MIP_MSIP 0x008
#define MIP_MTIP 0x080
#define MIP_MEIP 0x800

/* ---------------------------------------------------------------------------------------------- */
/* Program frame                                                                                  */

#ifdef TEST_QEMU_VIRT
#define TEST_EXIT_PASS                                                                           \
  li TMP1, 0x100000; li TMP2, 0x5555; sw TMP2, 0(TMP1)
#define TEST_EXIT_FAIL                                                                           \
  slli TMP2, TESTNUM, 16; li TMP1, 0x3333; or TMP2, TMP2, TMP1; li TMP1, 0x100000;              \
  sw TMP2, 0(TMP1)
#else
#define TEST_EXIT_PASS                                                                           \
  li TMP1, SOC_CTRL_BASE + SOC_CTRL_EXIT; li TMP2, 1; sw TMP2, 0(TMP1)
#define TEST_EXIT_FAIL                                                                           \
  slli TMP2, TESTNUM, 1; ori TMP2, TMP2, 1; li TMP1, SOC_CTRL_BASE + SOC_CTRL_EXIT;             \
  sw TMP2, 0(TMP1)
#endif

/* norelax: the linker must not turn `la` into gp-relative addressing (gp is an ordinary register
 * here) nor change the size of any instruction the cases place on purpose. */
#define TEST_BEGIN                                                                               \
  .option norelax;                                                                               \
  .section .text.init, "ax";                                                                     \
  .globl _start;                                                                                 \
_start:                                                                                          \
  li TESTNUM, 0;                                                                                 \
  la TMP1, test_trap_vector;                                                                     \
  csrw mtvec, TMP1;                                                                              \
  csrw mie, zero;                                                                                \
  TRAP_EXPECT(0)

#define TEST_END                                                                                 \
test_pass:                                                                                       \
  TEST_EXIT_PASS;                                                                                \
7700: j 7700b;                                                                                   \
                                                                                                 \
  /* Failure: the exit status is the case number; never 0, which would read as a pass. */        \
test_fail:                                                                                       \
  bnez TESTNUM, 7701f;                                                                           \
  li TESTNUM, TEST_FAIL_UNNUMBERED;                                                              \
7701:                                                                                            \
  TEST_EXIT_FAIL;                                                                                \
7702: j 7702b;                                                                                   \
                                                                                                 \
  /* The trap handler. Only x29/x30 may change: cases check the other registers after a trap. */ \
  .balign 4;                                                                                     \
  .globl test_trap_vector;                                                                       \
test_trap_vector:                                                                                \
  la TMP1, test_trap_state;                                                                      \
  lw TMP2, TS_ARMED(TMP1);                                                                       \
  beqz TMP2, test_trap_unexpected;                                                               \
  addi TMP2, TMP2, -1;                                                                           \
  sw TMP2, TS_ARMED(TMP1);                                                                       \
  lw TMP2, TS_COUNT(TMP1);                                                                       \
  addi TMP2, TMP2, 1;                                                                            \
  sw TMP2, TS_COUNT(TMP1);                                                                       \
  /* log slot = TS_LOG + 4 * (count - 1), while there is room */                                 \
  addi TMP2, TMP2, -(TS_LOG_LEN + 1);                                                            \
  bgez TMP2, 7703f;                                                                              \
  addi TMP2, TMP2, TS_LOG_LEN;                                                                   \
  slli TMP2, TMP2, 2;                                                                            \
  add TMP1, TMP1, TMP2;                                                                          \
  csrr TMP2, mcause;                                                                             \
  sw TMP2, TS_LOG(TMP1);                                                                         \
  la TMP1, test_trap_state;                                                                      \
7703:                                                                                            \
  csrr TMP2, mcause;                                                                             \
  sw TMP2, TS_CAUSE(TMP1);                                                                       \
  csrr TMP2, mepc;                                                                               \
  sw TMP2, TS_EPC(TMP1);                                                                         \
  csrr TMP2, mtval;                                                                              \
  sw TMP2, TS_TVAL(TMP1);                                                                        \
  csrr TMP2, mstatus;                                                                            \
  sw TMP2, TS_STATUS(TMP1);                                                                      \
  lw TMP2, TS_RESUME(TMP1);                                                                      \
  sw zero, TS_RESUME(TMP1);                                                                      \
  bnez TMP2, 7704f;                                                                              \
  csrr TMP2, mcause;                                                                             \
  bltz TMP2, test_trap_silence;                                                                  \
  csrr TMP2, mepc;                                                                               \
  addi TMP2, TMP2, 4;                                                                            \
7704:                                                                                            \
  csrw mepc, TMP2;                                                                               \
  mret;                                                                                          \
                                                                                                 \
  /* An interrupt: silence its source so that mret does not bring us straight back. */           \
test_trap_silence:                                                                               \
  andi TMP2, TMP2, 0x1f;                                                                         \
  addi TMP2, TMP2, -3;                                                                           \
  beqz TMP2, 7705f;                                                                              \
  addi TMP2, TMP2, -4;                                                                           \
  beqz TMP2, 7706f;                                                                              \
  addi TMP2, TMP2, -4;                                                                           \
  beqz TMP2, 7707f;                                                                              \
  j test_trap_unexpected;                                                                        \
7705:                                                                                            \
  li TMP1, SOC_TIMER_BASE + SOC_TIMER_MSIP;                                                      \
  sw zero, 0(TMP1);                                                                              \
  mret;                                                                                          \
7706:                                                                                            \
  li TMP1, SOC_TIMER_BASE;                                                                       \
  li TMP2, -1;                                                                                   \
  sw TMP2, SOC_TIMER_MTIMECMP(TMP1);                                                             \
  sw TMP2, SOC_TIMER_MTIMECMPH(TMP1);                                                            \
  mret;                                                                                          \
7707:                                                                                            \
  li TMP1, SOC_CTRL_BASE + SOC_CTRL_EXT_IRQ;                                                     \
  sw zero, 0(TMP1);                                                                              \
  mret;                                                                                          \
                                                                                                 \
  /* A trap no case expected: 100 + cause for exceptions, 116 + cause / 4 for interrupts. */     \
test_trap_unexpected:                                                                            \
  csrr TMP2, mcause;                                                                             \
  li TESTNUM, TEST_FAIL_EXCEPTION;                                                               \
  bgez TMP2, 7708f;                                                                              \
  li TESTNUM, TEST_FAIL_INTERRUPT;                                                               \
  srli TMP2, TMP2, 2;                                                                            \
  andi TMP2, TMP2, 0x3;                                                                          \
  add TESTNUM, TESTNUM, TMP2;                                                                    \
  j test_fail;                                                                                   \
7708:                                                                                            \
  andi TMP2, TMP2, 0xf;                                                                          \
  add TESTNUM, TESTNUM, TMP2;                                                                    \
  j test_fail;                                                                                   \
                                                                                                 \
  .pushsection .data;                                                                            \
  .balign 64;                                                                                    \
  .globl test_trap_state;                                                                        \
test_trap_state:                                                                                 \
  .fill TS_SIZE / 4, 4, 0;                                                                       \
  .popsection

/* Data the cases use goes between these two (in .data, 16-byte aligned). */
#define TEST_DATA_BEGIN                                                                          \
  .data;                                                                                         \
  .balign 16;

#define TEST_DATA_END                                                                            \
  .text

/* ---------------------------------------------------------------------------------------------- */
/* Case numbers and plain checks                                                                  */

/* Starts case `num`: a failing check from here on exits with status `num`. */
#define TEST_CASE(num)                                                                           \
  .if ((num) < 1) || ((num) > TEST_MAX_CASE);                                                    \
  .error "test case numbers must be 1 .. 99";                                                   \
  .endif;                                                                                        \
  li TESTNUM, num

/* Fails the current case unless register `reg` holds `val` (a constant). */
#define CHECK(reg, val)                                                                          \
  li TMP2, val;                                                                                  \
  beq reg, TMP2, 7710f;                                                                          \
  j test_fail;                                                                                   \
7710:

/* Fails the current case unless register `reg` holds the address `addr` (a label expression). */
#define CHECK_ADDR(reg, addr)                                                                    \
  la TMP2, addr;                                                                                 \
  beq reg, TMP2, 7711f;                                                                          \
  j test_fail;                                                                                   \
7711:

/* Fails the current case unless registers `ra_` and `rb_` are equal. */
#define CHECK_REG(ra_, rb_)                                                                      \
  beq ra_, rb_, 7712f;                                                                           \
  j test_fail;                                                                                   \
7712:

/* Fails the current case unless the unsigned register value lies in [lo, hi]. */
#define CHECK_RANGE(reg, lo, hi)                                                                 \
  li TMP2, lo;                                                                                   \
  bgeu reg, TMP2, 7713f;                                                                         \
  j test_fail;                                                                                   \
7713:                                                                                            \
  li TMP2, hi;                                                                                   \
  bgeu TMP2, reg, 7714f;                                                                         \
  j test_fail;                                                                                   \
7714:

/* rd = 1 on the out-of-order core (the SoC's CORE_KIND register reads SOC_CORE_OOO), else 0,
 * for checks of that core's own counter events. */
#define IS_OOO_CORE(rd)                                                                          \
  li TMP1, SOC_CTRL_BASE;                                                                        \
  lw TMP1, SOC_CTRL_CORE_KIND(TMP1);                                                             \
  addi TMP1, TMP1, -SOC_CORE_OOO;                                                                \
  seqz rd, TMP1

/* rd = base, known only after two divisions (x7 = 1): a value (a branch's condition, an address)
 * that comes late. */
#define LATE(rd, base)                                                                           \
  divu rd, base, x7;                                                                             \
  divu rd, rd, x7

/* On the out-of-order core (x24 = 1, from IS_OOO_CORE), the mispredictions that mhpmcounter3
 * counts (mhpmevent3 = HPM_EV_MISPREDICT) since x25's count lie in [0, hi]. */
#define EXPECT_MISPREDICTS(hi)                                                                   \
  csrr x26, mhpmcounter3;                                                                        \
  sub x26, x26, x25;                                                                             \
  beqz x24, 7734f;                                                                               \
  CHECK_RANGE(x26, 0, hi);                                                                       \
7734:

/* Fails the current case unless (reg & mask) == val. */
#define CHECK_MASKED(reg, mask, val)                                                             \
  li TMP1, mask;                                                                                 \
  and TMP1, reg, TMP1;                                                                           \
  CHECK(TMP1, val)

/* Fails the current case unless the word at `addr` (a label expression) holds `val`. */
#define CHECK_MEM(addr, val)                                                                     \
  la TMP1, addr;                                                                                 \
  lw TMP1, 0(TMP1);                                                                              \
  CHECK(TMP1, val)

/* A check of its own: register `reg` holds `val`. */
#define TEST_EQ(num, reg, val)                                                                   \
  TEST_CASE(num);                                                                                \
  CHECK(reg, val)

/* ---------------------------------------------------------------------------------------------- */
/* Register-register and register-immediate operations                                            */

/* rd = op(rs1, rs2) with distinct registers; the sources must be left untouched. */
#define TEST_RR(num, op, result, val1, val2)                                                     \
  TEST_CASE(num);                                                                                \
  li x11, val1;                                                                                  \
  li x12, val2;                                                                                  \
  op x13, x11, x12;                                                                              \
  CHECK(x13, result);                                                                            \
  CHECK(x11, val1);                                                                              \
  CHECK(x12, val2)

/* The same with explicit registers, to spread the cases over the register file. */
#define TEST_RR_REGS(num, op, result, rd, rs1, val1, rs2, val2)                                  \
  TEST_CASE(num);                                                                                \
  li rs1, val1;                                                                                  \
  li rs2, val2;                                                                                  \
  op rd, rs1, rs2;                                                                               \
  CHECK(rd, result)

/* rd == rs1: the operation must read its source before it writes the result. */
#define TEST_RR_DEST_SRC1(num, op, result, val1, val2)                                           \
  TEST_CASE(num);                                                                                \
  li x14, val1;                                                                                  \
  li x15, val2;                                                                                  \
  op x14, x14, x15;                                                                              \
  CHECK(x14, result);                                                                            \
  CHECK(x15, val2)

/* rd == rs2 */
#define TEST_RR_DEST_SRC2(num, op, result, val1, val2)                                           \
  TEST_CASE(num);                                                                                \
  li x16, val1;                                                                                  \
  li x17, val2;                                                                                  \
  op x17, x16, x17;                                                                              \
  CHECK(x17, result);                                                                            \
  CHECK(x16, val1)

/* rd == rs1 == rs2 */
#define TEST_RR_DEST_SRC12(num, op, result, val)                                                 \
  TEST_CASE(num);                                                                                \
  li x18, val;                                                                                   \
  op x18, x18, x18;                                                                              \
  CHECK(x18, result)

/* rs1 == rs2, distinct rd */
#define TEST_RR_SRC12(num, op, result, val)                                                      \
  TEST_CASE(num);                                                                                \
  li x19, val;                                                                                   \
  op x20, x19, x19;                                                                              \
  CHECK(x20, result);                                                                            \
  CHECK(x19, val)

/* rs1 = x0 */
#define TEST_RR_ZERO_SRC1(num, op, result, val2)                                                 \
  TEST_CASE(num);                                                                                \
  li x21, val2;                                                                                  \
  op x22, x0, x21;                                                                               \
  CHECK(x22, result)

/* rs2 = x0 */
#define TEST_RR_ZERO_SRC2(num, op, result, val1)                                                 \
  TEST_CASE(num);                                                                                \
  li x23, val1;                                                                                  \
  op x24, x23, x0;                                                                               \
  CHECK(x24, result)

/* rd = x0: the result is discarded and x0 still reads 0. */
#define TEST_RR_ZERO_DEST(num, op, val1, val2)                                                   \
  TEST_CASE(num);                                                                                \
  li x25, val1;                                                                                  \
  li x26, val2;                                                                                  \
  op x0, x25, x26;                                                                               \
  CHECK(x0, 0);                                                                                  \
  add x27, x0, x0;                                                                               \
  CHECK(x27, 0)

/* rd = op(rs1, imm) */
#define TEST_IMM(num, op, result, val1, imm)                                                     \
  TEST_CASE(num);                                                                                \
  li x11, val1;                                                                                  \
  op x13, x11, imm;                                                                              \
  CHECK(x13, result);                                                                            \
  CHECK(x11, val1)

/* rd == rs1 */
#define TEST_IMM_DEST_SRC(num, op, result, val1, imm)                                            \
  TEST_CASE(num);                                                                                \
  li x14, val1;                                                                                  \
  op x14, x14, imm;                                                                              \
  CHECK(x14, result)

/* rs1 = x0 */
#define TEST_IMM_ZERO_SRC(num, op, result, imm)                                                  \
  TEST_CASE(num);                                                                                \
  op x22, x0, imm;                                                                               \
  CHECK(x22, result)

/* rd = x0 */
#define TEST_IMM_ZERO_DEST(num, op, val1, imm)                                                   \
  TEST_CASE(num);                                                                                \
  li x25, val1;                                                                                  \
  op x0, x25, imm;                                                                               \
  CHECK(x0, 0)

/* ---------------------------------------------------------------------------------------------- */
/* Loads and stores                                                                               */

/* rd = load(base + offset); base is a label expression. */
#define TEST_LOAD(num, op, result, base, offset)                                                 \
  TEST_CASE(num);                                                                                \
  la x11, base;                                                                                  \
  op x13, offset(x11);                                                                           \
  CHECK(x13, result);                                                                            \
  CHECK_ADDR(x11, base)

/* rd == base register */
#define TEST_LOAD_DEST_BASE(num, op, result, base, offset)                                       \
  TEST_CASE(num);                                                                                \
  la x14, base;                                                                                  \
  op x14, offset(x14);                                                                           \
  CHECK(x14, result)

/* rd = x0: the load happens, the value is dropped. */
#define TEST_LOAD_ZERO_DEST(num, op, base, offset)                                               \
  TEST_CASE(num);                                                                                \
  la x25, base;                                                                                  \
  op x0, offset(x25);                                                                            \
  CHECK(x0, 0)

/* The word that holds byte `base + offset` first holds STORE_FILL; after `op value, offset(base)`
 * it must hold `word`. The store's registers must be left untouched. */
#define STORE_FILL 0x44332211
#define TEST_STORE(num, op, value, base, offset, word)                                           \
  TEST_CASE(num);                                                                                \
  la x11, base;                                                                                  \
  addi x15, x11, offset;                                                                         \
  andi x15, x15, -4;                                                                             \
  li x16, STORE_FILL;                                                                            \
  sw x16, 0(x15);                                                                                \
  li x12, value;                                                                                 \
  op x12, offset(x11);                                                                           \
  lw x13, 0(x15);                                                                                \
  CHECK(x13, word);                                                                              \
  CHECK(x12, value);                                                                             \
  CHECK_ADDR(x11, base)

/* ---------------------------------------------------------------------------------------------- */
/* Branches                                                                                       */

/* `op rs1, rs2` must branch, both forwards and backwards, and leave its sources alone. */
#define TEST_BR_TAKEN(num, op, val1, val2)                                                       \
  TEST_CASE(num);                                                                                \
  li x11, val1;                                                                                  \
  li x12, val2;                                                                                  \
  op x11, x12, 7721f;                                                                            \
  j test_fail;                                                                                   \
7720:                                                                                            \
  j 7722f;                                                                                       \
7721:                                                                                            \
  op x11, x12, 7720b;                                                                            \
  j test_fail;                                                                                   \
7722:                                                                                            \
  CHECK(x11, val1);                                                                              \
  CHECK(x12, val2)

/* `op rs1, rs2` must fall through, both for a forward and a backward target. */
#define TEST_BR_NOT_TAKEN(num, op, val1, val2)                                                   \
  TEST_CASE(num);                                                                                \
  li x11, val1;                                                                                  \
  li x12, val2;                                                                                  \
  op x11, x12, 7723f;                                                                            \
  j 7724f;                                                                                       \
7723:                                                                                            \
  j test_fail;                                                                                   \
7724:                                                                                            \
  op x11, x12, 7723b;                                                                            \
  CHECK(x11, val1);                                                                              \
  CHECK(x12, val2)

/* ---------------------------------------------------------------------------------------------- */
/* Jumps                                                                                          */

/* `jal rd` over one instruction must land on its target and link rd (not x0) to pc + 4. */
#define TEST_JAL(num, rd)                                                                        \
  TEST_CASE(num);                                                                                \
  li rd, 0;                                                                                      \
  jal rd, 7750f;                                                                                 \
7751:                                                                                            \
  j test_fail;                                                                                   \
7750:                                                                                            \
  CHECK_ADDR(rd, 7751b)

/* `jalr rd, imm(rs1)` with rs1 = target - imm + bias must land on the target (bias 1: bit 0 of the
 * sum is cleared) and link rd (not x0) to pc + 4; rd may equal rs1. */
#define TEST_JALR(num, rd, rs1, imm, bias)                                                       \
  TEST_CASE(num);                                                                                \
  la rs1, 7752f - (imm) + (bias);                                                                \
  jalr rd, imm(rs1);                                                                             \
7753:                                                                                            \
  j test_fail;                                                                                   \
7752:                                                                                            \
  CHECK_ADDR(rd, 7753b)

/* ---------------------------------------------------------------------------------------------- */
/* CSRs                                                                                           */

/* Writes `val` to `csr` and checks that it reads back as `readback`. */
#define TEST_CSR_WRITE(num, csr, val, readback)                                                  \
  TEST_CASE(num);                                                                                \
  li x11, val;                                                                                   \
  csrw csr, x11;                                                                                 \
  csrr x13, csr;                                                                                 \
  CHECK(x13, readback)

/* Reads `csr` and checks its value. */
#define TEST_CSR_READ(num, csr, val)                                                             \
  TEST_CASE(num);                                                                                \
  csrr x13, csr;                                                                                 \
  CHECK(x13, val)

/* ---------------------------------------------------------------------------------------------- */
/* Traps                                                                                          */

/* Allows the next n traps and clears the record of earlier ones. */
#define TRAP_EXPECT(n)                                                                           \
  la TMP1, test_trap_state;                                                                      \
  li TMP2, n;                                                                                    \
  sw TMP2, TS_ARMED(TMP1);                                                                       \
  sw zero, TS_COUNT(TMP1);                                                                       \
  sw zero, TS_RESUME(TMP1);                                                                      \
  sw zero, TS_CAUSE(TMP1);                                                                       \
  sw zero, TS_EPC(TMP1);                                                                         \
  sw zero, TS_TVAL(TMP1)

/* After the next trap, resume at `label` (for faults whose mepc + 4 is no place to go). */
#define TRAP_RESUME_AT(label)                                                                    \
  la TMP1, test_trap_state;                                                                      \
  la TMP2, label;                                                                                \
  sw TMP2, TS_RESUME(TMP1)

/* Loads a field of test_trap_state (TS_*) into `reg` (not x29/x30). */
#define TRAP_FIELD(reg, field)                                                                   \
  la TMP1, test_trap_state;                                                                      \
  lw reg, field(TMP1)

/* Checks a field of test_trap_state against a constant. */
#define CHECK_TRAP(field, val)                                                                   \
  la TMP1, test_trap_state;                                                                      \
  lw TMP1, field(TMP1);                                                                          \
  CHECK(TMP1, val)

/* Checks a field of test_trap_state against an address (label expression). */
#define CHECK_TRAP_ADDR(field, addr)                                                             \
  la TMP1, test_trap_state;                                                                      \
  lw TMP1, field(TMP1);                                                                          \
  CHECK_ADDR(TMP1, addr)

/* Checks a field of test_trap_state against a register. */
#define CHECK_TRAP_REG(field, reg)                                                               \
  la TMP1, test_trap_state;                                                                      \
  lw TMP1, field(TMP1);                                                                          \
  CHECK_REG(TMP1, reg)

/* Exactly one trap was taken, with `cause`, and mepc = `epc` (label expression). */
#define CHECK_ONE_TRAP(cause, epc)                                                               \
  CHECK_TRAP(TS_COUNT, 1);                                                                       \
  CHECK_TRAP(TS_CAUSE, cause);                                                                   \
  CHECK_TRAP_ADDR(TS_EPC, epc)

/* The single instruction `insn` must trap with `cause` and mtval = `tval` (a constant); the handler
 * resumes after it. */
#define TEST_TRAP(num, cause, tval, ...)                                                         \
  TEST_CASE(num);                                                                                \
  TRAP_EXPECT(1);                                                                                \
7730:                                                                                            \
  __VA_ARGS__;                                                                                   \
  CHECK_ONE_TRAP(cause, 7730b);                                                                  \
  CHECK_TRAP(TS_TVAL, tval)

/* The same with mtval = an address (label expression). */
#define TEST_TRAP_ADDR(num, cause, addr, ...)                                                    \
  TEST_CASE(num);                                                                                \
  TRAP_EXPECT(1);                                                                                \
7731:                                                                                            \
  __VA_ARGS__;                                                                                   \
  CHECK_ONE_TRAP(cause, 7731b);                                                                  \
  CHECK_TRAP_ADDR(TS_TVAL, addr)

/* The same with mtval = the value of register `reg` (not changed by `insn`). */
#define TEST_TRAP_REG(num, cause, reg, ...)                                                      \
  TEST_CASE(num);                                                                                \
  TRAP_EXPECT(1);                                                                                \
7732:                                                                                            \
  __VA_ARGS__;                                                                                   \
  CHECK_ONE_TRAP(cause, 7732b);                                                                  \
  CHECK_TRAP_REG(TS_TVAL, reg)

/* The same with mtval = the trapping instruction's own address (ebreak). */
#define TEST_TRAP_PC(num, cause, ...)                                                            \
  TEST_CASE(num);                                                                                \
  TRAP_EXPECT(1);                                                                                \
7733:                                                                                            \
  __VA_ARGS__;                                                                                   \
  CHECK_ONE_TRAP(cause, 7733b);                                                                  \
  CHECK_TRAP_ADDR(TS_TVAL, 7733b)

/* `insn` (an instruction or a .word) must raise illegal instruction with mtval = its own bits. */
#define TEST_ILLEGAL(num, ...)                                                                   \
  TEST_CASE(num);                                                                                \
  TRAP_EXPECT(1);                                                                                \
7734:                                                                                            \
  __VA_ARGS__;                                                                                   \
  CHECK_ONE_TRAP(CAUSE_ILLEGAL, 7734b);                                                          \
  la TMP1, 7734b;                                                                                \
  lw TMP2, 0(TMP1);                                                                              \
  la TMP1, test_trap_state;                                                                      \
  lw TMP1, TS_TVAL(TMP1);                                                                        \
  CHECK_REG(TMP1, TMP2)

/* `insn` must not trap (for example a legal CSR access next to illegal ones). */
#define TEST_NO_TRAP(num, ...)                                                                   \
  TEST_CASE(num);                                                                                \
  __VA_ARGS__

/* ---------------------------------------------------------------------------------------------- */
/* SoC helpers                                                                                    */

/* reg = the low word of mtime. */
#define READ_MTIME(reg)                                                                          \
  li TMP1, SOC_TIMER_BASE;                                                                       \
  lw reg, SOC_TIMER_MTIME(TMP1)

/* mtimecmp = mtime + delta (delta a constant; assumes the low word does not wrap). Written as
 * low = all ones, high, low so that no intermediate value is in the past. */
#define SET_TIMER_IN(delta)                                                                      \
  li TMP1, SOC_TIMER_BASE;                                                                       \
  li TMP2, -1;                                                                                   \
  sw TMP2, SOC_TIMER_MTIMECMP(TMP1);                                                             \
  lw TMP2, SOC_TIMER_MTIMEH(TMP1);                                                               \
  sw TMP2, SOC_TIMER_MTIMECMPH(TMP1);                                                            \
  lw TMP2, SOC_TIMER_MTIME(TMP1);                                                                \
  addi TMP2, TMP2, delta;                                                                        \
  sw TMP2, SOC_TIMER_MTIMECMP(TMP1)

/* mtimecmp = all ones: the timer interrupt is not pending. */
#define TIMER_OFF                                                                                \
  li TMP1, SOC_TIMER_BASE;                                                                       \
  li TMP2, -1;                                                                                   \
  sw TMP2, SOC_TIMER_MTIMECMP(TMP1);                                                             \
  sw TMP2, SOC_TIMER_MTIMECMPH(TMP1)

/* Spins until `count` traps have been taken or `limit` iterations have passed. Uses x27 and x28,
 * not x29/x30: with interrupts enabled, the handler may change those between two instructions. */
#define WAIT_TRAPS(count, limit)                                                                 \
  li x28, limit;                                                                                 \
7740:                                                                                            \
  la x27, test_trap_state;                                                                       \
  lw x27, TS_COUNT(x27);                                                                         \
  addi x27, x27, -(count);                                                                       \
  bgez x27, 7741f;                                                                               \
  addi x28, x28, -1;                                                                             \
  bnez x28, 7740b;                                                                               \
7741:

#endif
