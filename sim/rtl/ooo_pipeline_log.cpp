// The out-of-order core's Kanata log (see ooo_pipeline_log.hpp).
#include "corelab/rtl/ooo_pipeline_log.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "corelab/iss/decode.hpp"

namespace corelab::rtl {

using kanata::KanataError;
using kanata::LabelKind;

uint64_t OooPipelineLog::take_rob(uint32_t idx, const char* what) {
  if (idx >= rob_entries_ || !rob_[idx])
    throw KanataError(fmt::format("kanata: {} of ROB entry {}, which holds no instruction", what, idx));
  const uint64_t id = *rob_[idx];
  rob_[idx].reset();
  return id;
}

void OooPipelineLog::end_later(uint64_t id, bool retired) { next_.push_back({id, {}, retired}); }

// The oldest fetched instruction is renamed into ROB entry `rob`.
void OooPipelineLog::rename(uint64_t cycle, uint32_t rob, uint32_t pc, uint32_t insn) {
  if (fetch_queue_.empty())
    throw KanataError(fmt::format("kanata: cycle {}: a rename with nothing fetched", cycle));
  const Fetched f = fetch_queue_.front();
  fetch_queue_.pop_front();
  if (f.pc != pc)
    throw KanataError(fmt::format("kanata: cycle {}: renames pc {:08x}, the fetch queue holds {:08x}", cycle, pc,
                                  f.pc));
  if (rob >= rob_entries_ || rob_[rob])
    throw KanataError(fmt::format("kanata: cycle {}: renames into busy ROB entry {}", cycle, rob));
  rob_[rob] = f.id;
  w_.at_cycle(cycle);  // the label goes with the row as soon as the word is known
  w_.label(f.id, LabelKind::Row, fmt::format(" {}", iss::disassemble(insn, pc)));
  w_.label(f.id, LabelKind::Detail, fmt::format("insn {:08x}, ROB entry {}", insn, rob));
  now_.push_back({f.id, "Rn"});
  next_.push_back({f.id, "Ds"});
}

// An instruction-memory request takes a fetch-queue slot for the instruction at `pc`.
void OooPipelineLog::fetch(uint64_t cycle, uint32_t pc) {
  w_.at_cycle(cycle);
  const uint64_t id = w_.start(fetched_++);
  w_.label(id, LabelKind::Row, fmt::format("{:08x}:", pc));
  fetch_queue_.push_back({id, pc});
  now_.push_back({id, "F"});
}

void OooPipelineLog::cycle(const OooTraceCycle& c) {
  if (rob_entries_ == 0) {
    if (c.rob_entries == 0 || c.rob_entries > 64) throw KanataError("kanata: the trace keeps 1..64 ROB entries");
    rob_entries_ = c.rob_entries;
    rob_.resize(rob_entries_);
  } else if (c.rob_entries != rob_entries_) {
    throw KanataError("kanata: the number of ROB entries changed");
  }
  if (last_cycle_ && c.cycle <= *last_cycle_)
    throw KanataError(fmt::format("kanata: trace cycle {} after {}", c.cycle, *last_cycle_));
  // What the previous cycle left for the start of the next: stages that begin once its edge has
  // written the state (dispatched, complete) and the ends of what left in it.
  if (last_cycle_ && *last_cycle_ + 1 < c.cycle) emit(*last_cycle_ + 1, next_);
  now_.clear();
  std::swap(now_, next_);

  // Units first: an entry may complete in the cycle it is squashed (the end wins in emit()).
  for (uint32_t idx = 0; idx < rob_entries_; ++idx) {
    const uint64_t bit = uint64_t{1} << idx;
    if (!rob_[idx]) {
      if ((c.issue | c.complete) & bit)
        throw KanataError(fmt::format("kanata: ROB entry {} issues or completes but holds nothing", idx));
      continue;
    }
    if (c.issue & bit) now_.push_back({*rob_[idx], "Is"});
    if (c.complete & bit) next_.push_back({*rob_[idx], "Cm"});
  }
  // Commit order: from the head, so retire numbers follow program order.
  for (unsigned k = 0; k < rob_entries_; ++k) {
    const uint32_t idx = (c.head + k) % rob_entries_;
    const uint64_t bit = uint64_t{1} << idx;
    if ((c.retire | c.trap) & bit) {
      const uint64_t id = take_rob(idx, "a commit");
      now_.push_back({id, "Cmt"});
      end_later(id, (c.retire & bit) != 0);
    } else if (c.squash & bit) {
      end_later(take_rob(idx, "a squash"), false);
    }
  }
  // Rename after the squashes (a recovery's cycle may rename into the entries it frees) and
  // before a redirect, which empties the fetch queue behind what rename took from it (after the
  // commits, so retire numbers go to the retired first); this cycle's request is already for
  // the new pc.
  if (c.rename) {
    rename(c.cycle, c.rename_rob, c.rename_pc, c.rename_insn);
    if (c.rename1) rename(c.cycle, c.rename1_rob, c.rename1_pc, c.rename1_insn);
  } else if (c.rename1) {
    throw KanataError(fmt::format("kanata: cycle {}: rename slot 1 goes without slot 0", c.cycle));
  } else if (c.rename_wait && !fetch_queue_.empty() && !fetch_queue_.front().waiting) {
    fetch_queue_.front().waiting = true;
    now_.push_back({fetch_queue_.front().id, "D"});
  }
  if (c.redirect) {
    for (const auto& f : fetch_queue_) end_later(f.id, false);
    fetch_queue_.clear();
  }
  if (c.fetch) {
    fetch(c.cycle, c.fetch_pc);
    if (c.fetch_pair) fetch(c.cycle, c.fetch_pc + 4);
  } else if (c.fetch_pair) {
    throw KanataError(fmt::format("kanata: cycle {}: a fetch pair without a fetch", c.cycle));
  }
  emit(c.cycle, now_);
  last_cycle_ = c.cycle;
}

// Writes one cycle's events. An instruction with several stages starting in the same cycle shows
// the last (the others last no time); one that ends shows nothing more.
void OooPipelineLog::emit(uint64_t cycle, std::vector<Event>& events) {
  if (events.empty()) return;
  w_.at_cycle(cycle);
  std::unordered_map<uint64_t, size_t> last;  // id -> index of its last event
  for (size_t i = 0; i < events.size(); ++i) {
    auto [it, fresh] = last.try_emplace(events[i].id, i);
    if (!fresh && !events[it->second].stage.empty()) it->second = i;  // an end stays the last
  }
  for (size_t i = 0; i < events.size(); ++i) {
    const Event& e = events[i];
    if (last.at(e.id) != i) continue;
    if (e.stage.empty())
      e.retired ? w_.retire(e.id) : w_.flush(e.id);
    else
      w_.stage(e.id, e.stage);
  }
  events.clear();
}

void OooPipelineLog::finish() {
  if (!last_cycle_) return;
  for (const auto& f : fetch_queue_) end_later(f.id, false);
  fetch_queue_.clear();
  for (auto& r : rob_) {
    if (r) end_later(*r, false);
    r.reset();
  }
  // Ends scheduled twice (a squash and the final sweep) cannot happen: the maps are emptied.
  emit(*last_cycle_ + 1, next_);
  w_.finish();
}

}  // namespace corelab::rtl
