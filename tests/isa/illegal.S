// ISA test: encodings outside RV32IM + Zicsr + Zifencei raise illegal instruction (cause 2) with
// mtval = the instruction bits and write no register: the all-zero and all-ones words, unknown
// opcodes, RV64 and other extensions' instructions, reserved funct3/funct7/shift-amount values,
// privileged instructions of modes we do not have, and system instructions with reserved fields
// set.
#include "test_macros.h"

// Should an xRET-like encoding be executed as a return through mepc, it lands on test_fail.
#define MEPC_TO_FAIL la x2, test_fail; csrw mepc, x2

TEST_BEGIN
  TEST_ILLEGAL(1, .word 0x00000000)               // all zero
  TEST_ILLEGAL(2, .word 0xFFFFFFFF)               // all ones
  TEST_ILLEGAL(3, .word 0x0000000B)               // custom-0 opcode
  TEST_ILLEGAL(4, .word 0x0000005B)               // custom-2 opcode
  TEST_ILLEGAL(5, .word 0x0000007B)               // custom-3 opcode
  // other base ISAs and extensions
  TEST_ILLEGAL(10, .word 0x0010809B)              // addiw x1, x1, 1 (RV64 OP-IMM-32)
  TEST_ILLEGAL(11, .word 0x022080BB)              // mulw (RV64 OP-32)
  TEST_ILLEGAL(12, .word 0x00013083)              // ld x1, 0(x2) (load funct3 3)
  TEST_ILLEGAL(13, .word 0x00016083)              // lwu (load funct3 6)
  TEST_ILLEGAL(14, .word 0x00017083)              // load funct3 7
  TEST_ILLEGAL(15, .word 0x00113023)              // sd x1, 0(x2) (store funct3 3)
  TEST_ILLEGAL(16, .word 0x00114023)              // store funct3 4
  TEST_ILLEGAL(17, .word 0x00002007)              // flw f0, 0(x0) (F)
  TEST_ILLEGAL(18, .word 0x00000053)              // fadd.s (OP-FP)
  TEST_ILLEGAL(19, .word 0x0000202F)              // amoadd.w (A)
  TEST_ILLEGAL(20, .word 0x1000202F)              // lr.w (A)
  TEST_ILLEGAL(21, .word 0x0000200F)              // MISC-MEM funct3 2 (Zicbom cbo.*)
  // reserved funct3 / funct7 / shift amounts inside RV32IM
  TEST_ILLEGAL(30, .word 0x00002463)              // branch funct3 2 (offset +8)
  TEST_ILLEGAL(31, .word 0x00003463)              // branch funct3 3 (offset +8)
  TEST_ILLEGAL(32, .word 0x00001067)              // jalr funct3 1
  TEST_ILLEGAL(33, .word 0x402090B3)              // sll with funct7 0x20
  TEST_ILLEGAL(34, .word 0x042080B3)              // add with funct7 0x02
  TEST_ILLEGAL(35, .word 0x802080B3)              // add with funct7 0x40
  TEST_ILLEGAL(36, .word 0x0620C0B3)              // div with funct7 0x03
  TEST_ILLEGAL(37, .word 0x02009093)              // slli x1, x1, 32: shamt bit 5 is reserved
  TEST_ILLEGAL(38, .word 0x0200D093)              // srli x1, x1, 32
  TEST_ILLEGAL(39, .word 0x4200D093)              // srai x1, x1, 32
  TEST_ILLEGAL(40, .word 0x40009093)              // slli with funct7 0x20
  TEST_ILLEGAL(41, .word 0x2000D093)              // srli with funct7 0x10
  // privileged instructions of modes we do not have
  MEPC_TO_FAIL
  TEST_ILLEGAL(50, .word 0x10200073)              // sret
  MEPC_TO_FAIL
  TEST_ILLEGAL(51, .word 0x00200073)              // uret
  MEPC_TO_FAIL
  TEST_ILLEGAL(52, .word 0x7B200073)              // dret
  TEST_ILLEGAL(53, .word 0x12000073)              // sfence.vma
  TEST_ILLEGAL(54, .word 0x00004073)              // SYSTEM funct3 4
  // ecall, ebreak, mret, wfi with a reserved field set are not those instructions
  TEST_ILLEGAL(60, .word 0x00000373)              // ecall with rd = x6
  TEST_ILLEGAL(61, .word 0x00130073)              // ebreak with rs1 = x6
  MEPC_TO_FAIL
  TEST_ILLEGAL(62, .word 0x30200373)              // mret with rd = x6
  TEST_ILLEGAL(63, .word 0x10500373)              // wfi with rd = x6

  // An illegal instruction writes no register: x1 (rd of several encodings above) and x6 keep
  // their values.
  li x1, 0x1234
  li x6, 0x5678
  TEST_ILLEGAL(70, .word 0x042080B3)              // rd = x1
  CHECK(x1, 0x1234)
  TEST_ILLEGAL(71, .word 0x0010809B)              // rd = x1
  CHECK(x1, 0x1234)
  TEST_ILLEGAL(72, .word 0x00000373)              // rd = x6
  CHECK(x6, 0x5678)
  TEST_ILLEGAL(73, .word 0x00013083)              // a load with rd = x1
  CHECK(x1, 0x1234)

  TEST_CASE(74)                // after all that, legal instructions still work
  li x11, 20
  addi x11, x11, 22
  CHECK(x11, 42)
TEST_END
