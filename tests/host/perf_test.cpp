// Derived metrics and counter reports: the formulas, intervals between snapshots, and the text,
// JSON, CSV and SVG outputs.
#include <gtest/gtest.h>

#include "corelab/host/perf.hpp"
#include "hpm_events.h"

namespace corelab::host::test {
namespace {

// How often `what` occurs in `text` (the plot's stacked areas).
size_t occurrences(std::string_view text, std::string_view what) {
  size_t n = 0;
  for (size_t p = text.find(what); p != std::string_view::npos; p = text.find(what, p + 1)) ++n;
  return n;
}

const MetricInfo& metric(std::string_view id, CoreKind kind = CoreKind::Pipe) {
  for (const auto& m : metric_table(kind))
    if (m.id == id) return m;
  throw std::runtime_error("no metric " + std::string(id));
}

CounterSnapshot sample() {
  return CounterSnapshot{10000, 8000,
                         {{HPM_EV_ICACHE_ACCESS, 8000},
                          {HPM_EV_ICACHE_MISS, 40},
                          {HPM_EV_DCACHE_ACCESS, 2000},
                          {HPM_EV_DCACHE_MISS, 100},
                          {HPM_EV_MISPREDICT, 80},
                          {HPM_EV_LOAD_USE_STALL, 500},
                          {HPM_EV_FRONTEND_MEM_STALL, 250},
                          {HPM_EV_NONE, 0}}};
}

TEST(Perf, DerivedMetrics) {
  const CounterSnapshot s = sample();
  EXPECT_DOUBLE_EQ(*evaluate(metric("ipc"), s), 0.8);
  EXPECT_DOUBLE_EQ(*evaluate(metric("cpi"), s), 1.25);
  EXPECT_DOUBLE_EQ(*evaluate(metric("icache_miss_pct"), s), 0.5);
  EXPECT_DOUBLE_EQ(*evaluate(metric("dcache_miss_pct"), s), 5.0);
  EXPECT_DOUBLE_EQ(*evaluate(metric("branch_mpki"), s), 10.0);
  EXPECT_DOUBLE_EQ(*evaluate(metric("load_use_stall_pct"), s), 5.0);
  EXPECT_DOUBLE_EQ(*evaluate(metric("frontend_mem_stall_pct"), s), 2.5);
  EXPECT_FALSE(evaluate(metric("backend_mem_stall_pct"), s).has_value()) << "no counter counts it";
  EXPECT_FALSE(evaluate(metric("ipc"), CounterSnapshot{}).has_value()) << "0 cycles";
  // Two counters on the same event add up.
  CounterSnapshot twice = s;
  twice.hpm.push_back({HPM_EV_DCACHE_MISS, 100});
  EXPECT_DOUBLE_EQ(*evaluate(metric("dcache_miss_pct"), twice), 10.0);
}

TEST(Perf, DeltasCountFromZeroAfterAResetOrANewEvent) {
  CounterSnapshot before{100, 80, {{3, 50}, {4, 7}}};
  CounterSnapshot now{300, 240, {{3, 90}, {6, 5}}};
  const CounterSnapshot d = counter_delta(now, before);
  EXPECT_EQ(d.mcycle, 200u);
  EXPECT_EQ(d.minstret, 160u);
  EXPECT_EQ(d.hpm[0].count, 40u);
  EXPECT_EQ(d.hpm[1].count, 5u) << "the counter counts another event now";
  const CounterSnapshot z = counter_delta(CounterSnapshot{10, 8, {}}, before);
  EXPECT_EQ(z.mcycle, 10u) << "zeroed in between";
}

TEST(Perf, ReportsAgreeOnColumns) {
  const CounterSnapshot s = sample();
  const std::string table = format_counter_table(s, CoreKind::Pipe);
  EXPECT_NE(table.find("10,000"), std::string::npos) << table;
  EXPECT_NE(table.find("ICACHE_MISS"), std::string::npos);
  EXPECT_NE(table.find("IPC"), std::string::npos);
  EXPECT_NE(table.find("n/a"), std::string::npos);

  const nlohmann::json j = counters_json(s, CoreKind::Pipe);
  EXPECT_EQ(j["mcycle"], 10000);
  EXPECT_EQ(j["counters"].size(), 8u);
  EXPECT_EQ(j["counters"][1]["event"], "ICACHE_MISS");
  EXPECT_DOUBLE_EQ(j["metrics"]["ipc"].get<double>(), 0.8);
  EXPECT_TRUE(j["metrics"]["backend_mem_stall_pct"].is_null());

  auto columns = [](const std::string& line) { return std::count(line.begin(), line.end(), ',') + 1; };
  EXPECT_EQ(columns(csv_header(s, CoreKind::Pipe, true)), columns(csv_row(s, CoreKind::Pipe, 1.5)));
  EXPECT_EQ(columns(csv_header(s, CoreKind::Pipe, false)), columns(csv_row(s, CoreKind::Pipe, std::nullopt)));
  EXPECT_EQ(csv_header(s, CoreKind::Pipe, true).rfind("t,mcycle,minstret,mhpmcounter3:ICACHE_ACCESS", 0), 0u);
  EXPECT_EQ(watch_header(CoreKind::Pipe).empty(), false);
  EXPECT_NE(watch_row(2.0, s, CoreKind::Pipe).find("0.800"), std::string::npos);
}

TEST(Perf, PlotIsAnSvgWithBothPanels) {
  std::vector<PerfSample> samples;
  for (int i = 1; i <= 5; ++i) {
    CounterSnapshot s = sample();
    s.minstret = 1500u * static_cast<uint64_t>(i);
    samples.push_back({0.5 * i, s});
  }
  const std::string svg = render_plot_svg(samples, CoreKind::Pipe, "a & b <c>");
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  EXPECT_NE(svg.find("<polyline"), std::string::npos) << "IPC line";
  EXPECT_EQ(std::count(svg.begin(), svg.end(), '<') - std::count(svg.begin(), svg.end(), '>'), 0);
  EXPECT_NE(svg.find("a &amp; b &lt;c&gt;"), std::string::npos) << "title escaped";
  EXPECT_EQ(std::string::npos, svg.find("nan"));
  EXPECT_EQ(occurrences(svg, "<polygon"), 2u) << "load-use and front-end stalls are counted, the others not";
  EXPECT_NE(svg.find("(not counted)"), std::string::npos);
  EXPECT_NO_THROW(render_plot_svg({}, CoreKind::Pipe, "empty"));
  EXPECT_NO_THROW(render_plot_svg(std::span(samples).first(1), CoreKind::Pipe, "one"));
}

// The out-of-order core has its own stall breakdown; the pipe core's does not show there, nor the
// other way round.
TEST(Perf, StallBreakdownPerCoreKind) {
  const CounterSnapshot s{10000, 9000,
                          {{HPM_EV_ROB_FULL, 1200},
                           {HPM_EV_IQ_FULL, 300},
                           {HPM_EV_RENAME_STALL, 1400},
                           {HPM_EV_MISPREDICT_FLUSH, 600},
                           {HPM_EV_COMMIT2, 1500},
                           {HPM_EV_LOAD_USE_STALL, 0}}};
  EXPECT_DOUBLE_EQ(*evaluate(metric("rob_full_pct", CoreKind::Ooo), s), 12.0);
  EXPECT_DOUBLE_EQ(*evaluate(metric("iq_full_pct", CoreKind::Ooo), s), 3.0);
  EXPECT_DOUBLE_EQ(*evaluate(metric("rename_stall_pct", CoreKind::Ooo), s), 14.0);
  EXPECT_DOUBLE_EQ(*evaluate(metric("mispredict_flush_pct", CoreKind::Ooo), s), 6.0);
  EXPECT_DOUBLE_EQ(*evaluate(metric("commit2_pct", CoreKind::Ooo), s), 15.0);
  EXPECT_FALSE(evaluate(metric("no_free_preg_pct", CoreKind::Ooo), s).has_value()) << "not counted";
  EXPECT_THROW(metric("load_use_stall_pct", CoreKind::Ooo), std::runtime_error);
  EXPECT_THROW(metric("rob_full_pct", CoreKind::Pipe), std::runtime_error);
  EXPECT_EQ(metric_table(CoreKind::Iss).size(), 5u) << "the ISS has no stall events";
  EXPECT_EQ(metric_table(static_cast<CoreKind>(9)).size(), 5u) << "an unknown core: the common metrics";

  const std::string table = format_counter_table(s, CoreKind::Ooo);
  EXPECT_NE(table.find("ROB_FULL"), std::string::npos) << table;
  EXPECT_NE(table.find("ROB full"), std::string::npos) << table;
  EXPECT_NE(table.find("12.00 %"), std::string::npos) << table;
  EXPECT_EQ(table.find("load-use"), std::string::npos) << table;
  EXPECT_NE(watch_header(CoreKind::Ooo).find("rob%"), std::string::npos);
  EXPECT_DOUBLE_EQ(counters_json(s, CoreKind::Ooo)["metrics"]["rob_full_pct"].get<double>(), 12.0);

  std::vector<PerfSample> samples{{0.5, s}, {1.0, s}};
  const std::string svg = render_plot_svg(samples, CoreKind::Ooo, "ooo");
  EXPECT_EQ(occurrences(svg, "<polygon"), 3u) << "ROB full, issue queue full and mispredict refill are counted and stacked";
  EXPECT_NE(svg.find("mispredict refill"), std::string::npos);
}

TEST(Perf, DigitGrouping) {
  EXPECT_EQ(group_digits(0), "0");
  EXPECT_EQ(group_digits(999), "999");
  EXPECT_EQ(group_digits(1000), "1,000");
  EXPECT_EQ(group_digits(1234567), "1,234,567");
}

}  // namespace
}  // namespace corelab::host::test
