// Loading a program: hold the core in reset, write the ELF's segments into the target's RAM,
// optionally read them back, and set the start address. Releasing the core is the caller's call.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "corelab/host/session.hpp"
#include "corelab/iss/elf_image.hpp"

namespace corelab::host {

// corelab::read_elf with its ElfError turned into HostError(BadElf).
ElfImage read_program(const std::string& path);

// A run of whole words to write: segments padded out to word boundaries and merged where they
// touch or share a word (padding never overwrites another segment's bytes).
struct MemoryBlock {
  uint32_t addr = 0;
  std::vector<uint8_t> bytes;
};
std::vector<MemoryBlock> memory_blocks(const ElfImage& image);

struct LoadOptions {
  bool verify = false;
  ProgressFn progress;
};

struct LoadResult {
  uint64_t bytes = 0;           // written (and, with verify, read back)
  double write_seconds = 0;
  double verify_seconds = 0;
  uint32_t entry = 0;
  LinkStats link;
};

// Throws HostError: ElfTooLarge (a segment outside the target's RAM, from IDENTIFY), BadElf (entry
// point outside RAM), VerifyMismatch, and whatever the session raises.
LoadResult load_elf(Session& session, const ElfImage& image, const LoadOptions& options = {});

}  // namespace corelab::host
