/* External interrupts through the runtime: the SoC's EXT_IRQ test hook raises mip.MEIP; a handler
 * installed with trap_set_handler clears the line and counts. Checks masking by mie and by
 * mstatus.MIE, one interrupt per raise, and the handler's arguments; exits 0 on success, otherwise
 * the number of the failed check (printed too).
 * expect-output: ext_irq: ok\n */
#include <stdio.h>

#include "corelab.h"

#define ROUNDS 3
#define MIP_MEIP (1u << IRQ_M_EXT) /* the external interrupt's bit in mip */

static volatile unsigned taken;
static volatile uint32_t last_cause, last_tval;

static uint32_t on_external(uint32_t mcause, uint32_t mepc, uint32_t mtval) {
  last_cause = mcause;
  last_tval = mtval;
  mmio_write(SOC_CTRL_BASE + SOC_CTRL_EXT_IRQ, 0); /* acknowledge: lower the line */
  taken++;
  return mepc;
}

static void raise_line(void) { mmio_write(SOC_CTRL_BASE + SOC_CTRL_EXT_IRQ, 1); }

static void spin(void) {
  for (volatile int i = 0; i < 100; i++) {
  }
}

static int fail(int check, const char *what) {
  printf("ext_irq: check %d failed: %s\n", check, what);
  return check;
}

int main(void) {
  trap_set_handler(1, IRQ_M_EXT, on_external);

  /* Pending but masked by mie: visible in mip, not taken. */
  raise_line();
  if (!(csr_read(mip) & MIP_MEIP)) return fail(1, "mip.MEIP not set by EXT_IRQ");
  irq_global_enable();
  spin();
  irq_global_disable();
  if (taken) return fail(2, "taken although mie.MEIE was clear");

  /* Enabled in mie but mstatus.MIE clear: still not taken. */
  irq_enable(MIE_MEIE);
  spin();
  if (taken) return fail(3, "taken although mstatus.MIE was clear");

  /* Both enabled: taken once, at once. */
  irq_global_enable();
  spin();
  if (taken != 1) return fail(4, "not taken exactly once when enabled");
  if (last_cause != (MCAUSE_INTERRUPT | IRQ_M_EXT)) return fail(5, "mcause is not 0x8000000b");
  if (last_tval != 0) return fail(6, "mtval is not 0 for an interrupt");
  if (mmio_read(SOC_CTRL_BASE + SOC_CTRL_EXT_IRQ) & 1) return fail(7, "line still raised");

  /* Each further raise: exactly one more interrupt. */
  for (unsigned i = 2; i <= ROUNDS + 1; i++) {
    raise_line();
    spin();
    if (taken != i) return fail(8, "not one interrupt per raise");
  }
  irq_global_disable();
  irq_disable(MIE_MEIE);
  if (csr_read(mip) & MIP_MEIP) return fail(9, "mip.MEIP still set at the end");
  printf("ext_irq: ok\n");
  return 0;
}
