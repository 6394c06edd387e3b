// The golden instruction-set simulator: RV32IM + Zicsr + Zicntr + Zihpm + Zifencei in machine mode,
// on the SoC memory map of docs/memory-map.md. Two ways to drive it:
//  - run(): the fast interpreter (pre-decoded instructions, no per-instruction reporting);
//  - step(): one instruction at a time with a full report of what it did (RVFI-style), for commit
//    logs and lockstep co-simulation, plus hooks to take an interrupt now and to feed the values
//    that only the RTL knows (MMIO loads, counter reads).
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "corelab/iss/decode.hpp"
#include "corelab/iss/elf_image.hpp"

namespace corelab::iss {

// The number of mhpmcounters of the default SoC: mhpmcounter3 .. mhpmcounter(3 + kHpmCounters - 1).
inline constexpr unsigned kHpmCounters = 8;

struct Config {
  uint32_t ram_base = 0x80000000u;
  uint32_t ram_size = 0x10000u;
  uint32_t clock_hz = 100'000'000u;  // reported by the descriptor; the ISS runs 1 instruction/cycle
  uint32_t core_kind = 0;            // SOC_CORE_ISS
  unsigned num_hpm = kHpmCounters;   // mhpmcounters implemented (the SoC's NumHpm)
};

// What one step did, in the spirit of the RISC-V Formal Interface (riscv-formal) retire port.
struct StepReport {
  enum class Kind : uint8_t { kRetired, kException, kInterrupt, kHalted };
  Kind kind = Kind::kRetired;
  uint64_t order = 0;        // index of the step (retired instruction or trap)
  uint32_t pc_rdata = 0;     // pc of the instruction (or, for kInterrupt, the interrupted pc)
  uint32_t pc_wdata = 0;     // next pc
  uint32_t insn = 0;
  uint8_t rd_addr = 0;       // 0 when no register was written
  uint32_t rd_wdata = 0;
  uint32_t mem_addr = 0;
  uint8_t mem_rmask = 0;     // byte lanes read / written (bit i = byte i of the aligned word)
  uint8_t mem_wmask = 0;
  uint32_t mem_rdata = 0;    // the loaded value as seen by the register (after extension) is rd_wdata
  uint32_t mem_wdata = 0;    // the stored value (low bytes for sb/sh)
  uint32_t cause = 0;        // mcause for kException / kInterrupt
  uint32_t tval = 0;
  bool csr_written = false;
  uint32_t csr_addr = 0;
  uint32_t csr_wdata = 0;    // the value the CSR holds after the write
};

enum class StopReason : uint8_t { kNone, kExit, kLimit };

struct RunResult {
  StopReason reason = StopReason::kNone;
  uint64_t executed = 0;  // steps run in this call
};

class Iss {
 public:
  explicit Iss(const Config& config = {});

  // Copies the ELF's segments into RAM (zeroing the rest), watches `tohost` when the ELF has it, and
  // resets the hart with pc = the ELF's entry. Throws ElfError when a segment lies outside RAM.
  void load(const ElfImage& elf);
  void reset(uint32_t pc);

  RunResult run(uint64_t max_steps);
  StepReport step();

  bool exited() const { return exited_; }
  int exit_code() const { return exit_code_; }

  // ---- co-simulation hooks ----
  // With auto interrupts off the ISS never takes an interrupt by itself; take_interrupt() enters
  // the handler for `cause` now and returns false (doing nothing) if the hart could not take it.
  void set_auto_interrupts(bool on) { auto_interrupts_ = on; }
  bool take_interrupt(uint32_t cause, StepReport* report = nullptr);
  // The next MMIO load or counter/mip CSR read returns `value` instead of the ISS's own.
  void inject_read_value(uint32_t value) { injected_.push_back(value); }
  void set_external_irq(bool level) { ext_irq_line_ = level; }
  void push_uart_rx(uint8_t byte) { uart_rx_.push_back(byte); }

  // Console bytes written to the UART go here (default: collected in console()).
  void set_console_sink(std::function<void(uint8_t)> sink) { console_sink_ = std::move(sink); }

