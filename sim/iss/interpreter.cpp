// The instruction bodies. execute<false> is the fast loop of run(); execute<true> runs exactly one
// step and fills a StepReport. Bodies that may change what the run loop must check between
// instructions (CSRs, MMIO, traps, mret, wfi, the exit convention) end the loop after themselves,
// so interrupts are always taken at the right instruction boundary.
#include <cstring>
#include <type_traits>

#include "corelab/iss/iss.hpp"
#include "hpm_events.h"

namespace corelab::iss {

template <bool kReport>
uint64_t Iss::execute(uint64_t budget, StepReport* rep) {
  static const void* const kLabels[] = {
#define CORELAB_ISS_OP_LABEL(name) &&L_##name,
      CORELAB_ISS_OPS(CORELAB_ISS_OP_LABEL)
#undef CORELAB_ISS_OP_LABEL
  };
  uint32_t* const x = x_.data();
  uint8_t* const mem = ram_.data();
  Decoded* const code = code_.data();
  const uint32_t base = cfg_.ram_base, size = cfg_.ram_size;
  const uint32_t sentinel = size >> 2;
  const uint64_t steps_at_start = steps_;
  uint64_t left = budget;
  uint32_t pc = pc_;
  const Decoded* d;

  auto insn_at = [&](uint32_t at) {
    uint32_t v;
    std::memcpy(&v, mem + (at - base), 4);
    return v;
  };

#define FETCH()                                                  \
  do {                                                           \
    const uint32_t off_ = pc - base;                             \
    d = &code[off_ < size ? (off_ >> 2) : sentinel];             \
    if constexpr (kReport) {                                     \
      rep->pc_rdata = pc;                                        \
      rep->insn = off_ < size ? insn_at(pc) : 0;                 \
    }                                                            \
    goto* kLabels[static_cast<unsigned>(d->op)];                 \
  } while (0)
  // Retire the instruction and go on (or stop when the budget is used up).
#define NEXT()                                      \
  do {                                              \
    ++steps_;                                       \
    if (kReport || --left == 0) goto done;          \
    FETCH();                                        \
  } while (0)
  // Retire and return to the run loop, which re-checks interrupts and the exit condition.
#define NEXT_LEAVE() \
  do {               \
    ++steps_;        \
    goto done;       \
  } while (0)
  // Raise an exception: the instruction does not retire but costs a cycle.
#define TRAP(cause_arg, tval_arg)                                \
  do {                                                           \
    const uint32_t cause_ = (cause_arg), tval_ = (tval_arg);     \
    pc_ = pc;                                                    \
    enter_trap(cause_, tval_, pc);                               \
    if constexpr (kReport) {                                     \
      rep->kind = StepReport::Kind::kException;                  \
      rep->cause = cause_;                                       \
      rep->tval = tval_;                                         \
      rep->rd_addr = 0;                                          \
      rep->mem_rmask = rep->mem_wmask = 0;                       \
    }                                                            \
    pc = pc_;                                                    \
    ++exceptions_;                                               \
    ++events_[HPM_EV_TRAP];                                      \
    NEXT_LEAVE();                                                \
  } while (0)
#define WRITE_RD(value)                                    \
  do {                                                     \
    const uint32_t v_ = (value);                           \
    x[d->rd] = v_;                                         \
    if constexpr (kReport) {                               \
      if (d->rd != kZeroSink) {                            \
        rep->rd_addr = d->rd;                              \
        rep->rd_wdata = v_;                                \
      }                                                    \
    }                                                      \
  } while (0)
#define RS1 x[d->rs1]
#define RS2 x[d->rs2]
#define IMM static_cast<uint32_t>(d->imm)
#define ALU(name, expr) \
  L_##name : {          \
    WRITE_RD(expr);     \
    pc += 4;            \
    NEXT();             \
  }
#define BRANCH(name, cond)                                   \
  L_##name : {                                               \
    if (cond) {                                              \
      if (d->imm & 2) TRAP(0u, pc + IMM);                    \
      pc += IMM;                                             \
    } else {                                                 \
      pc += 4;                                               \
    }                                                        \
    ++events_[HPM_EV_BRANCH];                                \
    NEXT();                                                  \
  }
  // Loads: RAM fast path, everything else (MMIO, faults, misalignment) out of line.
