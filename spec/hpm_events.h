/* Performance-counter events: one table for the RTL, the ISS, the docs and the host tool.
 * HPM_EVENT(number, NAME, "meaning"). Write an event's number to mhpmeventN to make mhpmcounterN
 * count it. Numbers are stable; add new events at the end and bump HPM_EVENTS_VERSION.
 * The ISS models one instruction per cycle and no caches: it counts only the architectural events
 * (marked [arch]) and reads 0 for the others. */
#ifndef CORELAB_HPM_EVENTS_H
#define CORELAB_HPM_EVENTS_H

#define HPM_EVENTS_VERSION 1u

#define HPM_EVENT_LIST(HPM_EVENT) \
  HPM_EVENT(0,  NONE,              "counts nothing") \
  HPM_EVENT(1,  CYCLES,            "[arch] clock cycles (as mcycle)") \
  HPM_EVENT(2,  INSTRET,           "[arch] instructions retired (as minstret)") \
  HPM_EVENT(3,  ICACHE_ACCESS,     "instruction-cache lookups") \
  HPM_EVENT(4,  ICACHE_MISS,       "instruction-cache misses") \
  HPM_EVENT(5,  DCACHE_ACCESS,     "data-cache lookups (cacheable loads and stores)") \
  HPM_EVENT(6,  DCACHE_MISS,       "data-cache misses") \
  HPM_EVENT(7,  DCACHE_WRITEBACK,  "dirty data-cache lines written back to memory") \
  HPM_EVENT(8,  BRANCH,            "[arch] conditional branches retired") \
  HPM_EVENT(9,  MISPREDICT,        "branches and jumps whose predicted target was wrong") \
  HPM_EVENT(10, JUMP,              "[arch] jal and jalr retired") \
  HPM_EVENT(11, LOAD_USE_STALL,    "cycles stalled waiting for a load result") \
  HPM_EVENT(12, FRONTEND_MEM_STALL,"cycles the front end waited for instruction memory") \
  HPM_EVENT(13, BACKEND_MEM_STALL, "cycles the back end waited for data memory") \
  HPM_EVENT(14, MULDIV_BUSY,       "cycles the multiplier or divider was busy") \
  HPM_EVENT(15, TRAP,              "[arch] exceptions taken") \
  HPM_EVENT(16, INTERRUPT,         "[arch] interrupts taken") \
  HPM_EVENT(17, LOAD,              "[arch] loads retired") \
  HPM_EVENT(18, STORE,             "[arch] stores retired")

#define HPM_EVENT_COUNT 19

/* What mhpmevent3..10 select after reset, so the counters tell something useful (cache miss rates,
 * mispredictions, stalls) even for a program that never programs them. */
#define HPM_RESET_EVENTS \
  { HPM_EV_ICACHE_ACCESS, HPM_EV_ICACHE_MISS, HPM_EV_DCACHE_ACCESS, HPM_EV_DCACHE_MISS, \
    HPM_EV_MISPREDICT, HPM_EV_LOAD_USE_STALL, HPM_EV_FRONTEND_MEM_STALL, HPM_EV_BACKEND_MEM_STALL }

/* HPM_EV_<NAME> = number, for C and C++ alike (assembly uses the numbers from the list). */
#ifdef __ASSEMBLER__
#define HPM_EV_EQU_ENTRY(num, name, text) .equ HPM_EV_##name, num;
HPM_EVENT_LIST(HPM_EV_EQU_ENTRY)
#undef HPM_EV_EQU_ENTRY
#else
enum {
#define HPM_EV_ENUM_ENTRY(num, name, text) HPM_EV_##name = num,
  HPM_EVENT_LIST(HPM_EV_ENUM_ENTRY)
#undef HPM_EV_ENUM_ENTRY
};
#endif

#endif
