// Derived metrics and the counter reports (text, JSON, CSV, SVG).
#include "corelab/host/perf.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>

#include "corelab/host/events.hpp"
#include "hpm_events.h"

namespace corelab::host {
namespace {

constexpr Operand kCycles{Operand::Kind::Cycles, 0};
constexpr Operand kInstret{Operand::Kind::Instret, 0};
constexpr Operand ev(uint8_t e) { return {Operand::Kind::Event, e}; }

// What every core's counters tell: throughput, miss rates, mispredictions.
constexpr std::array kCommonMetrics{
    MetricInfo{"ipc", "IPC", "IPC", kInstret, kCycles, 1, "", false},
    MetricInfo{"cpi", "CPI", "CPI", kCycles, kInstret, 1, "", false},
    MetricInfo{"icache_miss_pct", "I$ miss rate", "I$miss%", ev(HPM_EV_ICACHE_MISS), ev(HPM_EV_ICACHE_ACCESS), 100,
               "%", false},
    MetricInfo{"dcache_miss_pct", "D$ miss rate", "D$miss%", ev(HPM_EV_DCACHE_MISS), ev(HPM_EV_DCACHE_ACCESS), 100,
               "%", false},
    MetricInfo{"branch_mpki", "branch MPKI", "br.MPKI", ev(HPM_EV_MISPREDICT), kInstret, 1000, "", false},
};

// Where a core's cycles go, from its own stall events (docs/counters.md): shares of the cycles.
// `stacked` ones are drawn stacked in the plot, so they must not contain one another.
constexpr MetricInfo share(std::string_view id, std::string_view label, std::string_view column, uint8_t event,
                           bool stacked) {
  return {id, label, column, ev(event), kCycles, 100, "%", stacked};
}
constexpr std::array kPipeStalls{
    share("load_use_stall_pct", "load-use stalls", "ld-use%", HPM_EV_LOAD_USE_STALL, true),
    share("frontend_mem_stall_pct", "front-end memory stalls", "fe-mem%", HPM_EV_FRONTEND_MEM_STALL, true),
    share("backend_mem_stall_pct", "back-end memory stalls", "be-mem%", HPM_EV_BACKEND_MEM_STALL, true),
    share("muldiv_busy_pct", "mul/div busy", "muldiv%", HPM_EV_MULDIV_BUSY, true),
};
// The out-of-order core: why rename took no instruction (ROB, issue queue, free list or checkpoints
// full; nothing to rename after a mispredict or during an I$ miss). RENAME_STALL is the union of the
// four resource stalls, and a full ROB mostly waits for back-end memory: those, the memory queues and
// the two-wide commits are listed, not stacked. The stacked ones can still overlap a little (two
// resources missing in one cycle, a refill that misses the I$: docs/counters.md), so their stack
// can overstate the stalled share by that much.
constexpr std::array kOooStalls{
    share("rename_stall_pct", "rename stalls (any)", "rename%", HPM_EV_RENAME_STALL, false),
    share("rob_full_pct", "ROB full", "rob%", HPM_EV_ROB_FULL, true),
    share("iq_full_pct", "issue queue full", "iq%", HPM_EV_IQ_FULL, true),
    share("no_free_preg_pct", "no free register", "preg%", HPM_EV_NO_FREE_PREG, true),
    share("ckpt_full_pct", "checkpoints full", "ckpt%", HPM_EV_CKPT_FULL, true),
    share("mispredict_flush_pct", "mispredict refill", "mp-fl%", HPM_EV_MISPREDICT_FLUSH, true),
    share("frontend_mem_stall_pct", "front-end memory stalls", "fe-mem%", HPM_EV_FRONTEND_MEM_STALL, true),
    share("backend_mem_stall_pct", "back-end memory stalls", "be-mem%", HPM_EV_BACKEND_MEM_STALL, false),
    share("lsq_full_pct", "memory queues full", "lsq%", HPM_EV_LSQ_FULL, false),
    share("commit2_pct", "two-instruction commits", "cmt2%", HPM_EV_COMMIT2, false),
};

template <size_t N, size_t M>
constexpr std::array<MetricInfo, N + M> concat(const std::array<MetricInfo, N>& a, const std::array<MetricInfo, M>& b) {
  std::array<MetricInfo, N + M> r{};
  for (size_t i = 0; i < N; ++i) r[i] = a[i];
  for (size_t i = 0; i < M; ++i) r[N + i] = b[i];
  return r;
}
constexpr auto kPipeMetrics = concat(kCommonMetrics, kPipeStalls);
constexpr auto kOooMetrics = concat(kCommonMetrics, kOooStalls);

// The metrics per core kind (IDENTIFY's core_kind); the ISS counts no stalls.
struct CoreMetrics {
  CoreKind kind;
  std::span<const MetricInfo> metrics;
};
constexpr std::array kCoreMetrics{
    CoreMetrics{CoreKind::Iss, kCommonMetrics},
    CoreMetrics{CoreKind::Pipe, kPipeMetrics},
    CoreMetrics{CoreKind::Ooo, kOooMetrics},
};

// Plot colours: IPC, then one per stacked stall share in table order.
constexpr std::string_view kIpcColour = "#1f77b4";
constexpr std::array<std::string_view, 6> kStallColours{"#d62728", "#ff7f0e", "#2ca02c",
                                                        "#9467bd", "#8c564b", "#e377c2"};

std::string counter_name(size_t i) { return fmt::format("mhpmcounter{}", i + 3); }

std::string format_metric(const MetricInfo& m, std::optional<double> v) {
  if (!v) return "n/a";
  const int decimals = m.scale == 1 ? 3 : 2;
  return fmt::format("{:.{}f}{}{}", *v, decimals, m.unit.empty() ? "" : " ", m.unit);
}

std::string xml_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// A "nice" upper bound for an axis: 1, 2 or 5 times a power of ten.
double nice_ceiling(double v) {
  if (v <= 0) return 1;
  const double p = std::pow(10.0, std::floor(std::log10(v)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * p >= v) return m * p;
  return 10 * p;
}

}  // namespace

std::span<const MetricInfo> metric_table(CoreKind kind) {
  for (const auto& c : kCoreMetrics)
    if (c.kind == kind) return c.metrics;
  return kCommonMetrics;  // a core this build does not know: what every core counts
}

std::optional<uint64_t> operand_value(const Operand& op, const CounterSnapshot& s) {
  switch (op.kind) {
    case Operand::Kind::Cycles: return s.mcycle;
    case Operand::Kind::Instret: return s.minstret;
    case Operand::Kind::Event: break;
  }
  std::optional<uint64_t> total;
  for (const auto& c : s.hpm)
    if (c.event == op.event) total = total.value_or(0) + c.count;
  return total;
}

std::optional<double> evaluate(const MetricInfo& m, const CounterSnapshot& s) {
  const auto n = operand_value(m.numerator, s), d = operand_value(m.denominator, s);
  if (!n || !d || *d == 0) return std::nullopt;
  return static_cast<double>(*n) / static_cast<double>(*d) * m.scale;
}

CounterSnapshot counter_delta(const CounterSnapshot& now, const CounterSnapshot& before) {
  auto sub = [](uint64_t a, uint64_t b) { return a >= b ? a - b : a; };
  CounterSnapshot d;
  d.mcycle = sub(now.mcycle, before.mcycle);
  d.minstret = sub(now.minstret, before.minstret);
  for (size_t i = 0; i < now.hpm.size(); ++i) {
    const bool same = i < before.hpm.size() && before.hpm[i].event == now.hpm[i].event;
    d.hpm.push_back({now.hpm[i].event, same ? sub(now.hpm[i].count, before.hpm[i].count) : now.hpm[i].count});
  }
  return d;
}

std::string group_digits(uint64_t v) {
  const std::string digits = std::to_string(v);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string format_counter_table(const CounterSnapshot& s, CoreKind kind) {
  std::string out = fmt::format("{:<14} {:<20} {:>18}\n", "counter", "event", "count");
  out += fmt::format("{:<14} {:<20} {:>18}\n", "mcycle", "CYCLES", group_digits(s.mcycle));
  out += fmt::format("{:<14} {:<20} {:>18}\n", "minstret", "INSTRET", group_digits(s.minstret));
  for (size_t i = 0; i < s.hpm.size(); ++i) {
    const auto& c = s.hpm[i];
    if (c.event == HPM_EV_NONE)
      out += fmt::format("{:<14} {:<20} {:>18}\n", counter_name(i), "NONE", "-");
    else
      out += fmt::format("{:<14} {:<20} {:>18}\n", counter_name(i), event_name(c.event), group_digits(c.count));
  }
  out += fmt::format("\n{:<26} {:>26}\n", "metric", "value");
  for (const auto& m : metric_table(kind))
    out += fmt::format("{:<26} {:>26}\n", m.label, format_metric(m, evaluate(m, s)));
  return out;
}

nlohmann::json counters_json(const CounterSnapshot& s, CoreKind kind) {
  nlohmann::json j;
  j["mcycle"] = s.mcycle;
  j["minstret"] = s.minstret;
  j["counters"] = nlohmann::json::array();
  for (size_t i = 0; i < s.hpm.size(); ++i)
    j["counters"].push_back({{"counter", counter_name(i)},
                             {"event", event_name(s.hpm[i].event)},
                             {"number", s.hpm[i].event},
                             {"count", s.hpm[i].count}});
  nlohmann::json metrics = nlohmann::json::object();
  for (const auto& m : metric_table(kind)) {
    const auto v = evaluate(m, s);
    metrics[std::string(m.id)] = v ? nlohmann::json(*v) : nlohmann::json(nullptr);
  }
  j["metrics"] = metrics;
  return j;
}

std::string csv_header(const CounterSnapshot& shape, CoreKind kind, bool with_time) {
  std::string h = with_time ? "t,mcycle,minstret" : "mcycle,minstret";
  for (size_t i = 0; i < shape.hpm.size(); ++i)
    h += fmt::format(",{}:{}", counter_name(i), event_name(shape.hpm[i].event));
  for (const auto& m : metric_table(kind)) h += fmt::format(",{}", m.id);
  return h + "\n";
}

std::string csv_row(const CounterSnapshot& s, CoreKind kind, std::optional<double> t) {
  std::string r =
      t ? fmt::format("{:.3f},{},{}", *t, s.mcycle, s.minstret) : fmt::format("{},{}", s.mcycle, s.minstret);
  for (const auto& c : s.hpm) r += fmt::format(",{}", c.count);
  for (const auto& m : metric_table(kind)) {
    const auto v = evaluate(m, s);
    r += v ? fmt::format(",{:.6g}", *v) : ",";
  }
  return r + "\n";
}

std::string watch_header(CoreKind kind) {
  std::string h = fmt::format("{:>8} {:>14} {:>14}", "t [s]", "cycles", "instret");
  for (const auto& m : metric_table(kind))
    if (m.id != "cpi") h += fmt::format(" {:>8}", m.column);
  return h + "\n";
}

std::string watch_row(double t, const CounterSnapshot& d, CoreKind kind) {
  std::string r = fmt::format("{:>8.2f} {:>14} {:>14}", t, group_digits(d.mcycle), group_digits(d.minstret));
  for (const auto& m : metric_table(kind)) {
    if (m.id == "cpi") continue;
    const auto v = evaluate(m, d);
    r += v ? fmt::format(" {:>8.{}f}", *v, m.scale == 1 ? 3 : 2) : fmt::format(" {:>8}", "n/a");
  }
  return r + "\n";
}

std::string render_plot_svg(std::span<const PerfSample> samples, CoreKind kind, std::string_view title) {
  constexpr double W = 900, H = 600, left = 70, right = 230, top = 50, panel = 210, gap = 70;
  const double pw = W - left - right;
  // Each sample covers the interval since the one before (the first since t = 0): steps.
  const double t1 = samples.empty() ? 1 : std::max(samples.back().t, 1e-9);
  auto x = [&](double t) { return left + t / t1 * pw; };
  auto start_of = [&](size_t i) { return i == 0 ? 0.0 : samples[i - 1].t; };
  const int t_decimals = std::clamp(-static_cast<int>(std::floor(std::log10(t1 / 5))), 0, 6);

  const auto metrics = metric_table(kind);
  std::vector<const MetricInfo*> stalls;
  for (const auto& m : metrics)
    if (m.stall_share) stalls.push_back(&m);
  double ipc_max = 0;
  for (const auto& s : samples) ipc_max = std::max(ipc_max, evaluate(metrics[0], s.delta).value_or(0));
  ipc_max = nice_ceiling(std::max(ipc_max, 0.5));

  std::string o = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
      "font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      "<text x=\"{2}\" y=\"28\" font-size=\"16\">{3}</text>\n",
      W, H, left, xml_escape(title));

  // One panel: frame, horizontal grid with labels, time axis.
  auto frame = [&](double y0, double ymax, std::string_view ylabel, std::string_view unit) {
    for (int i = 0; i <= 4; ++i) {
      const double y = y0 + panel - i * panel / 4;
      o += fmt::format("<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"#ddd\"/>\n", left, y,
                       left + pw, y);
      o += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{:g}{}</text>\n", left - 6, y + 4,
                       ymax * i / 4, unit);
    }
    for (int i = 0; i <= 5; ++i) {
      const double t = t1 * i / 5;
      o += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{:.{}f}</text>\n", x(t),
                       y0 + panel + 16, t, t_decimals);
    }
    o += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#333\"/>\n", left, y0,
                     pw, panel);
    o += fmt::format("<text x=\"{}\" y=\"{}\" transform=\"rotate(-90 {} {})\" text-anchor=\"middle\">{}</text>\n",
                     left - 48, y0 + panel / 2, left - 48, y0 + panel / 2, ylabel);
    o += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">time [s]</text>\n", left + pw / 2,
                     y0 + panel + 34);
  };
  auto legend = [&](double y, std::string_view colour, std::string_view text) {
    o += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/>", left + pw + 16, y, colour);
    o += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", left + pw + 34, y + 10, text);
  };

  // Panel 1: IPC per interval; intervals without cycles leave a gap.
  const double y1 = top;
  frame(y1, ipc_max, "IPC", "");
  std::string pts;
  auto flush_line = [&] {
    if (!pts.empty())
      o += fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>\n", pts, kIpcColour);
    pts.clear();
  };
  for (size_t i = 0; i < samples.size(); ++i) {
    const auto v = evaluate(metrics[0], samples[i].delta);
    if (!v) {
      flush_line();
      continue;
    }
    const double y = y1 + panel - *v / ipc_max * panel;
    pts += fmt::format("{:.1f},{:.1f} {:.1f},{:.1f} ", x(start_of(i)), y, x(samples[i].t), y);
  }
  flush_line();
  legend(y1 + 4, kIpcColour, "IPC");

  // Panel 2: the stall shares of the cycles, stacked.
  const double y2 = top + panel + gap;
  frame(y2, 100, "share of cycles", "%");
  std::vector<double> base(samples.size(), 0.0);
  for (size_t k = 0; k < stalls.size(); ++k) {
    const std::string_view colour = kStallColours[k % kStallColours.size()];
    bool counted = false;
    std::vector<double> topv(samples.size());
    for (size_t i = 0; i < samples.size(); ++i) {
      const auto v = evaluate(*stalls[k], samples[i].delta);
      counted |= v.has_value();
      topv[i] = std::min(100.0, base[i] + v.value_or(0));
    }
    if (counted) {
      auto y = [&](double share) { return y2 + panel - share / 100 * panel; };
      std::string poly;
      for (size_t i = 0; i < samples.size(); ++i)
        poly += fmt::format("{:.1f},{:.1f} {:.1f},{:.1f} ", x(start_of(i)), y(topv[i]), x(samples[i].t), y(topv[i]));
      for (size_t i = samples.size(); i-- > 0;)
        poly += fmt::format("{:.1f},{:.1f} {:.1f},{:.1f} ", x(samples[i].t), y(base[i]), x(start_of(i)), y(base[i]));
      o += fmt::format("<polygon points=\"{}\" fill=\"{}\" fill-opacity=\"0.8\" stroke=\"none\"/>\n", poly, colour);
    }
    legend(y2 + 4 + 20.0 * static_cast<double>(k), colour,
           fmt::format("{}{}", stalls[k]->label, counted ? "" : " (not counted)"));
    base = topv;
  }
  o += "</svg>\n";
  return o;
}

}  // namespace corelab::host
