// Connects the out-of-order core's pipeline trace (the DPI import `corelab_ooo_trace` in
// hw/rtl/core_ooo/ooo_core.sv, on with the plusarg +corelab_kanata) to an OooPipelineLog.
#pragma once

#include <verilated.h>

#include "corelab/rtl/ooo_pipeline_log.hpp"

namespace corelab::coresim {

// The plusarg that turns the trace on in the RTL (RtlSoc's plusargs).
inline constexpr const char* kOooTracePlusarg = "+corelab_kanata";

// While it lives, the core's trace calls go to `log` (kept as the core scope's DPI user data).
class OooTraceHookup {
 public:
  OooTraceHookup(VerilatedContext& ctx, rtl::OooPipelineLog& log);
  ~OooTraceHookup();
  OooTraceHookup(const OooTraceHookup&) = delete;
  OooTraceHookup& operator=(const OooTraceHookup&) = delete;

 private:
  void* scope_;
};

}  // namespace corelab::coresim
