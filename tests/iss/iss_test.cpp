// ISS internals: execution edge cases, traps, CSRs, counters, interrupts, the exit convention and
// the co-simulation hooks, on small programs written straight into RAM.
#include <gtest/gtest.h>

#include <initializer_list>
#include <string>

#include "corelab/iss/iss.hpp"
#include "encode.hpp"
#include "hpm_events.h"
#include "soc_map.h"

using corelab::iss::Iss;
using corelab::iss::StepReport;
using Kind = StepReport::Kind;

namespace {

constexpr uint32_t kBase = SOC_RAM_BASE;

class IssTest : public ::testing::Test {
 protected:
  Iss iss;
  std::string console;

  void SetUp() override { iss.set_console_sink([this](uint8_t b) { console.push_back(char(b)); }); }

  // Writes `code` at `at` and resets the hart to the RAM base.
  void program(std::initializer_list<uint32_t> code, uint32_t at = kBase) {
    iss.reset(kBase);
    uint32_t a = at;
    for (uint32_t w : code) {
      ASSERT_TRUE(iss.poke(a, reinterpret_cast<const uint8_t*>(&w), 4));
      a += 4;
    }
  }
  void write_word(uint32_t at, uint32_t w) { ASSERT_TRUE(iss.poke(at, reinterpret_cast<const uint8_t*>(&w), 4)); }
};

uint32_t hi20(uint32_t v) { return (v + 0x800) >> 12; }
int32_t lo12(uint32_t v) { return static_cast<int32_t>(v << 20) >> 20; }

}  // namespace

TEST_F(IssTest, X0StaysZero) {
  program({enc::addi(0, 0, 5), enc::add(1, 0, 0)});
  iss.step();
  auto r = iss.step();
  EXPECT_EQ(iss.reg(0), 0u);
  EXPECT_EQ(iss.reg(1), 0u);
  EXPECT_EQ(r.rd_addr, 1);
}

TEST_F(IssTest, DivisionCornerCases) {
  program({enc::lui(1, 0x80000), enc::addi(2, 0, -1), enc::div(3, 1, 2), enc::rem(4, 1, 2),
           enc::div(5, 1, 0), enc::rem(6, 1, 0), enc::mulhsu(7, 2, 2)});
  iss.run(7);
  EXPECT_EQ(iss.reg(3), 0x80000000u);  // INT_MIN / -1 = INT_MIN
  EXPECT_EQ(iss.reg(4), 0u);
  EXPECT_EQ(iss.reg(5), 0xffffffffu);  // x / 0 = -1
  EXPECT_EQ(iss.reg(6), 0x80000000u);  // x % 0 = x
  EXPECT_EQ(iss.reg(7), 0xffffffffu);  // -1 * 0xffffffff, high word signed*unsigned
}

TEST_F(IssTest, IllegalInstructionTrapsWithBits) {
  program({enc::lui(1, hi20(kBase + 0x100)), enc::addi(1, 1, lo12(kBase + 0x100)),
           enc::csrrw(0, 0x305, 1), 0xffffffffu});
  iss.run(3);
  auto r = iss.step();
  EXPECT_EQ(r.kind, Kind::kException);
  EXPECT_EQ(r.cause, 2u);
  EXPECT_EQ(r.tval, 0xffffffffu);
  EXPECT_EQ(iss.pc(), kBase + 0x100);
  EXPECT_EQ(*iss.read_csr(0x341), kBase + 12);  // mepc
  EXPECT_EQ(iss.instret(), 3u);                 // the trapping instruction did not retire
  EXPECT_EQ(iss.cycles(), 4u);
}

TEST_F(IssTest, UnknownAndReadOnlyCsrs) {
  program({enc::csrrs(1, 0xf14, 0), enc::csrrw(0, 0xf14, 1)});
  EXPECT_EQ(iss.step().kind, Kind::kRetired);  // reading mhartid is fine
  auto r = iss.step();                         // writing it is illegal
  EXPECT_EQ(r.kind, Kind::kException);
  EXPECT_EQ(r.cause, 2u);
  program({enc::csrrs(1, 0x7c0, 0)});
  EXPECT_EQ(iss.step().cause, 2u);
  EXPECT_FALSE(iss.read_csr(0xb01).has_value());
}

