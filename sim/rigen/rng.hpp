// The generator's random numbers: xoshiro256** seeded through splitmix64 (both by Blackman and
// Vigna, public domain). Written out here, and with our own range reduction, because the standard
// distributions differ between C++ libraries and a seed must give the same program everywhere.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace corelab::rigen {

class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (auto& w : s_) {
      seed += 0x9e3779b97f4a7c15ull;
      uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
      w = z ^ (z >> 31);
    }
  }

  uint64_t next() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  uint32_t u32() { return static_cast<uint32_t>(next() >> 32); }

  // Uniform in [0, n) for n >= 1 (Lemire's multiply-shift; the bias is below 2^-32 for our n).
  uint32_t below(uint32_t n) { return static_cast<uint32_t>((uint64_t{u32()} * n) >> 32); }
  // Uniform in [lo, hi].
  int32_t range(int32_t lo, int32_t hi) {
    return lo + static_cast<int32_t>(below(static_cast<uint32_t>(hi - lo) + 1));
  }
  bool percent(uint32_t p) { return below(100) < p; }
  // Like percent(), but 0 draws no number: a feature a profile leaves off does not change what the
  // rest of the program gets (so the `mixed` programs of older seeds stay the same).
  bool maybe(uint32_t p) { return p != 0 && percent(p); }
  template <typename T>
  T pick(std::span<const T> items) {
    return items[below(static_cast<uint32_t>(items.size()))];
  }
  template <typename T, size_t N>
  T pick(const T (&items)[N]) {
    return items[below(N)];
  }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

}  // namespace corelab::rigen
