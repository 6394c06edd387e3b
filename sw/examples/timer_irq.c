/* Timer interrupts: the machine timer fires every TICK cycles; the handler counts ticks and re-arms
 * the timer while the main loop sleeps in wfi. Shows mtvec/mie/mstatus use through the runtime.
 * expect-output: tick 5 at mtime
 * expect-output: timer demo done */
#include <stdio.h>

#include "corelab.h"

#define TICK 20000u
#define TICKS 5

static volatile unsigned ticks;

static uint32_t on_timer(uint32_t mcause, uint32_t mepc, uint32_t mtval) {
  (void)mcause;
  (void)mtval;
  ticks++;
  timer_set_compare(timer_now() + TICK);
  return mepc; /* interrupts resume at the interrupted instruction */
}

int main(void) {
  printf("timer demo: clock %lu Hz, one tick every %u cycles\n", (unsigned long)soc_clock_hz(), TICK);
  trap_set_handler(1, IRQ_M_TIMER, on_timer);
  timer_set_compare(timer_now() + TICK);
  irq_enable(MIE_MTIE);
  irq_global_enable();
  unsigned seen = 0;
  while (seen < TICKS) {
    wait_for_interrupt();
    if (ticks != seen) {
      seen = ticks;
      printf("tick %u at mtime %llu\n", seen, (unsigned long long)timer_now());
    }
  }
  irq_global_disable();
  printf("timer demo done\n");
  return 0;
}