TEST_F(IssTest, MisalignedJumpDoesNotWriteRd) {
  program({enc::addi(5, 0, 77), enc::jal(5, 6)});
  iss.run(1);
  auto r = iss.step();
  EXPECT_EQ(r.kind, Kind::kException);
  EXPECT_EQ(r.cause, 0u);
  EXPECT_EQ(r.tval, kBase + 4 + 6);
  EXPECT_EQ(iss.reg(5), 77u);
}

TEST_F(IssTest, FetchOutsideRamFaults) {
  program({enc::lui(1, 0x40000), enc::jalr(0, 1, 0)});
  iss.run(2);
  auto r = iss.step();
  EXPECT_EQ(r.kind, Kind::kException);
  EXPECT_EQ(r.cause, 1u);
  EXPECT_EQ(r.tval, 0x40000000u);
}

TEST_F(IssTest, SubWordMmioAccessFaults) {
  program({enc::lui(1, SOC_UART_BASE >> 12), enc::sb(0, 1, 0), enc::lb(2, 1, 4)});
  iss.run(1);
  EXPECT_EQ(iss.step().cause, 7u);
  iss.reset(kBase + 8);
  iss.set_reg(1, SOC_UART_BASE);
  EXPECT_EQ(iss.step().cause, 5u);
}

TEST_F(IssTest, ExitRegisterAndConsole) {
  program({enc::lui(1, SOC_UART_BASE >> 12), enc::addi(2, 0, 'A'), enc::sw(2, 1, 0),
           enc::lui(3, SOC_CTRL_BASE >> 12), enc::addi(4, 0, 7), enc::sw(4, 3, 0)});
  auto res = iss.run(100);
  EXPECT_EQ(res.reason, corelab::iss::StopReason::kExit);
  EXPECT_EQ(console, "A");
  EXPECT_EQ(iss.exit_code(), 3);  // 7 = (3 << 1) | 1
}

TEST_F(IssTest, SelfModifyingCodeIsSeen) {
  // Overwrite the instruction at +16 (addi x5, x0, 1) with addi x5, x0, 2 after it was decoded once.
  const uint32_t patched = enc::addi(5, 0, 2);
  program({enc::jal(0, 16), 0, 0, 0, enc::addi(5, 0, 1), enc::lui(1, hi20(patched)),
           enc::addi(1, 1, lo12(patched)), enc::lui(2, hi20(kBase)), enc::sw(1, 2, 16),
           enc::jal(0, -20)});
  iss.run(2);
  EXPECT_EQ(iss.reg(5), 1u);
  iss.run(5);  // lui, addi, lui, sw, jal back
  iss.run(1);
  EXPECT_EQ(iss.reg(5), 2u);
}

TEST_F(IssTest, CountersInhibitAndEvents) {
  program({enc::addi(1, 0, 3), enc::csrrw(0, 0x323, 1),  // mhpmevent3 = 3 (ICACHE_ACCESS: 0 in ISS)
           enc::addi(1, 0, HPM_EV_LOAD), enc::csrrw(0, 0x324, 1),  // mhpmevent4 = LOAD
           enc::lui(2, hi20(kBase)), enc::lw(3, 2, 0), enc::lw(3, 2, 4),
           enc::addi(1, 0, 4), enc::csrrw(0, 0x320, 1),  // inhibit minstret
           enc::nop(), enc::nop(), enc::csrrs(6, 0xb02, 0), enc::csrrs(7, 0xb04, 0),
           enc::addi(1, 0, 100), enc::csrrw(0, 0x323, 1), enc::csrrs(8, 0x323, 0)});
  iss.run(16);
  EXPECT_EQ(iss.reg(7), 2u);   // two loads
  EXPECT_EQ(iss.reg(6), 8u);   // frozen before the 9th instruction, which wrote mcountinhibit
  EXPECT_EQ(iss.reg(8), 0u);   // unknown event numbers read back as 0
  EXPECT_EQ(*iss.read_csr(0xb03), 0u);
  EXPECT_EQ(*iss.read_csr(0xb0b), 0u);  // mhpmcounter11 is not implemented: reads 0
}

TEST_F(IssTest, CsrWriteToMinstretReplacesIncrement) {
  program({enc::addi(1, 0, 100), enc::csrrw(0, 0xb02, 1), enc::csrrs(2, 0xb02, 0)});
  iss.run(3);
  EXPECT_EQ(iss.reg(2), 100u);
}

