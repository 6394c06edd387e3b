/* Linked lists: pointer chasing over a singly linked list whose nodes are linked in a shuffled
 * order, so each load's address comes from the previous load. Each iteration walks the list,
 * searches it for keys, reverses it in place, walks it backwards and reverses it back. */
#include "bench.h"

#ifndef ITERATIONS
#define ITERATIONS 50
#endif

#define LIST_NODES 512
#define LIST_KEYS 16
/* Computed on the host from the same pseudo-random sequence, checked against list_reference(). */
#define LIST_EXPECTED 0x8ada6be9u

typedef struct list_node {
  struct list_node *next;
  uint32_t value;
} list_node_t;

static list_node_t list_nodes[LIST_NODES];
static uint16_t list_order[LIST_NODES]; /* list position -> node index: what the reference walks */
static uint32_t list_keys[LIST_KEYS];
static list_node_t *list_head;

static void list_setup(void) {
  uint32_t seed = 0x6b8b4567u;
  for (unsigned i = 0; i < LIST_NODES; i++) {
    list_order[i] = (uint16_t)i;
    list_nodes[i].value = bench_rand(&seed);
  }
  for (unsigned i = LIST_NODES - 1; i > 0; i--) { /* Fisher-Yates shuffle */
    unsigned j = bench_rand(&seed) % (i + 1);
    uint16_t t = list_order[i];
    list_order[i] = list_order[j];
    list_order[j] = t;
  }
  for (unsigned i = 0; i + 1 < LIST_NODES; i++)
    list_nodes[list_order[i]].next = &list_nodes[list_order[i + 1]];
  list_nodes[list_order[LIST_NODES - 1]].next = 0;
  list_head = &list_nodes[list_order[0]];
  /* Keys spread over the list, and one that is not in it (values are random, so 0 is absent). */
  for (unsigned k = 0; k + 1 < LIST_KEYS; k++)
    list_keys[k] = list_nodes[(k * 97 + 13) % LIST_NODES].value;
  list_keys[LIST_KEYS - 1] = 0;
}

static uint32_t list_walk_hash(const list_node_t *n, uint32_t h) {
  for (; n; n = n->next) h = bench_hash(h, n->value);
  return h;
}

/* Nodes visited until the first node holding key (the whole list when there is none). */
static uint32_t list_find(const list_node_t *n, uint32_t key) {
  uint32_t steps = 0;
  for (; n; n = n->next) {
    steps++;
    if (n->value == key) break;
  }
  return steps;
}

static list_node_t *list_reverse(list_node_t *n) {
  list_node_t *prev = 0;
  while (n) {
    list_node_t *next = n->next;
    n->next = prev;
    prev = n;
    n = next;
  }
  return prev;
}

static uint32_t list_run(void) {
  uint32_t h = list_walk_hash(list_head, BENCH_HASH_INIT);
  for (unsigned k = 0; k < LIST_KEYS; k++) h = bench_hash(h, list_find(list_head, list_keys[k]));
  list_node_t *tail = list_reverse(list_head);
  h = list_walk_hash(tail, h);
  list_head = list_reverse(tail);
  return h;
}

/* The same checksum from the position -> node table instead of the links. */
static uint32_t list_reference(void) {
  uint32_t h = BENCH_HASH_INIT;
  for (unsigned i = 0; i < LIST_NODES; i++) h = bench_hash(h, list_nodes[list_order[i]].value);
  for (unsigned k = 0; k < LIST_KEYS; k++) {
    uint32_t steps = LIST_NODES;
    for (unsigned i = 0; i < LIST_NODES; i++) {
      if (list_nodes[list_order[i]].value == list_keys[k]) {
        steps = i + 1;
        break;
      }
    }
    h = bench_hash(h, steps);
  }
  for (unsigned i = LIST_NODES; i-- > 0;) h = bench_hash(h, list_nodes[list_order[i]].value);
  return h;
}

static int list_check(uint32_t checksum) {
  int ok = 1;
  uint32_t ref = list_reference();
  if (ref != LIST_EXPECTED) {
    bench_mismatch("list", "reference checksum", ref, LIST_EXPECTED);
    ok = 0;
  }
  if (checksum != LIST_EXPECTED) {
    bench_mismatch("list", "checksum", checksum, LIST_EXPECTED);
    ok = 0;
  }
  if (list_head != &list_nodes[list_order[0]]) {
    bench_mismatch("list", "head node", (uint32_t)(list_head - list_nodes), list_order[0]);
    ok = 0;
  }
  return ok;
}

static const bench_t list_bench = {"list", list_setup, list_run, list_check};
BENCH_MAIN(list_bench)
