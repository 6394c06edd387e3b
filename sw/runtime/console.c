/* picolibc's stdin/stdout/stderr on the platform's console UART. Bytes pass unchanged: a terminal
 * on the host side does any newline translation. */
#include <stdio.h>

#include "corelab.h"

static int console_put(char c, FILE *f) {
  (void)f;
  uart_putc(c);
  return (unsigned char)c;
}

static int console_get(FILE *f) {
  (void)f;
  int c;
  while ((c = uart_getc()) < 0) {
  }
  return c;
}

static FILE console = FDEV_SETUP_STREAM(console_put, console_get, NULL, _FDEV_SETUP_RW);
FILE *const stdin = &console;
FILE *const stdout = &console;
FILE *const stderr = &console;
