// The DPI side of the out-of-order core's pipeline trace (see ooo_trace.hpp).
#include "ooo_trace.hpp"

#include <svdpi.h>

#include <stdexcept>

namespace corelab::coresim {
namespace {

// The key under which the core's scope keeps its log (DPI user data is keyed by an address).
constexpr char kUserKey = 0;
void* user_key() { return const_cast<char*>(&kUserKey); }

// soc_top's out-of-order core: hw/rtl/soc/soc_top.sv (g_ooo) and ooo_core.sv.
constexpr const char* kCoreScope = "TOP.soc_top.g_ooo.u_core";

}  // namespace

OooTraceHookup::OooTraceHookup(VerilatedContext& ctx, rtl::OooPipelineLog& log)
    : scope_(const_cast<VerilatedScope*>(ctx.scopeFind(kCoreScope))) {
  if (!scope_) throw std::runtime_error(std::string("--kanata: the model has no scope ") + kCoreScope);
  svPutUserData(static_cast<svScope>(scope_), user_key(), &log);
}

OooTraceHookup::~OooTraceHookup() { svPutUserData(static_cast<svScope>(scope_), user_key(), nullptr); }

}  // namespace corelab::coresim

// Called by ooo_core.sv every cycle while the trace is on (the argument list is the import's).
extern "C" void corelab_ooo_trace(uint64_t cycle, svBit fetch, uint32_t fetch_pc, svBit fetch_pair,
                                  svBit redirect, svBit rename_wait, svBit rename, uint32_t rename_rob,
                                  uint32_t rename_pc, uint32_t rename_insn, svBit rename1, uint32_t rename1_rob,
                                  uint32_t rename1_pc, uint32_t rename1_insn, uint64_t issue, uint64_t complete,
                                  uint64_t retired,
                                  uint64_t trapped, uint64_t squashed, uint32_t head_rob, uint32_t rob_entries) {
  auto* log = static_cast<corelab::rtl::OooPipelineLog*>(
      svGetUserData(svGetScope(), corelab::coresim::user_key()));
  if (!log) return;
  corelab::rtl::OooTraceCycle c;
  c.cycle = cycle;
  c.rob_entries = rob_entries;
  c.fetch = fetch;
  c.fetch_pc = fetch_pc;
  c.fetch_pair = fetch_pair;
  c.redirect = redirect;
  c.rename_wait = rename_wait;
  c.rename = rename;
  c.rename_rob = rename_rob;
  c.rename_pc = rename_pc;
  c.rename_insn = rename_insn;
  c.rename1 = rename1;
  c.rename1_rob = rename1_rob;
  c.rename1_pc = rename1_pc;
  c.rename1_insn = rename1_insn;
  c.issue = issue;
  c.complete = complete;
  c.retire = retired;
  c.trap = trapped;
  c.squash = squashed;
  c.head = head_rob;
  log->cycle(c);
}
