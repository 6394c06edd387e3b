// Instruction encoders for unit tests: just enough to write small programs straight into the ISS's
// RAM (RISC-V unprivileged spec, "Base Instruction Formats").
#pragma once

#include <cstdint>

namespace enc {

constexpr uint32_t r(uint32_t f7, uint32_t rs2, uint32_t rs1, uint32_t f3, uint32_t rd, uint32_t op) {
  return (f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op;
}
constexpr uint32_t i(int32_t imm, uint32_t rs1, uint32_t f3, uint32_t rd, uint32_t op) {
  return (static_cast<uint32_t>(imm) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op;
}
constexpr uint32_t s(int32_t imm, uint32_t rs2, uint32_t rs1, uint32_t f3, uint32_t op) {
  const uint32_t u = static_cast<uint32_t>(imm);
  return ((u >> 5 & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((u & 0x1f) << 7) | op;
}
constexpr uint32_t b(int32_t imm, uint32_t rs2, uint32_t rs1, uint32_t f3) {
  const uint32_t u = static_cast<uint32_t>(imm);
  return ((u >> 12 & 1) << 31) | ((u >> 5 & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) |
         ((u >> 1 & 0xf) << 8) | ((u >> 11 & 1) << 7) | 0x63;
}
constexpr uint32_t jal(uint32_t rd, int32_t imm) {
  const uint32_t u = static_cast<uint32_t>(imm);
  return ((u >> 20 & 1) << 31) | ((u >> 1 & 0x3ff) << 21) | ((u >> 11 & 1) << 20) |
         ((u >> 12 & 0xff) << 12) | (rd << 7) | 0x6f;
}
constexpr uint32_t lui(uint32_t rd, uint32_t imm20) { return (imm20 << 12) | (rd << 7) | 0x37; }
constexpr uint32_t addi(uint32_t rd, uint32_t rs1, int32_t imm) { return i(imm, rs1, 0, rd, 0x13); }
constexpr uint32_t add(uint32_t rd, uint32_t rs1, uint32_t rs2) { return r(0, rs2, rs1, 0, rd, 0x33); }
constexpr uint32_t div(uint32_t rd, uint32_t rs1, uint32_t rs2) { return r(1, rs2, rs1, 4, rd, 0x33); }
constexpr uint32_t rem(uint32_t rd, uint32_t rs1, uint32_t rs2) { return r(1, rs2, rs1, 6, rd, 0x33); }
constexpr uint32_t mulhsu(uint32_t rd, uint32_t rs1, uint32_t rs2) { return r(1, rs2, rs1, 2, rd, 0x33); }
constexpr uint32_t lw(uint32_t rd, uint32_t rs1, int32_t imm) { return i(imm, rs1, 2, rd, 0x03); }
constexpr uint32_t lb(uint32_t rd, uint32_t rs1, int32_t imm) { return i(imm, rs1, 0, rd, 0x03); }
constexpr uint32_t sw(uint32_t rs2, uint32_t rs1, int32_t imm) { return s(imm, rs2, rs1, 2, 0x23); }
constexpr uint32_t sb(uint32_t rs2, uint32_t rs1, int32_t imm) { return s(imm, rs2, rs1, 0, 0x23); }
constexpr uint32_t jalr(uint32_t rd, uint32_t rs1, int32_t imm) { return i(imm, rs1, 0, rd, 0x67); }
constexpr uint32_t csrrw(uint32_t rd, uint32_t csr, uint32_t rs1) { return i(static_cast<int32_t>(csr), rs1, 1, rd, 0x73); }
constexpr uint32_t csrrs(uint32_t rd, uint32_t csr, uint32_t rs1) { return i(static_cast<int32_t>(csr), rs1, 2, rd, 0x73); }
constexpr uint32_t csrrwi(uint32_t rd, uint32_t csr, uint32_t uimm) { return i(static_cast<int32_t>(csr), uimm, 5, rd, 0x73); }
constexpr uint32_t ecall() { return 0x00000073u; }
constexpr uint32_t ebreak() { return 0x00100073u; }
constexpr uint32_t mret() { return 0x30200073u; }
constexpr uint32_t wfi() { return 0x10500073u; }
constexpr uint32_t nop() { return addi(0, 0, 0); }

}  // namespace enc
