/* 64-bit integers through the runtime's stdio: %llu, %lld, %llx, and a 64-bit value followed by
 * more arguments (a printf without long long support would print the low word and then take the
 * high word for the next argument). The runtime itself prints counters with %llu. Exits 0 on
 * success, otherwise the number of the failed check (printed too).
 * expect-output: printf64: 18446744073709551615 ok\n */
#include <stdio.h>
#include <string.h>

static int check(int n, const char *got, int got_len, const char *want) {
  if (strcmp(got, want) == 0 && got_len == (int)strlen(want)) return 0;
  printf("printf64: check %d failed: got \"%s\" (%d), expected \"%s\" (%d)\n", n, got, got_len,
         want, (int)strlen(want));
  return n;
}

int main(void) {
  char buf[80];
  int r;
  int failed = 0;
  /* volatile: the compiler must not work out the text (or its length) at build time */
  volatile unsigned long long max = 18446744073709551615ull, big = 0x123456789abcdefull;
  volatile long long neg = -9223372036854775807ll;
#define CHECK(n, want, ...)                                                                    \
  do {                                                                                         \
    r = snprintf(buf, sizeof buf, __VA_ARGS__);                                                \
    if (!failed) failed = check(n, buf, r, want);                                              \
  } while (0)

  CHECK(1, "18446744073709551615", "%llu", max);
  CHECK(2, "-9223372036854775807", "%lld", neg);
  CHECK(3, "123456789abcdef", "%llx", big);
  CHECK(4, "4294967296", "%llu", (unsigned long long)max / 4294967295ull - 1);
  CHECK(5, "81985529216486895 7", "%llu %d", big, 7);
  CHECK(6, "1.05", "%llu.%02llu", big / big, 5ull * (big / big));
  if (failed) return failed;

  printf("printf64: %llu ok\n", max);
  return 0;
}