  // ---- state ----
  uint32_t pc() const { return pc_; }
  uint32_t reg(unsigned r) const { return r < 32 ? x_[r] : 0; }
  void set_reg(unsigned r, uint32_t v) {
    if (r != 0 && r < 32) x_[r] = v;
  }
  std::optional<uint32_t> read_csr(uint32_t csr);  // nullopt when the CSR does not exist
  uint64_t instret() const;
  uint64_t cycles() const;
  uint64_t mtime() const;
  // Total count of a spec/hpm_events.h event since reset (what an uninhibited counter would show).
  uint64_t event_total(uint32_t event) const { return event_count(event); }
  // Reads RAM (nullopt outside RAM); writes RAM (false outside RAM).
  std::optional<uint32_t> peek32(uint32_t addr) const;
  bool poke(uint32_t addr, const uint8_t* data, size_t len);
  const Config& config() const { return cfg_; }

 private:
  template <bool kReport>
  uint64_t execute(uint64_t budget, StepReport* rep);

  // Traps and interrupts.
  void enter_trap(uint32_t cause, uint32_t tval, uint32_t epc);
  uint32_t pending_interrupts() const;
  std::optional<uint32_t> deliverable_interrupt() const;
  uint64_t steps_until_timer() const;
  void wfi();

  // Memory beyond the RAM fast path. Return false on an access fault.
  bool load_slow(uint32_t addr, unsigned size, uint32_t& value);
  bool store_slow(uint32_t addr, unsigned size, uint32_t value);
  bool mmio_read(uint32_t addr, uint32_t& value);
  bool mmio_write(uint32_t addr, uint32_t value);
  void check_tohost(uint32_t value);

  // CSRs. csr_op returns false when the access is illegal.
  bool csr_op(uint32_t csr, Op op, uint32_t operand, bool writes, uint32_t& old, StepReport* rep);
  bool csr_read_raw(uint32_t csr, uint32_t& value) const;
  bool csr_write_raw(uint32_t csr, uint32_t value);

  // Counters: every counter is offset + a monotonic event count, or frozen while inhibited.
  struct Counter {
    uint64_t offset = 0;
    uint64_t frozen = 0;
    uint32_t event = 0;
    bool inhibited = false;
  };
  uint64_t event_count(uint32_t event) const;
  uint64_t counter_value(unsigned idx) const;
  void counter_set(unsigned idx, uint64_t value, bool written_by_csr_insn);
  void counter_configure(unsigned idx, uint32_t event, bool inhibited);
  bool counter_implemented(unsigned idx) const;

  void invalidate(uint32_t ram_offset) { code_[ram_offset >> 2].op = Op::kUndecoded; }

  Config cfg_;
  std::vector<uint8_t> ram_;
  std::vector<Decoded> code_;  // one slot per RAM word, plus a fetch-fault sentinel at the end
  std::array<uint32_t, 33> x_{};  // x0..x31, then the x0 write sink
  uint32_t pc_ = 0;

  // Machine-mode CSR state.
  bool mstatus_mie_ = false, mstatus_mpie_ = false;
  uint32_t mie_ = 0, mtvec_ = 0, mscratch_ = 0, mepc_ = 0, mcause_ = 0, mtval_ = 0;

  // Event counts (spec/hpm_events.h numbering). Steps are counted by the interpreter; the rest are
  // incremented where they happen.
  std::array<uint64_t, 32> events_{};
  uint64_t steps_ = 0;        // instructions retired + exceptions taken
  uint64_t exceptions_ = 0;
  uint64_t idle_cycles_ = 0;  // cycles spent in wfi
  std::array<Counter, 32> counters_{};  // index = CSR number - 0xB00 (0 mcycle, 2 minstret, 3..)

  // Devices.
  uint64_t mtime_offset_ = 0;  // mtime = cycles + offset
  uint64_t mtimecmp_ = ~uint64_t{0};
  bool msip_ = false;
  bool ext_irq_reg_ = false, ext_irq_line_ = false;
  uint32_t leds_ = 0;  // the LED register (SOC_CTRL_LEDS)
  bool uart_rx_irq_ = false;
  std::deque<uint8_t> uart_rx_;
  std::function<void(uint8_t)> console_sink_;

  uint32_t tohost_word_ = ~0u;  // RAM word index of `tohost`, or ~0 when the ELF has none
  bool exited_ = false;
  int exit_code_ = 0;
  bool auto_interrupts_ = true;
  std::deque<uint32_t> injected_;
};


}  // namespace corelab::iss
