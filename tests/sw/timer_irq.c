/* Timer interrupts through the runtime: a handler installed with trap_set_handler counts TICKS
 * machine-timer interrupts, re-arming mtimecmp each time, while main sleeps in wfi. Checks the
 * handler's arguments and that no tick comes early; exits 0 on success, otherwise the number of the
 * failed check (printed too).
 * expect-output: timer_irq: 5 ticks\n */
#include <stdio.h>

#include "corelab.h"

#define TICK 500u
#define TICKS 5
#define TIMEOUT (50u * TICK) /* no tick for this long: give up */

static volatile unsigned ticks;
static volatile unsigned bad_cause, early;
static volatile uint64_t deadline;

static uint32_t on_timer(uint32_t mcause, uint32_t mepc, uint32_t mtval) {
  if (mcause != (MCAUSE_INTERRUPT | IRQ_M_TIMER) || mtval != 0) bad_cause++;
  if (timer_now() < deadline) early++;
  ticks++;
  deadline = timer_now() + TICK;
  timer_set_compare(deadline);
  return mepc; /* an interrupt resumes at the interrupted instruction */
}

static int fail(int check, const char *what) {
  printf("timer_irq: check %d failed: %s\n", check, what);
  return check;
}

int main(void) {
  trap_set_handler(1, IRQ_M_TIMER, on_timer);
  if (csr_read(mip) & (1u << IRQ_M_TIMER)) return fail(1, "timer pending before it was armed");
  deadline = timer_now() + TICK;
  timer_set_compare(deadline);
  irq_enable(MIE_MTIE);
  irq_global_enable();
  uint64_t give_up = timer_now() + TIMEOUT * TICKS;
  while (ticks < TICKS && timer_now() < give_up) wait_for_interrupt();
  irq_global_disable();
  irq_disable(MIE_MTIE);
  timer_set_compare(UINT64_MAX);

  if (ticks < TICKS) return fail(2, "too few ticks before the timeout");
  if (bad_cause) return fail(3, "handler saw a wrong mcause or mtval");
  if (early) return fail(4, "a tick came before mtime reached mtimecmp");
  unsigned seen = ticks;
  for (volatile int i = 0; i < 1000; i++) {
  }
  if (ticks != seen) return fail(5, "ticks after the timer was disabled");
  printf("timer_irq: %u ticks\n", seen);
  return 0;
}
