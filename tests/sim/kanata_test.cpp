// The Kanata writer (exact text of the format, refusals) and the out-of-order core's pipeline log
// built on it (ids through the fetch queue and the ROB, stage timing, retire and flush).
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "corelab/kanata/writer.hpp"
#include "corelab/rtl/ooo_pipeline_log.hpp"

namespace corelab::test {
namespace {

using kanata::KanataError;
using kanata::LabelKind;
using kanata::Writer;
using rtl::OooPipelineLog;
using rtl::OooTraceCycle;

TEST(KanataWriter, WritesTheFormat) {
  std::ostringstream out;
  Writer w(out);
  w.at_cycle(7);
  const uint64_t a = w.start(43);
  w.label(a, LabelKind::Row, "80000000: addi\ta0, a0, 1");  // a tab would split the field
  w.stage(a, "F");
  w.at_cycle(7);  // the same cycle: nothing to write
  w.at_cycle(9);
  const uint64_t b = w.start(44, 1);
  w.stage(a, "X");
  w.retire(a);
  w.at_cycle(10);
  w.flush(b);
  w.finish();
  EXPECT_EQ(out.str(),
            "Kanata\t0004\n"
            "C=\t7\n"
            "I\t0\t43\t0\n"
            "L\t0\t0\t80000000: addi a0, a0, 1\n"
            "S\t0\t0\tF\n"
            "C\t2\n"
            "I\t1\t44\t1\n"
            "E\t0\t0\tF\n"
            "S\t0\t0\tX\n"
            "E\t0\t0\tX\n"
            "R\t0\t0\t0\n"
            "C\t1\n"
            "R\t1\t1\t1\n");
  EXPECT_EQ(w.retired(), 1u);
  EXPECT_EQ(w.live(), 0u);
}

TEST(KanataWriter, RefusesWhatTheFormatCannotSay) {
  std::ostringstream out;
  Writer w(out);
  EXPECT_THROW(w.start(0), KanataError) << "no cycle yet";
  w.at_cycle(5);
  EXPECT_THROW(w.at_cycle(4), KanataError) << "time runs forward only";
  const uint64_t a = w.start(0);
  w.retire(a);
  EXPECT_THROW(w.stage(a, "F"), KanataError) << "already ended";
  EXPECT_THROW(w.flush(a), KanataError);
  EXPECT_THROW(w.label(99, LabelKind::Detail, "x"), KanataError) << "never started";
}

TEST(KanataWriter, AFailedWriteThrows) {
  std::ostringstream out;
  Writer w(out);
  out.setstate(std::ios::badbit);
  EXPECT_THROW(w.at_cycle(0), KanataError);
}

// The log's lines, without the header.
std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> v;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) v.push_back(l);
  v.erase(v.begin());
  return v;
}

OooTraceCycle at(uint64_t cycle) {
  OooTraceCycle c;
  c.cycle = cycle;
  c.rob_entries = 4;
  return c;
}

// One instruction through every stage: fetch request, a cycle waiting at rename, rename into ROB
// entry 2, issue, completion, commit. States that begin after a clock edge (dispatched, complete)
// show from the next cycle; the instruction ends the cycle after it commits.
TEST(OooPipelineLog, OneInstructionThroughEveryStage) {
  std::ostringstream out;
  Writer w(out);
  OooPipelineLog log(w);
  auto c = at(10);
  c.fetch = true;
  c.fetch_pc = 0x80000000;
  log.cycle(c);
  c = at(11);
  c.rename_wait = true;
  log.cycle(c);
  c = at(12);
  c.rename = true;
  c.rename_rob = 2;
  c.rename_pc = 0x80000000;
  c.rename_insn = 0x00150513;  // addi a0, a0, 1
  log.cycle(c);
  c = at(14);
  c.issue = c.complete = 1u << 2;
  log.cycle(c);
  c = at(17);
  c.retire = 1u << 2;
  c.head = 2;
  log.cycle(c);
  log.finish();
  EXPECT_EQ(lines(out.str()),
            (std::vector<std::string>{"C=\t10", "I\t0\t0\t0", "L\t0\t0\t80000000:", "S\t0\t0\tF", "C\t1",
                                      "E\t0\t0\tF", "S\t0\t0\tD", "C\t1", "L\t0\t0\t addi    a0, a0, 1",
                                      "L\t0\t1\tinsn 00150513, ROB entry 2", "E\t0\t0\tD", "S\t0\t0\tRn", "C\t1",
                                      "E\t0\t0\tRn", "S\t0\t0\tDs", "C\t1", "E\t0\t0\tDs", "S\t0\t0\tIs", "C\t1",
                                      "E\t0\t0\tIs", "S\t0\t0\tCm", "C\t2", "E\t0\t0\tCm", "S\t0\t0\tCmt", "C\t1",
                                      "E\t0\t0\tCmt", "R\t0\t0\t0"}))
      << out.str();
}

