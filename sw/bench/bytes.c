/* Byte loops, the kind memcpy, memmove, memset, memcmp, strlen and memchr run: fill, copy to an
 * unaligned destination, compare, overlapping move, scan for a zero, count a value, word copy and
 * in-place reversal over 1.5 KiB buffers. Our own loops, not the C library's. */
#include "bench.h"

#ifndef ITERATIONS
#define ITERATIONS 40
#endif

#define BYTES_LEN 1536
#define BYTES_PAD 8    /* dst is this much longer than src */
#define BYTES_ZERO 1000 /* the one zero byte in src */
#define BYTES_FLIP 700  /* where the compare test changes a byte */
/* Computed on the host; checked against bytes_reference(), which indexes plain arrays. */
#define BYTES_EXPECTED 0xbda2b53au

/* Stored as words and reached through byte pointers (always allowed), so the word loops read and
 * write the objects' own type and the compiler's aliasing rules hold. */
static uint32_t bytes_src_words[BYTES_LEN / 4];
static uint32_t bytes_dst_words[(BYTES_LEN + BYTES_PAD) / 4];
#define bytes_src ((uint8_t *)bytes_src_words)
#define bytes_dst ((uint8_t *)bytes_dst_words)

static void bytes_setup(void) {
  uint32_t seed = 0x74b0dc51u;
  for (int i = 0; i < BYTES_LEN; i++) {
    uint8_t b = (uint8_t)(bench_rand(&seed) >> 24);
    bytes_src[i] = b ? b : 1;
  }
  bytes_src[BYTES_ZERO] = 0;
}

static void bytes_fill(uint8_t *d, uint8_t v, unsigned n) {
  while (n--) {
    *d++ = v;
    BENCH_KEEP_LOOP();
  }
}

static void bytes_copy(uint8_t *d, const uint8_t *s, unsigned n) {
  while (n--) {
    *d++ = *s++;
    BENCH_KEEP_LOOP();
  }
}

/* Copies from the end down, as memmove does when the destination lies above the source. */
static void bytes_move_up(uint8_t *d, const uint8_t *s, unsigned n) {
  d += n;
  s += n;
  while (n--) {
    *--d = *--s;
    BENCH_KEEP_LOOP();
  }
}

/* Index of the first differing byte, or n. */
static unsigned bytes_mismatch(const uint8_t *a, const uint8_t *b, unsigned n) {
  unsigned i = 0;
  while (i < n && a[i] == b[i]) i++;
  return i;
}

static unsigned bytes_strlen(const uint8_t *s) {
  const uint8_t *p = s;
  while (*p) p++;
  return (unsigned)(p - s);
}

static unsigned bytes_count(const uint8_t *s, unsigned n, uint8_t v) {
  unsigned c = 0;
  while (n--) c += *s++ == v;
  return c;
}

static void bytes_copy_words(uint32_t *d, const uint32_t *s, unsigned n) {
  while (n--) {
    *d++ = *s++;
    BENCH_KEEP_LOOP();
  }
}

static void bytes_reverse(uint8_t *p, unsigned n) {
  uint8_t *q = p + n - 1;
  while (p < q) {
    uint8_t t = *p;
    *p++ = *q;
    *q-- = t;
  }
}

static uint32_t bytes_hash(uint32_t h) {
  for (unsigned i = 0; i < (BYTES_LEN + BYTES_PAD) / 4; i++) h = bench_hash(h, bytes_dst_words[i]);
  return h;
}

static uint32_t bytes_run(void) {
  uint8_t *d = bytes_dst;
  uint32_t h = BENCH_HASH_INIT;
  bytes_fill(d, 0xa5, BYTES_LEN + BYTES_PAD);
  bytes_copy(d + 1, bytes_src, BYTES_LEN);
  h = bench_hash(h, bytes_mismatch(d + 1, bytes_src, BYTES_LEN));
  d[1 + BYTES_FLIP] ^= 0x5a;
  h = bench_hash(h, bytes_mismatch(d + 1, bytes_src, BYTES_LEN));
  d[1 + BYTES_FLIP] ^= 0x5a;
  bytes_move_up(d + 5, d + 1, BYTES_LEN - 2);
  h = bench_hash(h, bytes_strlen(d + 5));
  h = bench_hash(h, bytes_count(d, BYTES_LEN + BYTES_PAD, bytes_src[3]));
  bytes_copy_words(bytes_dst_words + 8, bytes_src_words, BYTES_LEN / 8);
  bytes_reverse(d + 3, BYTES_LEN - 10);
  return bytes_hash(h);
}

/* The same steps written with array indices into a separate buffer. */
static uint32_t bytes_reference(void) {
  static uint8_t r[BYTES_LEN + BYTES_PAD];
  const uint8_t *s = bytes_src;
  uint32_t h = BENCH_HASH_INIT;
  unsigned i;
  for (i = 0; i < BYTES_LEN + BYTES_PAD; i++) r[i] = 0xa5;
  for (i = 0; i < BYTES_LEN; i++) r[1 + i] = s[i];
  h = bench_hash(h, BYTES_LEN);    /* an exact copy: no difference */
  h = bench_hash(h, BYTES_FLIP);   /* the flipped byte is the first difference */
  for (i = BYTES_LEN - 2; i-- > 0;) r[5 + i] = r[1 + i];
  for (i = 0; r[5 + i] != 0; i++) {
  }
  h = bench_hash(h, i);
  unsigned c = 0;
  for (i = 0; i < BYTES_LEN + BYTES_PAD; i++) c += r[i] == s[3];
  h = bench_hash(h, c);
  for (i = 0; i < BYTES_LEN / 2; i++) r[32 + i] = s[i];
  for (i = 0; i < (BYTES_LEN - 10) / 2; i++) {
    uint8_t t = r[3 + i];
    r[3 + i] = r[3 + BYTES_LEN - 11 - i];
    r[3 + BYTES_LEN - 11 - i] = t;
  }
  for (i = 0; i < BYTES_LEN + BYTES_PAD; i += 4)
    h = bench_hash(h, r[i] | r[i + 1] << 8 | r[i + 2] << 16 | (uint32_t)r[i + 3] << 24);
  return h;
}

static int bytes_check(uint32_t checksum) {
  int ok = 1;
  uint32_t ref = bytes_reference();
  if (ref != BYTES_EXPECTED) {
    bench_mismatch("bytes", "reference checksum", ref, BYTES_EXPECTED);
    ok = 0;
  }
  if (checksum != BYTES_EXPECTED) {
    bench_mismatch("bytes", "checksum", checksum, BYTES_EXPECTED);
    ok = 0;
  }
  return ok;
}

static const bench_t bytes_bench = {"bytes", bytes_setup, bytes_run, bytes_check};
BENCH_MAIN(bytes_bench)
