// A one-pass machine-code buffer with labels: instructions that refer to a label not yet placed get
// a fixup that finish() patches once every label has an address. Enough of an assembler for the
// generator (branches, jal, auipc/lui + jalr/addi pairs), without running one.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace corelab::rigen {

struct Label {
  uint32_t id = ~0u;
};

class Assembler {
 public:
  explicit Assembler(uint32_t base) : base_(base) {}

  uint32_t pc() const { return base_ + 4 * static_cast<uint32_t>(words_.size()); }
  size_t size_words() const { return words_.size(); }
  void emit(uint32_t insn) { words_.push_back(insn); }

  Label new_label();
  void bind(Label l);
  bool bound(Label l) const { return addr_[l.id] != kUnbound; }
  uint32_t address(Label l) const;  // throws std::logic_error when not bound yet

  // Control transfers to `target + extra`; a non-zero `extra` makes a misaligned target on purpose.
  void branch(uint32_t cond, uint32_t rs1, uint32_t rs2, Label target, int32_t extra = 0);
  void jal(uint32_t rd, Label target, int32_t extra = 0);
  // auipc tmp, %pcrel_hi(target + extra); jalr rd, %pcrel_lo(tmp)
  void auipc_jalr(uint32_t tmp, uint32_t rd, Label target, int32_t extra = 0);
  // lui tmp, %hi(target + extra); jalr rd, %lo(tmp)
  void lui_jalr(uint32_t tmp, uint32_t rd, Label target, int32_t extra = 0);
  // rd = address of target + extra: lui + addi (absolute) or auipc + addi (pc-relative).
  void la(uint32_t rd, Label target, int32_t extra = 0, bool pc_relative = false);
  // rd = value in one (addi or lui) or two (lui + addi) instructions.
  void li(uint32_t rd, uint32_t value);
  // Pads with `filler` up to a multiple of `bytes`.
  void align(uint32_t bytes, uint32_t filler);

  // Patches every fixup and returns the code. Throws std::logic_error on an unbound label or a
  // target out of reach (generator bugs, not user errors).
  std::vector<uint32_t> finish();

 private:
  enum class Fix : uint8_t { kBranch, kJal, kHi, kLoI, kPcrelHi, kPcrelLoI };
  struct Fixup {
    Fix kind;
    uint32_t at;  // word index of the instruction to patch
    Label target;
    int32_t extra;
    uint32_t anchor;  // for kPcrelLoI: the pc of its auipc
  };
  static constexpr uint32_t kUnbound = ~0u;

  uint32_t base_;
  std::vector<uint32_t> words_;
  std::vector<uint32_t> addr_;  // by label id
  std::vector<Fixup> fixups_;
};

// Splits a 32-bit value into the lui (upper 20 bits) and sign-extended addi (lower 12) parts.
constexpr uint32_t hi20(uint32_t v) { return ((v + 0x800u) >> 12) & 0xfffffu; }
constexpr int32_t lo12(uint32_t v) { return static_cast<int32_t>(v << 20) >> 20; }

}  // namespace corelab::rigen
