/* CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320) of a 1 KiB pseudo-random buffer, computed
 * bit by bit and through a 256-entry table that each iteration rebuilds: shift/xor chains with
 * data-dependent choices, then indexed table loads. */
#include "bench.h"

#ifndef ITERATIONS
#define ITERATIONS 25
#endif

#define CRC_LEN 1024
#define CRC_POLY 0xedb88320u
/* zlib.crc32() of crc_data, computed on the host and checked against crc_reference() below. */
#define CRC_EXPECTED 0x50b37babu

static uint8_t crc_data[CRC_LEN];
static uint32_t crc_table[256];

static void crc_setup(void) {
  uint32_t seed = 0x2545f491u;
  for (int i = 0; i < CRC_LEN; i++) crc_data[i] = (uint8_t)(bench_rand(&seed) >> 24);
}

static uint32_t crc_bitwise(const uint8_t *p, unsigned n) {
  uint32_t crc = 0xffffffffu;
  while (n--) {
    crc ^= *p++;
    for (int k = 0; k < 8; k++) crc = (crc & 1) ? (crc >> 1) ^ CRC_POLY : crc >> 1;
  }
  return ~crc;
}

static void crc_make_table(void) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++) c = (c & 1) ? (c >> 1) ^ CRC_POLY : c >> 1;
    crc_table[i] = c;
  }
}

static uint32_t crc_tabled(const uint8_t *p, unsigned n) {
  uint32_t crc = 0xffffffffu;
  while (n--) crc = crc_table[(crc ^ *p++) & 0xffu] ^ (crc >> 8);
  return ~crc;
}

static uint32_t crc_run(void) {
  uint32_t bitwise = crc_bitwise(crc_data, CRC_LEN);
  crc_make_table();
  uint32_t tabled = crc_tabled(crc_data, CRC_LEN);
  return bench_hash(bench_hash(BENCH_HASH_INIT, bitwise), tabled);
}

/* The textbook definition, independent of the kernel's loops: the message bits, least significant
 * first, divided by the (bit-reversed) generator, with the register pre- and post-inverted. */
static uint32_t crc_reference(const uint8_t *p, unsigned n) {
  uint32_t reg = 0xffffffffu;
  for (unsigned i = 0; i < n * 8; i++) {
    uint32_t bit = (p[i / 8] >> (i % 8)) & 1u;
    uint32_t top = (reg ^ bit) & 1u;
    reg >>= 1;
    if (top) reg ^= CRC_POLY;
  }
  return reg ^ 0xffffffffu;
}

static int crc_check(uint32_t checksum) {
  static const uint8_t known[] = "123456789"; /* the standard check string: CRC-32 = 0xCBF43926 */
  int ok = 1;
  uint32_t ref = crc_reference(crc_data, CRC_LEN);
  if (crc_reference(known, 9) != 0xcbf43926u) {
    bench_mismatch("crc", "reference CRC of \"123456789\"", crc_reference(known, 9), 0xcbf43926u);
    ok = 0;
  }
  if (crc_tabled(known, 9) != 0xcbf43926u) {
    bench_mismatch("crc", "table CRC of \"123456789\"", crc_tabled(known, 9), 0xcbf43926u);
    ok = 0;
  }
  if (ref != CRC_EXPECTED) {
    bench_mismatch("crc", "reference CRC", ref, CRC_EXPECTED);
    ok = 0;
  }
  uint32_t want = bench_hash(bench_hash(BENCH_HASH_INIT, CRC_EXPECTED), CRC_EXPECTED);
  if (checksum != want) {
    bench_mismatch("crc", "checksum", checksum, want);
    ok = 0;
  }
  return ok;
}

static const bench_t crc_bench = {"crc", crc_setup, crc_run, crc_check};
BENCH_MAIN(crc_bench)
