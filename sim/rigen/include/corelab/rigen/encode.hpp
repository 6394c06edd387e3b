// RV32IM + Zicsr + Zifencei instruction encoders (RISC-V unprivileged spec, "Base Instruction
// Formats" and the opcode map), so programs can be written as machine code without an assembler.
// Used by the random instruction-stream generator and by the ISS unit tests.
#pragma once

#include <cstdint>

namespace corelab::rigen::enc {

// ---- the six formats: fields in, instruction word out ----
constexpr uint32_t r(uint32_t f7, uint32_t rs2, uint32_t rs1, uint32_t f3, uint32_t rd,
                     uint32_t op) {
  return (f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op;
}
constexpr uint32_t i(int32_t imm, uint32_t rs1, uint32_t f3, uint32_t rd, uint32_t op) {
  return (static_cast<uint32_t>(imm) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op;
}
constexpr uint32_t s(int32_t imm, uint32_t rs2, uint32_t rs1, uint32_t f3, uint32_t op) {
  const uint32_t u = static_cast<uint32_t>(imm);
  return ((u >> 5 & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((u & 0x1f) << 7) | op;
}
// Conditional branch; `imm` is the byte offset from the branch (even).
constexpr uint32_t b(int32_t imm, uint32_t rs2, uint32_t rs1, uint32_t f3) {
  const uint32_t u = static_cast<uint32_t>(imm);
  return ((u >> 12 & 1) << 31) | ((u >> 5 & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) |
         ((u >> 1 & 0xf) << 8) | ((u >> 11 & 1) << 7) | 0x63;
}
constexpr uint32_t u(uint32_t imm20, uint32_t rd, uint32_t op) {
  return (imm20 << 12) | (rd << 7) | op;
}
constexpr uint32_t jal(uint32_t rd, int32_t imm) {
  const uint32_t v = static_cast<uint32_t>(imm);
  return ((v >> 20 & 1) << 31) | ((v >> 1 & 0x3ff) << 21) | ((v >> 11 & 1) << 20) |
         ((v >> 12 & 0xff) << 12) | (rd << 7) | 0x6f;
}

// ---- major opcodes ----
inline constexpr uint32_t kOpLoad = 0x03, kOpMiscMem = 0x0f, kOpImm = 0x13, kOpAuipc = 0x17,
                          kOpStore = 0x23, kOpReg = 0x33, kOpLui = 0x37, kOpBranch = 0x63,
                          kOpJalr = 0x67, kOpJal = 0x6f, kOpSystem = 0x73;

// funct3 of the branch conditions, loads and stores.
enum BranchCond : uint32_t { kBeq = 0, kBne = 1, kBlt = 4, kBge = 5, kBltu = 6, kBgeu = 7 };
enum LoadKind : uint32_t { kLb = 0, kLh = 1, kLw = 2, kLbu = 4, kLhu = 5 };
enum StoreKind : uint32_t { kSb = 0, kSh = 1, kSw = 2 };

// ---- RV32I ----
constexpr uint32_t lui(uint32_t rd, uint32_t imm20) { return u(imm20 & 0xfffff, rd, kOpLui); }
constexpr uint32_t auipc(uint32_t rd, uint32_t imm20) { return u(imm20 & 0xfffff, rd, kOpAuipc); }
constexpr uint32_t jalr(uint32_t rd, uint32_t rs1, int32_t imm) {
  return i(imm, rs1, 0, rd, kOpJalr);
}
constexpr uint32_t branch(uint32_t cond, uint32_t rs1, uint32_t rs2, int32_t imm) {
  return b(imm, rs2, rs1, cond);
}
constexpr uint32_t beq(uint32_t rs1, uint32_t rs2, int32_t imm) { return b(imm, rs2, rs1, kBeq); }
constexpr uint32_t bne(uint32_t rs1, uint32_t rs2, int32_t imm) { return b(imm, rs2, rs1, kBne); }
constexpr uint32_t load(uint32_t kind, uint32_t rd, uint32_t rs1, int32_t imm) {
  return i(imm, rs1, kind, rd, kOpLoad);
}
constexpr uint32_t store(uint32_t kind, uint32_t rs2, uint32_t rs1, int32_t imm) {
  return s(imm, rs2, rs1, kind, kOpStore);
}
constexpr uint32_t lb(uint32_t rd, uint32_t rs1, int32_t imm) { return load(kLb, rd, rs1, imm); }
constexpr uint32_t lh(uint32_t rd, uint32_t rs1, int32_t imm) { return load(kLh, rd, rs1, imm); }
constexpr uint32_t lw(uint32_t rd, uint32_t rs1, int32_t imm) { return load(kLw, rd, rs1, imm); }
constexpr uint32_t lbu(uint32_t rd, uint32_t rs1, int32_t imm) { return load(kLbu, rd, rs1, imm); }
constexpr uint32_t lhu(uint32_t rd, uint32_t rs1, int32_t imm) { return load(kLhu, rd, rs1, imm); }
constexpr uint32_t sb(uint32_t rs2, uint32_t rs1, int32_t imm) { return store(kSb, rs2, rs1, imm); }
constexpr uint32_t sh(uint32_t rs2, uint32_t rs1, int32_t imm) { return store(kSh, rs2, rs1, imm); }
constexpr uint32_t sw(uint32_t rs2, uint32_t rs1, int32_t imm) { return store(kSw, rs2, rs1, imm); }

constexpr uint32_t addi(uint32_t rd, uint32_t rs1, int32_t imm) {
  return i(imm, rs1, 0, rd, kOpImm);
}
constexpr uint32_t slti(uint32_t rd, uint32_t rs1, int32_t imm) {
  return i(imm, rs1, 2, rd, kOpImm);
}
constexpr uint32_t sltiu(uint32_t rd, uint32_t rs1, int32_t imm) {
  return i(imm, rs1, 3, rd, kOpImm);
}
constexpr uint32_t xori(uint32_t rd, uint32_t rs1, int32_t imm) {
  return i(imm, rs1, 4, rd, kOpImm);
}
constexpr uint32_t ori(uint32_t rd, uint32_t rs1, int32_t imm) {
  return i(imm, rs1, 6, rd, kOpImm);
}
constexpr uint32_t andi(uint32_t rd, uint32_t rs1, int32_t imm) {
  return i(imm, rs1, 7, rd, kOpImm);
}
constexpr uint32_t slli(uint32_t rd, uint32_t rs1, uint32_t sh) {
  return r(0x00, sh, rs1, 1, rd, kOpImm);
}
constexpr uint32_t srli(uint32_t rd, uint32_t rs1, uint32_t sh) {
  return r(0x00, sh, rs1, 5, rd, kOpImm);
}
constexpr uint32_t srai(uint32_t rd, uint32_t rs1, uint32_t sh) {
  return r(0x20, sh, rs1, 5, rd, kOpImm);
}

constexpr uint32_t add(uint32_t rd, uint32_t rs1, uint32_t rs2) {
  return r(0x00, rs2, rs1, 0, rd, kOpReg);
}
constexpr uint32_t sub(uint32_t rd, uint32_t rs1, uint32_t rs2) {
  return r(0x20, rs2, rs1, 0, rd, kOpReg);
}
constexpr uint32_t sll(uint32_t rd, uint32_t rs1, uint32_t rs2) {
  return r(0x00, rs2, rs1, 1, rd, kOpReg);
}
constexpr uint32_t slt(uint32_t rd, uint32_t rs1, uint32_t rs2) {
  return r(0x00, rs2, rs1, 2, rd, kOpReg);
}
constexpr uint32_t sltu(uint32_t rd, uint32_t rs1, uint32_t rs2) {
  return r(0x00, rs2, rs1, 3, rd, kOpReg);
}
constexpr uint32_t xor_(uint32_t rd, uint32_t rs1, uint32_t rs2) {
  return r(0x00, rs2, rs1, 4, rd, kOpReg);
}
constexpr uint32_t srl(uint32_t rd, uint32_t rs1, uint32_t rs2) {
  return r(0x00, rs2, rs1, 5, rd, kOpReg);
}
constexpr uint32_t sra(uint32_t rd, uint32_t rs1, uint32_t rs2) {
  return r(0x20, rs2, rs1, 5, rd, kOpReg);
}
constexpr uint32_t or_(uint32_t rd, uint32_t rs1, uint32_t rs2) {
  return r(0x00, rs2, rs1, 6, rd, kOpReg);
}
constexpr uint32_t and_(uint32_t rd, uint32_t rs1, uint32_t rs2) {
  return r(0x00, rs2, rs1, 7, rd, kOpReg);
}

// fence with the predecessor/successor sets as 4-bit IORW masks; fence.i (Zifencei).
constexpr uint32_t fence(uint32_t pred, uint32_t succ) {
  return ((pred & 0xf) << 24) | ((succ & 0xf) << 20) | kOpMiscMem;
}
constexpr uint32_t fence_i() { return (1u << 12) | kOpMiscMem; }
constexpr uint32_t nop() { return addi(0, 0, 0); }

// ---- M extension ----
constexpr uint32_t mul(uint32_t rd, uint32_t rs1, uint32_t rs2) {
  return r(1, rs2, rs1, 0, rd, kOpReg);
}
constexpr uint32_t mulh(uint32_t rd, uint32_t rs1, uint32_t rs2) {
  return r(1, rs2, rs1, 1, rd, kOpReg);
}
constexpr uint32_t mulhsu(uint32_t rd, uint32_t rs1, uint32_t rs2) {
  return r(1, rs2, rs1, 2, rd, kOpReg);
}
constexpr uint32_t mulhu(uint32_t rd, uint32_t rs1, uint32_t rs2) {
  return r(1, rs2, rs1, 3, rd, kOpReg);
}
constexpr uint32_t div(uint32_t rd, uint32_t rs1, uint32_t rs2) {
  return r(1, rs2, rs1, 4, rd, kOpReg);
}
constexpr uint32_t divu(uint32_t rd, uint32_t rs1, uint32_t rs2) {
  return r(1, rs2, rs1, 5, rd, kOpReg);
}
constexpr uint32_t rem(uint32_t rd, uint32_t rs1, uint32_t rs2) {
  return r(1, rs2, rs1, 6, rd, kOpReg);
}
constexpr uint32_t remu(uint32_t rd, uint32_t rs1, uint32_t rs2) {
  return r(1, rs2, rs1, 7, rd, kOpReg);
}

// ---- Zicsr and the privileged instructions ----
constexpr uint32_t csr_op(uint32_t f3, uint32_t rd, uint32_t csr, uint32_t rs1_or_uimm) {
  return i(static_cast<int32_t>(csr), rs1_or_uimm, f3, rd, kOpSystem);
}
constexpr uint32_t csrrw(uint32_t rd, uint32_t csr, uint32_t rs1) {
  return csr_op(1, rd, csr, rs1);
}
constexpr uint32_t csrrs(uint32_t rd, uint32_t csr, uint32_t rs1) {
  return csr_op(2, rd, csr, rs1);
}
constexpr uint32_t csrrc(uint32_t rd, uint32_t csr, uint32_t rs1) {
  return csr_op(3, rd, csr, rs1);
}
constexpr uint32_t csrrwi(uint32_t rd, uint32_t csr, uint32_t uimm) {
  return csr_op(5, rd, csr, uimm);
}
constexpr uint32_t csrrsi(uint32_t rd, uint32_t csr, uint32_t uimm) {
  return csr_op(6, rd, csr, uimm);
}
constexpr uint32_t csrrci(uint32_t rd, uint32_t csr, uint32_t uimm) {
  return csr_op(7, rd, csr, uimm);
}
constexpr uint32_t ecall() { return 0x00000073u; }
constexpr uint32_t ebreak() { return 0x00100073u; }
constexpr uint32_t mret() { return 0x30200073u; }
constexpr uint32_t wfi() { return 0x10500073u; }

}  // namespace corelab::rigen::enc
