/* The benchmark harness (bench.h): measures mcycle/minstret around the kernel's iterations, checks
 * the result and prints the one machine-readable BENCH line that scripts/bench.py parses. It writes
 * straight to the console UART (no printf) to keep the programs small and their start-up short. */
#include "bench.h"

#include "corelab.h"

static void put_str(const char *s) {
  while (*s) uart_putc(*s++);
}

/* Decimal by subtracting powers of ten: no 64-bit division, so libgcc's is not linked in. */
static void put_u64(uint64_t v) {
  uint64_t powers[20]; /* 10^0 .. 10^19: enough for any 64-bit value */
  int n = 0;
  for (uint64_t p = 1;; p *= 10) {
    powers[n++] = p;
    if (n == 20 || p * 10 > v) break;
  }
  while (n--) {
    char digit = '0';
    for (; v >= powers[n]; v -= powers[n]) digit++;
    uart_putc(digit);
  }
}

static void put_hex32(uint32_t v) {
  for (int shift = 28; shift >= 0; shift -= 4) uart_putc("0123456789abcdef"[(v >> shift) & 0xf]);
}

void bench_mismatch(const char *name, const char *what, uint32_t got, uint32_t want) {
  put_str(name);
  put_str(": ");
  put_str(what);
  put_str(" = 0x");
  put_hex32(got);
  put_str(", expected 0x");
  put_hex32(want);
  put_str("\n");
}

int bench_main(const bench_t *b, unsigned iterations) {
  if (b->setup) b->setup();

  uint32_t first = 0;
  unsigned differing = 0;
  uint64_t cycles0 = rdcycle();
  uint64_t instret0 = rdinstret();
  for (unsigned n = 0; n < iterations; n++) {
    /* The call goes through a pointer, so the compiler cannot merge or hoist the iterations. */
    uint32_t sum = b->run();
    if (n == 0) first = sum;
    else differing += sum != first;
  }
  uint64_t instret1 = rdinstret();
  uint64_t cycles1 = rdcycle();

  int ok = iterations > 0 && differing == 0;
  if (differing) bench_mismatch(b->name, "iterations with another checksum", differing, 0);
  /* check() runs even after a failure: its messages tell which part went wrong. */
  if (iterations > 0 && !b->check(first)) ok = 0;

  put_str("BENCH name=");
  put_str(b->name);
  put_str(" cycles=");
  put_u64(cycles1 - cycles0);
  put_str(" instret=");
  put_u64(instret1 - instret0);
  put_str(ok ? " status=ok\n" : " status=fail\n");
  return ok ? 0 : 1;
}
