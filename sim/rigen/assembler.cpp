// Label fixups: each instruction is emitted with a zero immediate and its immediate bits are OR-ed
// in by finish(), when every label has an address.
#include "assembler.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "corelab/rigen/encode.hpp"

namespace corelab::rigen {

Label Assembler::new_label() {
  addr_.push_back(kUnbound);
  return Label{static_cast<uint32_t>(addr_.size() - 1)};
}

void Assembler::bind(Label l) {
  if (addr_.at(l.id) != kUnbound) throw std::logic_error("rigen: label bound twice");
  addr_[l.id] = pc();
}

uint32_t Assembler::address(Label l) const {
  if (addr_.at(l.id) == kUnbound) throw std::logic_error("rigen: label not bound");
  return addr_[l.id];
}

void Assembler::branch(uint32_t cond, uint32_t rs1, uint32_t rs2, Label target, int32_t extra) {
  fixups_.push_back({Fix::kBranch, static_cast<uint32_t>(words_.size()), target, extra, 0});
  emit(enc::branch(cond, rs1, rs2, 0));
}

void Assembler::jal(uint32_t rd, Label target, int32_t extra) {
  fixups_.push_back({Fix::kJal, static_cast<uint32_t>(words_.size()), target, extra, 0});
  emit(enc::jal(rd, 0));
}

void Assembler::auipc_jalr(uint32_t tmp, uint32_t rd, Label target, int32_t extra) {
  const uint32_t anchor = pc();
  fixups_.push_back({Fix::kPcrelHi, static_cast<uint32_t>(words_.size()), target, extra, anchor});
  emit(enc::auipc(tmp, 0));
  fixups_.push_back({Fix::kPcrelLoI, static_cast<uint32_t>(words_.size()), target, extra, anchor});
  emit(enc::jalr(rd, tmp, 0));
}

void Assembler::lui_jalr(uint32_t tmp, uint32_t rd, Label target, int32_t extra) {
  fixups_.push_back({Fix::kHi, static_cast<uint32_t>(words_.size()), target, extra, 0});
  emit(enc::lui(tmp, 0));
  fixups_.push_back({Fix::kLoI, static_cast<uint32_t>(words_.size()), target, extra, 0});
  emit(enc::jalr(rd, tmp, 0));
}

void Assembler::la(uint32_t rd, Label target, int32_t extra, bool pc_relative) {
  const uint32_t anchor = pc();
  fixups_.push_back({pc_relative ? Fix::kPcrelHi : Fix::kHi, static_cast<uint32_t>(words_.size()),
                     target, extra, anchor});
  emit(pc_relative ? enc::auipc(rd, 0) : enc::lui(rd, 0));
  fixups_.push_back({pc_relative ? Fix::kPcrelLoI : Fix::kLoI, static_cast<uint32_t>(words_.size()),
                     target, extra, anchor});
  emit(enc::addi(rd, rd, 0));
}

void Assembler::li(uint32_t rd, uint32_t value) {
  const int32_t lo = lo12(value);
  if (static_cast<uint32_t>(lo) == value) {
    emit(enc::addi(rd, 0, lo));
    return;
  }
  emit(enc::lui(rd, hi20(value)));
  if (lo != 0) emit(enc::addi(rd, rd, lo));
}

void Assembler::align(uint32_t bytes, uint32_t filler) {
  while (pc() % bytes != 0) emit(filler);
}

std::vector<uint32_t> Assembler::finish() {
  for (const Fixup& f : fixups_) {
    const uint32_t pc_at = base_ + 4 * f.at;
    const uint32_t target = address(f.target) + static_cast<uint32_t>(f.extra);
    uint32_t& w = words_[f.at];
    switch (f.kind) {
      case Fix::kBranch: {
        const int32_t off = static_cast<int32_t>(target - pc_at);
        if (off < -4096 || off > 4094)
          throw std::logic_error(fmt::format("rigen: branch at 0x{:08x} out of reach", pc_at));
        w |= enc::b(off, 0, 0, 0) & ~0x7fu;
        break;
      }
      case Fix::kJal: {
        const int32_t off = static_cast<int32_t>(target - pc_at);
        if (off < -(1 << 20) || off >= (1 << 20))
          throw std::logic_error(fmt::format("rigen: jal at 0x{:08x} out of reach", pc_at));
        w |= enc::jal(0, off) & ~0x7fu;
        break;
      }
      case Fix::kHi: w |= hi20(target) << 12; break;
      case Fix::kLoI: w |= (static_cast<uint32_t>(lo12(target)) & 0xfffu) << 20; break;
      case Fix::kPcrelHi: w |= hi20(target - f.anchor) << 12; break;
      case Fix::kPcrelLoI:
        w |= (static_cast<uint32_t>(lo12(target - f.anchor)) & 0xfffu) << 20;
        break;
    }
  }
  return words_;
}

}  // namespace corelab::rigen
