// RV32IM + Zicsr + Zifencei decoding into a compact form the interpreter dispatches on, and the
// disassembler that the commit log and co-simulation reports print.
#pragma once

#include <cstdint>
#include <string>

namespace corelab::iss {

// Every operation the interpreter knows. kUndecoded marks a slot not yet decoded (or overwritten).
#define CORELAB_ISS_OPS(X)                                                                       \
  X(Undecoded) X(Illegal) X(Lui) X(Auipc) X(Jal) X(Jalr) X(Beq) X(Bne) X(Blt) X(Bge) X(Bltu)   \
  X(Bgeu) X(Lb) X(Lh) X(Lw) X(Lbu) X(Lhu) X(Sb) X(Sh) X(Sw) X(Addi) X(Slti) X(Sltiu) X(Xori)   \
  X(Ori) X(Andi) X(Slli) X(Srli) X(Srai) X(Add) X(Sub) X(Sll) X(Slt) X(Sltu) X(Xor) X(Srl)     \
  X(Sra) X(Or) X(And) X(Mul) X(Mulh) X(Mulhsu) X(Mulhu) X(Div) X(Divu) X(Rem) X(Remu) X(Fence) \
  X(FenceI) X(Ecall) X(Ebreak) X(Mret) X(Wfi) X(Csrrw) X(Csrrs) X(Csrrc) X(Csrrwi) X(Csrrsi)   \
  X(Csrrci) X(FetchFault)

enum class Op : uint8_t {
#define CORELAB_ISS_OP_ENUM(name) k##name,
  CORELAB_ISS_OPS(CORELAB_ISS_OP_ENUM)
#undef CORELAB_ISS_OP_ENUM
      kCount
};

// Register number used for "rd = x0": writes land in this scratch slot, so x0 stays zero without a
// test on every write.
inline constexpr uint8_t kZeroSink = 32;

struct Decoded {
  Op op = Op::kUndecoded;
  uint8_t rd = kZeroSink;  // kZeroSink when the instruction writes no register or writes x0
  uint8_t rs1 = 0;
  uint8_t rs2 = 0;
  int32_t imm = 0;  // immediate; for CSR instructions the CSR number, with the uimm in rs1
};
static_assert(sizeof(Decoded) == 8);

Decoded decode(uint32_t insn);
// objdump-like text with ABI register names, e.g. "addi    a0, a0, 1"; `pc` makes targets absolute.
std::string disassemble(uint32_t insn, uint32_t pc);
const char* csr_name(uint32_t csr);  // nullptr when unknown
const char* reg_name(unsigned r);

}  // namespace corelab::iss
