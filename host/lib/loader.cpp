// load_elf and the segment-to-word-block conversion it writes with.
#include "corelab/host/loader.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <functional>
#include <numeric>

namespace corelab::host {
namespace {

std::string kib(uint64_t bytes) { return fmt::format("{:.1f} KiB", bytes / 1024.0); }

}  // namespace

ElfImage read_program(const std::string& path) {
  try {
    return read_elf(path);
  } catch (const ElfError& e) {
    throw HostError(ErrorKind::BadElf, e.what());
  }
}

std::vector<MemoryBlock> memory_blocks(const ElfImage& image) {
  std::vector<const ElfSegment*> segs;
  for (const auto& s : image.segments)
    if (!s.bytes.empty()) segs.push_back(&s);
  std::sort(segs.begin(), segs.end(), [](const auto* a, const auto* b) { return a->addr < b->addr; });

  std::vector<MemoryBlock> blocks;
  uint64_t block_end = 0;  // end of the last block, in whole words
  for (const ElfSegment* s : segs) {
    const uint64_t lo = s->addr & ~uint64_t{3};
    const uint64_t hi = (uint64_t{s->addr} + s->bytes.size() + 3) & ~uint64_t{3};
    if (blocks.empty() || lo > block_end) {
      blocks.push_back({static_cast<uint32_t>(lo), {}});
      block_end = lo;
    }
    MemoryBlock& b = blocks.back();
    if (hi > block_end) {
      b.bytes.resize(hi - b.addr, 0);
      block_end = hi;
    }
    std::copy(s->bytes.begin(), s->bytes.end(), b.bytes.begin() + (s->addr - b.addr));
  }
  return blocks;
}

LoadResult load_elf(Session& session, const ElfImage& image, const LoadOptions& options) {
  using Clock = std::chrono::steady_clock;
  const Identity& id = session.identity() ? *session.identity() : session.identify();
  const uint64_t ram_lo = id.ram_base, ram_hi = uint64_t{id.ram_base} + id.ram_size;

  const std::vector<MemoryBlock> blocks = memory_blocks(image);
  LoadResult result;
  result.entry = image.entry;
  for (const auto& b : blocks) {
    result.bytes += b.bytes.size();
    if (b.addr < ram_lo || b.addr + b.bytes.size() > ram_hi)
      throw HostError(ErrorKind::ElfTooLarge,
                      fmt::format("{}: 0x{:08x}..0x{:08x} ({}) does not fit the target's RAM 0x{:08x}..0x{:08x} ({})",
                                  image.path, b.addr, b.addr + b.bytes.size(), kib(b.bytes.size()), ram_lo, ram_hi,
                                  kib(id.ram_size)));
  }
  if (image.entry < ram_lo || image.entry >= ram_hi)
    throw HostError(ErrorKind::BadElf, fmt::format("{}: entry point 0x{:08x} lies outside the target's RAM", image.path,
                                                   image.entry));

  session.core_ctrl(CoreAction::Hold);

  // Progress over all blocks together.
  auto phase_progress = [&](uint64_t before) {
    return [&options, before, total = result.bytes](const Progress& p) {
      if (options.progress)
        options.progress({p.phase, before + p.done, total, p.bytes_per_second});
    };
  };
  auto t0 = Clock::now();
  uint64_t done = 0;
  for (const auto& b : blocks) {
    session.write_mem(b.addr, b.bytes, phase_progress(done));
    done += b.bytes.size();
  }
  result.write_seconds = std::chrono::duration<double>(Clock::now() - t0).count();

  if (options.verify) {
    t0 = Clock::now();
    done = 0;
    for (const auto& b : blocks) {
      const auto got = session.read_mem(b.addr, static_cast<uint32_t>(b.bytes.size()), phase_progress(done));
      const auto diff = std::mismatch(b.bytes.begin(), b.bytes.end(), got.begin());
      if (diff.first != b.bytes.end()) {
        const size_t off = static_cast<size_t>(diff.first - b.bytes.begin());
        const size_t count = static_cast<size_t>(std::inner_product(
            b.bytes.begin(), b.bytes.end(), got.begin(), size_t{0}, std::plus<>(),
            [](uint8_t x, uint8_t y) { return size_t{x != y}; }));
        throw HostError(ErrorKind::VerifyMismatch,
                        fmt::format("{}: verify failed at 0x{:08x}: wrote 0x{:02x}, read 0x{:02x} ({} bytes differ)",
                                    image.path, b.addr + off, *diff.first, *diff.second, count));
      }
      done += b.bytes.size();
    }
    result.verify_seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  }

  session.set_start(image.entry);
  result.link = session.stats();
  return result;
}

}  // namespace corelab::host
