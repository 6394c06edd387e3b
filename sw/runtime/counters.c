/* Counter helpers: the mhpmcounter/mhpmevent CSRs are numbered, but CSR instructions take the number
 * as an immediate, so each access goes through a small switch generated for all 29 counters. */
#include <stdio.h>

#include "corelab.h"

#define HPM_CASES(X) \
  X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12) X(13) X(14) X(15) X(16) X(17) X(18) X(19) \
  X(20) X(21) X(22) X(23) X(24) X(25) X(26) X(27) X(28) X(29) X(30) X(31)

uint64_t hpm_read(unsigned n) {
  switch (n) {
#define READ_CASE(i) case i: return CORELAB_READ64(mhpmcounter##i, mhpmcounter##i##h);
    HPM_CASES(READ_CASE)
#undef READ_CASE
    default: return 0;
  }
}

void hpm_write(unsigned n, uint64_t value) {
  switch (n) {
#define WRITE_CASE(i) \
  case i: \
    csr_write(mhpmcounter##i, 0); \
    csr_write(mhpmcounter##i##h, (uint32_t)(value >> 32)); \
    csr_write(mhpmcounter##i, (uint32_t)value); \
    break;
    HPM_CASES(WRITE_CASE)
#undef WRITE_CASE
    default: break;
  }
}

void hpm_set_event(unsigned n, unsigned event) {
  switch (n) {
#define EVENT_CASE(i) case i: csr_write(mhpmevent##i, event); break;
    HPM_CASES(EVENT_CASE)
#undef EVENT_CASE
    default: break;
  }
}

unsigned hpm_get_event(unsigned n) {
  switch (n) {
#define GET_EVENT_CASE(i) case i: return csr_read(mhpmevent##i);
    HPM_CASES(GET_EVENT_CASE)
#undef GET_EVENT_CASE
    default: return 0;
  }
}

static const char *const event_names[] = {
#define NAME_ENTRY(num, name, text) [num] = #name,
    HPM_EVENT_LIST(NAME_ENTRY)
#undef NAME_ENTRY
};

const char *hpm_event_name(unsigned event) {
  return event < HPM_EVENT_COUNT ? event_names[event] : "UNKNOWN";
}

void counters_start(const unsigned *events) {
  counters_inhibit(0xffffffffu);
  for (unsigned i = 0; i < HPM_IMPLEMENTED; i++) {
    unsigned ev = events && events[i] ? events[i] : HPM_EV_NONE;
    if (events && !events[i]) events = 0;
    hpm_set_event(HPM_FIRST + i, ev);
    hpm_write(HPM_FIRST + i, 0);
  }
  csr_write(mcycle, 0);
  csr_write(mcycleh, 0);
  csr_write(minstret, 0);
  csr_write(minstreth, 0);
  counters_inhibit(0);
}

void counters_snapshot(counters_t *out) {
  /* Freeze everything so the snapshot is consistent, then let the counters run on. */
  counters_inhibit(0xffffffffu);
  out->cycles = rdcycle();
  out->instret = rdinstret();
  for (unsigned i = 0; i < HPM_IMPLEMENTED; i++) {
    out->event[i] = hpm_get_event(HPM_FIRST + i);
    out->count[i] = hpm_read(HPM_FIRST + i);
  }
  counters_inhibit(0);
}

void counters_print(const counters_t *begin, const counters_t *end) {
  printf("cycles: %llu\n", (unsigned long long)(end->cycles - begin->cycles));
  printf("instret: %llu\n", (unsigned long long)(end->instret - begin->instret));
  for (unsigned i = 0; i < HPM_IMPLEMENTED; i++) {
    if (begin->event[i] == HPM_EV_NONE) continue;
    printf("%s: %llu\n", hpm_event_name(begin->event[i]),
           (unsigned long long)(end->count[i] - begin->count[i]));
  }
}
