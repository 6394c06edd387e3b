/* The SoC platform: console UART and exit register (docs/memory-map.md). Another platform (for example
 * QEMU's virt machine, used to compare simulator speed) provides the same four functions. */
#include "corelab.h"

void uart_putc(char c) {
  while (!(mmio_read(SOC_UART_BASE + SOC_UART_STATUS) & SOC_UART_STATUS_TX_READY)) {
  }
  mmio_write(SOC_UART_BASE + SOC_UART_DATA, (uint8_t)c);
}

int uart_getc(void) {
  if (!(mmio_read(SOC_UART_BASE + SOC_UART_STATUS) & SOC_UART_STATUS_RX_VALID)) return -1;
  return (int)(mmio_read(SOC_UART_BASE + SOC_UART_DATA) & 0xffu);
}

void uart_flush(void) {
  while (!(mmio_read(SOC_UART_BASE + SOC_UART_STATUS) & SOC_UART_STATUS_TX_IDLE)) {
  }
}

/* picolibc's exit() ends here after running the atexit handlers. */
void _exit(int status) {
  uart_flush();
  mmio_write(SOC_CTRL_BASE + SOC_CTRL_EXIT, SOC_EXIT_VALUE(status));
  for (;;) __asm__ volatile("wfi");
}
