// Reading a RISC-V program from an ELF file (libelf): its loadable segments, entry point and the
// symbols the exit convention and the tools use. Foreign or damaged files raise ElfError.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace corelab {

class ElfError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ElfSegment {
  uint32_t addr = 0;
  std::vector<uint8_t> bytes;  // memsz bytes: file contents, then zeros
};

struct ElfImage {
  std::string path;
  uint32_t entry = 0;
  std::vector<ElfSegment> segments;
  std::map<std::string, uint32_t> symbols;  // global and local object/function/notype symbols

  std::optional<uint32_t> symbol(const std::string& name) const;
  // Throws ElfError unless every segment lies in [base, base + size).
  void check_fits(uint32_t base, uint32_t size) const;
};

// Throws ElfError with a one-line reason for a missing, unreadable, truncated, 64-bit, big-endian,
// non-RISC-V or non-executable file.
ElfImage read_elf(const std::string& path);

}  // namespace corelab
