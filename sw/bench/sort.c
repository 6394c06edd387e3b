/* Sorting: quicksort (median-of-three, insertion sort for short ranges) of 512 pseudo-random signed
 * words, then a plain insertion sort of 128 more: compare-and-branch heavy code whose branches
 * depend on the data, plus the recursion of quicksort. */
#include "bench.h"

#ifndef ITERATIONS
#define ITERATIONS 25
#endif

#define SORT_N 512
#define SORT_SMALL 128
#define SORT_CUTOFF 12 /* ranges shorter than this go to insertion sort */
/* Hash of both sorted arrays, computed on the host; sort_check also checks order and contents. */
#define SORT_EXPECTED 0x3474fbf8u

static int32_t sort_input[SORT_N];
static int32_t sort_work[SORT_N];
static int32_t sort_small[SORT_SMALL];

static void sort_setup(void) {
  uint32_t seed = 0x643c9869u;
  for (int i = 0; i < SORT_N; i++) sort_input[i] = (int32_t)bench_rand(&seed);
}

static void sort_insertion(int32_t *a, int n) {
  for (int i = 1; i < n; i++) {
    int32_t v = a[i];
    int j = i - 1;
    while (j >= 0 && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

static void sort_swap(int32_t *a, int i, int j) {
  int32_t t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/* Sorts a[lo..hi]: recurses into the smaller part and loops on the larger, so the depth stays
 * logarithmic. */
static void sort_quick(int32_t *a, int lo, int hi) {
  while (hi - lo + 1 >= SORT_CUTOFF) {
    int mid = lo + (hi - lo) / 2;
    /* Median of three to a[mid], then use it as the pivot (Hoare partition). */
    if (a[mid] < a[lo]) sort_swap(a, mid, lo);
    if (a[hi] < a[lo]) sort_swap(a, hi, lo);
    if (a[hi] < a[mid]) sort_swap(a, hi, mid);
    int32_t pivot = a[mid];
    int i = lo - 1, j = hi + 1;
    for (;;) {
      do i++; while (a[i] < pivot);
      do j--; while (a[j] > pivot);
      if (i >= j) break;
      sort_swap(a, i, j);
    }
    if (j - lo < hi - j) {
      sort_quick(a, lo, j);
      lo = j + 1;
    } else {
      sort_quick(a, j + 1, hi);
      hi = j;
    }
  }
  sort_insertion(a + lo, hi - lo + 1);
}

static uint32_t sort_hash(void) {
  uint32_t h = BENCH_HASH_INIT;
  for (int i = 0; i < SORT_N; i++) h = bench_hash(h, (uint32_t)sort_work[i]);
  for (int i = 0; i < SORT_SMALL; i++) h = bench_hash(h, (uint32_t)sort_small[i]);
  return h;
}

static uint32_t sort_run(void) {
  for (int i = 0; i < SORT_N; i++) {
    sort_work[i] = sort_input[i];
    BENCH_KEEP_LOOP();
  }
  sort_quick(sort_work, 0, SORT_N - 1);
  /* The small set: the input read backwards from its end, with the low bits scrambled. */
  for (int i = 0; i < SORT_SMALL; i++) sort_small[i] = sort_input[SORT_N - 1 - i] ^ (i * 0x9e37);
  sort_insertion(sort_small, SORT_SMALL);
  return sort_hash();
}

/* Order-independent fingerprint of a multiset of words: equal multisets give equal fingerprints. */
static void sort_fingerprint(const int32_t *a, int n, uint32_t fp[3]) {
  fp[0] = fp[1] = fp[2] = 0;
  for (int i = 0; i < n; i++) {
    uint32_t v = (uint32_t)a[i];
    fp[0] += v;
    fp[1] ^= v * 0x9e3779b1u;
    fp[2] += bench_hash(BENCH_HASH_INIT, v);
  }
}

static int sort_check_array(const char *what, const int32_t *sorted, const int32_t *original,
                            int n) {
  for (int i = 1; i < n; i++) {
    if (sorted[i - 1] > sorted[i]) {
      bench_mismatch("sort", what, (uint32_t)i, 0);
      return 0;
    }
  }
  uint32_t fs[3], fo[3];
  sort_fingerprint(sorted, n, fs);
  sort_fingerprint(original, n, fo);
  for (int k = 0; k < 3; k++) {
    if (fs[k] != fo[k]) {
      bench_mismatch("sort", "contents fingerprint", fs[k], fo[k]);
      return 0;
    }
  }
  return 1;
}

static int sort_check(uint32_t checksum) {
  int ok = sort_check_array("order broken at index", sort_work, sort_input, SORT_N);
  int32_t small_input[SORT_SMALL];
  for (int i = 0; i < SORT_SMALL; i++) small_input[i] = sort_input[SORT_N - 1 - i] ^ (i * 0x9e37);
  if (!sort_check_array("small order broken at index", sort_small, small_input, SORT_SMALL)) ok = 0;
  if (checksum != SORT_EXPECTED) {
    bench_mismatch("sort", "checksum", checksum, SORT_EXPECTED);
    ok = 0;
  }
  return ok;
}

static const bench_t sort_bench = {"sort", sort_setup, sort_run, sort_check};
BENCH_MAIN(sort_bench)
