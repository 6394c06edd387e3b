// Drives a Verilated SoC model (any core: the model's ports are those of hw/rtl/soc/soc_top.sv):
// loads a program through the loader port while the core is held, runs clock cycles, and reports
// what each cycle retired, printed and counted. Owns the model and the optional FST trace.
#pragma once

#include <verilated.h>
#include <verilated_fst_c.h>

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "corelab/iss/elf_image.hpp"
#include "corelab/rtl/retire.hpp"
#include "hpm_events.h"

namespace corelab::rtl {

struct TraceWindow {
  std::string path;  // empty: no trace
  uint64_t start = 0;
  uint64_t stop = ~uint64_t{0};
};

// soc_top's trace ports carry one RVFI channel per commit slot (channel c at bits
// [c*width +: width]); Verilator makes them an integer up to 64 bits, a VlWide beyond.
template <class T>
uint64_t channel_field(const T& port, unsigned channel, unsigned width) {
  const unsigned lo = channel * width;
  if constexpr (std::is_integral_v<T>) {
    const uint64_t v = static_cast<uint64_t>(port) >> lo;
    return width >= 64 ? v : v & ((uint64_t{1} << width) - 1);
  } else {  // VlWide: the fields that wide are whole 32-bit words
    uint64_t v = port[lo / 32];
    if (width > 32) v |= static_cast<uint64_t>(port[lo / 32 + 1]) << 32;
    return v;
  }
}

template <class Model>
class RtlSoc {
 public:
  // `plusargs` reach the RTL's $value$plusargs (e.g. "+boot_rom=FILE"). A SoC with a boot ROM copies
  // it into RAM after reset: `boot_cycles` (at least two per ROM word) lets that finish before a
  // load.
  explicit RtlSoc(const TraceWindow& trace, const std::vector<std::string>& plusargs = {},
                  uint32_t boot_cycles = 0)
      : ctx_(std::make_unique<VerilatedContext>()) {
    ctx_->traceEverOn(!trace.path.empty());
    std::vector<const char*> argv{"coresim"};
    for (const auto& a : plusargs) argv.push_back(a.c_str());
    ctx_->commandArgs(static_cast<int>(argv.size()), argv.data());
    model_ = std::make_unique<Model>(ctx_.get());
    trace_ = trace;
    if (!trace.path.empty()) {
      fst_ = std::make_unique<VerilatedFstC>();
      model_->trace(fst_.get(), 99);
      fst_->open(trace.path.c_str());
    }
    model_->uart_rx_i = 1;
    model_->btn_i = 0;
    model_->rst_ni = 0;
    model_->core_hold_i = 1;
    model_->sim_load_valid_i = 0;
    tick();
    model_->rst_ni = 1;
    tick();
    for (uint32_t i = 0; i < boot_cycles; ++i) tick();
  }
  ~RtlSoc() {
    if (fst_) fst_->close();
    model_->final();
  }
  RtlSoc(const RtlSoc&) = delete;
  RtlSoc& operator=(const RtlSoc&) = delete;

  // Writes every segment into RAM with the core held, then releases the core at `entry`.
  void load(const ElfImage& elf) {
    model_->core_hold_i = 1;
    for (const auto& seg : elf.segments) {
      for (size_t i = 0; i < seg.bytes.size(); i += 4) {
        uint32_t w = 0;
        for (size_t b = 0; b < 4 && i + b < seg.bytes.size(); ++b) w |= uint32_t{seg.bytes[i + b]} << (8 * b);
        model_->sim_load_valid_i = 1;
        model_->sim_load_addr_i = seg.addr + static_cast<uint32_t>(i);
        model_->sim_load_data_i = w;
        tick();
      }
    }
    model_->sim_load_valid_i = 0;
    model_->boot_pc_i = elf.entry;
    tick();
    model_->core_hold_i = 0;
  }

  // Lets the core run with what RAM holds (a host loads programs over the link).
  void release() {
    model_->core_hold_i = 0;
    model_->boot_pc_i = 0x80000000u;
  }

