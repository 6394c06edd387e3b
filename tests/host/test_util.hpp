// Helpers shared by the host tests: seeds that can be replayed, random bytes, a host/device pair
// of connected descriptors, temporary files and test ELF programs.
#pragma once

#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "corelab/host/transport.hpp"
#include "corelab/iss/elf_image.hpp"
#include "corelab/rigen/elf_writer.hpp"

namespace corelab::host::test {

// The seed of a random test: CORELAB_TEST_SEED if set, else the test's default.
inline uint64_t test_seed(uint64_t default_seed) {
  if (const char* s = std::getenv("CORELAB_TEST_SEED")) return std::strtoull(s, nullptr, 0);
  return default_seed;
}
#define CORELAB_SEED_TRACE(seed) \
  SCOPED_TRACE("seed " + std::to_string(seed) + " (rerun with CORELAB_TEST_SEED=" + std::to_string(seed) + ")")

inline std::vector<uint8_t> random_bytes(std::mt19937_64& rng, size_t n) {
  std::vector<uint8_t> v(n);
  for (auto& b : v) b = static_cast<uint8_t>(rng());
  return v;
}

// Random bytes rich in the two SLIP specials.
inline std::vector<uint8_t> slip_heavy_bytes(std::mt19937_64& rng, size_t n) {
  std::vector<uint8_t> v(n);
  for (auto& b : v) {
    const unsigned r = rng() % 8;
    b = r == 0 ? 0xC0 : r == 1 ? 0xDB : r == 2 ? 0xDC : r == 3 ? 0xDD : static_cast<uint8_t>(rng());
  }
  return v;
}

// Two connected stream sockets: one for the host's transport, one for the fake device.
inline std::pair<UniqueFd, UniqueFd> socket_pair() {
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) std::abort();
  return {UniqueFd(fds[0]), UniqueFd(fds[1])};
}

// A fresh directory under the system's temp dir, removed with everything in it at the end.
class TempDir {
 public:
  explicit TempDir(const std::string& name)
      : path_(std::filesystem::temp_directory_path() /
              ("corelab_host_test_" + name + "_" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// A program image with the given segments (a start at the first one), written as an ELF.
inline std::string write_test_elf(const std::filesystem::path& path, std::vector<ElfSegment> segments,
                                  uint32_t entry) {
  ElfImage img;
  img.path = path.string();
  img.entry = entry;
  img.segments = std::move(segments);
  rigen::write_elf(img, path.string());
  return path.string();
}

}  // namespace corelab::host::test
