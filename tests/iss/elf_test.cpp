// ELF reading: the example program loads with its entry point and symbols; segments that do not
// fit the RAM are refused.
#include <gtest/gtest.h>

#include "corelab/iss/elf_image.hpp"
#include "corelab/iss/iss.hpp"

TEST(Elf, LoadsHello) {
  const auto img = corelab::read_elf(SW_BUILD "/examples/hello.elf");
  EXPECT_EQ(img.entry, 0x80000000u);
  ASSERT_FALSE(img.segments.empty());
  EXPECT_TRUE(img.symbol("main").has_value());
  EXPECT_FALSE(img.symbol("no_such_symbol").has_value());
  EXPECT_NO_THROW(img.check_fits(0x80000000u, 0x10000u));
  EXPECT_THROW(img.check_fits(0x80000000u, 0x100u), corelab::ElfError);
}

TEST(Elf, MissingFile) {
  EXPECT_THROW(corelab::read_elf("/nonexistent/file.elf"), corelab::ElfError);
}

TEST(Elf, RunsToExit) {
  corelab::iss::Iss iss;
  std::string out;
  iss.set_console_sink([&](uint8_t b) { out.push_back(char(b)); });
  iss.load(corelab::read_elf(SW_BUILD "/examples/hello.elf"));
  iss.run(1'000'000);
  EXPECT_TRUE(iss.exited());
  EXPECT_EQ(iss.exit_code(), 0);
  EXPECT_NE(out.find("Hello"), std::string::npos);
}