  // Runs one clock cycle; the callbacks see what happened in it.
  void cycle() {
    tick();
    if (model_->sim_tx_valid_o && on_console) on_console(static_cast<uint8_t>(model_->sim_tx_data_o));
    if (model_->sim_exit_valid_o && on_exit) on_exit(static_cast<int>(model_->sim_exit_code_o));
    if (model_->irq_trace_valid_o && on_interrupt) on_interrupt(model_->irq_trace_cause_o);
    // Every channel that retired this cycle, oldest (channel 0) first.
    constexpr unsigned kChannels = 8 * sizeof(model_->rvfi_valid_o);
    for (unsigned c = 0; c < kChannels && on_retire; ++c) {
      if (!channel_field(model_->rvfi_valid_o, c, 1)) continue;
      const auto f = [c](const auto& port, unsigned width) {
        return channel_field(port, c, width);
      };
      Retire r;
      r.order = f(model_->rvfi_order_o, 64);
      r.insn = static_cast<uint32_t>(f(model_->rvfi_insn_o, 32));
      r.trap = f(model_->rvfi_trap_o, 1);
      r.intr = f(model_->rvfi_intr_o, 1);
      r.rd_addr = static_cast<uint8_t>(f(model_->rvfi_rd_addr_o, 5));
      r.rd_wdata = static_cast<uint32_t>(f(model_->rvfi_rd_wdata_o, 32));
      r.pc_rdata = static_cast<uint32_t>(f(model_->rvfi_pc_rdata_o, 32));
      r.pc_wdata = static_cast<uint32_t>(f(model_->rvfi_pc_wdata_o, 32));
      r.mem_addr = static_cast<uint32_t>(f(model_->rvfi_mem_addr_o, 32));
      r.mem_rmask = static_cast<uint8_t>(f(model_->rvfi_mem_rmask_o, 4));
      r.mem_wmask = static_cast<uint8_t>(f(model_->rvfi_mem_wmask_o, 4));
      r.mem_rdata = static_cast<uint32_t>(f(model_->rvfi_mem_rdata_o, 32));
      r.mem_wdata = static_cast<uint32_t>(f(model_->rvfi_mem_wdata_o, 32));
      on_retire(r);
    }
    // The event vector: EventCountW (2) bits per event, event n at bits [2n+1:2n].
    const uint64_t ev = static_cast<uint64_t>(model_->sim_events_o);
    for (unsigned e = 0; e < HPM_EVENT_COUNT; ++e) events_[e] += (ev >> (2 * e)) & 3u;
  }

  uint64_t cycles() const { return cycles_; }
  // Drives the clock low without a rising edge after it, so logic sampled at the falling edge (the
  // ooo core's pipeline trace) sees the last cycle too; nothing changes state. The next cycle()
  // starts from there.
  void falling_edge() {
    model_->clk_i = 0;
    model_->eval();
  }
  // The model's simulation context (DPI scopes live there).
  VerilatedContext& context() { return *ctx_; }
  // The serial pins, for a bit-level link (the simulated board's UART).
  int uart_tx() const { return model_->uart_tx_o; }
  void set_uart_rx(int level) { model_->uart_rx_i = static_cast<uint8_t>(level); }
  uint64_t event_total(unsigned e) const { return e < events_.size() ? events_[e] : 0; }

  std::function<void(uint8_t)> on_console;
  std::function<void(int)> on_exit;
  std::function<void(uint32_t)> on_interrupt;
  std::function<void(const Retire&)> on_retire;

 private:
  void tick() {
    model_->clk_i = 0;
    model_->eval();
    dump();
    ctx_->timeInc(1);
    model_->clk_i = 1;
    model_->eval();
    dump();
    ctx_->timeInc(1);
    ++cycles_;
  }
  void dump() {
    if (fst_ && cycles_ >= trace_.start && cycles_ <= trace_.stop) fst_->dump(ctx_->time());
  }

  std::unique_ptr<VerilatedContext> ctx_;
  std::unique_ptr<Model> model_;
  std::unique_ptr<VerilatedFstC> fst_;
  TraceWindow trace_;
  uint64_t cycles_ = 0;
  std::array<uint64_t, HPM_EVENT_COUNT> events_{};
};

}  // namespace corelab::rtl
