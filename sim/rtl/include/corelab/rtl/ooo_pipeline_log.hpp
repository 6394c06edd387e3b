// Turns the out-of-order core's per-cycle trace (hw/rtl/core_ooo/ooo_core.sv, `corelab_ooo_trace`)
// into a Kanata pipeline log: gives every fetched instruction an id, follows it through the fetch
// queue (mirrored here: requests in order, emptied by a redirect) and its ROB entry, and writes its
// stages. docs/coresim.md says what each stage means.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string_view>
#include <vector>

#include "corelab/kanata/writer.hpp"

namespace corelab::rtl {

// One cycle of the core, as the RTL reports it. Masks have one bit per ROB entry.
struct OooTraceCycle {
  uint64_t cycle = 0;
  unsigned rob_entries = 32;  // the core's RobEntries (1..64)
  bool fetch = false;         // an instruction-memory request went out (it takes a fetch-queue slot)
  uint32_t fetch_pc = 0;
  bool fetch_pair = false;    // ... and it takes fetch_pc + 4 too (a second fetch-queue slot)
  bool redirect = false;      // fetch restarts: the fetch queue is emptied (before this cycle's request)
  bool rename_wait = false;   // the oldest fetched instruction is at rename and does not go
  bool rename = false;        // it goes: renamed and dispatched into ROB entry `rename_rob`
  uint32_t rename_rob = 0;
  uint32_t rename_pc = 0;
  uint32_t rename_insn = 0;
  bool rename1 = false;       // with rename: the next fetched instruction goes too, into `rename1_rob`
  uint32_t rename1_rob = 0;
  uint32_t rename1_pc = 0;
  uint32_t rename1_insn = 0;
  uint64_t issue = 0;         // started in a unit (ALU/branch, a store's address, M unit, load port)
  uint64_t complete = 0;      // result written, entry done
  uint64_t retire = 0;        // committed (retired)
  uint64_t trap = 0;          // left the ROB with an exception (did not retire)
  uint64_t squash = 0;        // thrown away (mispredict recovery, flush at commit)
  uint32_t head = 0;          // the oldest ROB entry: commit order starts here
};

class OooPipelineLog {
 public:
  explicit OooPipelineLog(kanata::Writer& writer) : w_(writer) {}

  // Throws kanata::KanataError when the trace contradicts itself (e.g. a rename with nothing fetched).
  void cycle(const OooTraceCycle& c);
  // Ends the instructions still in flight (as flushed) after the last cycle.
  void finish();

 private:
  struct Event {
    uint64_t id;
    std::string_view stage;  // empty: the end of the instruction
    bool retired = false;
  };
  struct Fetched {
    uint64_t id;
    uint32_t pc;
    bool waiting = false;  // its D stage is written
  };
  void emit(uint64_t cycle, std::vector<Event>& events);
  void end_later(uint64_t id, bool retired);
  void rename(uint64_t cycle, uint32_t rob, uint32_t pc, uint32_t insn);
  void fetch(uint64_t cycle, uint32_t pc);
  uint64_t take_rob(uint32_t idx, const char* what);

  kanata::Writer& w_;
  unsigned rob_entries_ = 0;  // from the first cycle
  uint64_t fetched_ = 0;  // the simulator id: fetch order
  std::optional<uint64_t> last_cycle_;
  std::deque<Fetched> fetch_queue_;
  std::vector<std::optional<uint64_t>> rob_;
  std::vector<Event> now_, next_;  // this cycle's events, and those due at the start of the next
};

}  // namespace corelab::rtl
