// ISA test: what fetch does right after a redirect. On the out-of-order core an I$ response goes to
// rename in its own cycle when the fetch queue is empty (pipe_fetch's RspBypass), as it is after
// every redirect; the predicted next pc of a request's last instruction is written into the queue
// in that same cycle, so rename must take it from where it is computed. A learnt jump right at a
// redirect's target (here mret's, a flush at commit) is then predicted, and must not mispredict
// again in every pass. Also the return-address stack's depth (16 on this core): returns of a call
// chain 10 deep are predicted once learnt. On every core the values must be those of program order.
#include "test_macros.h"

#include "hpm_events.h"

/* 32 passes: mret to a target at word `k` of an I$ line, `pre` instructions there (fetched with
 * the jump when pre = 1 and k < 3) and then a jump the predictor learns. */
#define MRET_CASE(num, k, pre)                                                                   \
  TEST_CASE(num);                                                                                \
  li x5, 32;                                                                                     \
  li x6, 0;                                                                                      \
  csrr x25, mhpmcounter3;                                                                        \
  j 7741f;                                                                                       \
  .balign 16;                                                                                    \
  .rept k; nop; .endr;                                                                           \
7740:                                                                                            \
  .rept pre; addi x6, x6, 1; .endr;                                                              \
  j 7742f;                                                                                       \
  addi x6, x6, 100;                                                                              \
7741:                                                                                            \
  la x9, 7740b;                                                                                  \
  csrw mepc, x9;                                                                                 \
  mret;                                                                                          \
  j test_fail;                                                                                   \
7742:                                                                                            \
  addi x6, x6, 2;                                                                                \
  addi x5, x5, -1;                                                                               \
  bnez x5, 7741b;                                                                                \
  EXPECT_MISPREDICTS(20);                                                                        \
  CHECK(x6, 64 + 32 * pre)

TEST_BEGIN
  IS_OOO_CORE(x24)
  li x13, HPM_EV_MISPREDICT
  csrw mhpmevent3, x13
  li x13, MSTATUS_MPP
  csrs mstatus, x13

  MRET_CASE(1, 0, 0)
  MRET_CASE(2, 1, 0)
  MRET_CASE(3, 3, 0)
  MRET_CASE(4, 0, 1)
  MRET_CASE(5, 1, 1)
  MRET_CASE(6, 2, 1)

  // A call chain 10 deep (x10 counts down), 16 times: once learnt, its returns are predicted
  // from the return-address stack.
  TEST_CASE(7)
  la sp, fr_stack_top
  li x5, 16
  li x6, 0
  csrr x25, mhpmcounter3
1:
  li x10, 10
  call 2f
  addi x5, x5, -1
  bnez x5, 1b
  j 3f
2:
  addi sp, sp, -16
  sw ra, 0(sp)
  addi x6, x6, 1
  addi x10, x10, -1
  beqz x10, 4f
  call 2b
4:
  lw ra, 0(sp)
  addi sp, sp, 16
  ret
3:
  EXPECT_MISPREDICTS(60)
  CHECK(x6, 160)
TEST_END

TEST_DATA_BEGIN
  .balign 16
fr_stack:
  .space 256
fr_stack_top:
TEST_DATA_END
