// Decoder and disassembler: encodings built from the spec's formats decode to the right operation,
// registers and immediates; reserved encodings are illegal.
#include <gtest/gtest.h>

#include "corelab/iss/decode.hpp"
#include "encode.hpp"

using corelab::iss::decode;
using corelab::iss::disassemble;
using corelab::iss::kZeroSink;
using corelab::iss::Op;

TEST(Decode, ImmediatesAreSignExtended) {
  EXPECT_EQ(decode(enc::addi(5, 6, -1)).imm, -1);
  EXPECT_EQ(decode(enc::addi(5, 6, 2047)).imm, 2047);
  EXPECT_EQ(decode(enc::addi(5, 6, -2048)).imm, -2048);
  EXPECT_EQ(decode(enc::sw(7, 2, -4)).imm, -4);
  EXPECT_EQ(decode(enc::b(-4096, 1, 2, 0)).imm, -4096);
  EXPECT_EQ(decode(enc::b(4094, 1, 2, 0)).imm, 4094);
  EXPECT_EQ(decode(enc::jal(1, -1048576)).imm, -1048576);
  EXPECT_EQ(decode(enc::jal(1, 1048574)).imm, 1048574);
  EXPECT_EQ(static_cast<uint32_t>(decode(enc::lui(3, 0xfffff)).imm), 0xfffff000u);
}

TEST(Decode, RegistersAndZeroSink) {
  auto d = decode(enc::add(10, 11, 12));
  EXPECT_EQ(d.op, Op::kAdd);
  EXPECT_EQ(d.rd, 10);
  EXPECT_EQ(d.rs1, 11);
  EXPECT_EQ(d.rs2, 12);
  EXPECT_EQ(decode(enc::add(0, 11, 12)).rd, kZeroSink);  // writes to x0 go to the sink
  EXPECT_EQ(decode(enc::sw(1, 2, 0)).rd, kZeroSink);     // stores write no register
}

TEST(Decode, IllegalEncodings) {
  EXPECT_EQ(decode(0x00000000u).op, Op::kIllegal);
  EXPECT_EQ(decode(0xffffffffu).op, Op::kIllegal);
  EXPECT_EQ(decode(enc::r(0x20, 1, 2, 1, 3, 0x33)).op, Op::kIllegal);  // "sub" with funct3 = sll
  EXPECT_EQ(decode(enc::i(0x20 << 5 | 1, 1, 1, 3, 0x13)).op, Op::kIllegal);  // slli with imm[5]
  EXPECT_EQ(decode(enc::i(0, 1, 3, 2, 0x03)).op, Op::kIllegal);  // ld is RV64 only
  EXPECT_EQ(decode(enc::i(0, 1, 4, 2, 0x73)).op, Op::kIllegal);  // funct3 4 of SYSTEM
  EXPECT_EQ(decode(0x00200073u).op, Op::kIllegal);  // uret does not exist here
}

TEST(Decode, SystemInstructions) {
  EXPECT_EQ(decode(enc::ecall()).op, Op::kEcall);
  EXPECT_EQ(decode(enc::ebreak()).op, Op::kEbreak);
  EXPECT_EQ(decode(enc::mret()).op, Op::kMret);
  EXPECT_EQ(decode(enc::wfi()).op, Op::kWfi);
  auto d = decode(enc::csrrwi(5, 0x340, 17));
  EXPECT_EQ(d.op, Op::kCsrrwi);
  EXPECT_EQ(d.imm, 0x340);
  EXPECT_EQ(d.rs1, 17);
}

TEST(Disassemble, ReadableText) {
  EXPECT_EQ(disassemble(enc::addi(10, 10, 1), 0), "addi    a0, a0, 1");
  EXPECT_EQ(disassemble(enc::lw(5, 2, -8), 0), "lw      t0, -8(sp)");
  EXPECT_EQ(disassemble(enc::b(16, 11, 10, 0), 0x80000000u), "beq     a0, a1, 0x80000010");
  EXPECT_EQ(disassemble(enc::csrrs(5, 0xb03, 0), 0), "csrrs   t0, mhpmcounter3, zero");
  EXPECT_EQ(disassemble(enc::csrrw(0, 0x305, 6), 0), "csrrw   zero, mtvec, t1");
  EXPECT_EQ(disassemble(0, 0), ".word   0x00000000");
}
