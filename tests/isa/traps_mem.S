// ISA test: loads and stores that trap. Misaligned addresses raise cause 4 (load) / 6 (store) and
// unmapped ones, byte/halfword accesses to MMIO and unused MMIO addresses cause 5 / 7, always with
// mtval = the address; the load writes no register and the store no memory.
#include "test_macros.h"

TEST_BEGIN
  la x11, buf
  li x13, 0x5A5A

  // misaligned loads: every misaligned offset of lw, lh, lhu
  TEST_TRAP_ADDR(1, CAUSE_MISALIGNED_LOAD, buf + 1, lw x13, 1(x11))
  TEST_TRAP_ADDR(2, CAUSE_MISALIGNED_LOAD, buf + 2, lw x13, 2(x11))
  TEST_TRAP_ADDR(3, CAUSE_MISALIGNED_LOAD, buf + 3, lw x13, 3(x11))
  TEST_TRAP_ADDR(4, CAUSE_MISALIGNED_LOAD, buf + 1, lh x13, 1(x11))
  TEST_TRAP_ADDR(5, CAUSE_MISALIGNED_LOAD, buf + 3, lh x13, 3(x11))
  TEST_TRAP_ADDR(6, CAUSE_MISALIGNED_LOAD, buf + 5, lhu x13, 5(x11))
  TEST_TRAP_ADDR(7, CAUSE_MISALIGNED_LOAD, buf + 7, lhu x13, 7(x11))
  TEST_CASE(8)                 // none of them wrote rd
  CHECK(x13, 0x5A5A)

  // misaligned stores: the word keeps its value
  li x12, -1
  TEST_TRAP_ADDR(10, CAUSE_MISALIGNED_STORE, buf + 1, sw x12, 1(x11))
  TEST_TRAP_ADDR(11, CAUSE_MISALIGNED_STORE, buf + 2, sw x12, 2(x11))
  TEST_TRAP_ADDR(12, CAUSE_MISALIGNED_STORE, buf + 3, sw x12, 3(x11))
  TEST_TRAP_ADDR(13, CAUSE_MISALIGNED_STORE, buf + 1, sh x12, 1(x11))
  TEST_TRAP_ADDR(14, CAUSE_MISALIGNED_STORE, buf + 7, sh x12, 7(x11))
  TEST_CASE(15)
  CHECK_MEM(buf, 0x03020100)
  CHECK_MEM(buf + 4, 0x07060504)
  CHECK_MEM(buf + 8, 0x0B0A0908)

  // aligned narrow accesses next to them are fine
  TEST_CASE(16)
  lh x13, 2(x11)
  CHECK(x13, 0x0302)
  lhu x13, 6(x11)
  CHECK(x13, 0x0706)
  lb x13, 3(x11)
  CHECK(x13, 0x03)

  // unmapped addresses: 0, the top of the address space (negative offset from x0), 0x4000_0000
  li x13, 0x5A5A
  TEST_TRAP(20, CAUSE_LOAD_ACCESS, 0x00000000, lw x13, 0(x0))
  TEST_TRAP(21, CAUSE_LOAD_ACCESS, 0xFFFFFFFC, lw x13, -4(x0))
  TEST_TRAP(22, CAUSE_LOAD_ACCESS, 0x00000001, lb x13, 1(x0))
  li x15, 0x40000000
  TEST_TRAP(23, CAUSE_LOAD_ACCESS, 0x40000000, lw x13, 0(x15))
  TEST_TRAP(24, CAUSE_LOAD_ACCESS, 0x40000002, lhu x13, 2(x15))
  TEST_CASE(25)
  CHECK(x13, 0x5A5A)
  TEST_TRAP(26, CAUSE_STORE_ACCESS, 0x00000000, sw x12, 0(x0))
  TEST_TRAP(27, CAUSE_STORE_ACCESS, 0x00000003, sb x12, 3(x0))
  TEST_TRAP(28, CAUSE_STORE_ACCESS, 0x40000000, sw x12, 0(x15))
  TEST_TRAP(29, CAUSE_STORE_ACCESS, 0xFFFFFFF8, sw x12, -8(x0))

  // just past the end of RAM (its size comes from the SoC descriptor); the last word is fine
  li x16, SOC_CTRL_BASE
  lw x16, SOC_CTRL_RAM_SIZE(x16)
  li x17, SOC_RAM_BASE
  add x17, x17, x16            // x17 = first address after RAM
  TEST_CASE(30)
  lw x13, -4(x17)
  TEST_TRAP_REG(31, CAUSE_LOAD_ACCESS, x17, lw x13, 0(x17))
  TEST_TRAP_REG(32, CAUSE_STORE_ACCESS, x17, sw x12, 0(x17))
  TEST_TRAP_REG(33, CAUSE_LOAD_ACCESS, x17, lbu x13, 0(x17))

  // MMIO takes only aligned 32-bit accesses: bytes and halfwords fault, even at real registers
  li x18, SOC_UART_BASE
  li x19, SOC_CTRL_BASE
  li x13, 0x5A5A
  TEST_TRAP(40, CAUSE_LOAD_ACCESS, SOC_UART_BASE + SOC_UART_STATUS, lb x13, SOC_UART_STATUS(x18))
  TEST_TRAP(41, CAUSE_LOAD_ACCESS, SOC_CTRL_BASE + SOC_CTRL_MAGIC, lbu x13, SOC_CTRL_MAGIC(x19))
  TEST_TRAP(42, CAUSE_LOAD_ACCESS, SOC_CTRL_BASE + SOC_CTRL_MAGIC, lh x13, SOC_CTRL_MAGIC(x19))
  TEST_TRAP(43, CAUSE_LOAD_ACCESS, SOC_CTRL_BASE + SOC_CTRL_MAGIC + 2,
            lhu x13, SOC_CTRL_MAGIC + 2(x19))
  TEST_CASE(44)
  CHECK(x13, 0x5A5A)
  // A byte or halfword store to EXIT faults and must not end the run. 0xC7 = (99 << 1) | 1: a
  // model that took it as a word would exit with status 99.
  li x12, 0xC7
  TEST_TRAP(45, CAUSE_STORE_ACCESS, SOC_CTRL_BASE + SOC_CTRL_EXIT, sb x12, SOC_CTRL_EXIT(x19))
  TEST_TRAP(46, CAUSE_STORE_ACCESS, SOC_CTRL_BASE + SOC_CTRL_EXIT, sh x12, SOC_CTRL_EXIT(x19))
  TEST_TRAP(47, CAUSE_STORE_ACCESS, SOC_UART_BASE + SOC_UART_DATA, sb x12, SOC_UART_DATA(x18))
  // unused MMIO addresses: outside every device, and unused offsets inside one
  li x20, 0x10003000
  TEST_TRAP(50, CAUSE_LOAD_ACCESS, 0x10003000, lw x13, 0(x20))
  TEST_TRAP(51, CAUSE_STORE_ACCESS, 0x10003000, sw x12, 0(x20))
  li x20, 0x1FFFFFFC
  TEST_TRAP(52, CAUSE_LOAD_ACCESS, 0x1FFFFFFC, lw x13, 0(x20))
  TEST_TRAP(53, CAUSE_LOAD_ACCESS, SOC_CTRL_BASE + 0x08, lw x13, 0x08(x19))
  TEST_TRAP(54, CAUSE_LOAD_ACCESS, SOC_UART_BASE + 0x10, lw x13, 0x10(x18))
  li x20, SOC_TIMER_BASE
  TEST_TRAP(55, CAUSE_LOAD_ACCESS, SOC_TIMER_BASE + 0x14, lw x13, 0x14(x20))
  TEST_CASE(56)
  CHECK(x13, 0x5A5A)

  // a misaligned address reached through a negative offset
  la x14, buf + 8
  TEST_TRAP_ADDR(60, CAUSE_MISALIGNED_LOAD, buf + 1, lw x13, -7(x14))
  TEST_TRAP_ADDR(61, CAUSE_MISALIGNED_STORE, buf + 6, sw x12, -2(x14))

  // A faulting store writes no memory, not even RAM's word with the same low address bits (a
  // SoC's RAM port may take the request before its address is decoded).
  la x21, buf
  li x22, SOC_RAM_BASE
  sub x21, x21, x22
  li x22, 0x40000000
  add x22, x22, x21            // unmapped, with buf's offset in RAM as its low bits
  li x12, -1
  TEST_TRAP_REG(62, CAUSE_STORE_ACCESS, x22, sw x12, 0(x22))
  TEST_CASE(63)
  CHECK_MEM(buf, 0x03020100)
TEST_END

TEST_DATA_BEGIN
buf:
  .byte 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07
  .byte 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F
TEST_DATA_END
