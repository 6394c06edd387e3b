/* The SoC contract: addresses and register layout shared by the ISS, the RTL, the software kit and
 * the host tool. Plain C preprocessor definitions so that C, C++ and assembly can all include it.
 * docs/memory-map.md explains every entry; tests/spec checks that the two agree. */
#ifndef CORELAB_SOC_MAP_H
#define CORELAB_SOC_MAP_H

/* RAM: execution starts at its first byte. The size depends on the target (board or simulator). */
#define SOC_RAM_BASE          0x80000000u
#define SOC_RAM_SIZE_DEFAULT  0x00010000u /* 64 KiB: fits every supported board */
#define SOC_RESET_PC          SOC_RAM_BASE

/* Uncached MMIO region: 0x1000_0000 .. 0x1FFF_FFFF. Only 32-bit aligned word accesses. */
#define SOC_MMIO_BASE         0x10000000u
#define SOC_MMIO_SIZE         0x10000000u

/* Console UART */
#define SOC_UART_BASE         0x10000000u
#define SOC_UART_DATA         0x00u /* write: send a byte; read: next received byte (pops) */
#define SOC_UART_STATUS       0x04u /* read-only, bits below */
#define SOC_UART_CTRL         0x08u /* bit 0: raise the external interrupt while a byte is waiting */
#define SOC_UART_STATUS_TX_READY 0x1u /* the transmit FIFO has room */
#define SOC_UART_STATUS_RX_VALID 0x2u /* a received byte is waiting */
#define SOC_UART_STATUS_TX_IDLE  0x4u /* everything sent */
#define SOC_UART_CTRL_RX_IRQ     0x1u

/* CLINT-style timer: mtime counts core clock cycles; the machine timer interrupt is pending while
 * mtime >= mtimecmp. msip drives the machine software interrupt. */
#define SOC_TIMER_BASE        0x10001000u
#define SOC_TIMER_MTIME       0x00u /* low word; high word at +4 */
#define SOC_TIMER_MTIMEH      0x04u
#define SOC_TIMER_MTIMECMP    0x08u /* low word; high word at +0xC */
#define SOC_TIMER_MTIMECMPH   0x0Cu
#define SOC_TIMER_MSIP        0x10u /* bit 0 */

/* SoC control block: exit register, a test hook for the external interrupt, the build descriptor. */
#define SOC_CTRL_BASE         0x10002000u
#define SOC_CTRL_EXIT         0x00u /* write (code << 1) | 1 to end the run with status `code` */
#define SOC_CTRL_EXT_IRQ      0x04u /* bit 0 drives the external interrupt line (for tests) */
#define SOC_CTRL_MAGIC        0x10u /* read-only: SOC_MAGIC_VALUE */
#define SOC_CTRL_VERSION      0x14u /* read-only: descriptor layout version */
#define SOC_CTRL_CORE_KIND    0x18u /* read-only: SOC_CORE_* */
#define SOC_CTRL_CLOCK_HZ     0x1Cu /* read-only: core clock in Hz (mtime rate) */
#define SOC_CTRL_RAM_BASE     0x20u /* read-only */
#define SOC_CTRL_RAM_SIZE     0x24u /* read-only */
#define SOC_CTRL_MISA         0x28u /* read-only: the misa value of the core */
#define SOC_CTRL_EVENTS_VERSION 0x2Cu /* read-only: version of spec/hpm_events.h the build uses */

#define SOC_MAGIC_VALUE       0x42414c43u /* "CLAB" in little-endian bytes */
#define SOC_DESCRIPTOR_VERSION 1u

#define SOC_CORE_ISS          0u
#define SOC_CORE_PIPE         1u
#define SOC_CORE_OOO          2u

/* Exit convention: a 32-bit store of (code << 1) | 1 to `tohost` (if the ELF has that symbol) or to
 * the exit register ends the run with exit status `code`. */
#define SOC_EXIT_VALUE(code)  ((((unsigned)(code)) << 1) | 1u)

#endif