// A redirect flushes what the fetch queue holds; a squash flushes ROB entries; commit order starts
// at the head (entry 3, then entry 0); a trap leaves without retiring; finish() flushes the rest.
TEST(OooPipelineLog, FlushesRetiresInOrderAndTraps) {
  std::ostringstream out;
  Writer w(out);
  OooPipelineLog log(w);
  uint64_t cycle = 0;
  auto fetch_and_rename = [&](uint32_t pc, uint32_t rob) {
    auto c = at(++cycle);
    c.fetch = true;
    c.fetch_pc = pc;
    log.cycle(c);
    c = at(++cycle);
    c.rename = true;
    c.rename_rob = rob;
    c.rename_pc = pc;
    c.rename_insn = 0x00000013;
    log.cycle(c);
  };
  fetch_and_rename(0x100, 3);  // id 0
  fetch_and_rename(0x104, 0);  // id 1
  fetch_and_rename(0x108, 1);  // id 2
  auto c = at(++cycle);
  c.fetch = true;  // id 3: stays in the fetch queue
  c.fetch_pc = 0x10c;
  log.cycle(c);
  c = at(++cycle);
  c.complete = (1u << 3) | (1u << 0);
  log.cycle(c);
  c = at(++cycle);
  c.head = 3;
  c.retire = (1u << 0) | (1u << 3);  // both in one cycle: entry 3 is older
  c.squash = 1u << 1;
  c.redirect = true;
  c.fetch = true;  // id 4: the new path's first request
  c.fetch_pc = 0x200;
  log.cycle(c);
  c = at(++cycle);
  c.rename = true;
  c.rename_rob = 1;
  c.rename_pc = 0x200;
  c.rename_insn = 0x00000073;  // ecall
  log.cycle(c);
  c = at(++cycle);
  c.head = 1;
  c.trap = 1u << 1;
  log.cycle(c);
  c = at(++cycle);
  c.fetch = true;  // id 5: in flight at the end
  c.fetch_pc = 0x300;
  log.cycle(c);
  log.finish();
  const std::string text = out.str();
  EXPECT_NE(text.find("R\t0\t0\t0\nE\t1\t0\tCmt\nR\t1\t1\t0\n"), std::string::npos) << text;
  EXPECT_NE(text.find("R\t2\t2\t1"), std::string::npos) << "squashed in the ROB\n" << text;
  EXPECT_NE(text.find("R\t3\t2\t1"), std::string::npos) << "emptied from the fetch queue\n" << text;
  EXPECT_NE(text.find("S\t4\t0\tCmt\n"), std::string::npos) << text;
  EXPECT_NE(text.find("E\t4\t0\tCmt\nR\t4\t2\t1"), std::string::npos) << "trapped\n" << text;
  EXPECT_NE(text.find("R\t5\t2\t1"), std::string::npos) << "in flight at the end\n" << text;
  EXPECT_EQ(w.retired(), 2u);
  EXPECT_EQ(w.live(), 0u);
}

// Two-wide: one request fetches pc and pc + 4 (two rows, in order); both rename in one cycle into
// their ROB entries; a second slot without the first, or a pair without a fetch, is refused.
TEST(OooPipelineLog, FetchesAndRenamesPairs) {
  std::ostringstream out;
  Writer w(out);
  OooPipelineLog log(w);
  auto c = at(1);
  c.fetch = true;
  c.fetch_pair = true;
  c.fetch_pc = 0x400;
  log.cycle(c);
  c = at(2);
  c.rename = true;
  c.rename_rob = 3;
  c.rename_pc = 0x400;
  c.rename_insn = 0x00150513;  // addi a0, a0, 1
  c.rename1 = true;
  c.rename1_rob = 0;  // the ROB wraps
  c.rename1_pc = 0x404;
  c.rename1_insn = 0x00a50533;  // add a0, a0, a0
  log.cycle(c);
  c = at(3);
  c.head = 3;
  c.complete = (1u << 3) | (1u << 0);
  log.cycle(c);
  c = at(4);
  c.head = 3;
  c.retire = (1u << 3) | (1u << 0);
  log.cycle(c);
  log.finish();
  const std::string text = out.str();
  EXPECT_NE(text.find("L\t0\t0\t00000400:"), std::string::npos) << text;
  EXPECT_NE(text.find("L\t1\t0\t00000404:"), std::string::npos) << text;
  EXPECT_NE(text.find("ROB entry 0"), std::string::npos) << text;
  const size_t first = text.find("R\t0\t0\t0\n"), second = text.find("R\t1\t1\t0\n");
  EXPECT_NE(first, std::string::npos) << text;
  EXPECT_NE(second, std::string::npos) << text;
  EXPECT_LT(first, second) << "retired in program order\n" << text;
  EXPECT_EQ(w.retired(), 2u);
  EXPECT_EQ(w.live(), 0u);

  OooPipelineLog log2(w);
  c = at(5);
  c.fetch_pair = true;  // no fetch
  EXPECT_THROW(log2.cycle(c), KanataError);
  OooPipelineLog log3(w);
  c = at(6);
  c.fetch = true;
  c.fetch_pc = 0x500;
  log3.cycle(c);
  c = at(7);
  c.rename1 = true;  // slot 1 without slot 0
  c.rename1_pc = 0x500;
  EXPECT_THROW(log3.cycle(c), KanataError);
}

TEST(OooPipelineLog, RefusesATraceThatContradictsItself) {
  std::ostringstream out;
  Writer w(out);
  OooPipelineLog log(w);
  auto c = at(1);
  c.rename = true;  // nothing was fetched
  EXPECT_THROW(log.cycle(c), KanataError);

  OooPipelineLog log2(w);
  c = at(2);
  c.fetch = true;
  c.fetch_pc = 0x100;
  log2.cycle(c);
  c = at(3);
  c.rename = true;
  c.rename_pc = 0x104;  // not what was fetched
  EXPECT_THROW(log2.cycle(c), KanataError);

  OooPipelineLog log3(w);
  c = at(4);
  c.issue = 1;  // an empty ROB entry
  EXPECT_THROW(log3.cycle(c), KanataError);
}

}  // namespace
}  // namespace corelab::test
