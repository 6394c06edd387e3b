/* The SoC contract: addresses and register layout shared by the ISS, the RTL, the software kit and
 * the host tool. Plain C preprocessor definitions so that C, C++ and assembly can all include it.
 * docs/memory-map.md explains every entry; tests/spec checks that the two agree. */
#ifndef CORELAB_SOC_MAP_H
#define CORELAB_SOC_MAP_H

/* Unsigned in C, plain in assembly (the assembler does not take the u suffix everywhere). */
#ifdef __ASSEMBLER__
#define SOC_U(x) x
#else
#define SOC_U(x) x##u
#endif

/* RAM: execution starts at its first byte. The size depends on the target (board or simulator). */
#define SOC_RAM_BASE          SOC_U(0x80000000)
#define SOC_RAM_SIZE_DEFAULT  SOC_U(0x00010000) /* 64 KiB: fits every supported board */
#define SOC_RESET_PC          SOC_RAM_BASE

/* Uncached MMIO region: 0x1000_0000 .. 0x1FFF_FFFF. Only 32-bit aligned word accesses. */
#define SOC_MMIO_BASE         SOC_U(0x10000000)
#define SOC_MMIO_SIZE         SOC_U(0x10000000)

/* Console UART */
#define SOC_UART_BASE         SOC_U(0x10000000)
#define SOC_UART_DATA         SOC_U(0x00) /* write: send a byte; read: next received byte (pops) */
#define SOC_UART_STATUS       SOC_U(0x04) /* read-only, bits below */
#define SOC_UART_CTRL         SOC_U(0x08) /* bit 0: raise the external interrupt while a byte is waiting */
#define SOC_UART_STATUS_TX_READY SOC_U(0x1) /* the transmit FIFO has room */
#define SOC_UART_STATUS_RX_VALID SOC_U(0x2) /* a received byte is waiting */
#define SOC_UART_STATUS_TX_IDLE  SOC_U(0x4) /* everything sent */
#define SOC_UART_CTRL_RX_IRQ     SOC_U(0x1)

/* CLINT-style timer: mtime counts core clock cycles; the machine timer interrupt is pending while
 * mtime >= mtimecmp. msip drives the machine software interrupt. */
#define SOC_TIMER_BASE        SOC_U(0x10001000)
#define SOC_TIMER_MTIME       SOC_U(0x00) /* low word; high word at +4 */
#define SOC_TIMER_MTIMEH      SOC_U(0x04)
#define SOC_TIMER_MTIMECMP    SOC_U(0x08) /* low word; high word at +0xC */
#define SOC_TIMER_MTIMECMPH   SOC_U(0x0C)
#define SOC_TIMER_MSIP        SOC_U(0x10) /* bit 0 */

/* SoC control block: exit register, a test hook for the external interrupt, the build descriptor,
   the board's LEDs and buttons. */
#define SOC_CTRL_BASE         SOC_U(0x10002000)
#define SOC_CTRL_EXIT         SOC_U(0x00) /* write (code << 1) | 1 to end the run with status `code` */
#define SOC_CTRL_EXT_IRQ      SOC_U(0x04) /* bit 0 drives the external interrupt line (for tests) */
#define SOC_CTRL_MAGIC        SOC_U(0x10) /* read-only: SOC_MAGIC_VALUE */
#define SOC_CTRL_VERSION      SOC_U(0x14) /* read-only: descriptor layout version */
#define SOC_CTRL_CORE_KIND    SOC_U(0x18) /* read-only: SOC_CORE_* */
#define SOC_CTRL_CLOCK_HZ     SOC_U(0x1C) /* read-only: core clock in Hz (mtime rate) */
#define SOC_CTRL_RAM_BASE     SOC_U(0x20) /* read-only */
#define SOC_CTRL_RAM_SIZE     SOC_U(0x24) /* read-only */
#define SOC_CTRL_MISA         SOC_U(0x28) /* read-only: the misa value of the core */
#define SOC_CTRL_EVENTS_VERSION SOC_U(0x2C) /* read-only: version of spec/hpm_events.h the build uses */
#define SOC_CTRL_LEDS         SOC_U(0x30) /* bits 7:0 light the board's LEDs (1 = on); reads back */
#define SOC_CTRL_BUTTONS      SOC_U(0x34) /* read-only: bits 7:0 the board's buttons (1 = pressed); 0 in simulation */

#define SOC_MAGIC_VALUE       SOC_U(0x42414c43) /* "CLAB" in little-endian bytes */
#define SOC_DESCRIPTOR_VERSION SOC_U(1)

#define SOC_CORE_ISS          SOC_U(0)
#define SOC_CORE_PIPE         SOC_U(1)
#define SOC_CORE_OOO          SOC_U(2)

/* Exit convention: a 32-bit store of (code << 1) | 1 to `tohost` (if the ELF has that symbol) or to
 * the exit register ends the run with exit status `code`. */
#define SOC_EXIT_VALUE(code)  ((((unsigned)(code)) << 1) | 1u)

#endif
