/* The LED and button registers of the control block: LEDS keeps the low 8 bits of what was
 * written, BUTTONS reads 0 in simulation and ignores writes. Exits with the number of the failed
 * check. */
#include <stdio.h>

#include "corelab.h"

int main(void) {
  if (leds_get() != 0) return 1; /* reset value */
  for (uint32_t i = 0; i < 256; i += 37) {
    leds_set(0xabcd0000u | i);
    if (leds_get() != i) return 2;
  }
  mmio_write(SOC_CTRL_BASE + SOC_CTRL_BUTTONS, 0xff);
  if (buttons_get() != 0) return 3;
  leds_set(0x5a);
  printf("leds %02x buttons %02x\n", (unsigned)leds_get(), (unsigned)buttons_get());
  return leds_get() == 0x5a ? 0 : 4;
}
