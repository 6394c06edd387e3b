// Instruction decoding (RISC-V unprivileged spec, chapter "RV32I Base Integer Instruction Set", the M
// extension, Zicsr, Zifencei and the privileged spec's mret/wfi) and disassembly.
#include "corelab/iss/decode.hpp"

#include <fmt/format.h>

namespace corelab::iss {
namespace {

constexpr uint32_t bits(uint32_t v, int hi, int lo) { return (v >> lo) & ((1u << (hi - lo + 1)) - 1); }
constexpr int32_t sext(uint32_t v, int width) {
  return static_cast<int32_t>(v << (32 - width)) >> (32 - width);
}
int32_t imm_i(uint32_t i) { return static_cast<int32_t>(i) >> 20; }
int32_t imm_s(uint32_t i) { return sext((bits(i, 31, 25) << 5) | bits(i, 11, 7), 12); }
int32_t imm_b(uint32_t i) {
  return sext((bits(i, 31, 31) << 12) | (bits(i, 7, 7) << 11) | (bits(i, 30, 25) << 5) |
                  (bits(i, 11, 8) << 1),
              13);
}
int32_t imm_u(uint32_t i) { return static_cast<int32_t>(i & 0xfffff000u); }
int32_t imm_j(uint32_t i) {
  return sext((bits(i, 31, 31) << 20) | (bits(i, 19, 12) << 12) | (bits(i, 20, 20) << 11) |
                  (bits(i, 30, 21) << 1),
              21);
}

struct CsrName {
  uint32_t num;
  const char* name;
};
// Names of the CSRs we implement or that programs commonly touch (privileged spec tables 2.2-2.5).
constexpr CsrName kCsrNames[] = {
    {0x300, "mstatus"},   {0x301, "misa"},       {0x304, "mie"},        {0x305, "mtvec"},
    {0x310, "mstatush"},  {0x320, "mcountinhibit"}, {0x340, "mscratch"}, {0x341, "mepc"},
    {0x342, "mcause"},    {0x343, "mtval"},      {0x344, "mip"},        {0xb00, "mcycle"},
    {0xb02, "minstret"},  {0xb80, "mcycleh"},    {0xb82, "minstreth"},  {0xc00, "cycle"},
    {0xc01, "time"},      {0xc02, "instret"},    {0xc80, "cycleh"},     {0xc81, "timeh"},
    {0xc82, "instreth"},  {0xf11, "mvendorid"},  {0xf12, "marchid"},    {0xf13, "mimpid"},
    {0xf14, "mhartid"},   {0xf15, "mconfigptr"},
};

}  // namespace

const char* reg_name(unsigned r) {
  static constexpr const char* kNames[32] = {"zero", "ra", "sp", "gp", "tp",  "t0",  "t1", "t2",
                                             "s0",   "s1", "a0", "a1", "a2",  "a3",  "a4", "a5",
                                             "a6",   "a7", "s2", "s3", "s4",  "s5",  "s6", "s7",
                                             "s8",   "s9", "s10", "s11", "t3", "t4", "t5", "t6"};
  return r < 32 ? kNames[r] : "?";
}

const char* csr_name(uint32_t csr) {
  for (const auto& c : kCsrNames)
    if (c.num == csr) return c.name;
  // The numbered counter families.
  static thread_local std::string buf;
  auto family = [&](uint32_t base, const char* prefix) -> const char* {
    if (csr >= base + 3 && csr <= base + 31) {
      buf = fmt::format("{}{}", prefix, csr - base);
      return buf.c_str();
    }
    return nullptr;
  };
  if (auto n = family(0xb00, "mhpmcounter")) return n;
  if (csr >= 0xb83 && csr <= 0xb9f) return (buf = fmt::format("mhpmcounter{}h", csr - 0xb80)).c_str();
  if (auto n = family(0x320, "mhpmevent")) return n;
  if (auto n = family(0xc00, "hpmcounter")) return n;
  if (csr >= 0xc83 && csr <= 0xc9f) return (buf = fmt::format("hpmcounter{}h", csr - 0xc80)).c_str();
  return nullptr;
}

Decoded decode(uint32_t i) {
  Decoded d;
  d.op = Op::kIllegal;
  const uint32_t opcode = bits(i, 6, 0), f3 = bits(i, 14, 12), f7 = bits(i, 31, 25);
  const uint8_t rd = static_cast<uint8_t>(bits(i, 11, 7));
  d.rs1 = static_cast<uint8_t>(bits(i, 19, 15));
  d.rs2 = static_cast<uint8_t>(bits(i, 24, 20));
  auto set = [&](Op op, bool writes_rd, int32_t imm) {
    d.op = op;
    d.rd = (writes_rd && rd != 0) ? rd : kZeroSink;
    d.imm = imm;
  };
  switch (opcode) {
    case 0x37: set(Op::kLui, true, imm_u(i)); break;
    case 0x17: set(Op::kAuipc, true, imm_u(i)); break;
    case 0x6f: set(Op::kJal, true, imm_j(i)); break;
    case 0x67:
      if (f3 == 0) set(Op::kJalr, true, imm_i(i));
      break;
    case 0x63: {
      static constexpr Op kBr[8] = {Op::kBeq, Op::kBne, Op::kIllegal, Op::kIllegal,
                                    Op::kBlt, Op::kBge, Op::kBltu,    Op::kBgeu};
      if (kBr[f3] != Op::kIllegal) set(kBr[f3], false, imm_b(i));
      break;
    }
    case 0x03: {
      static constexpr Op kLd[8] = {Op::kLb,  Op::kLh,  Op::kLw,      Op::kIllegal,
                                    Op::kLbu, Op::kLhu, Op::kIllegal, Op::kIllegal};
      if (kLd[f3] != Op::kIllegal) set(kLd[f3], true, imm_i(i));
      break;
    }
    case 0x23: {
      static constexpr Op kSt[4] = {Op::kSb, Op::kSh, Op::kSw, Op::kIllegal};
      if (f3 < 3) set(kSt[f3], false, imm_s(i));
      break;
    }
    case 0x13: {
      static constexpr Op kAluI[8] = {Op::kAddi, Op::kSlli, Op::kSlti, Op::kSltiu,
                                      Op::kXori, Op::kSrli, Op::kOri,  Op::kAndi};
      Op op = kAluI[f3];
      if (f3 == 1) {
        if (f7 != 0) break;
      } else if (f3 == 5) {
        if (f7 == 0x20) op = Op::kSrai;
        else if (f7 != 0) break;
      }
      set(op, true, (f3 == 1 || f3 == 5) ? static_cast<int32_t>(bits(i, 24, 20)) : imm_i(i));
      break;
    }
    case 0x33: {
      static constexpr Op kAlu[8] = {Op::kAdd, Op::kSll, Op::kSlt, Op::kSltu,
                                     Op::kXor, Op::kSrl, Op::kOr,  Op::kAnd};
      static constexpr Op kMd[8] = {Op::kMul, Op::kMulh, Op::kMulhsu, Op::kMulhu,
                                    Op::kDiv, Op::kDivu, Op::kRem,    Op::kRemu};
      if (f7 == 0) set(kAlu[f3], true, 0);
      else if (f7 == 1) set(kMd[f3], true, 0);
      else if (f7 == 0x20 && f3 == 0) set(Op::kSub, true, 0);
      else if (f7 == 0x20 && f3 == 5) set(Op::kSra, true, 0);
      break;
    }
    case 0x0f:
      // fence ignores its fm/pred/succ fields and rs1/rd (reserved for future use); fence.i too.
      if (f3 == 0) set(Op::kFence, false, 0);
      else if (f3 == 1) set(Op::kFenceI, false, 0);
      break;
    case 0x73:
      if (f3 == 0) {
        if (i == 0x00000073u) set(Op::kEcall, false, 0);
        else if (i == 0x00100073u) set(Op::kEbreak, false, 0);
        else if (i == 0x30200073u) set(Op::kMret, false, 0);
        else if (i == 0x10500073u) set(Op::kWfi, false, 0);
      } else if (f3 != 4) {
        static constexpr Op kCsr[8] = {Op::kIllegal, Op::kCsrrw,  Op::kCsrrs,  Op::kCsrrc,
                                       Op::kIllegal, Op::kCsrrwi, Op::kCsrrsi, Op::kCsrrci};
        set(kCsr[f3], true, static_cast<int32_t>(bits(i, 31, 20)));
      }
      break;
    default: break;
  }
  if (d.op == Op::kIllegal) d.rd = kZeroSink;
  return d;
}

std::string disassemble(uint32_t insn, uint32_t pc) {
  const Decoded d = decode(insn);
  const unsigned rd = bits(insn, 11, 7);
  const char* rdn = reg_name(rd);
  const char* r1 = reg_name(d.rs1);
  const char* r2 = reg_name(d.rs2);
  auto mn = [](const char* m) { return fmt::format("{:<8}", m); };
  auto csr = [&]() -> std::string {
    const char* n = csr_name(static_cast<uint32_t>(d.imm));
    return n ? std::string(n) : fmt::format("0x{:03x}", d.imm);
  };
  switch (d.op) {
    case Op::kLui: return fmt::format("{}{}, 0x{:x}", mn("lui"), rdn, static_cast<uint32_t>(d.imm) >> 12);
    case Op::kAuipc:
      return fmt::format("{}{}, 0x{:x}", mn("auipc"), rdn, static_cast<uint32_t>(d.imm) >> 12);
    case Op::kJal: return fmt::format("{}{}, 0x{:08x}", mn("jal"), rdn, pc + static_cast<uint32_t>(d.imm));
    case Op::kJalr: return fmt::format("{}{}, {}({})", mn("jalr"), rdn, d.imm, r1);
#define BR(o, m) \
  case Op::o: return fmt::format("{}{}, {}, 0x{:08x}", mn(m), r1, r2, pc + static_cast<uint32_t>(d.imm));
      BR(kBeq, "beq") BR(kBne, "bne") BR(kBlt, "blt") BR(kBge, "bge") BR(kBltu, "bltu") BR(kBgeu, "bgeu")
#undef BR
#define LD(o, m) case Op::o: return fmt::format("{}{}, {}({})", mn(m), rdn, d.imm, r1);
      LD(kLb, "lb") LD(kLh, "lh") LD(kLw, "lw") LD(kLbu, "lbu") LD(kLhu, "lhu")
#undef LD
#define ST(o, m) case Op::o: return fmt::format("{}{}, {}({})", mn(m), r2, d.imm, r1);
      ST(kSb, "sb") ST(kSh, "sh") ST(kSw, "sw")
#undef ST
#define RI(o, m) case Op::o: return fmt::format("{}{}, {}, {}", mn(m), rdn, r1, d.imm);
      RI(kAddi, "addi") RI(kSlti, "slti") RI(kSltiu, "sltiu") RI(kXori, "xori") RI(kOri, "ori")
      RI(kAndi, "andi") RI(kSlli, "slli") RI(kSrli, "srli") RI(kSrai, "srai")
#undef RI
#define RR(o, m) case Op::o: return fmt::format("{}{}, {}, {}", mn(m), rdn, r1, r2);
      RR(kAdd, "add") RR(kSub, "sub") RR(kSll, "sll") RR(kSlt, "slt") RR(kSltu, "sltu")
      RR(kXor, "xor") RR(kSrl, "srl") RR(kSra, "sra") RR(kOr, "or") RR(kAnd, "and")
      RR(kMul, "mul") RR(kMulh, "mulh") RR(kMulhsu, "mulhsu") RR(kMulhu, "mulhu") RR(kDiv, "div")
      RR(kDivu, "divu") RR(kRem, "rem") RR(kRemu, "remu")
#undef RR
    case Op::kFence: return "fence";
    case Op::kFenceI: return "fence.i";
    case Op::kEcall: return "ecall";
    case Op::kEbreak: return "ebreak";
    case Op::kMret: return "mret";
    case Op::kWfi: return "wfi";
    case Op::kCsrrw: return fmt::format("{}{}, {}, {}", mn("csrrw"), rdn, csr(), r1);
    case Op::kCsrrs: return fmt::format("{}{}, {}, {}", mn("csrrs"), rdn, csr(), r1);
    case Op::kCsrrc: return fmt::format("{}{}, {}, {}", mn("csrrc"), rdn, csr(), r1);
    case Op::kCsrrwi: return fmt::format("{}{}, {}, {}", mn("csrrwi"), rdn, csr(), d.rs1);
    case Op::kCsrrsi: return fmt::format("{}{}, {}, {}", mn("csrrsi"), rdn, csr(), d.rs1);
    case Op::kCsrrci: return fmt::format("{}{}, {}, {}", mn("csrrci"), rdn, csr(), d.rs1);
    default: return fmt::format("{}0x{:08x}", mn(".word"), insn);
  }
}

}  // namespace corelab::iss
