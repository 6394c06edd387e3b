// ISA test: the Zicsr instructions csrrw, csrrs, csrrc, csrrwi, csrrsi, csrrci (old value returned,
// rd == rs1, x0 as rd and as rs1) and the machine CSRs' own behaviour (docs/memory-map.md): which
// bits hold values, read-only CSRs (legal to read, illegal to write, including csrrs/csrrc with a
// non-x0 register that holds 0), and unknown CSRs (illegal, mtval = the instruction).
#include "test_macros.h"

TEST_BEGIN
  // csrrw / csrrs / csrrc and their immediate forms, on mscratch
  TEST_CASE(1)                 // csrrw returns the old value and writes the new one
  li x11, 0x12345678
  csrw mscratch, x11
  li x12, 0xCAFEBABE
  csrrw x13, mscratch, x12
  CHECK(x13, 0x12345678)
  csrr x14, mscratch
  CHECK(x14, 0xCAFEBABE)
  CHECK(x12, 0xCAFEBABE)
  TEST_CASE(2)                 // csrrs sets the bits of rs1
  li x11, 0x0F0F0F0F
  csrw mscratch, x11
  li x12, 0xF0000001
  csrrs x13, mscratch, x12
  CHECK(x13, 0x0F0F0F0F)
  csrr x14, mscratch
  CHECK(x14, 0xFF0F0F0F)
  TEST_CASE(3)                 // csrrc clears them
  li x12, 0x0000000F
  csrrc x13, mscratch, x12
  CHECK(x13, 0xFF0F0F0F)
  csrr x14, mscratch
  CHECK(x14, 0xFF0F0F00)
  TEST_CASE(4)                 // csrrwi: the 5-bit immediate, zero-extended
  csrrwi x13, mscratch, 31
  CHECK(x13, 0xFF0F0F00)
  csrr x14, mscratch
  CHECK(x14, 31)
  TEST_CASE(5)                 // csrrsi
  li x11, 0x100
  csrw mscratch, x11
  csrrsi x13, mscratch, 0x15
  CHECK(x13, 0x100)
  csrr x14, mscratch
  CHECK(x14, 0x115)
  TEST_CASE(6)                 // csrrci
  csrrci x13, mscratch, 0x05
  CHECK(x13, 0x115)
  csrr x14, mscratch
  CHECK(x14, 0x110)
  TEST_CASE(7)                 // csrrs / csrrc / csrrsi / csrrci with x0 or 0: read, no change
  li x11, 0xA5A5A5A5
  csrw mscratch, x11
  csrrs x13, mscratch, x0
  csrrc x13, mscratch, x0
  csrrsi x13, mscratch, 0
  csrrci x13, mscratch, 0
  CHECK(x13, 0xA5A5A5A5)
  csrr x14, mscratch
  CHECK(x14, 0xA5A5A5A5)

  TEST_CASE(8)                 // csrrw with rd == rs1 swaps the register and the CSR
  li x11, 0x1111AAAA
  csrw mscratch, x11
  li x12, 0x2222BBBB
  csrrw x12, mscratch, x12
  CHECK(x12, 0x1111AAAA)
  csrr x14, mscratch
  CHECK(x14, 0x2222BBBB)
  TEST_CASE(9)                 // csrrs with rd == rs1
  li x11, 0x0F
  csrw mscratch, x11
  li x12, 0xF0
  csrrs x12, mscratch, x12
  CHECK(x12, 0x0F)
  csrr x14, mscratch
  CHECK(x14, 0xFF)
  TEST_CASE(10)                // csrrc with rd == rs1
  li x12, 0x3C
  csrrc x12, mscratch, x12
  CHECK(x12, 0xFF)
  csrr x14, mscratch
  CHECK(x14, 0xC3)
  TEST_CASE(11)                // rd = x0 still writes (csrw, csrs, csrc, csrwi)
  li x11, 0x00FF00FF
  csrrw x0, mscratch, x11
  CHECK(x0, 0)
  csrr x14, mscratch
  CHECK(x14, 0x00FF00FF)
  li x11, 0x0F000000
  csrrs x0, mscratch, x11
  csrr x14, mscratch
  CHECK(x14, 0x0FFF00FF)
  li x11, 0x000000F0
  csrrc x0, mscratch, x11
  csrr x14, mscratch
  CHECK(x14, 0x0FFF000F)
  csrrwi x0, mscratch, 0x1B
  csrr x14, mscratch
  CHECK(x14, 0x1B)
  TEST_CASE(12)                // csrrw rs1 = x0 writes zero
  csrrw x13, mscratch, x0
  CHECK(x13, 0x1B)
  csrr x14, mscratch
  CHECK(x14, 0)

  // CSRs that hold any value
  TEST_CSR_WRITE(20, mscratch, 0xFFFFFFFF, 0xFFFFFFFF)
  TEST_CSR_WRITE(21, mcause, 0x8000000B, 0x8000000B)
  TEST_CSR_WRITE(22, mcause, 0x00000002, 0x00000002)
  TEST_CSR_WRITE(23, mtval, 0xDEADBEEF, 0xDEADBEEF)
  TEST_CSR_WRITE(24, mtval, 0x00000000, 0x00000000)
  // mepc: bits 1:0 read zero
  TEST_CSR_WRITE(25, mepc, 0x80000003, 0x80000000)
  TEST_CSR_WRITE(26, mepc, 0xFFFFFFFF, 0xFFFFFFFC)
  TEST_CSR_WRITE(27, mepc, 0x80001236, 0x80001234)
  // mtvec: bit 1 is read-only zero (no trap may happen until it is restored)
  TEST_CSR_WRITE(28, mtvec, 0x80000103, 0x80000101)
  TEST_CSR_WRITE(29, mtvec, 0x80000102, 0x80000100)
  TEST_CSR_WRITE(30, mtvec, 0x80000101, 0x80000101)
  la x11, test_trap_vector
  csrw mtvec, x11
  TEST_CASE(31)
  csrr x13, mtvec
  CHECK_ADDR(x13, test_trap_vector)
  // mstatus: only MIE and MPIE hold a value, MPP reads 3 (machine mode only); mstatush reads 0
  TEST_CSR_WRITE(32, mstatus, 0xFFFFFFFF, 0x00001888)
  TEST_CSR_WRITE(33, mstatus, 0x00000000, 0x00001800)
  TEST_CSR_WRITE(34, mstatus, 0x00000080, 0x00001880)
  TEST_CSR_WRITE(35, mstatus, 0x00000008, 0x00001808)
  csrw mstatus, x0
  TEST_CSR_READ(36, mstatush, 0)
  // mie: MSIE, MTIE, MEIE (no interrupt is pending here, so none is taken)
  TEST_CSR_WRITE(37, mie, 0xFFFFFFFF, 0x00000888)
  TEST_CSR_WRITE(38, mie, 0x00000080, 0x00000080)
  TEST_CSR_WRITE(39, mie, 0x00000000, 0x00000000)
  // mip: read-only view of the interrupt lines; writes are legal and ignored
  TEST_CSR_WRITE(40, mip, 0xFFFFFFFF, 0x00000000)
  TEST_CASE(41)
  csrsi mip, 0x8
  csrr x13, mip
  CHECK(x13, 0)
  // misa: RV32 I M; writes are legal and ignored
  TEST_CSR_READ(42, misa, 0x40001100)
  TEST_CSR_WRITE(43, misa, 0x00000000, 0x40001100)
  TEST_CSR_WRITE(44, misa, 0xFFFFFFFF, 0x40001100)
  TEST_CASE(45)                // the SoC descriptor reports the same misa
  li x11, SOC_CTRL_BASE
  lw x12, SOC_CTRL_MISA(x11)
  csrr x13, misa
  CHECK_REG(x12, x13)

  // Read-only identification CSRs read 0; every read form is legal
  TEST_CSR_READ(50, mvendorid, 0)
  TEST_CSR_READ(51, marchid, 0)
  TEST_CSR_READ(52, mimpid, 0)
  TEST_CSR_READ(53, mhartid, 0)
  TEST_CSR_READ(54, mconfigptr, 0)
  TEST_NO_TRAP(55, csrrs x13, mhartid, x0)
  CHECK(x13, 0)
  TEST_NO_TRAP(56, csrrc x13, mvendorid, x0)
  TEST_NO_TRAP(57, csrrsi x13, marchid, 0)
  TEST_NO_TRAP(58, csrrci x13, mimpid, 0)
  TEST_NO_TRAP(59, csrrs x0, mhartid, x0)

  // ... and every write form is illegal, with mtval = the instruction; rd keeps its value
  li x11, 0
  li x12, 1
  li x13, 0x5A5A
  TEST_ILLEGAL(60, csrrw x13, mhartid, x12)
  CHECK(x13, 0x5A5A)
  TEST_ILLEGAL(61, csrrw x0, mhartid, x0)        // csrw of zero: still a write
  TEST_ILLEGAL(62, csrrs x13, mhartid, x11)      // rs1 is not x0, though it holds 0
  CHECK(x13, 0x5A5A)
  TEST_ILLEGAL(63, csrrc x13, mvendorid, x12)
  TEST_ILLEGAL(64, csrrwi x13, marchid, 0)       // csrrwi always writes
  TEST_ILLEGAL(65, csrrsi x13, mimpid, 1)
  TEST_ILLEGAL(66, csrrci x13, mconfigptr, 1)
  CHECK(x13, 0x5A5A)
  CHECK(x11, 0)
  CHECK(x12, 1)

  // Unknown CSRs: illegal whatever the access, and rd keeps its value
  TEST_ILLEGAL(70, csrrs x13, 0x7C0, x0)         // a custom machine CSR we do not have
  CHECK(x13, 0x5A5A)
  TEST_ILLEGAL(71, csrrw x13, 0x7C0, x12)
  TEST_ILLEGAL(72, csrrs x13, 0x3A0, x0)         // pmpcfg0: no PMP
  TEST_ILLEGAL(73, csrrw x0, 0x3A0, x12)
  TEST_ILLEGAL(74, csrrs x13, 0x100, x0)         // sstatus: no S mode
  TEST_ILLEGAL(75, csrrs x13, 0x180, x0)         // satp
  TEST_ILLEGAL(76, csrrs x13, 0x7B0, x0)         // dcsr: debug mode only
  TEST_ILLEGAL(77, csrrs x13, 0x321, x0)         // between mcountinhibit and mhpmevent3
  TEST_ILLEGAL(78, csrrs x13, 0xFFF, x0)
  TEST_ILLEGAL(79, csrrsi x0, 0x7C0, 0)          // even a read into x0
  TEST_ILLEGAL(80, csrrs x13, 0x000, x0)         // ustatus: no U mode
  CHECK(x13, 0x5A5A)
TEST_END
