/* Performance-counter events: one table for the RTL, the ISS, the docs and the host tool.
 * HPM_EVENT(number, NAME, "meaning"). Write an event's number to mhpmeventN to make mhpmcounterN
 * count it. Numbers are stable; add new events at the end and bump HPM_EVENTS_VERSION.
 * The ISS models one instruction per cycle and no caches: it counts only the architectural events
 * (marked [arch]) and reads 0 for the others. Events 19..29 describe the out-of-order core's
 * rename, queues and commit; the pipe core reads 0 for them (docs/counters.md). */
#ifndef CORELAB_HPM_EVENTS_H
#define CORELAB_HPM_EVENTS_H

#define HPM_EVENTS_VERSION 2u

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
  HPM_EVENT(18, STORE,             "[arch] stores retired") \
  HPM_EVENT(19, ROB_FULL,          "cycles rename waited for a reorder-buffer entry") \
  HPM_EVENT(20, IQ_FULL,           "cycles rename waited for an issue-queue slot") \
  HPM_EVENT(21, LSQ_FULL,          "cycles the memory queues were full (load slots, store buffer)") \
  HPM_EVENT(22, NO_FREE_PREG,      "cycles rename waited for a free physical register") \
  HPM_EVENT(23, CKPT_FULL,         "cycles rename waited for a branch checkpoint") \
  HPM_EVENT(24, RENAME_STALL,      "cycles an instruction waited at rename (any cause)") \
  HPM_EVENT(25, MISPREDICT_FLUSH,  "cycles from a mispredict's redirect to the next rename") \
  HPM_EVENT(26, MEM_ORDER_VIOLATION, "loads replayed for a memory-order violation") \
  HPM_EVENT(27, COMMIT0,           "cycles that retired no instruction") \
  HPM_EVENT(28, COMMIT1,           "cycles that retired one instruction") \
  HPM_EVENT(29, COMMIT2,           "cycles that retired two instructions")

#define HPM_EVENT_COUNT 30

/* What mhpmevent3..10 select after reset, so the counters tell something useful (cache miss rates,
 * mispredictions, stalls) even for a program that never programs them. */
#define HPM_RESET_EVENTS \
  { HPM_EV_ICACHE_ACCESS, HPM_EV_ICACHE_MISS, HPM_EV_DCACHE_ACCESS, HPM_EV_DCACHE_MISS, \
    HPM_EV_MISPREDICT, HPM_EV_LOAD_USE_STALL, HPM_EV_FRONTEND_MEM_STALL, HPM_EV_BACKEND_MEM_STALL }
/* The same on the out-of-order core (SOC_CORE_OOO): its stall breakdown (why rename waits). */
#define HPM_RESET_EVENTS_OOO \
  { HPM_EV_MISPREDICT, HPM_EV_RENAME_STALL, HPM_EV_ROB_FULL, HPM_EV_IQ_FULL, \
    HPM_EV_NO_FREE_PREG, HPM_EV_MISPREDICT_FLUSH, HPM_EV_FRONTEND_MEM_STALL, HPM_EV_BACKEND_MEM_STALL }

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