#define LOAD(name, bytes, type)                                                           \
  L_##name : {                                                                            \
    const uint32_t a = RS1 + IMM;                                                         \
    const uint32_t off = a - base;                                                        \
    ++events_[HPM_EV_LOAD];                                                               \
    if (off <= size - (bytes) && !(a & ((bytes)-1))) {                                    \
      type v;                                                                             \
      std::memcpy(&v, mem + off, bytes);                                                  \
      if constexpr (kReport) {                                                            \
        rep->mem_addr = a;                                                                \
        rep->mem_rmask = (1u << (bytes)) - 1;                                             \
        rep->mem_rdata = static_cast<std::make_unsigned_t<type>>(v);                      \
      }                                                                                   \
      WRITE_RD(static_cast<uint32_t>(static_cast<int32_t>(v)));                           \
      pc += 4;                                                                            \
      NEXT();                                                                             \
    }                                                                                     \
    --events_[HPM_EV_LOAD];                                                               \
    if (a & ((bytes)-1)) TRAP(4u, a);                                                     \
    uint32_t w;                                                                           \
    if (!load_slow(a, bytes, w)) TRAP(5u, a);                                             \
    ++events_[HPM_EV_LOAD];                                                               \
    if constexpr (kReport) {                                                              \
      rep->mem_addr = a;                                                                  \
      rep->mem_rmask = (1u << (bytes)) - 1;                                               \
      rep->mem_rdata = w;                                                                 \
    }                                                                                     \
    WRITE_RD(static_cast<uint32_t>(static_cast<int32_t>(static_cast<type>(w))));          \
    pc += 4;                                                                              \
    NEXT_LEAVE();                                                                         \
  }
#define STORE(name, bytes, type)                                                          \
  L_##name : {                                                                            \
    const uint32_t a = RS1 + IMM;                                                         \
    const uint32_t off = a - base;                                                        \
    const type v = static_cast<type>(RS2);                                                \
    if constexpr (kReport) {                                                              \
      rep->mem_addr = a;                                                                  \
      rep->mem_wmask = (1u << (bytes)) - 1;                                               \
      rep->mem_wdata = static_cast<uint32_t>(v);                                          \
    }                                                                                     \
    if (off <= size - (bytes) && !(a & ((bytes)-1))) {                                    \
      ++events_[HPM_EV_STORE];                                                            \
      std::memcpy(mem + off, &v, bytes);                                                  \
      invalidate(off);                                                                    \
      pc += 4;                                                                            \
      if ((bytes) == 4 && (off >> 2) == tohost_word_ && (v & 1u)) {                       \
        check_tohost(static_cast<uint32_t>(v));                                           \
        NEXT_LEAVE();                                                                     \
      }                                                                                   \
      NEXT();                                                                             \
    }                                                                                     \
    if constexpr (kReport) rep->mem_wmask = 0;                                            \
    if (a & ((bytes)-1)) TRAP(6u, a);                                                     \
    if (!store_slow(a, bytes, static_cast<uint32_t>(v))) TRAP(7u, a);                     \
    if constexpr (kReport) rep->mem_wmask = (1u << (bytes)) - 1;                          \
    ++events_[HPM_EV_STORE];                                                              \
    pc += 4;                                                                              \
    NEXT_LEAVE();                                                                         \
  }
#define CSR(name, operand, writes)                                                        \
  L_##name : {                                                                            \
    uint32_t old;                                                                         \
    if (!csr_op(IMM, d->op, (operand), (writes), old, kReport ? rep : nullptr))           \
      TRAP(2u, insn_at(pc));                                                              \
    WRITE_RD(old);                                                                        \
    pc += 4;                                                                              \
    NEXT_LEAVE();                                                                         \
  }

  FETCH();

L_Undecoded : {
  Decoded& slot = code[(pc - base) >> 2];
  slot = decode(insn_at(pc));
  d = &slot;
  goto* kLabels[static_cast<unsigned>(d->op)];
}
L_Illegal:
  TRAP(2u, insn_at(pc));
L_FetchFault:
  TRAP(1u, pc);

  ALU(Lui, IMM)
  ALU(Auipc, pc + IMM)
