// ISA test: the SoC's MMIO registers seen through aligned word loads and stores
// (docs/memory-map.md): the build descriptor, the UART status and control, the timer's mtime,
// mtimecmp and msip, and the EXT_IRQ test hook.
#include "test_macros.h"

TEST_BEGIN
  li x20, SOC_CTRL_BASE
  li x21, SOC_TIMER_BASE
  li x22, SOC_UART_BASE

  // descriptor
  TEST_CASE(1)
  lw x13, SOC_CTRL_MAGIC(x20)
  CHECK(x13, SOC_MAGIC_VALUE)
  TEST_CASE(2)
  lw x13, SOC_CTRL_VERSION(x20)
  CHECK(x13, SOC_DESCRIPTOR_VERSION)
  TEST_CASE(3)
  lw x13, SOC_CTRL_CORE_KIND(x20)
  CHECK_RANGE(x13, 0, SOC_CORE_OOO)        // SOC_CORE_ISS .. SOC_CORE_OOO
  TEST_CASE(4)
  lw x13, SOC_CTRL_CLOCK_HZ(x20)
  CHECK_RANGE(x13, 1, 0xFFFFFFFF)
  TEST_CASE(5)
  lw x13, SOC_CTRL_RAM_BASE(x20)
  CHECK(x13, SOC_RAM_BASE)
  TEST_CASE(6)                 // RAM_SIZE: a multiple of 4 that holds this program
  lw x13, SOC_CTRL_RAM_SIZE(x20)
  CHECK_MASKED(x13, 3, 0)
  li x14, SOC_RAM_BASE
  add x14, x14, x13
  la x15, end_of_program
  bltu x15, x14, 1f
  j test_fail
1:
  TEST_CASE(7)
  lw x13, SOC_CTRL_EVENTS_VERSION(x20)
  CHECK(x13, 2)                            // HPM_EVENTS_VERSION (spec/hpm_events.h)
  TEST_CASE(8)
  lw x13, SOC_CTRL_MISA(x20)
  CHECK(x13, 0x40001100)

  // UART
  TEST_CASE(10)                // transmitter ready and idle at the start
  lw x13, SOC_UART_STATUS(x22)
#define TX_READY_IDLE (SOC_UART_STATUS_TX_READY | SOC_UART_STATUS_TX_IDLE)
  CHECK_MASKED(x13, TX_READY_IDLE, TX_READY_IDLE)
  TEST_CASE(11)                // CTRL.RX_IRQ holds what is written
  li x12, SOC_UART_CTRL_RX_IRQ
  sw x12, SOC_UART_CTRL(x22)
  lw x13, SOC_UART_CTRL(x22)
  CHECK_MASKED(x13, SOC_UART_CTRL_RX_IRQ, SOC_UART_CTRL_RX_IRQ)
  sw x0, SOC_UART_CTRL(x22)
  lw x13, SOC_UART_CTRL(x22)
  CHECK_MASKED(x13, SOC_UART_CTRL_RX_IRQ, 0)

  // timer
  TEST_CASE(20)                // mtime advances
  lw x11, SOC_TIMER_MTIME(x21)
  nop
  nop
  lw x12, SOC_TIMER_MTIME(x21)
  sub x13, x12, x11
  CHECK_RANGE(x13, 1, 1000)
  TEST_CASE(21)                // mtimecmp resets to all ones
  lw x13, SOC_TIMER_MTIMECMP(x21)
  CHECK(x13, 0xFFFFFFFF)
  lw x13, SOC_TIMER_MTIMECMPH(x21)
  CHECK(x13, 0xFFFFFFFF)
  TEST_CASE(22)                // and holds what is written (high word kept far in the future)
  li x12, 0x12345678
  sw x12, SOC_TIMER_MTIMECMP(x21)
  lw x13, SOC_TIMER_MTIMECMP(x21)
  CHECK(x13, 0x12345678)
  li x12, 0x7FFFFFFF
  sw x12, SOC_TIMER_MTIMECMPH(x21)
  lw x13, SOC_TIMER_MTIMECMPH(x21)
  CHECK(x13, 0x7FFFFFFF)
  csrr x13, mip
  CHECK(x13, 0)
  TIMER_OFF
  TEST_CASE(23)                // mtime >= mtimecmp sets mip.MTIP, and only then
  lw x12, SOC_TIMER_MTIME(x21)
  addi x12, x12, 2000
  sw x0, SOC_TIMER_MTIMECMPH(x21)
  sw x12, SOC_TIMER_MTIMECMP(x21)
  csrr x13, mip
  CHECK(x13, 0)
  addi x12, x12, -2000
  sw x12, SOC_TIMER_MTIMECMP(x21)
  csrr x13, mip
  CHECK(x13, MIP_MTIP)
  TIMER_OFF
  csrr x13, mip
  CHECK(x13, 0)
  TEST_CASE(24)                // msip drives mip.MSIP
  li x12, 1
  sw x12, SOC_TIMER_MSIP(x21)
  lw x13, SOC_TIMER_MSIP(x21)
  CHECK_MASKED(x13, 1, 1)
  csrr x13, mip
  CHECK(x13, MIP_MSIP)
  sw x0, SOC_TIMER_MSIP(x21)
  lw x13, SOC_TIMER_MSIP(x21)
  CHECK_MASKED(x13, 1, 0)
  csrr x13, mip
  CHECK(x13, 0)
  TEST_CASE(25)                // EXT_IRQ drives mip.MEIP
  li x12, 1
  sw x12, SOC_CTRL_EXT_IRQ(x20)
  lw x13, SOC_CTRL_EXT_IRQ(x20)
  CHECK_MASKED(x13, 1, 1)
  csrr x13, mip
  CHECK(x13, MIP_MEIP)
  sw x0, SOC_CTRL_EXT_IRQ(x20)
  csrr x13, mip
  CHECK(x13, 0)
  TEST_CASE(26)                // an MMIO store writes no RAM, not even the word with its low bits
  lw x14, SOC_CTRL_RAM_SIZE(x20)
  addi x14, x14, -1
  li x15, SOC_CTRL_BASE + SOC_CTRL_LEDS
  and x15, x15, x14
  li x16, SOC_RAM_BASE
  add x15, x15, x16            // RAM's word with the LED register's low address bits
  li x17, 0x1234
  sw x17, 0(x15)
  li x12, 0xA5
  sw x12, SOC_CTRL_LEDS(x20)
  sw x0, SOC_CTRL_LEDS(x20)
  lw x13, 0(x15)
  CHECK(x13, 0x1234)
TEST_END

TEST_DATA_BEGIN
end_of_program:
  .word 0
TEST_DATA_END
