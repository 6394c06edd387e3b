/* Trap dispatch: crt0's corelab_trap_entry saves the caller-saved registers and calls corelab_trap,
 * which runs the handler installed for the cause and returns the pc to resume at. */
#include <stdlib.h>

#include "corelab.h"

#define CAUSES 32
static trap_handler_t interrupt_handlers[CAUSES];
static trap_handler_t exception_handlers[CAUSES];

void trap_set_handler(int is_interrupt, unsigned cause, trap_handler_t handler) {
  if (cause >= CAUSES) return;
  (is_interrupt ? interrupt_handlers : exception_handlers)[cause] = handler;
}

/* Without printf, so that a small program (the boards' boot ROM) does not pull in stdio. */
static void put_field(const char *name, uint32_t v) {
  while (*name) uart_putc(*name++);
  uart_putc('0');
  uart_putc('x');
  for (int shift = 28; shift >= 0; shift -= 4) uart_putc("0123456789abcdef"[(v >> shift) & 0xfu]);
}

uint32_t corelab_trap(uint32_t mcause, uint32_t mepc, uint32_t mtval) {
  unsigned cause = mcause & 0x1fu;
  trap_handler_t h = (mcause & MCAUSE_INTERRUPT) ? interrupt_handlers[cause] : exception_handlers[cause];
  if (h) return h(mcause, mepc, mtval);
  put_field("unhandled trap: mcause=", mcause);
  put_field(" mepc=", mepc);
  put_field(" mtval=", mtval);
  uart_putc('\n');
  exit(128 + (int)cause);
}

uint64_t timer_now(void) {
  uint32_t hi, lo, hi2;
  do {
    hi = mmio_read(SOC_TIMER_BASE + SOC_TIMER_MTIMEH);
    lo = mmio_read(SOC_TIMER_BASE + SOC_TIMER_MTIME);
    hi2 = mmio_read(SOC_TIMER_BASE + SOC_TIMER_MTIMEH);
  } while (hi != hi2);
  return ((uint64_t)hi << 32) | lo;
}

void timer_set_compare(uint64_t when) {
  /* Write the high word last with the low word parked at its maximum, so no spurious interrupt. */
  mmio_write(SOC_TIMER_BASE + SOC_TIMER_MTIMECMP, 0xffffffffu);
  mmio_write(SOC_TIMER_BASE + SOC_TIMER_MTIMECMPH, (uint32_t)(when >> 32));
  mmio_write(SOC_TIMER_BASE + SOC_TIMER_MTIMECMP, (uint32_t)when);
}

uint32_t soc_clock_hz(void) { return mmio_read(SOC_CTRL_BASE + SOC_CTRL_CLOCK_HZ); }
