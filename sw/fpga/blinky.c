/* The FPGA boards' default program (it sits in the bitstream's boot ROM): counts on the LEDs, one step
 * every quarter second of the timer, and says hello on the console UART once a second. Small on
 * purpose (no printf): it must fit the smallest boot ROM. Runs forever; `corectl load` replaces it.
 * Built with -DBLINKY_TEST (the simulator's test) it steps 1000 times faster and ends after 3 "s".
 * expect-output: corelab blinky: hello, 0 s
 * expect-output: corelab blinky: hello, 2 s */
#include "corelab.h"

#ifdef BLINKY_TEST
#define STEPS_PER_SECOND 4000u
#define LAST_SECOND 3u
#else
#define STEPS_PER_SECOND 4u
#endif

static void put_string(const char *s) {
  while (*s) uart_putc(*s++);
}

static void put_decimal(uint32_t v) {
  char digits[10];
  int n = 0;
  do {
    digits[n++] = (char)('0' + v % 10u);
    v /= 10u;
  } while (v != 0);
  while (n > 0) uart_putc(digits[--n]);
}

int main(void) {
  const uint64_t step = soc_clock_hz() / STEPS_PER_SECOND;
  uint64_t next = timer_now() + step;
  for (uint32_t count = 0;; count++) {
    leds_set(count & 0xffu);
    if (count % 4u == 0) {
      const uint32_t second = count / 4u;
#ifdef LAST_SECOND
      if (second == LAST_SECOND) return 0;
#endif
      put_string("corelab blinky: hello, ");
      put_decimal(second);
      put_string(" s\r\n");
    }
    while (timer_now() < next) {
    }
    next += step;
  }
}
