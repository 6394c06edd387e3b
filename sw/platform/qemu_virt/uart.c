/* QEMU's `virt` machine as a platform: the console is its NS16550A UART and exit goes through the
 * SiFive test device. Only used to compare the ISS's speed with QEMU's on the same program
 * (scripts/bench.py); the SoC timer and descriptor do not exist there. */
#include "corelab.h"

#define VIRT_UART_BASE 0x10000000u /* NS16550A, byte-wide registers */
#define VIRT_UART_RBR 0u           /* read: received byte */
#define VIRT_UART_THR 0u           /* write: byte to send */
#define VIRT_UART_LSR 5u           /* line status */
#define VIRT_LSR_DATA_READY 0x01u
#define VIRT_LSR_THR_EMPTY 0x20u
#define VIRT_LSR_TX_IDLE 0x40u     /* holding and shift registers both empty */

#define VIRT_TEST_BASE 0x00100000u /* SiFive test device ("sifive,test0") */
#define VIRT_TEST_PASS 0x5555u
#define VIRT_TEST_FAIL 0x3333u     /* | (exit code << 16) */

static inline uint8_t uart_reg_read(uint32_t off) {
  return *(volatile uint8_t *)(uintptr_t)(VIRT_UART_BASE + off);
}

static inline void uart_reg_write(uint32_t off, uint8_t v) {
  *(volatile uint8_t *)(uintptr_t)(VIRT_UART_BASE + off) = v;
}

void uart_putc(char c) {
  while (!(uart_reg_read(VIRT_UART_LSR) & VIRT_LSR_THR_EMPTY)) {
  }
  uart_reg_write(VIRT_UART_THR, (uint8_t)c);
}

int uart_getc(void) {
  if (!(uart_reg_read(VIRT_UART_LSR) & VIRT_LSR_DATA_READY)) return -1;
  return uart_reg_read(VIRT_UART_RBR);
}

void uart_flush(void) {
  while (!(uart_reg_read(VIRT_UART_LSR) & VIRT_LSR_TX_IDLE)) {
  }
}

/* picolibc's exit() ends here. QEMU leaves with the code given to the test device. */
void _exit(int status) {
  uart_flush();
  uint32_t v = status == 0 ? VIRT_TEST_PASS : ((uint32_t)status << 16) | VIRT_TEST_FAIL;
  mmio_write(VIRT_TEST_BASE, v);
  for (;;) __asm__ volatile("wfi");
}
