// The golden ISS: a pre-decoding interpreter. Each RAM word has a decoded slot, filled on first
// execution and cleared by any store to that word, so self-modifying code is always seen. Dispatch
// uses computed goto (a GCC/Clang extension) from one instruction body to the next; the same bodies
// serve the fast run() loop and the fully reported step(), selected at compile time by kReport.
#include "corelab/iss/iss.hpp"

#include <algorithm>
#include <cstring>
#include <span>

#include "hpm_events.h"
#include "soc_map.h"

namespace corelab::iss {
namespace {

constexpr uint32_t kMstatusMie = 1u << 3, kMstatusMpie = 1u << 7, kMstatusMpp = 3u << 11;
constexpr uint32_t kMisa = 0x40001100u;  // MXL = 1 (RV32), extensions I and M
constexpr uint32_t kMipMsip = 1u << 3, kMipMtip = 1u << 7, kMipMeip = 1u << 11;
constexpr uint32_t kInterruptBit = 0x80000000u;
constexpr unsigned kCycleIdx = 0, kInstretIdx = 2;

enum Cause : uint32_t {
  kMisalignedFetch = 0, kFetchFault = 1, kIllegalInsn = 2, kBreakpoint = 3, kMisalignedLoad = 4,
  kLoadFault = 5, kMisalignedStore = 6, kStoreFault = 7, kEcallM = 11,
};

}  // namespace

bool Iss::counter_implemented(unsigned idx) const {
  return idx == kCycleIdx || idx == kInstretIdx || (idx >= 3 && idx < 3 + cfg_.num_hpm);
}

Iss::Iss(const Config& config) : cfg_(config) {
  ram_.assign(cfg_.ram_size, 0);
  code_.assign(cfg_.ram_size / 4 + 1, Decoded{});
  code_.back().op = Op::kFetchFault;
  counters_[kCycleIdx].event = HPM_EV_CYCLES;
  counters_[kInstretIdx].event = HPM_EV_INSTRET;
  reset(cfg_.ram_base);
}

void Iss::load(const ElfImage& elf) {
  elf.check_fits(cfg_.ram_base, cfg_.ram_size);
  std::fill(ram_.begin(), ram_.end(), 0);
  for (const auto& s : elf.segments)
    std::memcpy(ram_.data() + (s.addr - cfg_.ram_base), s.bytes.data(), s.bytes.size());
  tohost_word_ = ~0u;
  if (auto t = elf.symbol("tohost"); t && *t - cfg_.ram_base <= cfg_.ram_size - 4 && !(*t & 3))
    tohost_word_ = (*t - cfg_.ram_base) >> 2;
  reset(elf.entry);
}

void Iss::reset(uint32_t pc) {
  for (size_t i = 0; i + 1 < code_.size(); ++i) code_[i].op = Op::kUndecoded;
  x_.fill(0);
  pc_ = pc;
  mstatus_mie_ = mstatus_mpie_ = false;
  mie_ = mtvec_ = mscratch_ = mepc_ = mcause_ = mtval_ = 0;
  events_.fill(0);
  steps_ = exceptions_ = idle_cycles_ = 0;
  static constexpr uint32_t kResetEventsPipe[] = HPM_RESET_EVENTS;
  static constexpr uint32_t kResetEventsOoo[] = HPM_RESET_EVENTS_OOO;
  static_assert(std::size(kResetEventsPipe) == std::size(kResetEventsOoo));
  // The reset selection of the core the ISS stands for (the ISS itself counts as the pipe core).
  const std::span<const uint32_t> reset_events =
      cfg_.core_kind == SOC_CORE_OOO ? std::span<const uint32_t>(kResetEventsOoo) : kResetEventsPipe;
  for (unsigned i = 0; i < counters_.size(); ++i) {
    counters_[i].offset = counters_[i].frozen = 0;
    counters_[i].inhibited = false;
    if (i >= 3) counters_[i].event = (counter_implemented(i) && i - 3 < reset_events.size()) ? reset_events[i - 3] : 0;
  }
  mtime_offset_ = 0;
  mtimecmp_ = ~uint64_t{0};
  msip_ = ext_irq_reg_ = uart_rx_irq_ = false;
  leds_ = 0;
  exited_ = false;
  exit_code_ = 0;
  injected_.clear();
}

// ---------------------------------------------------------------------------------------------
// Counters and time

uint64_t Iss::event_count(uint32_t event) const {
  switch (event) {
    case HPM_EV_CYCLES: return steps_ + idle_cycles_;
    case HPM_EV_INSTRET: return steps_ - exceptions_;
    default: return event < events_.size() ? events_[event] : 0;
  }
}

uint64_t Iss::counter_value(unsigned idx) const {
  const Counter& c = counters_[idx];
  return c.inhibited ? c.frozen : c.offset + event_count(c.event);
}

// A CSR instruction that writes a counter of cycles or instructions replaces its own increment:
// the counter must read `value` once the writing instruction has retired.
void Iss::counter_set(unsigned idx, uint64_t value, bool written_by_csr_insn) {
  Counter& c = counters_[idx];
  if (c.inhibited) {
    c.frozen = value;
    return;
  }
  const bool self = written_by_csr_insn &&
                    (c.event == HPM_EV_CYCLES || c.event == HPM_EV_INSTRET);
  c.offset = value - event_count(c.event) - (self ? 1 : 0);
}

void Iss::counter_configure(unsigned idx, uint32_t event, bool inhibited) {
  const uint64_t v = counter_value(idx);
  Counter& c = counters_[idx];
  c.event = event;
  c.inhibited = inhibited;
  c.frozen = v;
  if (!inhibited) c.offset = v - event_count(event);
}

uint64_t Iss::instret() const { return counter_value(kInstretIdx); }
uint64_t Iss::cycles() const { return counter_value(kCycleIdx); }
uint64_t Iss::mtime() const { return event_count(HPM_EV_CYCLES) + mtime_offset_; }

// ---------------------------------------------------------------------------------------------
// Interrupts and traps

uint32_t Iss::pending_interrupts() const {
  uint32_t p = 0;
  if (msip_) p |= kMipMsip;
  if (mtime() >= mtimecmp_) p |= kMipMtip;
  if (ext_irq_reg_ || ext_irq_line_ || (uart_rx_irq_ && !uart_rx_.empty())) p |= kMipMeip;
  return p;
}

std::optional<uint32_t> Iss::deliverable_interrupt() const {
  if (!mstatus_mie_) return std::nullopt;
  const uint32_t p = pending_interrupts() & mie_;
  for (uint32_t cause : {11u, 3u, 7u})  // external > software > timer
    if (p & (1u << cause)) return cause;
  return std::nullopt;
}

uint64_t Iss::steps_until_timer() const {
  if (!mstatus_mie_ || !(mie_ & kMipMtip)) return ~uint64_t{0};
  const uint64_t now = mtime();
  return now >= mtimecmp_ ? 0 : mtimecmp_ - now;
}

void Iss::enter_trap(uint32_t cause, uint32_t tval, uint32_t epc) {
  mepc_ = epc & ~3u;
  mcause_ = cause;
  mtval_ = tval;
  mstatus_mpie_ = mstatus_mie_;
  mstatus_mie_ = false;
  const uint32_t base = mtvec_ & ~3u;
  pc_ = ((mtvec_ & 1u) && (cause & kInterruptBit)) ? base + 4 * (cause & 0x1fu) : base;
}

bool Iss::take_interrupt(uint32_t cause, StepReport* report) {
  if (cause >= 32 || !mstatus_mie_ || !(mie_ & (1u << cause))) return false;
  const uint32_t epc = pc_;
  enter_trap(kInterruptBit | cause, 0, epc);
  ++events_[HPM_EV_INTERRUPT];
  if (report) {
    *report = StepReport{};
    report->kind = StepReport::Kind::kInterrupt;
    report->order = steps_;
    report->pc_rdata = epc;
    report->pc_wdata = pc_;
    report->cause = kInterruptBit | cause;
  }
  return true;
}

void Iss::wfi() {
  if (pending_interrupts() & mie_) return;
  // Nothing pending: let time run to the timer compare if the timer can wake us.
  if (auto_interrupts_ && (mie_ & kMipMtip) && mtimecmp_ > mtime()) idle_cycles_ += mtimecmp_ - mtime();
}

// ---------------------------------------------------------------------------------------------
// Memory and devices

std::optional<uint32_t> Iss::peek32(uint32_t addr) const {
  const uint32_t off = addr - cfg_.ram_base;
  if (off > cfg_.ram_size - 4) return std::nullopt;
  uint32_t v;
  std::memcpy(&v, ram_.data() + off, 4);
  return v;
}

bool Iss::poke(uint32_t addr, const uint8_t* data, size_t len) {
  const uint64_t off = addr - cfg_.ram_base;
  if (off + len > cfg_.ram_size) return false;
  std::memcpy(ram_.data() + off, data, len);
  for (uint64_t w = off & ~uint64_t{3}; w < off + len; w += 4) invalidate(static_cast<uint32_t>(w));
  return true;
}

bool Iss::load_slow(uint32_t addr, unsigned size, uint32_t& value) {
  if (size != 4 || addr - SOC_MMIO_BASE >= SOC_MMIO_SIZE) return false;
  if (!injected_.empty()) {
    value = injected_.front();
    injected_.pop_front();
    return true;
  }
  return mmio_read(addr, value);
}

bool Iss::store_slow(uint32_t addr, unsigned size, uint32_t value) {
  if (size != 4 || addr - SOC_MMIO_BASE >= SOC_MMIO_SIZE) return false;
  return mmio_write(addr, value);
}

bool Iss::mmio_read(uint32_t addr, uint32_t& v) {
  const uint64_t now = mtime();
  switch (addr) {
    case SOC_UART_BASE + SOC_UART_DATA:
      v = 0;
      if (!uart_rx_.empty()) {
        v = uart_rx_.front();
        uart_rx_.pop_front();
      }
      return true;
    case SOC_UART_BASE + SOC_UART_STATUS:
      v = SOC_UART_STATUS_TX_READY | SOC_UART_STATUS_TX_IDLE |
          (uart_rx_.empty() ? 0u : SOC_UART_STATUS_RX_VALID);
      return true;
    case SOC_UART_BASE + SOC_UART_CTRL: v = uart_rx_irq_ ? SOC_UART_CTRL_RX_IRQ : 0u; return true;
    case SOC_TIMER_BASE + SOC_TIMER_MTIME: v = static_cast<uint32_t>(now); return true;
    case SOC_TIMER_BASE + SOC_TIMER_MTIMEH: v = static_cast<uint32_t>(now >> 32); return true;
    case SOC_TIMER_BASE + SOC_TIMER_MTIMECMP: v = static_cast<uint32_t>(mtimecmp_); return true;
    case SOC_TIMER_BASE + SOC_TIMER_MTIMECMPH: v = static_cast<uint32_t>(mtimecmp_ >> 32); return true;
    case SOC_TIMER_BASE + SOC_TIMER_MSIP: v = msip_ ? 1u : 0u; return true;
    case SOC_CTRL_BASE + SOC_CTRL_EXIT: v = 0; return true;
    case SOC_CTRL_BASE + SOC_CTRL_EXT_IRQ: v = ext_irq_reg_ ? 1u : 0u; return true;
    case SOC_CTRL_BASE + SOC_CTRL_MAGIC: v = SOC_MAGIC_VALUE; return true;
    case SOC_CTRL_BASE + SOC_CTRL_VERSION: v = SOC_DESCRIPTOR_VERSION; return true;
    case SOC_CTRL_BASE + SOC_CTRL_CORE_KIND: v = cfg_.core_kind; return true;
    case SOC_CTRL_BASE + SOC_CTRL_CLOCK_HZ: v = cfg_.clock_hz; return true;
    case SOC_CTRL_BASE + SOC_CTRL_RAM_BASE: v = cfg_.ram_base; return true;
    case SOC_CTRL_BASE + SOC_CTRL_RAM_SIZE: v = cfg_.ram_size; return true;
    case SOC_CTRL_BASE + SOC_CTRL_MISA: v = kMisa; return true;
    case SOC_CTRL_BASE + SOC_CTRL_EVENTS_VERSION: v = HPM_EVENTS_VERSION; return true;
    case SOC_CTRL_BASE + SOC_CTRL_LEDS: v = leds_; return true;
    case SOC_CTRL_BASE + SOC_CTRL_BUTTONS: v = 0; return true;  // no buttons in simulation
    default: return false;
  }
}

bool Iss::mmio_write(uint32_t addr, uint32_t v) {
  const uint64_t now = mtime();
  switch (addr) {
    case SOC_UART_BASE + SOC_UART_DATA:
      if (console_sink_) console_sink_(static_cast<uint8_t>(v));
      return true;
    case SOC_UART_BASE + SOC_UART_CTRL: uart_rx_irq_ = v & SOC_UART_CTRL_RX_IRQ; return true;
    case SOC_TIMER_BASE + SOC_TIMER_MTIME:
      mtime_offset_ = ((now & ~uint64_t{0xffffffff}) | v) - event_count(HPM_EV_CYCLES);
      return true;
    case SOC_TIMER_BASE + SOC_TIMER_MTIMEH:
      mtime_offset_ = ((uint64_t{v} << 32) | (now & 0xffffffffu)) - event_count(HPM_EV_CYCLES);
      return true;
    case SOC_TIMER_BASE + SOC_TIMER_MTIMECMP: mtimecmp_ = (mtimecmp_ & ~uint64_t{0xffffffff}) | v; return true;
    case SOC_TIMER_BASE + SOC_TIMER_MTIMECMPH:
      mtimecmp_ = (uint64_t{v} << 32) | (mtimecmp_ & 0xffffffffu);
      return true;
    case SOC_TIMER_BASE + SOC_TIMER_MSIP: msip_ = v & 1u; return true;
    case SOC_CTRL_BASE + SOC_CTRL_EXIT:
      if (v & 1u) {
        exited_ = true;
        exit_code_ = static_cast<int>(v >> 1);
      }
      return true;
    case SOC_CTRL_BASE + SOC_CTRL_EXT_IRQ: ext_irq_reg_ = v & 1u; return true;
    case SOC_CTRL_BASE + SOC_CTRL_LEDS: leds_ = v & 0xffu; return true;
    // Read-only registers ignore writes.
    case SOC_UART_BASE + SOC_UART_STATUS:
    case SOC_CTRL_BASE + SOC_CTRL_MAGIC:
    case SOC_CTRL_BASE + SOC_CTRL_VERSION:
    case SOC_CTRL_BASE + SOC_CTRL_CORE_KIND:
    case SOC_CTRL_BASE + SOC_CTRL_CLOCK_HZ:
    case SOC_CTRL_BASE + SOC_CTRL_RAM_BASE:
    case SOC_CTRL_BASE + SOC_CTRL_RAM_SIZE:
    case SOC_CTRL_BASE + SOC_CTRL_MISA:
    case SOC_CTRL_BASE + SOC_CTRL_EVENTS_VERSION:
    case SOC_CTRL_BASE + SOC_CTRL_BUTTONS: return true;
    default: return false;
  }
}

void Iss::check_tohost(uint32_t value) {
  if (value & 1u) {
    exited_ = true;
    exit_code_ = static_cast<int>(value >> 1);
  }
}

// ---------------------------------------------------------------------------------------------
// CSRs

bool Iss::csr_read_raw(uint32_t csr, uint32_t& v) const {
  switch (csr) {
    case 0x300: v = (mstatus_mie_ ? kMstatusMie : 0) | (mstatus_mpie_ ? kMstatusMpie : 0) | kMstatusMpp; return true;
    case 0x301: v = kMisa; return true;
    case 0x304: v = mie_; return true;
    case 0x305: v = mtvec_; return true;
    case 0x310: v = 0; return true;  // mstatush
    case 0x320: {
      v = 0;
      for (unsigned i = 0; i < 32; ++i)
        if (counter_implemented(i) && counters_[i].inhibited) v |= 1u << i;
      return true;
    }
    case 0x340: v = mscratch_; return true;
    case 0x341: v = mepc_; return true;
    case 0x342: v = mcause_; return true;
    case 0x343: v = mtval_; return true;
    case 0x344: v = pending_interrupts(); return true;
    case 0xf11: case 0xf12: case 0xf13: case 0xf14: case 0xf15: v = 0; return true;
    case 0xc01: v = static_cast<uint32_t>(mtime()); return true;
    case 0xc81: v = static_cast<uint32_t>(mtime() >> 32); return true;
    default: break;
  }
  const uint32_t idx = csr & 0x1fu;
  if (csr >= 0x323 && csr <= 0x33f) {  // mhpmevent3..31
    v = counter_implemented(idx) ? counters_[idx].event : 0;
    return true;
  }
  const uint32_t family = csr & ~0x1fu;
  if (family == 0xb00 || family == 0xb80 || family == 0xc00 || family == 0xc80) {
    if (idx == 1) return false;  // 0xB01/0xB81 do not exist (time is only a user-level shadow)
    const uint64_t value = counter_implemented(idx) ? counter_value(idx) : 0;
    v = (family == 0xb80 || family == 0xc80) ? static_cast<uint32_t>(value >> 32)
                                             : static_cast<uint32_t>(value);
    return true;
  }
  return false;
}

bool Iss::csr_write_raw(uint32_t csr, uint32_t v) {
  switch (csr) {
    case 0x300:
      mstatus_mie_ = v & kMstatusMie;
      mstatus_mpie_ = v & kMstatusMpie;
      return true;
    case 0x301: case 0x310: case 0x344: return true;  // misa, mstatush, mip: writes ignored
    case 0x304: mie_ = v & (kMipMsip | kMipMtip | kMipMeip); return true;
    case 0x305: mtvec_ = v & ~2u; return true;
    case 0x320:
      for (unsigned i = 0; i < 32; ++i)
        if (counter_implemented(i)) counter_configure(i, counters_[i].event, (v >> i) & 1u);
      return true;
    case 0x340: mscratch_ = v; return true;
    case 0x341: mepc_ = v & ~3u; return true;
    case 0x342: mcause_ = v; return true;
    case 0x343: mtval_ = v; return true;
    default: break;
  }
  const uint32_t idx = csr & 0x1fu;
  if (csr >= 0x323 && csr <= 0x33f) {
    if (counter_implemented(idx))
      counter_configure(idx, v < HPM_EVENT_COUNT ? v : 0, counters_[idx].inhibited);
    return true;
  }
  const uint32_t family = csr & ~0x1fu;
  if (family == 0xb00 || family == 0xb80) {
    if (idx == 1) return false;
    if (!counter_implemented(idx)) return true;
    const uint64_t old = counter_value(idx);
    const uint64_t value = family == 0xb80 ? (uint64_t{v} << 32) | (old & 0xffffffffu)
                                           : (old & ~uint64_t{0xffffffff}) | v;
    counter_set(idx, value, true);
    return true;
  }
  return false;
}

bool Iss::csr_op(uint32_t csr, Op op, uint32_t operand, bool writes, uint32_t& old,
                 StepReport* rep) {
  if (!csr_read_raw(csr, old)) return false;
  if (writes && (csr >> 10) == 3) return false;  // read-only CSR
  const uint32_t family = csr & ~0x1fu;
  const bool volatile_csr = csr == 0x344 || family == 0xb00 || family == 0xb80 ||
                            family == 0xc00 || family == 0xc80;
  if (volatile_csr && !injected_.empty()) {
    old = injected_.front();
    injected_.pop_front();
  }
  if (!writes) return true;
  const uint32_t value = (op == Op::kCsrrw || op == Op::kCsrrwi)   ? operand
                         : (op == Op::kCsrrs || op == Op::kCsrrsi) ? old | operand
                                                                   : old & ~operand;
  if (!csr_write_raw(csr, value)) return false;
  if (rep) {
    rep->csr_written = true;
    rep->csr_addr = csr;
    // A counter holds the written value once this instruction retires; other CSRs read back their
    // legal (WARL) value.
    if (family == 0xb00 || family == 0xb80) rep->csr_wdata = value;
    else csr_read_raw(csr, rep->csr_wdata);
  }
  return true;
}

std::optional<uint32_t> Iss::read_csr(uint32_t csr) {
  uint32_t v;
  if (!csr_read_raw(csr, v)) return std::nullopt;
  return v;
}

}  // namespace corelab::iss
