// One instruction retired by an RTL core, as its RVFI port reports it, and its translation into the
// ISS's StepReport so both print the same commit log.
#pragma once

#include <cstdint>

#include "corelab/iss/iss.hpp"

namespace corelab::rtl {

struct Retire {
  uint64_t order = 0;
  uint32_t insn = 0;
  bool trap = false;
  bool intr = false;  // first instruction of an interrupt handler
  uint8_t rd_addr = 0;
  uint32_t rd_wdata = 0;
  uint32_t pc_rdata = 0, pc_wdata = 0;
  uint32_t mem_addr = 0;
  uint8_t mem_rmask = 0, mem_wmask = 0;  // relative to mem_addr: 1, 3 or 15
  uint32_t mem_rdata = 0, mem_wdata = 0;
};

iss::StepReport to_step_report(const Retire& r);

}  // namespace corelab::rtl