L_Jal : {
  if (d->imm & 2) TRAP(0u, pc + IMM);
  ++events_[HPM_EV_JUMP];
  WRITE_RD(pc + 4);
  pc += IMM;
  NEXT();
}
L_Jalr : {
  const uint32_t target = (RS1 + IMM) & ~1u;
  if (target & 2) TRAP(0u, target);
  ++events_[HPM_EV_JUMP];
  WRITE_RD(pc + 4);
  pc = target;
  NEXT();
}
  BRANCH(Beq, RS1 == RS2)
  BRANCH(Bne, RS1 != RS2)
  BRANCH(Blt, static_cast<int32_t>(RS1) < static_cast<int32_t>(RS2))
  BRANCH(Bge, static_cast<int32_t>(RS1) >= static_cast<int32_t>(RS2))
  BRANCH(Bltu, RS1 < RS2)
  BRANCH(Bgeu, RS1 >= RS2)
  LOAD(Lb, 1, int8_t)
  LOAD(Lh, 2, int16_t)
  LOAD(Lw, 4, int32_t)
  LOAD(Lbu, 1, uint8_t)
  LOAD(Lhu, 2, uint16_t)
  STORE(Sb, 1, uint8_t)
  STORE(Sh, 2, uint16_t)
  STORE(Sw, 4, uint32_t)
  ALU(Addi, RS1 + IMM)
  ALU(Slti, static_cast<int32_t>(RS1) < d->imm ? 1u : 0u)
  ALU(Sltiu, RS1 < IMM ? 1u : 0u)
  ALU(Xori, RS1 ^ IMM)
  ALU(Ori, RS1 | IMM)
  ALU(Andi, RS1 & IMM)
  ALU(Slli, RS1 << IMM)
  ALU(Srli, RS1 >> IMM)
  ALU(Srai, static_cast<uint32_t>(static_cast<int32_t>(RS1) >> IMM))
  ALU(Add, RS1 + RS2)
  ALU(Sub, RS1 - RS2)
  ALU(Sll, RS1 << (RS2 & 31))
  ALU(Slt, static_cast<int32_t>(RS1) < static_cast<int32_t>(RS2) ? 1u : 0u)
  ALU(Sltu, RS1 < RS2 ? 1u : 0u)
  ALU(Xor, RS1 ^ RS2)
  ALU(Srl, RS1 >> (RS2 & 31))
  ALU(Sra, static_cast<uint32_t>(static_cast<int32_t>(RS1) >> (RS2 & 31)))
  ALU(Or, RS1 | RS2)
  ALU(And, RS1 & RS2)
  ALU(Mul, RS1 * RS2)
  ALU(Mulh, static_cast<uint32_t>((int64_t{static_cast<int32_t>(RS1)} *
                                   int64_t{static_cast<int32_t>(RS2)}) >> 32))
  ALU(Mulhsu, static_cast<uint32_t>((int64_t{static_cast<int32_t>(RS1)} * int64_t{RS2}) >> 32))
  ALU(Mulhu, static_cast<uint32_t>((uint64_t{RS1} * uint64_t{RS2}) >> 32))
  ALU(Div, RS2 == 0                                     ? ~0u
           : (RS1 == 0x80000000u && RS2 == 0xffffffffu) ? RS1
                                                        : static_cast<uint32_t>(
                                                              static_cast<int32_t>(RS1) /
                                                              static_cast<int32_t>(RS2)))
  ALU(Divu, RS2 == 0 ? ~0u : RS1 / RS2)
  ALU(Rem, RS2 == 0                                     ? RS1
           : (RS1 == 0x80000000u && RS2 == 0xffffffffu) ? 0u
                                                        : static_cast<uint32_t>(
                                                              static_cast<int32_t>(RS1) %
                                                              static_cast<int32_t>(RS2)))
  ALU(Remu, RS2 == 0 ? RS1 : RS1 % RS2)
L_Fence:
L_FenceI : {
  pc += 4;
  NEXT();
}
L_Ecall:
  TRAP(11u, 0u);
L_Ebreak:
  TRAP(3u, pc);
L_Mret : {
  pc = mepc_;
  mstatus_mie_ = mstatus_mpie_;
  mstatus_mpie_ = true;
  NEXT_LEAVE();
}
L_Wfi : {
  pc += 4;
  ++steps_;
  wfi();
  goto done;
}
  CSR(Csrrw, RS1, true)
  CSR(Csrrs, RS1, d->rs1 != 0)
  CSR(Csrrc, RS1, d->rs1 != 0)
  CSR(Csrrwi, d->rs1, true)
  CSR(Csrrsi, d->rs1, d->rs1 != 0)
  CSR(Csrrci, d->rs1, d->rs1 != 0)

done:
  pc_ = pc;
  if constexpr (kReport) rep->pc_wdata = pc;
  return steps_ - steps_at_start;

#undef FETCH
#undef NEXT
#undef NEXT_LEAVE
#undef TRAP
#undef WRITE_RD
#undef RS1
#undef RS2
#undef IMM
#undef ALU
#undef BRANCH
#undef LOAD
#undef STORE
#undef CSR
}

RunResult Iss::run(uint64_t max_steps) {
  RunResult r;
  while (!exited_ && r.executed < max_steps) {
    if (auto_interrupts_) {
      if (auto cause = deliverable_interrupt()) take_interrupt(*cause);
    }
    uint64_t budget = max_steps - r.executed;
    if (auto_interrupts_) budget = std::min(budget, std::max<uint64_t>(1, steps_until_timer()));
    r.executed += execute<false>(budget, nullptr);
  }
  r.reason = exited_ ? StopReason::kExit : StopReason::kLimit;
  return r;
}

StepReport Iss::step() {
  StepReport rep;
  if (exited_) {
    rep.kind = StepReport::Kind::kHalted;
    rep.pc_rdata = rep.pc_wdata = pc_;
    return rep;
  }
  if (auto_interrupts_) {
    if (auto cause = deliverable_interrupt()) {
      take_interrupt(*cause, &rep);
      return rep;
    }
  }
  rep.order = steps_;
  execute<true>(1, &rep);
  return rep;
}

}  // namespace corelab::iss
