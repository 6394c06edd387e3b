// Lockstep co-simulation: every instruction an RTL core retires is replayed on the golden ISS and
// compared. The RTL's view wins where the ISS cannot know better: MMIO load values, counter and mip
// reads, and when interrupts are taken. The first divergence produces a report (pc, instruction,
// disassembly, expected vs actual, the last 32 retired instructions).
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>

#include "corelab/iss/elf_image.hpp"
#include "corelab/iss/iss.hpp"
#include "corelab/rtl/retire.hpp"

namespace corelab::rtl {

class Cosim {
 public:
  Cosim(const ElfImage& elf, const iss::Config& config);

  // The RTL took an interrupt with this cause; the ISS takes it before the handler's first
  // instruction (the next retire with intr set).
  void note_interrupt(uint32_t cause) { pending_irq_ = cause; }
  // Replays and compares one retired instruction; returns the divergence report, if any.
  std::optional<std::string> check(const Retire& r);

  const iss::Iss& iss() const { return iss_; }
  uint64_t checked() const { return checked_; }

 private:
  std::string report(const Retire& r, const iss::StepReport& want, const std::string& what) const;

  iss::Iss iss_;
  std::optional<uint32_t> pending_irq_;
  std::deque<std::string> history_;  // commit-log lines of the last retired instructions
  uint64_t checked_ = 0;
};

}  // namespace corelab::rtl