TEST_F(IssTest, TimerInterruptVectored) {
  const uint32_t vec = kBase + 0x200;
  program({enc::lui(1, hi20(vec | 1)), enc::addi(1, 1, lo12(vec | 1)), enc::csrrw(0, 0x305, 1),
           enc::lui(2, SOC_TIMER_BASE >> 12), enc::addi(3, 0, 50), enc::sw(3, 2, SOC_TIMER_MTIMECMP),
           enc::sw(0, 2, SOC_TIMER_MTIMECMPH), enc::addi(4, 0, 0x80), enc::csrrs(0, 0x304, 4),
           enc::csrrwi(0, 0x300, 8), enc::jal(0, 0)});
  write_word(vec + 4 * 7, enc::addi(9, 0, 42));
  write_word(vec + 4 * 7 + 4, enc::jal(0, 0));
  iss.run(200);
  EXPECT_EQ(iss.reg(9), 42u);
  EXPECT_EQ(*iss.read_csr(0x342), 0x80000007u);
  EXPECT_EQ(*iss.read_csr(0x341), kBase + 40);  // interrupted the jal-to-self loop
  EXPECT_GE(iss.mtime(), 50u);
}

TEST_F(IssTest, InterruptPriorityExternalOverTimer) {
  program({enc::lui(2, SOC_TIMER_BASE >> 12), enc::sw(0, 2, SOC_TIMER_MTIMECMP),
           enc::sw(0, 2, SOC_TIMER_MTIMECMPH), enc::lui(3, SOC_CTRL_BASE >> 12), enc::addi(4, 0, 1),
           enc::sw(4, 3, SOC_CTRL_EXT_IRQ), enc::lui(5, 1), enc::addi(5, 5, -0x780),  // 0x880
           enc::csrrw(0, 0x304, 5), enc::csrrwi(0, 0x300, 8), enc::nop()});
  iss.run(10);
  auto r = iss.step();
  EXPECT_EQ(r.kind, Kind::kInterrupt);
  EXPECT_EQ(r.cause, 0x8000000bu);
  EXPECT_EQ(*iss.read_csr(0x342), 0x8000000bu);
}

TEST_F(IssTest, WfiLetsTimeRunToCompare) {
  program({enc::lui(2, SOC_TIMER_BASE >> 12), enc::lui(3, 1), enc::sw(3, 2, SOC_TIMER_MTIMECMP),
           enc::sw(0, 2, SOC_TIMER_MTIMECMPH), enc::addi(4, 0, 0x80), enc::csrrw(0, 0x304, 4),
           enc::wfi(), enc::nop()});
  iss.run(7);
  EXPECT_GE(iss.mtime(), 0x1000u);
  EXPECT_EQ(iss.instret(), 7u);
  EXPECT_EQ(iss.pc(), kBase + 28);
}

TEST_F(IssTest, CosimHooks) {
  iss.set_auto_interrupts(false);
  program({enc::lui(1, SOC_UART_BASE >> 12), enc::lw(2, 1, SOC_UART_DATA), enc::csrrs(3, 0xb00, 0),
           enc::nop()});
  iss.inject_read_value(0x5a);
  iss.inject_read_value(12345);
  iss.run(3);
  EXPECT_EQ(iss.reg(2), 0x5au);
  EXPECT_EQ(iss.reg(3), 12345u);
  EXPECT_FALSE(iss.take_interrupt(7));  // mstatus.MIE is clear: the hart cannot take it
  iss.set_reg(5, 0x8);
  program({enc::addi(6, 0, 0x80), enc::csrrw(0, 0x304, 6), enc::csrrwi(0, 0x300, 8), enc::nop()});
  iss.set_auto_interrupts(false);
  iss.run(3);
  StepReport rep;
  ASSERT_TRUE(iss.take_interrupt(7, &rep));
  EXPECT_EQ(rep.kind, Kind::kInterrupt);
  EXPECT_EQ(rep.pc_rdata, kBase + 12);
  EXPECT_EQ(*iss.read_csr(0x342), 0x80000007u);
}

TEST_F(IssTest, StepReportsMemoryAccess) {
  program({enc::lui(1, hi20(kBase + 0x100)), enc::addi(1, 1, lo12(kBase + 0x100)),
           enc::addi(2, 0, -1), enc::sb(2, 1, 3)});
  iss.run(3);
  auto r = iss.step();
  EXPECT_EQ(r.mem_addr, kBase + 0x103);
  EXPECT_EQ(r.mem_wmask, 1u);
  EXPECT_EQ(r.mem_wdata, 0xffu);
  EXPECT_EQ(*iss.peek32(kBase + 0x100), 0xff000000u);
}
