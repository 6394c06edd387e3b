/* Recursion: builds a binary search tree by recursive insertion, walks it recursively (in-order
 * hash, height, range count), and computes naive Fibonacci and Ackermann numbers: many calls and
 * returns, stack traffic and return-address prediction. */
#include "bench.h"

#ifndef ITERATIONS
#define ITERATIONS 12
#endif

#define TREE_NODES 255
#define FIB_N 17 /* fib(17) = 1597 */
#define ACK_M 2
#define ACK_N 40 /* ack(2, n) = 2n + 3 */
/* Computed on the host from the same pseudo-random keys; recurse_check also checks the results. */
#define RECURSE_EXPECTED 0xc5c535bau

/* Every recursive function stays a real function: without this GCC inlines a recursive function
 * into itself a few levels deep, which makes fewer calls and much more code. */
#define RECURSE_FN __attribute__((noinline))

typedef struct tree_node {
  struct tree_node *left, *right;
  uint32_t key;
} tree_node_t;

static tree_node_t tree_pool[TREE_NODES];
static unsigned tree_used;
static uint32_t tree_keys[TREE_NODES];
static uint32_t tree_results[5]; /* last iteration: in-order hash, height, range count, fib, ack */

static void recurse_setup(void) {
  uint32_t seed = 0x66334873u;
  for (unsigned i = 0; i < TREE_NODES; i++) tree_keys[i] = bench_rand(&seed) % 10000u;
}

static RECURSE_FN tree_node_t *tree_insert(tree_node_t *n, uint32_t key) {
  if (!n) {
    n = &tree_pool[tree_used++];
    n->left = n->right = 0;
    n->key = key;
  } else if (key < n->key) {
    n->left = tree_insert(n->left, key);
  } else {
    n->right = tree_insert(n->right, key);
  }
  return n;
}

static RECURSE_FN uint32_t tree_hash_inorder(const tree_node_t *n, uint32_t h) {
  if (!n) return h;
  h = tree_hash_inorder(n->left, h);
  h = bench_hash(h, n->key);
  return tree_hash_inorder(n->right, h);
}

static RECURSE_FN uint32_t tree_height(const tree_node_t *n) {
  if (!n) return 0;
  uint32_t l = tree_height(n->left), r = tree_height(n->right);
  return 1 + (l > r ? l : r);
}

static RECURSE_FN uint32_t tree_count_range(const tree_node_t *n, uint32_t lo, uint32_t hi) {
  if (!n) return 0;
  uint32_t c = lo <= n->key && n->key < hi;
  if (lo < n->key) c += tree_count_range(n->left, lo, hi);
  if (n->key < hi) c += tree_count_range(n->right, lo, hi);
  return c;
}

static RECURSE_FN uint32_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static RECURSE_FN uint32_t ack(uint32_t m, uint32_t n) {
  if (m == 0) return n + 1;
  if (n == 0) return ack(m - 1, 1);
  return ack(m - 1, ack(m, n - 1));
}

static uint32_t recurse_run(void) {
  tree_node_t *root = 0;
  tree_used = 0;
  for (unsigned i = 0; i < TREE_NODES; i++) root = tree_insert(root, tree_keys[i]);
  tree_results[0] = tree_hash_inorder(root, BENCH_HASH_INIT);
  tree_results[1] = tree_height(root);
  tree_results[2] = tree_count_range(root, 2500, 7500);
  /* bench_opaque keeps the compiler from computing these at build time. */
  tree_results[3] = fib(bench_opaque(FIB_N));
  tree_results[4] = ack(bench_opaque(ACK_M), bench_opaque(ACK_N));
  uint32_t h = BENCH_HASH_INIT;
  for (int i = 0; i < 5; i++) h = bench_hash(h, tree_results[i]);
  return h;
}

static int recurse_check(uint32_t checksum) {
  int ok = 1;
  /* In-order means sorted: hash the keys sorted by a plain insertion sort. */
  uint32_t sorted[TREE_NODES];
  unsigned in_range = 0;
  for (unsigned i = 0; i < TREE_NODES; i++) {
    uint32_t v = tree_keys[i];
    unsigned j = i;
    for (; j > 0 && sorted[j - 1] > v; j--) sorted[j] = sorted[j - 1];
    sorted[j] = v;
    in_range += v >= 2500 && v < 7500;
  }
  uint32_t h = BENCH_HASH_INIT;
  for (unsigned i = 0; i < TREE_NODES; i++) h = bench_hash(h, sorted[i]);
  uint32_t fib_ref = 0, fib_next = 1;
  for (int i = 0; i < FIB_N; i++) {
    uint32_t t = fib_ref + fib_next;
    fib_ref = fib_next;
    fib_next = t;
  }
  const uint32_t want[5] = {h, tree_results[1], in_range, fib_ref, 2 * ACK_N + 3};
  static const char *const what[5] = {"in-order hash", "height", "range count", "fib", "ack"};
  /* The height has no independent formula here; the hard-coded checksum covers it. */
  for (int i = 0; i < 5; i++) {
    if (tree_results[i] != want[i]) {
      bench_mismatch("recurse", what[i], tree_results[i], want[i]);
      ok = 0;
    }
  }
  if (checksum != RECURSE_EXPECTED) {
    bench_mismatch("recurse", "checksum", checksum, RECURSE_EXPECTED);
    ok = 0;
  }
  return ok;
}

static const bench_t recurse_bench = {"recurse", recurse_setup, recurse_run, recurse_check};
BENCH_MAIN(recurse_bench)
