/* Console input: reads lines from the UART and echoes each back with a prompt; "exit" ends the
 * program. Try it on a simulated board: build/bin/coresim --core pipe --uart pty echo.elf, then
 * open the printed serial port with a terminal. With no input (coresim's console on stdout) it
 * waits for a while and exits. */
#include <stdio.h>
#include <string.h>

#include "corelab.h"

int main(void) {
  char line[80];
  unsigned len = 0;
  unsigned long idle = 0;
  printf("echo ready\n");
  for (;;) {
    int c = uart_getc();
    if (c < 0) {
      if (++idle > 100000ul) break; /* nobody is typing */
      continue;
    }
    idle = 0;
    if (c == '\r' || c == '\n') {
      line[len] = 0;
      if (strcmp(line, "exit") == 0) break;
      printf("> %s\n", line);
      len = 0;
    } else if (len + 1 < sizeof line) {
      line[len++] = (char)c;
    }
  }
  printf("echo done\n");
  return 0;
}
