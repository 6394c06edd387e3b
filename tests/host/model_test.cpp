// The device models on their own, driven pin by pin or byte by byte, so that a model that drifts
// from the parts' documented behaviour fails here rather than hiding a programmer bug.
#include <gtest/gtest.h>

#include <vector>

#include "corelab/host/error.hpp"
#include "corelab/host/model/ecp5_model.hpp"
#include "corelab/host/model/ftdi_model.hpp"
#include "corelab/host/model/ice40_model.hpp"
#include "corelab/host/model/spi_flash_model.hpp"
#include "bitstreams.hpp"

namespace corelab::host::model {
namespace {

// One SPI mode 0 transaction on the flash's pins: `out`, then `read` bytes clocked in.
std::vector<uint8_t> spi(SpiFlashModel& f, std::vector<uint8_t> out, size_t read = 0) {
  f.step(true, false, false);
  f.step(false, false, false);  // CS# falls
  std::vector<uint8_t> in;
  const size_t n = out.size();
  out.resize(n + read, 0);
  for (uint8_t byte : out) {
    uint8_t r = 0;
    for (int i = 7; i >= 0; --i) {
      const bool b = (byte >> i) & 1;
      r = static_cast<uint8_t>(r << 1 | f.step(false, false, b));  // SCK low: MISO as sampled before the edge
      f.step(false, true, b);                                      // rising edge
    }
    in.push_back(r);
  }
  f.step(false, false, false);
  f.step(true, false, false);  // CS# rises
  return {in.begin() + static_cast<std::ptrdiff_t>(n), in.end()};
}

SpiFlashModel blank_flash(unsigned busy_polls = 0) {
  return SpiFlashModel(std::vector<uint8_t>(1 << 20, 0xFF), {0xEF4018, busy_polls, std::nullopt});
}

TEST(SpiFlashModel, AnswersItsJedecId) {
  auto f = blank_flash();
  EXPECT_EQ(spi(f, {0x9F}, 3), (std::vector<uint8_t>{0xEF, 0x40, 0x18}));
}

TEST(SpiFlashModel, PageProgramWrapsInsideThePageAndOnlyClearsBits) {
  auto f = blank_flash();
  f.memory()[0x1FF] = 0x0F;
  spi(f, {0x06});
  spi(f, {0x02, 0x00, 0x01, 0xFE, 0x11, 0x22, 0x33, 0x44});
  EXPECT_EQ(f.memory()[0x1FE], 0x11);
  EXPECT_EQ(f.memory()[0x1FF], 0x02) << "0x22 over 0x0F: bits can only be cleared";
  EXPECT_EQ(f.memory()[0x100], 0x33) << "past the page end, the address wraps to the page start";
  EXPECT_EQ(f.memory()[0x101], 0x44);
  EXPECT_EQ(f.memory()[0x200], 0xFF) << "the next page is not touched";
}

TEST(SpiFlashModel, WritesAndErasesNeedWriteEnable) {
  auto f = blank_flash();
  f.memory()[0x3000] = 0x00;
  spi(f, {0x02, 0x00, 0x00, 0x10, 0x00});
  spi(f, {0x20, 0x00, 0x30, 0x00});
  EXPECT_EQ(f.memory()[0x10], 0xFF);
  EXPECT_EQ(f.memory()[0x3000], 0x00);
  spi(f, {0x06});
  EXPECT_EQ(spi(f, {0x05}, 1)[0], 0x02) << "WEL set";
  spi(f, {0x20, 0x00, 0x30, 0x00});
  EXPECT_EQ(f.memory()[0x3000], 0xFF);
  EXPECT_EQ(spi(f, {0x05}, 1)[0], 0x00) << "WEL clears when the erase is done";
}

TEST(SpiFlashModel, BusyStaysForTheModelledPollsAndBlocksOtherCommands) {
  auto f = blank_flash(3);
  f.memory()[0x8000] = 0x12;
  spi(f, {0x06});
  spi(f, {0x52, 0x00, 0x80, 0x00});  // 32 KiB block erase
  EXPECT_EQ(spi(f, {0x03, 0x00, 0x80, 0x00}, 1)[0], 0xFF) << "a read while busy is ignored (MISO undriven)";
  EXPECT_EQ(spi(f, {0x05}, 4), (std::vector<uint8_t>{0x03, 0x03, 0x03, 0x00}));
  EXPECT_EQ(f.memory()[0x8000], 0xFF);
  EXPECT_EQ(f.memory()[0x7FFF], 0xFF);
}

TEST(SpiFlashModel, BlockEraseIsAligned) {
  auto f = blank_flash();
  std::fill(f.memory().begin(), f.memory().end(), 0x00);
  spi(f, {0x06});
  spi(f, {0xD8, 0x01, 0x23, 0x45});  // inside 0x010000..0x01FFFF
  EXPECT_EQ(f.memory()[0x0FFFF], 0x00);
  EXPECT_EQ(f.memory()[0x10000], 0xFF);
  EXPECT_EQ(f.memory()[0x1FFFF], 0xFF);
  EXPECT_EQ(f.memory()[0x20000], 0x00);
}

TEST(SpiFlashModel, ReadsAndFastReads) {
  auto f = blank_flash();
  f.memory()[0x42] = 0xAB;
  f.memory()[0x43] = 0xCD;
  EXPECT_EQ(spi(f, {0x03, 0x00, 0x00, 0x42}, 2), (std::vector<uint8_t>{0xAB, 0xCD}));
  EXPECT_EQ(spi(f, {0x0B, 0x00, 0x00, 0x42, 0x00}, 2), (std::vector<uint8_t>{0xAB, 0xCD}));
}

TEST(SpiFlashModel, DeepPowerDownAnswersOnlyRelease) {
  auto f = blank_flash();
  spi(f, {0xB9});
  EXPECT_EQ(spi(f, {0x9F}, 3), (std::vector<uint8_t>{0xFF, 0xFF, 0xFF}));
  spi(f, {0xAB});
  EXPECT_EQ(spi(f, {0x9F}, 3), (std::vector<uint8_t>{0xEF, 0x40, 0x18}));
}

TEST(SpiFlashModel, ChipSelectInsideAByteCancelsTheCommand) {
  auto f = blank_flash();
  spi(f, {0x06});
  f.step(false, false, false);
  for (int i = 0; i < 4; ++i) {  // half of 0xC7 (chip erase)
    f.step(false, false, (0xC7 >> (7 - i)) & 1);
    f.step(false, true, (0xC7 >> (7 - i)) & 1);
  }
  f.step(true, false, false);
  EXPECT_EQ(f.status() & 0x02, 0x02) << "nothing ran, WEL still set";
}

// Wires TDO/DI (ADBUS2) to TDI/DO (ADBUS1), like a loop-back plug.
struct Loop : PinTarget {
  uint16_t settle(uint16_t levels) override { return with_pin(0xFFFF, 2, pin(levels, 1)); }
};

std::vector<uint8_t> run(FtdiModel& m, std::vector<uint8_t> cmd, size_t answer) {
  m.write(cmd);
  std::vector<uint8_t> in(answer);
  m.read(in);
  return in;
}

TEST(MpsseModel, AnswersAnUnknownOpcodeWithFa) {
  Loop loop;
  FtdiModel m(loop, "test");
  m.set_mode(FtdiMode::Mpsse, 0);
  EXPECT_EQ(run(m, {0xAB}, 2), (std::vector<uint8_t>{0xFA, 0xAB}));
  EXPECT_THROW(run(m, {}, 1), HostError) << "nothing more to read";
}

TEST(MpsseModel, ShiftsBytesAndBitsInBothOrders) {
  Loop loop;
  FtdiModel m(loop, "test");
  m.set_mode(FtdiMode::Mpsse, 0);
  m.write(std::vector<uint8_t>{0x80, 0x00, 0x0B});                     // TCK, TDI, TMS outputs
  EXPECT_EQ(run(m, {0x31, 0x01, 0x00, 0xA5, 0x3C}, 2), (std::vector<uint8_t>{0xA5, 0x3C}));  // MSB first
  EXPECT_EQ(run(m, {0x39, 0x00, 0x00, 0x81}, 1)[0], 0x81);               // LSB first
  EXPECT_EQ(run(m, {0x3B, 0x02, 0x05}, 1)[0] >> 5, 0x05) << "LSB-first bit reads fill from the top";
  EXPECT_EQ(run(m, {0x33, 0x02, 0xA0}, 1)[0], 0x05) << "MSB-first bit reads fill from the bottom";
  EXPECT_EQ(run(m, {0x6B, 0x02, 0x83}, 1)[0], 0xE0) << "TMS bits, TDI held at bit 7 and looped back";
}

TEST(MpsseModel, ReadsGpiosAndTakesCommandsSplitAcrossWrites) {
  Loop loop;
  FtdiModel m(loop, "test");
  m.set_mode(FtdiMode::Mpsse, 0);
  m.write(std::vector<uint8_t>{0x80});
  m.write(std::vector<uint8_t>{0x02, 0x03});  // DO high
  EXPECT_EQ(run(m, {0x81}, 1)[0] & 0x07, 0x06) << "TCK low, DO high, DI follows DO";
  m.write(std::vector<uint8_t>{0x86, 0x04, 0x00});
  EXPECT_EQ(m.clock_divisor(), 4);
}

TEST(SyncBitbangModel, ReadsThePinsBeforeEachWrite) {
  Loop loop;
  FtdiModel m(loop, "test");
  m.set_mode(FtdiMode::SyncBitbang, 0x03);
  const auto in = run(m, {0x02, 0x00, 0x00}, 3);
  EXPECT_EQ(in[0] & 0x04, 0x00) << "before the first byte DO was low";
  EXPECT_EQ(in[1] & 0x04, 0x04) << "the state the first byte set: DO high, looped to DI";
  EXPECT_EQ(in[2] & 0x04, 0x00);
}

TEST(Ice40ConfigParser, NeedsTheWholeImageAndItsCrc) {
  const auto image = test::ice40_bitstream(500);
  EXPECT_EQ(ice40_image_problem(image), "");
  EXPECT_NE(ice40_image_problem(std::span(image).first(image.size() - 4)), "");
  auto bad = image;
  bad[100] ^= 1;
  EXPECT_NE(ice40_image_problem(bad).find("CRC"), std::string::npos);
}

TEST(Ecp5ImageCheck, ChecksPreambleIdAndEnd) {
  const auto image = test::ecp5_bitstream(0x41113043, 500);
  EXPECT_TRUE(check_ecp5_image(image, 0x41113043).done);
  EXPECT_EQ(check_ecp5_image(image, 0x41111043).error, Ecp5BseError::Id);
  EXPECT_EQ(check_ecp5_image(std::vector<uint8_t>(600, 0x55), 0x41113043).error, Ecp5BseError::Preamble);
  EXPECT_FALSE(check_ecp5_image(std::span(image).first(image.size() - 10), 0x41113043).done);
}

}  // namespace
}  // namespace corelab::host::model
