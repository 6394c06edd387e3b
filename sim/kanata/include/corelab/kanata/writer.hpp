// Writes a pipeline log in the Kanata format (version 0004), which the Konata viewer shows as one
// row per instruction with its stages over time. The format is tab-separated text in cycle order:
// the writer keeps the current cycle and the live instructions, and refuses what the format cannot
// express (time going back, a command for an instruction not started or already ended).
#pragma once

#include <cstdint>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

namespace corelab::kanata {

class KanataError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class LabelKind : uint8_t { Row = 0, Detail = 1 };  // the left pane; the mouse-over text

class Writer {
 public:
  // Writes the header. The stream must outlive the writer.
  explicit Writer(std::ostream& out);

  // Moves to `cycle` (absolute; never backwards). The first call writes `C=`, later ones `C`.
  void at_cycle(uint64_t cycle);
  // Starts an instruction (`I`); returns its id in the file. `sim_id` is the simulator's own number.
  uint64_t start(uint64_t sim_id, uint32_t thread = 0);
  // Adds text to the instruction's row or detail (`L`; Konata appends to what is there).
  void label(uint64_t id, LabelKind kind, std::string_view text);
  // Starts a stage on lane 0, ending the one before (`E`, then `S`).
  void stage(uint64_t id, std::string_view name);
  // Ends the instruction: retired (it gets the next retire number) or flushed (`R`).
  void retire(uint64_t id);
  void flush(uint64_t id);

  uint64_t retired() const { return retired_; }
  uint64_t live() const { return live_.size(); }
  // Flushes the stream; throws if any write failed.
  void finish();

 private:
  void end(uint64_t id, bool flushed);
  std::string& current_stage(uint64_t id);
  void check();

  std::ostream& out_;
  bool started_ = false;
  uint64_t cycle_ = 0;
  uint64_t next_id_ = 0;
  uint64_t retired_ = 0;
  std::unordered_map<uint64_t, std::string> live_;  // id -> its current stage ("" before the first)
};

}  // namespace corelab::kanata
