/* The benchmark harness: every sw/bench/<name>.c describes its kernel with a bench_t and ends with
 * BENCH_MAIN(...). The harness runs the kernel ITERATIONS times between two counter reads, checks
 * the result and prints one line: "BENCH name=<name> cycles=<c> instret=<i> status=ok|fail". */
#ifndef BENCH_H
#define BENCH_H

#include <stdint.h>

typedef struct {
  const char *name;
  /* Builds the input data once (not measured). May be NULL. */
  void (*setup)(void);
  /* One iteration of the kernel (measured). Must leave the data ready for the next iteration and
   * return a checksum of what it computed: every iteration returns the same value. */
  uint32_t (*run)(void);
  /* Checks one iteration's checksum independently of run(): against a hard-coded value and a
   * straightforward reference implementation, or a property of the output. Nonzero when right. */
  int (*check)(uint32_t checksum);
} bench_t;

/* Runs, measures, checks and reports one benchmark; returns the exit status (0 = pass). */
int bench_main(const bench_t *b, unsigned iterations);

/* Each benchmark file ends with BENCH_MAIN(its bench_t); mix.c includes the benchmark files with
 * BENCH_NO_MAIN defined so that it can call every kernel from one program. */
#ifdef BENCH_NO_MAIN
#define BENCH_MAIN(desc)
#else
#define BENCH_MAIN(desc) \
  int main(void) { return bench_main(&(desc), ITERATIONS); }
#endif

/* ---- helpers shared by the kernels ---- */

/* xorshift32: a deterministic pseudo-random sequence (state must not be 0). */
static inline uint32_t bench_rand(uint32_t *state) {
  uint32_t x = *state;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  *state = x;
  return x;
}

/* FNV-1a style mixing of a 32-bit word into a running checksum. */
#define BENCH_HASH_INIT 0x811c9dc5u
static inline uint32_t bench_hash(uint32_t h, uint32_t v) { return (h ^ v) * 0x01000193u; }

/* Hides a value from the optimizer, so work that depends on it is not folded or hoisted. */
static inline uint32_t bench_opaque(uint32_t v) {
  __asm__ volatile("" : "+r"(v));
  return v;
}

/* Placed in a loop body, keeps the compiler from turning the loop into a call to memcpy, memset or
 * memmove: these benchmarks are about the loops themselves. It emits no instruction. */
#define BENCH_KEEP_LOOP() __asm__ volatile("")

/* Prints a diagnostic line ("<name>: <what> = 0x<got>, expected 0x<want>") for a failed check. */
void bench_mismatch(const char *name, const char *what, uint32_t got, uint32_t want);

#endif
