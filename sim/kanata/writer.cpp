// The Kanata log writer (see writer.hpp).
#include "corelab/kanata/writer.hpp"

#include <fmt/format.h>

namespace corelab::kanata {
namespace {

// A field may not hold the format's separators.
std::string field(std::string_view text) {
  std::string s(text);
  for (char& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}

}  // namespace

Writer::Writer(std::ostream& out) : out_(out) {
  out_ << "Kanata\t0004\n";
  check();
}

void Writer::at_cycle(uint64_t cycle) {
  if (!started_) {
    out_ << "C=\t" << cycle << '\n';
    started_ = true;
  } else if (cycle < cycle_) {
    throw KanataError(fmt::format("kanata: cycle {} after cycle {}: the log runs forward only", cycle, cycle_));
  } else if (cycle > cycle_) {
    out_ << "C\t" << (cycle - cycle_) << '\n';
  }
  cycle_ = cycle;
  check();
}

uint64_t Writer::start(uint64_t sim_id, uint32_t thread) {
  if (!started_) throw KanataError("kanata: an instruction before the first cycle");
  const uint64_t id = next_id_++;
  live_.emplace(id, std::string());
  out_ << "I\t" << id << '\t' << sim_id << '\t' << thread << '\n';
  check();
  return id;
}

void Writer::label(uint64_t id, LabelKind kind, std::string_view text) {
  current_stage(id);
  out_ << "L\t" << id << '\t' << static_cast<int>(kind) << '\t' << field(text) << '\n';
  check();
}

void Writer::stage(uint64_t id, std::string_view name) {
  std::string& cur = current_stage(id);
  if (!cur.empty()) out_ << "E\t" << id << "\t0\t" << cur << '\n';
  cur = field(name);
  out_ << "S\t" << id << "\t0\t" << cur << '\n';
  check();
}

void Writer::retire(uint64_t id) { end(id, false); }
void Writer::flush(uint64_t id) { end(id, true); }

void Writer::end(uint64_t id, bool flushed) {
  const std::string& cur = current_stage(id);
  if (!cur.empty()) out_ << "E\t" << id << "\t0\t" << cur << '\n';
  // A flushed instruction shows the retire number the next retired one will get (as the format's
  // own example does): retire numbers count retired instructions only.
  out_ << "R\t" << id << '\t' << retired_ << '\t' << (flushed ? 1 : 0) << '\n';
  if (!flushed) ++retired_;
  live_.erase(id);
  check();
}

std::string& Writer::current_stage(uint64_t id) {
  const auto it = live_.find(id);
  if (it == live_.end()) throw KanataError(fmt::format("kanata: instruction {} is not live", id));
  return it->second;
}

void Writer::finish() {
  out_.flush();
  check();
}

void Writer::check() {
  if (!out_) throw KanataError("kanata: cannot write the log");
}

}  // namespace corelab::kanata
