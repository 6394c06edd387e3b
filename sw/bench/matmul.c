/* Integer matrix multiply: C = A * B for 24 x 24 matrices of 16-bit values with 32-bit results, in
 * the i-k-j order that streams rows of B and C (multiplies, loads and stores in a tight loop). */
#include "bench.h"

#ifndef ITERATIONS
#define ITERATIONS 15
#endif

#define MM_N 24
/* Computed on the host from the same pseudo-random inputs, checked against mm_reference(). */
#define MM_EXPECTED 0x11316adcu

static int16_t mm_a[MM_N][MM_N];
static int16_t mm_b[MM_N][MM_N];
static int32_t mm_c[MM_N][MM_N];

/* Values in -1000 .. 1000: a row-column sum stays far from 32-bit overflow. */
static int16_t mm_random(uint32_t *seed) {
  return (int16_t)((int32_t)(bench_rand(seed) % 2001u) - 1000);
}

static void mm_setup(void) {
  uint32_t seed = 0x327b23c6u;
  for (int i = 0; i < MM_N; i++)
    for (int j = 0; j < MM_N; j++) mm_a[i][j] = mm_random(&seed);
  for (int i = 0; i < MM_N; i++)
    for (int j = 0; j < MM_N; j++) mm_b[i][j] = mm_random(&seed);
}

static uint32_t mm_hash(void) {
  uint32_t h = BENCH_HASH_INIT;
  for (int i = 0; i < MM_N; i++)
    for (int j = 0; j < MM_N; j++) h = bench_hash(h, (uint32_t)mm_c[i][j]);
  return h;
}

static uint32_t mm_run(void) {
  for (int i = 0; i < MM_N; i++) {
    int32_t *c = mm_c[i];
    for (int j = 0; j < MM_N; j++) {
      c[j] = 0;
      BENCH_KEEP_LOOP();
    }
    for (int k = 0; k < MM_N; k++) {
      int32_t a = mm_a[i][k];
      const int16_t *b = mm_b[k];
      for (int j = 0; j < MM_N; j++) c[j] += a * b[j];
    }
  }
  return mm_hash();
}

/* Each element as its own row-by-column dot product, compared with what the kernel left in C. */
static int mm_reference(void) {
  for (int i = 0; i < MM_N; i++) {
    for (int j = 0; j < MM_N; j++) {
      int32_t sum = 0;
      for (int k = 0; k < MM_N; k++) sum += (int32_t)mm_a[i][k] * (int32_t)mm_b[k][j];
      if (sum != mm_c[i][j]) {
        bench_mismatch("matmul", "C element", (uint32_t)mm_c[i][j], (uint32_t)sum);
        return 0;
      }
    }
  }
  return 1;
}

static int mm_check(uint32_t checksum) {
  int ok = mm_reference();
  if (checksum != MM_EXPECTED) {
    bench_mismatch("matmul", "checksum", checksum, MM_EXPECTED);
    ok = 0;
  }
  return ok;
}

static const bench_t matmul_bench = {"matmul", mm_setup, mm_run, mm_check};
BENCH_MAIN(matmul_bench)
