// Writing generated programs as ELF files: read_elf gets back the same image, the file runs, and
// a file that cannot be written is an ElfError.
#include "corelab/rigen/elf_writer.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "corelab/iss/iss.hpp"
#include "corelab/rigen/generator.hpp"

namespace {

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() /
          ("rigen_test_" + std::to_string(getpid()) + "_" + name))
      .string();
}

}  // namespace

TEST(ElfWriter, ReadBackAndRun) {
  for (uint64_t seed : {11, 12}) {
    corelab::rigen::Options o;
    o.seed = seed;
    o.instructions = 20000;
    const corelab::ElfImage img = corelab::rigen::generate(o);
    const std::string path = temp_path(std::to_string(seed) + ".elf");
    corelab::rigen::write_elf(img, path);
    const corelab::ElfImage back = corelab::read_elf(path);
    std::filesystem::remove(path);
    SCOPED_TRACE("seed " + std::to_string(seed));
    EXPECT_EQ(back.entry, img.entry);
    ASSERT_EQ(back.segments.size(), img.segments.size());
    for (size_t k = 0; k < img.segments.size(); ++k) {
      EXPECT_EQ(back.segments[k].addr, img.segments[k].addr);
      EXPECT_TRUE(back.segments[k].bytes == img.segments[k].bytes) << "segment " << k;
    }
    EXPECT_EQ(back.symbols, img.symbols);
    corelab::iss::Iss iss;
    iss.load(back);
    iss.run(1000000);
    EXPECT_TRUE(iss.exited());
    EXPECT_EQ(iss.exit_code(), 0);
  }
}

TEST(ElfWriter, UnwritablePathIsAnElfError) {
  corelab::rigen::Options o;
  o.instructions = 100;
  EXPECT_THROW(corelab::rigen::write_elf(corelab::rigen::generate(o), "/nonexistent-dir/x.elf"),
               corelab::ElfError);
}
