// The commit-log line format shared by every core model (docs/iss.md): one line per step with the
// order, pc, instruction, disassembly and what the step changed.
#pragma once

#include <string>

#include "corelab/iss/iss.hpp"

namespace corelab::iss {

std::string format_step(const StepReport& r);

}  // namespace corelab::iss
