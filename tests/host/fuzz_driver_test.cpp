// Drives the fuzz targets with seeded random inputs (GCC has no libFuzzer), built with
// AddressSanitizer and UBSan: random bytes, streams of real frames with damage, and damaged
// copies of a small valid ELF.
#include <elf.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <random>

#include "corelab/host/framing.hpp"
#include "corelab/host/protocol.hpp"
#include "corelab/iss/elf_image.hpp"
#include "fuzz_targets.hpp"

namespace corelab::host::fuzz {
namespace {

uint64_t seed_or(uint64_t d) {
  if (const char* s = std::getenv("CORELAB_TEST_SEED")) return std::strtoull(s, nullptr, 0);
  return d;
}
#define SEED_TRACE(seed) SCOPED_TRACE("seed " + std::to_string(seed) + " (rerun with CORELAB_TEST_SEED=...)")

std::vector<uint8_t> bytes(std::mt19937_64& rng, size_t n) {
  std::vector<uint8_t> v(n);
  for (auto& b : v) b = static_cast<uint8_t>(rng());
  return v;
}

void damage(std::mt19937_64& rng, std::vector<uint8_t>& v, unsigned edits) {
  for (unsigned i = 0; i < edits && !v.empty(); ++i) {
    const size_t at = rng() % v.size();
    switch (rng() % 4) {
      case 0: v[at] = static_cast<uint8_t>(rng()); break;
      case 1: v.erase(v.begin() + static_cast<std::ptrdiff_t>(at)); break;
      case 2: v.insert(v.begin() + static_cast<std::ptrdiff_t>(at), static_cast<uint8_t>(rng())); break;
      default: v[at] = (rng() & 1) ? 0xC0 : 0xDB; break;
    }
  }
}

// A small RV32 executable: one PT_LOAD segment (16 bytes of code, 16 of bss) and a symbol table.
std::vector<uint8_t> seed_elf() {
  std::vector<uint8_t> f(396, 0);
  Elf32_Ehdr eh{};
  std::memcpy(eh.e_ident, ELFMAG, SELFMAG);
  eh.e_ident[EI_CLASS] = ELFCLASS32;
  eh.e_ident[EI_DATA] = ELFDATA2LSB;
  eh.e_ident[EI_VERSION] = EV_CURRENT;
  eh.e_type = ET_EXEC;
  eh.e_machine = EM_RISCV;
  eh.e_version = EV_CURRENT;
  eh.e_entry = 0x80000000u;
  eh.e_phoff = 52;
  eh.e_shoff = 196;
  eh.e_ehsize = 52;
  eh.e_phentsize = 32;
  eh.e_phnum = 1;
  eh.e_shentsize = 40;
  eh.e_shnum = 5;
  eh.e_shstrndx = 4;
  std::memcpy(f.data(), &eh, sizeof eh);
  Elf32_Phdr ph{PT_LOAD, 84, 0x80000000u, 0x80000000u, 16, 32, PF_R | PF_X, 4};
  std::memcpy(f.data() + 52, &ph, sizeof ph);
  const uint32_t code[4] = {0x00000013u, 0x00100513u, 0x00a00023u, 0x0000006fu};
  std::memcpy(f.data() + 84, code, sizeof code);
  const Elf32_Sym syms[3] = {{}, {1, 0x80000000u, 0, ELF32_ST_INFO(STB_GLOBAL, STT_FUNC), 0, 1},
                             {8, 0x80000010u, 4, ELF32_ST_INFO(STB_GLOBAL, STT_OBJECT), 0, 1}};
  std::memcpy(f.data() + 100, syms, sizeof syms);
  const char strtab[] = "\0_start\0tohost";  // 15 bytes with the final NUL
  std::memcpy(f.data() + 148, strtab, sizeof strtab);
  const char shstr[] = "\0.text\0.symtab\0.strtab\0.shstrtab";  // 33 bytes
  std::memcpy(f.data() + 163, shstr, sizeof shstr);
  const Elf32_Shdr sh[5] = {
      {},
      {1, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, 0x80000000u, 84, 16, 0, 0, 4, 0},
      {7, SHT_SYMTAB, 0, 0, 100, 48, 3, 1, 4, sizeof(Elf32_Sym)},
      {15, SHT_STRTAB, 0, 0, 148, sizeof strtab, 0, 0, 1, 0},
      {23, SHT_STRTAB, 0, 0, 163, sizeof shstr, 0, 0, 1, 0},
  };
  std::memcpy(f.data() + 196, sh, sizeof sh);
  return f;
}

std::string scratch(const char* name) {
  return (std::filesystem::temp_directory_path() / (std::string("corelab_fuzz_") + name + "_" +
                                                     std::to_string(::getpid()))).string();
}

TEST(Fuzz, FrameDecoderOnRandomAndDamagedStreams) {
  const uint64_t seed = seed_or(51);
  SEED_TRACE(seed);
  std::mt19937_64 rng(seed);
  for (int i = 0; i < 6000; ++i) {
    std::vector<uint8_t> in;
    if (i % 3 == 0) {
      in = bytes(rng, rng() % 2048);
    } else {
      in.push_back(static_cast<uint8_t>(rng()));
      for (unsigned k = 0; k < 1 + rng() % 6; ++k) {
        const auto w = encode_frame(Frame{static_cast<uint8_t>(rng()), static_cast<uint8_t>(rng()),
                                          bytes(rng, rng() % (i % 7 == 0 ? kMaxPayload + 1 : 80))});
        in.insert(in.end(), w.begin(), w.end());
      }
      damage(rng, in, static_cast<unsigned>(rng() % 6));
    }
    frame_decoder(in);
  }
}

TEST(Fuzz, MessageDecodersOnRandomFrames) {
  const uint64_t seed = seed_or(52);
  SEED_TRACE(seed);
  std::mt19937_64 rng(seed);
  static constexpr uint8_t kCmds[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x40, 0x41};
  for (int i = 0; i < 40000; ++i) {
    std::vector<uint8_t> in{kCmds[rng() % std::size(kCmds)], static_cast<uint8_t>(rng())};
    if (rng() & 1) in[0] |= kResponseFlag;
    if (rng() % 16 == 0) in[0] = static_cast<uint8_t>(rng());
    const size_t sizes[] = {0, 1, 2, 5, 6, 7, 13, 14, 17, 26, 31, 32};
    const size_t n = rng() % 4 ? sizes[rng() % std::size(sizes)] : rng() % (kMaxPayload + 1);
    auto payload = bytes(rng, n);
    if (!payload.empty() && (rng() & 1)) payload[0] = 0;  // a response with status ok
    if (payload.size() >= 3 && (rng() & 1)) payload[1] = 1, payload[2] = 0;  // IDENTIFY version 1
    in.insert(in.end(), payload.begin(), payload.end());
    messages(in);
  }
}

TEST(Fuzz, ReadElfOnDamagedElves) {
  const uint64_t seed = seed_or(53);
  SEED_TRACE(seed);
  std::mt19937_64 rng(seed);
  const std::string path = scratch("elf");
  const auto good = seed_elf();
  {
    read_elf_file(good, path);
    const ElfImage img = read_elf(path);  // the seed itself is a valid program
    ASSERT_EQ(img.segments.size(), 1u);
    EXPECT_EQ(img.segments[0].bytes.size(), 32u);
    EXPECT_EQ(img.symbol("tohost"), 0x80000010u);
  }
  for (int i = 0; i < 1500; ++i) {
    std::vector<uint8_t> in = good;
    switch (i % 4) {
      case 0: damage(rng, in, 1 + static_cast<unsigned>(rng() % 8)); break;
      case 1: in.resize(rng() % good.size()); break;
      case 2: {  // a header or table field set to something large or odd
        const size_t at = rng() % 240;
        const uint32_t v = (rng() & 1) ? 0xFFFFFFF0u + static_cast<uint32_t>(rng() % 16) : static_cast<uint32_t>(rng());
        std::memcpy(in.data() + at, &v, std::min<size_t>(4, in.size() - at));
        break;
      }
      default: in = bytes(rng, rng() % 512); if (in.size() >= 4) std::memcpy(in.data(), ELFMAG, 4); break;
    }
    read_elf_file(in, path);
  }
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace corelab::host::fuzz
