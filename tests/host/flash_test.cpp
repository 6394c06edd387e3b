// Flashing against the device models (host/lib/model): the programmers write through the same
// FtdiPort a real chip sits behind, and the tests look at what the models hold afterwards: the flash
// contents byte for byte, the bytes outside the image's sectors, the FPGA's CDONE / DONE and status.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "bitstreams.hpp"
#include "corelab/host/error.hpp"
#include "corelab/host/fpga_programmer.hpp"
#include "corelab/host/model/ecp5_model.hpp"
#include "corelab/host/model/model_board.hpp"
#include "corelab/host/spi_nor.hpp"
#include "test_util.hpp"

namespace corelab::host {
namespace {

using model::ModelBoard;
using test::TempDir;

constexpr uint32_t kLfe5u25 = 0x41111043, kLfe5u85 = 0x41113043;

// Boards made here rather than taken from boards/: the tests do not depend on which board files exist.
constexpr PinMap kIceBreakerPins{.sck = 0, .mosi = 1, .miso = 2, .cs = 4, .cdone = 6, .creset = 7};
const BoardInfo kIce40Board{.name = "test-ice40", .description = "iCE40 on an FT2232H, iCEBreaker wiring",
                            .family = FpgaFamily::Ice40, .method = ProgramMethod::Ice40Spi, .sram = true,
                            .has_program_link = true,
                            .program = {0x0403, 0x6010, 'A', FtdiMode::Mpsse, kIceBreakerPins}};
const BoardInfo kEcp5Mpsse{.name = "test-ecp5", .description = "ECP5 on an FT2232H, MPSSE JTAG",
                           .family = FpgaFamily::Ecp5, .method = ProgramMethod::Ecp5Jtag, .sram = true,
                           .has_program_link = true,
                           .program = {0x0403, 0x6010, 'A', FtdiMode::Mpsse, {.tck = 0, .tdi = 1, .tdo = 2, .tms = 3}},
                           .ecp5_idcode = kLfe5u85};
// The ULX3S wiring: FT231X in synchronous bit-bang, TCK on DSR (D5), TMS on DCD (D6), TDI on RI (D7),
// TDO on CTS (D3).
const BoardInfo kEcp5Bitbang{.name = "test-ecp5-bitbang", .description = "ECP5 on an FT231X, bit-bang JTAG",
                             .family = FpgaFamily::Ecp5, .method = ProgramMethod::Ecp5Jtag, .sram = true,
                             .has_program_link = true,
                             .program = {0x0403, 0x6015, 'A', FtdiMode::SyncBitbang,
                                         {.tck = 5, .tdi = 7, .tdo = 3, .tms = 6}},
                             .ecp5_idcode = kLfe5u85};

// A pattern that is neither erased (0xFF) nor anything an image holds.
uint8_t pattern(size_t i) { return static_cast<uint8_t>(0xA5 ^ (i * 7)); }

void fill_pattern(std::vector<uint8_t>& mem) {
  for (size_t i = 0; i < mem.size(); ++i) mem[i] = pattern(i);
}

// Sets model.json values before the model is opened: the flash part, its size, a stuck bit.
void configure(const TempDir& dir, const BoardInfo& board, const nlohmann::json& flash, uint32_t idcode = 0) {
  nlohmann::json j{{"board", board.name}, {"flash", flash}, {"fpga", {{"configured", false}}}};
  if (board.family == FpgaFamily::Ecp5) {
    j["fpga"]["idcode"] = idcode;
    j["fpga"]["status"] = 0;
  }
  std::filesystem::create_directories(dir / "m");
  std::ofstream(dir / "m" / "model.json") << j.dump();
}

std::vector<std::string> flash(ModelBoard& m, const BoardInfo& b, std::span<const uint8_t> image, bool sram = false,
                               bool force = false) {
  return program_fpga(m.port(), b, b.program, image, {sram, force, {}});
}

ErrorKind error_of(const std::function<void()>& f, std::string* message = nullptr) {
  try {
    f();
  } catch (const HostError& e) {
    if (message) *message = e.what();
    return e.kind();
  }
  ADD_FAILURE() << "no HostError";
  return ErrorKind::Usage;
}

// Checks the flash holds `image` at 0, erased bytes up to the end of its last 4 KiB sector, and the
// pattern everywhere else.
void expect_flash_holds(const std::vector<uint8_t>& mem, const std::vector<uint8_t>& image) {
  const size_t end = (image.size() + 4095) / 4096 * 4096;
  ASSERT_TRUE(std::equal(image.begin(), image.end(), mem.begin())) << "the flash does not hold the image";
  for (size_t i = image.size(); i < end; ++i) ASSERT_EQ(mem[i], 0xFF) << "not erased at " << i;
  for (size_t i = end; i < mem.size(); ++i) ASSERT_EQ(mem[i], pattern(i)) << "touched outside the image's sectors at " << i;
}

TEST(Ice40Flash, WritesTheImageVerifiesAndBoots) {
  TempDir dir("ice40_flash");
  const auto image = test::ice40_bitstream(70'000);  // one 64 KiB block and 4 KiB sectors
  {
    ModelBoard m(kIce40Board, kIce40Board.program, dir / "m");
    fill_pattern(m.flash_memory());
    EXPECT_FALSE(m.fpga_configured());
    const auto lines = flash(m, kIce40Board, image);
    EXPECT_NE(lines.at(0).find("W25Q128JV"), std::string::npos) << lines.at(0);
    expect_flash_holds(m.flash_memory(), image);
    EXPECT_TRUE(m.fpga_configured()) << m.fpga_error();
    m.save();
  }
  ModelBoard again(kIce40Board, kIce40Board.program, dir / "m");  // the state lives on in the directory
  expect_flash_holds(again.flash_memory(), image);
  EXPECT_TRUE(again.fpga_configured());
}

TEST(Ice40Flash, AnOversizedImageIsRefusedBeforeAnythingIsErased) {
  TempDir dir("ice40_oversized");
  configure(dir, kIce40Board, {{"jedec_id", "0xef4015"}, {"size", 2 << 20}});  // W25Q16JV, 2 MiB
  ModelBoard m(kIce40Board, kIce40Board.program, dir / "m");
  fill_pattern(m.flash_memory());
  auto image = test::ice40_bitstream(1000);
  image.resize((2 << 20) + 1, 0x00);
  std::string msg;
  EXPECT_EQ(error_of([&] { flash(m, kIce40Board, image); }, &msg), ErrorKind::ImageTooLarge);
  EXPECT_NE(msg.find("nothing was erased"), std::string::npos) << msg;
  for (size_t i = 0; i < m.flash_memory().size(); ++i) ASSERT_EQ(m.flash_memory()[i], pattern(i)) << i;
}

TEST(Ice40Flash, AnUnknownJedecIdIsRefusedUnlessForced) {
  TempDir dir("ice40_unknown");
  configure(dir, kIce40Board, {{"jedec_id", "0xab4017"}, {"size", 8 << 20}});  // capacity byte 0x17: 8 MiB
  ModelBoard m(kIce40Board, kIce40Board.program, dir / "m");
  fill_pattern(m.flash_memory());
  const auto image = test::ice40_bitstream(5000);
  std::string msg;
  EXPECT_EQ(error_of([&] { flash(m, kIce40Board, image); }, &msg), ErrorKind::UnknownFlash);
  EXPECT_NE(msg.find("ab4017"), std::string::npos) << msg;
  EXPECT_EQ(m.flash_memory()[0], pattern(0)) << "refused, yet the flash changed";
  flash(m, kIce40Board, image, false, true);
  expect_flash_holds(m.flash_memory(), image);
  EXPECT_TRUE(m.fpga_configured());
}

TEST(Ice40Flash, AVerifyMismatchNamesTheAddress) {
  TempDir dir("ice40_stuck");
  auto image = test::ice40_bitstream(8000);
  image[0x1234] = 0x00;  // bit 0 cannot be programmed to 0 at 0x1234
  configure(dir, kIce40Board, {{"jedec_id", "0xef4018"}, {"size", 16 << 20},
                               {"stuck_bit", {{"address", 0x1234}, {"mask", 1}, {"level", 1}}}});
  ModelBoard m(kIce40Board, kIce40Board.program, dir / "m");
  std::string msg;
  EXPECT_EQ(error_of([&] { flash(m, kIce40Board, image); }, &msg), ErrorKind::VerifyMismatch);
  EXPECT_NE(msg.find("0x001234"), std::string::npos) << msg;
  EXPECT_NE(msg.find("read back 0x01"), std::string::npos) << msg;
}

TEST(Ice40Flash, AFileForAnotherFamilyIsRefused) {
  TempDir dir("ice40_family");
  ModelBoard m(kIce40Board, kIce40Board.program, dir / "m");
  fill_pattern(m.flash_memory());
  std::string msg;
  EXPECT_EQ(error_of([&] { flash(m, kIce40Board, test::ecp5_bitstream(kLfe5u85, 100)); }, &msg),
            ErrorKind::BadBitstream);
  EXPECT_NE(msg.find("ECP5"), std::string::npos) << msg;
  const std::vector<uint8_t> text(5000, 'x');
  EXPECT_EQ(error_of([&] { flash(m, kIce40Board, text); }), ErrorKind::BadBitstream);
  EXPECT_EQ(m.flash_memory()[0], pattern(0));
}

TEST(Ice40Sram, ConfiguresTheFpgaAndLeavesTheFlashAlone) {
  TempDir dir("ice40_sram");
  ModelBoard m(kIce40Board, kIce40Board.program, dir / "m");
  fill_pattern(m.flash_memory());
  flash(m, kIce40Board, test::ice40_bitstream(20'000), true);
  EXPECT_TRUE(m.fpga_configured()) << m.fpga_error();
  for (size_t i = 0; i < 65536; ++i) ASSERT_EQ(m.flash_memory()[i], pattern(i)) << i;
}

TEST(Ice40Sram, ATruncatedOrCorruptImageDoesNotRaiseCdone) {
  TempDir dir("ice40_sram_bad");
  ModelBoard m(kIce40Board, kIce40Board.program, dir / "m");
  auto image = test::ice40_bitstream(20'000);
  const std::vector<uint8_t> truncated(image.begin(), image.begin() + 15'000);
  EXPECT_EQ(error_of([&] { flash(m, kIce40Board, truncated, true); }), ErrorKind::ConfigFailed);
  EXPECT_FALSE(m.fpga_configured());
  image[10'000] ^= 0x10;  // CRAM data: only the CRC check can tell
  EXPECT_EQ(error_of([&] { flash(m, kIce40Board, image, true); }), ErrorKind::ConfigFailed);
  EXPECT_FALSE(m.fpga_configured());
  EXPECT_NE(m.fpga_error().find("CRC"), std::string::npos) << m.fpga_error();
}

class Ecp5 : public ::testing::TestWithParam<const BoardInfo*> {};

TEST_P(Ecp5, DetectNamesThePart) {
  const BoardInfo& b = *GetParam();
  TempDir dir("ecp5_detect");
  configure(dir, b, {{"jedec_id", "0xef4018"}, {"size", 16 << 20}}, kLfe5u25);
  ModelBoard m(b, b.program, dir / "m");
  const auto lines = detect_fpga(m.port(), b, b.program);
  ASSERT_GE(lines.size(), 2u);
  EXPECT_NE(lines[0].find("LFE5U-25F (IDCODE 0x41111043)"), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find("LFE5U-85F"), std::string::npos) << "the board's own part, as a note: " << lines[1];
}

TEST_P(Ecp5, SramLoadSetsDone) {
  const BoardInfo& b = *GetParam();
  TempDir dir("ecp5_sram");
  ModelBoard m(b, b.program, dir / "m");
  flash(m, b, test::ecp5_bitstream(kLfe5u85, 3000), true);
  EXPECT_TRUE(m.fpga_configured()) << m.fpga_error();
  EXPECT_EQ(m.ecp5_status() & model::kEcp5StatusFail, 0u);
}

TEST_P(Ecp5, SramLoadForTheWrongPartFailsWithTheStatusReason) {
  const BoardInfo& b = *GetParam();
  TempDir dir("ecp5_wrong_part");
  ModelBoard m(b, b.program, dir / "m");
  std::string msg;
  EXPECT_EQ(error_of([&] { flash(m, b, test::ecp5_bitstream(kLfe5u25, 3000), true); }, &msg), ErrorKind::ConfigFailed);
  EXPECT_NE(msg.find("ID error"), std::string::npos) << msg;
  EXPECT_FALSE(m.fpga_configured());
  EXPECT_NE(m.ecp5_status() & model::kEcp5StatusFail, 0u);
  EXPECT_EQ((m.ecp5_status() >> model::kEcp5BseShift) & 7, 1u) << "BSE error code: ID error";
}

TEST_P(Ecp5, SramLoadOfATruncatedImageDoesNotSetDone) {
  const BoardInfo& b = *GetParam();
  TempDir dir("ecp5_truncated");
  ModelBoard m(b, b.program, dir / "m");
  const auto image = test::ecp5_bitstream(kLfe5u85, 3000);
  const std::vector<uint8_t> truncated(image.begin(), image.end() - 100);
  EXPECT_EQ(error_of([&] { flash(m, b, truncated, true); }), ErrorKind::ConfigFailed);
  EXPECT_FALSE(m.fpga_configured());
}

TEST_P(Ecp5, FlashThroughJtagVerifiesAndBoots) {
  const BoardInfo& b = *GetParam();
  TempDir dir("ecp5_flash");
  ModelBoard m(b, b.program, dir / "m");
  fill_pattern(m.flash_memory());
  const auto image = test::ecp5_bitstream(kLfe5u85, 9000);
  const auto lines = flash(m, b, image);
  expect_flash_holds(m.flash_memory(), image);
  EXPECT_TRUE(m.fpga_configured()) << m.fpga_error();
  EXPECT_NE(lines.back().find("DONE"), std::string::npos) << lines.back();
}

TEST_P(Ecp5, FlashThroughJtagReportsAVerifyMismatch) {
  const BoardInfo& b = *GetParam();
  TempDir dir("ecp5_flash_stuck");
  configure(dir, b, {{"jedec_id", "0xef4018"}, {"size", 16 << 20},
                     {"stuck_bit", {{"address", 0x80}, {"mask", 0x40}, {"level", 1}}}}, kLfe5u85);
  ModelBoard m(b, b.program, dir / "m");
  auto image = test::ecp5_bitstream(kLfe5u85, 2000);
  image[0x80] = 0x00;
  std::string msg;
  EXPECT_EQ(error_of([&] { flash(m, b, image); }, &msg), ErrorKind::VerifyMismatch);
  EXPECT_NE(msg.find("0x000080"), std::string::npos) << msg;
}

INSTANTIATE_TEST_SUITE_P(Cables, Ecp5, ::testing::Values(&kEcp5Mpsse, &kEcp5Bitbang),
                         [](const auto& info) { return info.param == &kEcp5Mpsse ? "Mpsse" : "SyncBitbang"; });

TEST(ErasePlan, UsesBlocksWhereWholeAndSectorsAtTheEdges) {
  const auto steps = plan_erase(0x0F000, 0x22000);  // 0x0F000 .. 0x31000
  std::vector<std::pair<uint32_t, uint32_t>> got;
  for (const auto& s : steps) got.emplace_back(s.addr, s.size);
  const std::vector<std::pair<uint32_t, uint32_t>> want{
      {0x0F000, 0x1000}, {0x10000, 0x10000}, {0x20000, 0x10000}, {0x30000, 0x1000}};
  EXPECT_EQ(got, want);
  EXPECT_TRUE(plan_erase(0, 0).empty());
  EXPECT_EQ(plan_erase(0, 1).size(), 1u);
}

TEST(Bitstreams, FamiliesAreToldApart) {
  EXPECT_EQ(bitstream_family(test::ice40_bitstream(100)), FpgaFamily::Ice40);
  EXPECT_EQ(bitstream_family(test::ecp5_bitstream(kLfe5u85, 100)), FpgaFamily::Ecp5);
  EXPECT_EQ(bitstream_family(std::vector<uint8_t>(100, 0xFF)), FpgaFamily::None);
}

TEST(Ecp5Parts, IdcodesHaveNames) {
  EXPECT_EQ(ecp5_part_name(0x21111043), "LFE5U-12F");
  EXPECT_EQ(ecp5_part_name(0x81113043), "LFE5UM5G-85F");
  EXPECT_EQ(ecp5_part_name(0x12345678), "");
  EXPECT_NE(describe_ecp5_status(0x00802100).find("ID error"), std::string::npos);
}

}  // namespace
}  // namespace corelab::host
