// ISA test: fence and fence.i. Every fence form retires as a no-op here (fields the spec reserves,
// rd and rs1, are ignored and write nothing); fence.i makes stored instructions visible to fetch:
// self-modifying code that rewrites an instruction already executed, one just ahead of the pc, a
// jump, part of an instruction through a halfword store, and a taken branch that becomes an addi
// while the branch predictor still predicts it taken.
#include "test_macros.h"

TEST_BEGIN
  TEST_CASE(1)                 // the ordinary fences, one after another, with memory around them
  la x11, data
  li x12, 0x600D
  sw x12, 0(x11)
  fence
  fence rw, rw
  fence iorw, iorw
  fence r, r
  fence w, w
  fence i, o
  fence.tso
  lw x13, 0(x11)
  CHECK(x13, 0x600D)

  TEST_CASE(2)                 // pause (Zihintpause) is a fence w, 0 encoding
  .word 0x0100000F
  nop

  TEST_CASE(3)                 // fence with rd = x5 and rs1 = x6: fields to ignore; x5 untouched
  li x5, 0x1111
  li x6, 0x2222
  .word 0x0FF3028F             // fence iorw, iorw with rd = x5, rs1 = x6
  CHECK(x5, 0x1111)
  CHECK(x6, 0x2222)

  TEST_CASE(4)                 // fence.i alone, and with rd = x5, rs1 = x6, imm = 1 (ignored)
  fence.i
  .word 0x0013128F             // fence.i with rd = x5, rs1 = x6, imm = 1
  CHECK(x5, 0x1111)

  // Self-modifying code. smc_func sets x13 and returns; each case rewrites its first instruction.
  TEST_CASE(10)                // rewrite an instruction that has already run
  jal ra, smc_func
  CHECK(x13, 1)
  la x11, smc_slot
  li x12, 0x02A00693           // addi x13, x0, 42
  sw x12, 0(x11)
  fence.i
  jal ra, smc_func
  CHECK(x13, 42)

  TEST_CASE(11)                // and once more, so nothing keeps the first rewrite either
  la x11, smc_slot
  li x12, 0x00700693           // addi x13, x0, 7
  sw x12, 0(x11)
  fence.i
  jal ra, smc_func
  CHECK(x13, 7)

  TEST_CASE(12)                // a halfword store changes only the immediate: 7 -> 0x2A5 (677)
  la x11, smc_slot
  li x12, 0x2A50
  sh x12, 2(x11)
  fence.i
  jal ra, smc_func
  CHECK(x13, 0x2A5)

  TEST_CASE(13)                // the instruction just ahead of the pc
  la x11, 1f
  li x12, 0x00500693           // addi x13, x0, 5
  li x13, 0
  sw x12, 0(x11)
  fence.i
1:
  addi x13, x0, 99
  CHECK(x13, 5)

  TEST_CASE(14)                // a jump to test_fail turned into a nop
  la x11, 2f
  li x12, 0x00000013           // nop
  sw x12, 0(x11)
  fence.i
2:
  j test_fail

  TEST_CASE(15)                // a nop becomes addi x13, x13, 1, then a nop again
  la x11, 3f
  li x13, 10
  li x12, 0x00168693           // addi x13, x13, 1
  sw x12, 0(x11)
  fence.i
  jal ra, 3f
  CHECK(x13, 11)
  li x12, 0x13                 // zero the word, then one byte store makes it 0x00000013 (nop)
  sw x0, 0(x11)
  sb x12, 0(x11)
  fence.i
  jal ra, 3f
  CHECK(x13, 11)
  j 4f
3:
  nop
  jalr x0, 0(ra)
4:

  TEST_CASE(16)                // a taken branch the predictor knows, rewritten into an addi: the
  la x11, alias_slot           // prediction still says taken, so the core must drop the target's
  lw x16, 0(x11)               // instructions fetched after it (flush at commit, not recovery:
  li x17, 0x00300693           // an addi has no checkpoint); four rounds of train, rewrite, call
  li x14, 0
  li x15, 0
  li x18, 4
  li x19, 1000000
  li x20, 3
5:
  sw x16, 0(x11)               // the branch again, trained taken by four calls
  fence.i
  jal ra, alias_func
  jal ra, alias_func
  jal ra, alias_func
  jal ra, alias_func
  sw x17, 0(x11)               // addi x13, x0, 3
  fence.i
  li x13, 0
  jal ra, alias_func
  CHECK(x13, 3)
  addi x18, x18, -1
  bnez x18, 5b
  CHECK(x14, 1604)             // 4 x (4 x 100 + 1)
  CHECK(x15, 1604)
  sw x16, 0(x11)               // leave the branch as it was
  fence.i
TEST_END

  .text
smc_func:
smc_slot:
  addi x13, x0, 1
  jalr x0, 0(ra)

alias_func:                    // TEST_CASE(16): alias_slot is rewritten
  div x19, x19, x20            // slow: what follows is done by the time it commits
alias_slot:
  beq x0, x0, 1f
  addi x14, x14, 1             // the fall-through: the path after the rewrite
  addi x15, x15, 1
  jalr x0, 0(ra)
1:
  addi x14, x14, 100           // the taken path
  addi x15, x15, 100
  jalr x0, 0(ra)

TEST_DATA_BEGIN
data:
  .word 0
TEST_DATA_END
