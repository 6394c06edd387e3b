/* Counters through the runtime: counters_start / counters_snapshot around a loop written in
 * assembly, so the exact number of loads, stores, branches and instructions is known. The snapshot
 * calls' own overhead is measured with a zero-trip run of the same code and subtracted. Exits 0 on
 * success, otherwise the number of the failed check (printed too). */
#include <stdio.h>
#include <string.h>

#include "corelab.h"

#define TRIPS 100u

static uint32_t buffer[2];

/* n trips of: one load, one store, one add, one conditional branch; plus one branch (the beqz) in
 * front. Everything between the two snapshots is the same for every n except the trips. */
__attribute__((noinline)) static void measure(uint32_t n, counters_t *begin, counters_t *end) {
  counters_snapshot(begin);
  __asm__ volatile(
      "  beqz  %[n], 2f\n"
      "1:\n"
      "  lw    t0, 0(%[p])\n"
      "  sw    t0, 4(%[p])\n"
      "  addi  %[n], %[n], -1\n"
      "  bnez  %[n], 1b\n"
      "2:\n"
      : [n] "+r"(n)
      : [p] "r"(buffer)
      : "t0", "memory");
  counters_snapshot(end);
}

static uint64_t delta(const counters_t *b, const counters_t *e, unsigned i) {
  return e->count[i] - b->count[i];
}

static int fail(int check, const char *what, unsigned long long got, unsigned long long want) {
  printf("counters: check %d failed: %s: got %llu, expected %llu\n", check, what, got, want);
  return check;
}

int main(void) {
  static const unsigned events[] = {HPM_EV_LOAD, HPM_EV_STORE, HPM_EV_BRANCH, HPM_EV_JUMP,
                                    HPM_EV_INSTRET, 0};
  enum { LOAD, STORE, BRANCH, JUMP, INSTRET };
  counters_start(events);

  for (unsigned i = 0; i < 5; i++)
    if (hpm_get_event(HPM_FIRST + i) != events[i])
      return fail(1, "event did not stick", hpm_get_event(HPM_FIRST + i), events[i]);
  if (hpm_get_event(HPM_FIRST + 5) != HPM_EV_NONE)
    return fail(2, "unused counter has an event", hpm_get_event(HPM_FIRST + 5), HPM_EV_NONE);
  if (hpm_read(11) != 0) return fail(3, "mhpmcounter11 is not zero", hpm_read(11), 0);
  if (strcmp(hpm_event_name(HPM_EV_LOAD), "LOAD") != 0) return fail(4, "event name", 0, 0);

  counters_t b0, e0, b1, e1;
  measure(0, &b0, &e0);
  measure(TRIPS, &b1, &e1);

  /* The counters keep running between the snapshots: instret grows. */
  if (e1.instret <= b1.instret) return fail(10, "instret did not grow", e1.instret - b1.instret, 1);
  if (e1.cycles <= b1.cycles) return fail(11, "cycles did not grow", e1.cycles - b1.cycles, 1);
  if (b1.instret < e0.instret) return fail(12, "instret went backwards", b1.instret, e0.instret);

  /* Exact counts: the loop minus the zero-trip run. */
  const struct {
    unsigned index;
    const char *name;
    uint64_t want;
  } expect[] = {
      {LOAD, "LOAD", TRIPS},
      {STORE, "STORE", TRIPS},
      {BRANCH, "BRANCH", TRIPS},          /* the bnez per trip; the beqz is in both runs */
      {JUMP, "JUMP", 0},
      {INSTRET, "INSTRET event", 4 * TRIPS},
  };
  for (unsigned i = 0; i < sizeof expect / sizeof expect[0]; i++) {
    uint64_t got = delta(&b1, &e1, expect[i].index) - delta(&b0, &e0, expect[i].index);
    if (got != expect[i].want) return fail(20 + (int)i, expect[i].name, got, expect[i].want);
  }
  uint64_t instret = (e1.instret - b1.instret) - (e0.instret - b0.instret);
  if (instret != 4 * TRIPS) return fail(30, "minstret", instret, 4 * TRIPS);
  /* The INSTRET event and minstret count the same thing. */
  if (delta(&b1, &e1, INSTRET) != e1.instret - b1.instret)
    return fail(31, "INSTRET event vs minstret", delta(&b1, &e1, INSTRET), e1.instret - b1.instret);

  counters_print(&b1, &e1);
  printf("counters: ok\n");
  return 0;
}
