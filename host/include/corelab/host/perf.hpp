// Performance counters as people read them: the derived metrics (IPC, CPI, miss rates, branch
// MPKI, stall shares of the cycles) as a table of formulas, and the counters and metrics as a
// text table, JSON, CSV, and an SVG plot of a time series.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "corelab/host/protocol.hpp"

namespace corelab::host {

// A term of a metric: mcycle, minstret, or the count of an event (summed over the counters that
// count it; absent when no counter does).
struct Operand {
  enum class Kind : uint8_t { Cycles, Instret, Event };
  Kind kind = Kind::Cycles;
  uint8_t event = 0;
};

struct MetricInfo {
  std::string_view id;     // JSON/CSV key: "ipc", "dcache_miss_pct"
  std::string_view label;  // "D$ miss rate"
  std::string_view column; // "D$miss%", the heading in `perf --watch`
  Operand numerator;
  Operand denominator;
  double scale;            // 100 for a percentage, 1000 for "per kilo-instruction"
  std::string_view unit;   // "", "%", "MPKI"
  bool stall_share;        // a share of the cycles, stacked in the plot
};

// The metrics shown for a core kind (IDENTIFY's core_kind): IPC, CPI, miss rates and branch MPKI for
// every core, then that core's stall breakdown; an unknown kind gets the common ones.
std::span<const MetricInfo> metric_table(CoreKind kind);
std::optional<uint64_t> operand_value(const Operand& op, const CounterSnapshot& s);
// nullopt when a term is not counted or the denominator is 0.
std::optional<double> evaluate(const MetricInfo& m, const CounterSnapshot& s);

// What happened between two snapshots (a counter zeroed or re-programmed in between counts from 0).
CounterSnapshot counter_delta(const CounterSnapshot& now, const CounterSnapshot& before);

std::string format_counter_table(const CounterSnapshot& s, CoreKind kind);
nlohmann::json counters_json(const CounterSnapshot& s, CoreKind kind);

// CSV of a time series: a header line, then one row per sample (t = seconds since the start).
std::string csv_header(const CounterSnapshot& shape, CoreKind kind, bool with_time);
std::string csv_row(const CounterSnapshot& s, CoreKind kind, std::optional<double> t);

// Live view (`perf --watch`): a header line, then one row per interval.
std::string watch_header(CoreKind kind);
std::string watch_row(double t, const CounterSnapshot& delta, CoreKind kind);

struct PerfSample {
  double t = 0;             // seconds since the start, at the end of the interval
  CounterSnapshot delta;    // counts during the interval
};
// An SVG with two panels over time: IPC, and the stall shares of the cycles stacked.
std::string render_plot_svg(std::span<const PerfSample> samples, CoreKind kind, std::string_view title);

// 1234567 -> "1,234,567"
std::string group_digits(uint64_t v);

}  // namespace corelab::host
