/* Performance counters: programs four mhpmcounters with events, runs a small kernel (a table
 * lookup loop with loads, stores and branches), and prints what the counters saw.
 * The counts include the few loads and stores of the snapshot calls themselves.
 * expect-output: LOAD: 4[01][0-9][0-9]\n
 * expect-output: STORE: 10[23][0-9]\n */
#include <stdio.h>

#include "corelab.h"

#define N 1024
static uint32_t table[N];

__attribute__((noinline)) static uint32_t kernel(void) {
  uint32_t sum = 0;
  for (unsigned i = 0; i < N; i++) table[i] = i * 2654435761u;
  for (unsigned round = 0; round < 4; round++)
    for (unsigned i = 0; i < N; i++)
      if (table[(i * 7 + round) % N] & 1) sum += i;
  return sum;
}

int main(void) {
  static const unsigned events[] = {HPM_EV_LOAD, HPM_EV_STORE, HPM_EV_BRANCH, HPM_EV_JUMP, 0};
  counters_t begin, end;
  counters_start(events);
  counters_snapshot(&begin);
  uint32_t sum = kernel();
  counters_snapshot(&end);
  printf("kernel result %lu\n", (unsigned long)sum);
  counters_print(&begin, &end);
  uint64_t instret = end.instret - begin.instret, cycles = end.cycles - begin.cycles;
  printf("IPC: %llu.%02llu\n", (unsigned long long)(instret / cycles),
         (unsigned long long)(instret * 100 / cycles % 100));
  return 0;
}
