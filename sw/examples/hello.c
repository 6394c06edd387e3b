/* The first program: prints a greeting on the console and exits with status 0.
 * expect-output: Hello from the corelab SoC! */
#include <stdio.h>

int main(void) {
  printf("Hello from the corelab SoC!\n");
  return 0;
}
