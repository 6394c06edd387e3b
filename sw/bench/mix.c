/* All kernels in one program: each iteration runs one iteration of every benchmark in turn, so the
 * code and data of all of them compete for the caches and predictors. scripts/bench.py also builds
 * it with a large ITERATIONS to measure simulator speed. */
#ifndef ITERATIONS
#define ITERATIONS 4
#endif

/* The benchmark files without their main(): their kernels become functions of this program. */
#define BENCH_NO_MAIN
#include "bytes.c"
#include "crc.c"
#include "list.c"
#include "matmul.c"
#include "parse.c"
#include "recurse.c"
#include "sort.c"

static const bench_t *const mix_parts[] = {
    &bytes_bench, &crc_bench, &list_bench, &matmul_bench, &parse_bench, &recurse_bench, &sort_bench,
};
#define MIX_PARTS (sizeof(mix_parts) / sizeof(mix_parts[0]))
static uint32_t mix_last[MIX_PARTS]; /* each part's checksum in the last iteration */

static void mix_setup(void) {
  for (unsigned k = 0; k < MIX_PARTS; k++)
    if (mix_parts[k]->setup) mix_parts[k]->setup();
}

static uint32_t mix_run(void) {
  uint32_t h = BENCH_HASH_INIT;
  for (unsigned k = 0; k < MIX_PARTS; k++) {
    mix_last[k] = mix_parts[k]->run();
    h = bench_hash(h, mix_last[k]);
  }
  return h;
}

/* Every part checks its own result; the mix checksum must be made of those results. */
static int mix_check(uint32_t checksum) {
  int ok = 1;
  uint32_t h = BENCH_HASH_INIT;
  for (unsigned k = 0; k < MIX_PARTS; k++) {
    if (!mix_parts[k]->check(mix_last[k])) ok = 0;
    h = bench_hash(h, mix_last[k]);
  }
  if (checksum != h) {
    bench_mismatch("mix", "checksum", checksum, h);
    ok = 0;
  }
  return ok;
}

static const bench_t mix_bench = {"mix", mix_setup, mix_run, mix_check};

/* Written out: BENCH_MAIN is empty here, because BENCH_NO_MAIN is defined. */
int main(void) { return bench_main(&mix_bench, ITERATIONS); }
