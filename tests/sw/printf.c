/* Formatted output through the runtime's stdio (picolibc on the console UART): snprintf of 32-bit
 * numbers in the usual formats, with width, precision and flags, and truncation; then one printf
 * line. 64-bit formats are in printf64.c. Exits 0 on success, otherwise the number of the failed
 * check (printed too).
 * expect-output: printf: -42 4294967295 0xdeadbeef 00001234 ok\n */
#include <stdio.h>
#include <string.h>

static int check(int n, const char *got, int got_len, const char *want) {
  if (strcmp(got, want) == 0 && got_len == (int)strlen(want)) return 0;
  printf("printf: check %d failed: got \"%s\" (%d), expected \"%s\" (%d)\n", n, got, got_len, want,
         (int)strlen(want));
  return n;
}

int main(void) {
  char buf[64];
  int r;
  int failed = 0;
#define CHECK(n, want, ...)                                                                    \
  do {                                                                                         \
    r = snprintf(buf, sizeof buf, __VA_ARGS__);                                                \
    if (!failed) failed = check(n, buf, r, want);                                              \
  } while (0)

  CHECK(1, "-42", "%d", -42);
  CHECK(2, "4294967295", "%u", 4294967295u);
  CHECK(3, "deadbeef", "%x", 0xdeadbeefu);
  CHECK(4, "0xDEADBEEF", "0x%X", 0xdeadbeefu);
  CHECK(5, "00001234", "%08x", 0x1234u);
  CHECK(6, "   42|42   |", "%5d|%-5d|", 42, 42);
  CHECK(7, "-2147483648", "%ld", (long)(-2147483647L - 1));
  CHECK(10, "hello, world", "%s, %s", "hello", "world");
  CHECK(11, "[  abc]", "[%5s]", "abc");
  CHECK(12, "x=7 c=Z 100%", "x=%d c=%c 100%%", 7, 'Z');
  CHECK(13, "017 0x1f", "%#o %#x", 15u, 31u);
  CHECK(14, "+5 -5", "%+d %+d", 5, -5);
  CHECK(15, "00042", "%.5d", 42);
  CHECK(16, "0", "%d", 0);

  /* Truncation: the result says how long the whole text would have been. (A volatile size keeps
   * the compiler from working the result out, and from warning about it.) */
  volatile size_t small = 5;
  r = snprintf(buf, small, "%s", "abcdefgh");
  if (!failed) failed = check(20, buf, r == 8 ? 4 : -1, "abcd");
  r = snprintf(NULL, 0, "%d", 123456);
  if (!failed && r != 6) {
    printf("printf: check 21 failed: snprintf(NULL, 0) returned %d, expected 6\n", r);
    failed = 21;
  }
  if (failed) return failed;

  printf("printf: %d %u 0x%x %08x ok\n", -42, 4294967295u, 0xdeadbeefu, 0x1234u);
  return 0;
}
