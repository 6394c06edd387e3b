// Random-traffic unit test of the cache (hw/rtl/cache/cache.sv) in one configuration, fixed at
// build time (CACHE_SIZE, CACHE_WAYS, CACHE_LINE, CACHE_READONLY). A reference memory checks every
// load; a reference cache model (tags, valid, dirty, tree PLRU) predicts every hit, miss, victim
// and write-back, so timing and replacement are checked too; a memory model with random latency
// checks the memory-side protocol. What the test checks is listed in tests/cache/README.md.
//   cache_tb_<config> [--seed N] [--requests N]   (the seed can also come from CACHE_SEED)
#include <CLI/CLI.hpp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <fmt/format.h>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "Vcache_tb_top.h"
#include "verilated.h"

namespace {

constexpr uint32_t kSize = CACHE_SIZE;
constexpr uint32_t kWays = CACHE_WAYS;
constexpr uint32_t kLine = CACHE_LINE;
constexpr bool kReadOnly = CACHE_READONLY != 0;
constexpr bool kPairRead = CACHE_READONLY == 2;  // the response also carries the next word
constexpr uint32_t kWords = kLine / 4;
constexpr uint32_t kSets = kSize / (kLine * kWays);
constexpr uint32_t kBase = 0x8000'0000u;
constexpr uint32_t kRange = 4 * kSize;  // bytes the traffic covers: four times the cache
static_assert(kSets >= 2 && kSets * kLine * kWays == kSize);

class TestFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

uint32_t line_of(uint32_t addr) { return addr & ~(kLine - 1); }

// What the cache should hold: tags, valid and dirty bits, and tree pseudo-LRU state per set
// (invalid ways are filled first, lowest first). The tree is kept as a heap: node n has children
// 2n+1 and 2n+2, the leaves are the ways; a node's bit points at the half holding the victim.
class CacheModel {
 public:
  struct Outcome {
    bool hit;
    std::optional<uint32_t> writeback;  // line address of a dirty victim
    uint32_t fill;                      // line address read on a miss
  };

  Outcome access(uint32_t addr, bool store) {
    const uint32_t set = (addr / kLine) % kSets;
    const uint32_t tag = addr / (kLine * kSets);
    Line* ways = &lines_[set * kWays];
    for (uint32_t w = 0; w < kWays; w++) {
      if (ways[w].valid && ways[w].tag == tag) {
        ways[w].dirty |= store;
        touch(set, w);
        return {true, std::nullopt, 0};
      }
    }
    uint32_t victim = kWays;
    for (uint32_t w = 0; w < kWays && victim == kWays; w++)
      if (!ways[w].valid) victim = w;
    if (victim == kWays) victim = plru_victim(set);
    Outcome out{false, std::nullopt, line_of(addr)};
    if (ways[victim].valid && ways[victim].dirty)
      out.writeback = (ways[victim].tag * kSets + set) * kLine;
    ways[victim] = Line{true, store, tag};
    touch(set, victim);
    return out;
  }

  // Every dirty line (line addresses); afterwards every line is invalid.
  std::set<uint32_t> flush() {
    std::set<uint32_t> dirty;
    for (uint32_t i = 0; i < lines_.size(); i++) {
      if (lines_[i].valid && lines_[i].dirty)
        dirty.insert((lines_[i].tag * kSets + i / kWays) * kLine);
      lines_[i] = Line{};
    }
    return dirty;
  }

 private:
  struct Line {
    bool valid = false;
    bool dirty = false;
    uint32_t tag = 0;
  };
  static constexpr uint32_t kNodes = kWays - 1;

  uint32_t plru_victim(uint32_t set) const {
    uint32_t n = 0;
    while (n < kNodes) n = 2 * n + 1 + tree_[set * kNodes + n];
    return n - kNodes;
  }
  void touch(uint32_t set, uint32_t way) {
    for (uint32_t n = way + kNodes; n > 0; n = (n - 1) / 2) {
      const uint32_t parent = (n - 1) / 2;
      tree_[set * kNodes + parent] = (n == 2 * parent + 1) ? 1 : 0;  // point away from n
    }
  }

  std::vector<Line> lines_ = std::vector<Line>(kSets * kWays);
  std::vector<uint8_t> tree_ = std::vector<uint8_t>(kSets * kNodes + 1, 0);
};

struct Request {
  uint32_t addr = 0;  // byte address of the access
  uint32_t size = 4;
  bool store = false;
  uint8_t be = 0;
  uint32_t wdata = 0;
};

struct MemTxn {
  bool write;
  uint32_t addr;
};

constexpr uint64_t kNotYet = ~0ull;

// One accepted request waiting for its response. Its lookup (stage 1: hit answered, miss found)
// is in the cycle after acceptance, or, when it was accepted in the cycle an earlier request's
// miss was found, in the cycle after that miss's response (the replay).
struct Pending {
  bool load;
  bool hit;
  uint32_t addr;
  uint32_t expect;  // a load's word, from the reference memory when it was accepted
  uint32_t expect1;  // kPairRead: the next word (when in the same line)
  uint64_t accept_cycle;
  uint64_t lookup_cycle;      // kNotYet until known
  std::vector<MemTxn> txns;   // a miss's memory transactions, expected from its lookup on
  uint8_t be;                 // a store's bytes, written into the reference memory at its lookup
  uint32_t wdata;
};

class Bench {
 public:
  Bench(uint64_t seed, uint64_t requests)
      : ctx_(std::make_unique<VerilatedContext>()), rng_(seed), requests_(requests) {
    ctx_->randReset(2);  // RAMs and unreset flops start with random values
    ctx_->randSeed(static_cast<int>(seed & 0x7fff'ffff));
    top_ = std::make_unique<Vcache_tb_top>(ctx_.get());
    backing_.resize(kRange / 4);
    for (auto& w : backing_) w = static_cast<uint32_t>(rng_());
    ref_ = backing_;
  }

  void run() {
    reset();
    new_phase();
    flush_countdown_ = next_flush_interval();
    while (!finished_) {
      if (cycle_ % 4000 == 0) new_phase();
      step();
      if (cycle_ > requests_ * 400 + 100000) fail("watchdog: the test does not progress");
    }
    for (uint32_t i = 0; i < backing_.size(); i++) {
      if (backing_[i] != ref_[i])
        fail(fmt::format("after the final flush, memory word {:#010x} is {:#010x}, expected "
                         "{:#010x}",
                         kBase + 4 * i, backing_[i], ref_[i]));
    }
  }

  std::string summary() const {
    return fmt::format("{} requests ({} hits, {} misses), {} write-backs, {} flushes, {} cycles",
                       accepted_, hits_, misses_, writes_, flushes_, cycle_);
  }

 private:
  enum class FlushState { None, Draining, Active, Holding, Final };

  [[noreturn]] void fail(const std::string& msg) const {
    throw TestFailure(fmt::format("cycle {}: {}", cycle_, msg));
  }
  uint32_t rand_below(uint32_t n) { return static_cast<uint32_t>(rng_() % n); }
  bool chance(double p) { return std::uniform_real_distribution<double>(0.0, 1.0)(rng_) < p; }
  uint32_t& ref_word(uint32_t addr) { return ref_[(addr - kBase) / 4]; }
  uint64_t next_flush_interval() { return 300 + rand_below(3000); }

  void reset() {
    top_->rst_ni = 0;
    top_->req_valid_i = 0;
    top_->flush_req_i = 0;
    top_->mem_req_ready_i = 0;
    top_->mem_wready_i = 0;
    top_->mem_rvalid_i = 0;
    for (int i = 0; i < 4; i++) {
      top_->clk_i = 0;
      top_->eval();
      top_->clk_i = 1;
      top_->eval();
    }
    top_->rst_ni = 1;
    // After reset the cache clears its valid bits, one set per cycle; then it becomes ready.
    for (uint32_t i = 0; !top_->req_ready_o; i++) {
      if (i > kSets + 4) throw TestFailure("req_ready_o does not rise after reset");
      top_->clk_i = 0;
      top_->eval();
      top_->clk_i = 1;
      top_->eval();
      top_->clk_i = 0;
      top_->eval();
    }
  }

  // New random conditions: memory speed, request rate, the sets where conflicts are forced.
  void new_phase() {
    static constexpr double kReady[] = {1.0, 0.7, 0.3};
    static constexpr uint32_t kLatency[] = {0, 2, 12};
    static constexpr double kGap[] = {0.0, 0.3, 0.7};
    static constexpr double kValid[] = {1.0, 0.9, 0.5};
    p_req_ready_ = kReady[rand_below(3)];
    p_wready_ = kReady[rand_below(3)];
    max_latency_ = kLatency[rand_below(3)];
    p_gap_ = kGap[rand_below(3)];
    p_valid_ = kValid[rand_below(3)];
    for (auto& s : conflict_sets_) s = rand_below(kSets);
  }

  Request random_request() {
    Request r;
    const uint32_t kind = rand_below(100);
    if (kind < 25 && have_last_) {
      r.addr = last_addr_;  // the same word again: store then load, load then store, ...
    } else if (kind < 55 && !recent_lines_.empty()) {
      r.addr = recent_lines_[rand_below(static_cast<uint32_t>(recent_lines_.size()))] +
               rand_below(kLine);
    } else if (kind < 70) {  // a few more lines than ways in one set: evictions, PLRU
      const uint32_t tag = rand_below(kWays + 2);
      const uint32_t set = conflict_sets_[rand_below(2)];
      r.addr = kBase + ((tag * kSets + set) * kLine) % kRange + rand_below(kLine);
    } else {
      r.addr = kBase + rand_below(kRange);
    }
    static constexpr uint32_t kSizes[] = {1, 2, 4};
    r.size = kSizes[rand_below(3)];
    r.addr &= ~(r.size - 1);
    r.store = !kReadOnly && chance(0.5);
    const uint8_t mask = static_cast<uint8_t>(((1u << r.size) - 1) << (r.addr & 3));
    // Loads carry no byte enables (as the core sends them) or their access mask: either works.
    r.be = r.store ? mask : (chance(0.5) ? mask : 0);
    r.wdata = static_cast<uint32_t>(rng_());  // bytes outside be are garbage the cache must ignore
    return r;
  }

  // ---- one clock cycle ----
  void step() {
    drive_flush();
    drive_core();
    drive_memory();
    top_->clk_i = 0;
    top_->eval();
    check_memory();
    check_core();
    check_flush();
    top_->clk_i = 1;
    top_->eval();
    cycle_++;
  }

  void drive_flush() {
    if ((flush_ == FlushState::Draining || flush_ == FlushState::Final) && !top_->flush_req_i &&
        pending_.empty() && mem_state_ == MemState::Idle) {
      // Nothing outstanding: raise the flush. The model says which lines must come back.
      flush_wbs_ = cache_.flush();
      flush_start_ = cycle_;
      final_flush_ = flush_ == FlushState::Final;
      flush_ = FlushState::Active;
      top_->flush_req_i = 1;
    } else if (flush_ == FlushState::Holding && hold_ == 0) {
      top_->flush_req_i = 0;
      flush_ = FlushState::None;
      flush_countdown_ = next_flush_interval();
      if (final_flush_) finished_ = true;
    }
  }

  void drive_core() {
    const bool flushing = flush_ == FlushState::Active || flush_ == FlushState::Holding;
    const bool quiet = flush_ == FlushState::Draining || flush_ == FlushState::Final ||
                       top_->flush_req_i || finished_;
    // A request that was not taken is usually offered again, sometimes replaced or withdrawn
    // (the fetch unit withdraws requests on a redirect).
    if (!(offered_ && chance(0.9))) req_ = random_request();
    offered_ = false;
    if (flushing) {
      top_->req_valid_i = chance(0.3);  // must not be taken while flushing
    } else {
      top_->req_valid_i = !quiet && chance(p_valid_);
    }
    top_->req_addr_i = req_.addr & ~3u;
    top_->req_we_i = req_.store;
    top_->req_be_i = req_.be;
    top_->req_wdata_i = req_.wdata;
  }

  void drive_memory() {
    top_->mem_req_ready_i = chance(p_req_ready_);
    top_->mem_wready_i = chance(p_wready_);
    rbeat_now_ = mem_state_ == MemState::Read && cycle_ >= next_rbeat_;
    top_->mem_rvalid_i = rbeat_now_;
    top_->mem_rdata_i = rbeat_now_ ? backing_[(txn_addr_ + 4 * beat_ - kBase) / 4]
                                   : static_cast<uint32_t>(rng_());
  }

  void check_memory() {
    const bool busy = mem_state_ != MemState::Idle;

    // write data
    const bool wvalid = top_->mem_wvalid_o;
    if (wdata_waiting_ && (!wvalid || top_->mem_wdata_o != waiting_wdata_))
      fail("mem_wdata_o changed (or mem_wvalid_o dropped) while waiting for mem_wready_i");
    if (wvalid && mem_state_ != MemState::Write)
      fail("mem_wvalid_o without an accepted write request");
    wdata_waiting_ = wvalid && !top_->mem_wready_i;
    waiting_wdata_ = top_->mem_wdata_o;
    if (wvalid && top_->mem_wready_i) {
      const uint32_t addr = txn_addr_ + 4 * beat_;
      if (top_->mem_wdata_o != ref_word(addr))
        fail(fmt::format("write-back of {:#010x} sends {:#010x}, expected {:#010x}", addr,
                         top_->mem_wdata_o, ref_word(addr)));
      backing_[(addr - kBase) / 4] = top_->mem_wdata_o;
      if (++beat_ == kWords) mem_state_ = MemState::Idle;
    }

    // read data (driven by drive_memory)
    if (rbeat_now_) {
      next_rbeat_ = cycle_ + 1;
      while (chance(p_gap_)) next_rbeat_++;
      if (++beat_ == kWords) mem_state_ = MemState::Idle;
    }

    // requests
    const bool valid = top_->mem_req_valid_o;
    const uint32_t addr = top_->mem_req_addr_o;
    const bool we = top_->mem_req_we_o;
    if (req_waiting_ && (!valid || addr != waiting_addr_ || we != waiting_we_))
      fail("memory request changed or withdrawn while waiting for mem_req_ready_i");
    if (valid && busy) fail("memory request before the previous transaction finished");
    req_waiting_ = valid && !top_->mem_req_ready_i;
    waiting_addr_ = addr;
    waiting_we_ = we;
    if (!(valid && top_->mem_req_ready_i)) return;

    if (addr % kLine != 0 || addr - kBase >= kRange)
      fail(fmt::format("memory request address {:#010x} is not a line in range", addr));
    if (we && kReadOnly) fail("a read-only cache writes to memory");
    if (flush_ == FlushState::Active) {
      if (!we) fail(fmt::format("line read of {:#010x} during a flush", addr));
      if (flush_wbs_.erase(addr) == 0)
        fail(fmt::format("flush writes back {:#010x}, which is not dirty (or twice)", addr));
    } else {
      if (expected_txns_.empty())
        fail(fmt::format("unexpected memory {} of {:#010x}", we ? "write" : "read", addr));
      const MemTxn t = expected_txns_.front();
      expected_txns_.pop_front();
      if (t.write != we || t.addr != addr)
        fail(fmt::format("memory {} of {:#010x}, expected {} of {:#010x}", we ? "write" : "read",
                         addr, t.write ? "write" : "read", t.addr));
    }
    txn_addr_ = addr;
    beat_ = 0;
    if (we) {
      writes_++;
      mem_state_ = MemState::Write;
    } else {
      mem_state_ = MemState::Read;
      next_rbeat_ = cycle_ + 1 + rand_below(max_latency_ + 1);
    }
  }

  void check_core() {
    // Responses, oldest first.
    if (top_->rsp_valid_o) {
      if (pending_.empty()) fail("response without an outstanding request");
      const Pending p = pending_.front();
      pending_.pop_front();
      if (p.hit && cycle_ != p.lookup_cycle)
        fail(fmt::format("hit on {:#010x} answered in cycle {}, expected in its lookup cycle {}",
                         p.addr, cycle_, p.lookup_cycle));
      if (!p.hit && (!expected_txns_.empty() || mem_state_ != MemState::Idle))
        fail(fmt::format("miss of {:#010x} answered before its line was read", p.addr));
      if (p.load && top_->rsp_rdata_o != p.expect)
        fail(fmt::format("load of {:#010x} (accepted in cycle {}) returned {:#010x}, expected "
                         "{:#010x}",
                         p.addr, p.accept_cycle, top_->rsp_rdata_o, p.expect));
      if (kPairRead && p.load && (p.addr + 4) % kLine != 0 && top_->rsp_rdata1_o != p.expect1)
        fail(fmt::format("load of {:#010x} (accepted in cycle {}) returned next word {:#010x}, "
                         "expected {:#010x}",
                         p.addr, p.accept_cycle, top_->rsp_rdata1_o, p.expect1));
      // A request that waited behind this miss is looked up in the next cycle.
      if (!p.hit && !pending_.empty()) schedule_lookup(pending_.front(), cycle_ + 1);
    }
    if (!pending_.empty() && pending_.front().hit && cycle_ > pending_.front().lookup_cycle)
      fail(fmt::format("hit on {:#010x} not answered in its lookup cycle {}",
                       pending_.front().addr, pending_.front().lookup_cycle));
    if (!pending_.empty() && cycle_ - pending_.front().accept_cycle > 100000)
      fail(fmt::format("no response for {:#010x}", pending_.front().addr));

    if (top_->miss_o != (cycle_ == miss_cycle_))
      fail(top_->miss_o ? "miss_o without a miss (or in the wrong cycle)"
                        : "a miss the model expected did not raise miss_o");
    if (top_->writeback_o) wb_events_++;

    // The cache takes a request whenever no flush is asked for and nothing is outstanding apart
    // from the request looked up in this cycle (hit or miss): a miss that was found earlier, or
    // a request waiting for its replay, keeps it from taking one.
    const bool expect_ready =
        !top_->flush_req_i &&
        (pending_.empty() || (pending_.size() == 1 && pending_.front().lookup_cycle == cycle_));
    if (top_->req_ready_o != expect_ready)
      fail(expect_ready ? "req_ready_o low although only a lookup is outstanding"
                        : "req_ready_o high while a miss, a replay or a flush is in progress");
    const bool accept = top_->req_valid_i && top_->req_ready_o;
    if (top_->access_o != accept) fail("access_o is not (req_valid_i && req_ready_o)");
    offered_ = top_->req_valid_i && !accept;
    if (!accept) return;

    accepted_++;
    const CacheModel::Outcome out = cache_.access(req_.addr, req_.store);
    const uint32_t word_addr = req_.addr & ~3u;
    // (A load never waits behind an older store that has not been looked up: its expected word
    // is the reference memory's now.)
    const uint32_t next_word = (word_addr + 4) % kLine != 0 ? ref_word(word_addr + 4) : 0;
    Pending p{!req_.store, out.hit, word_addr, ref_word(word_addr), next_word, cycle_, kNotYet, {},
              req_.store ? req_.be : uint8_t{0}, req_.wdata};
    if (!out.hit) {
      if (out.writeback) p.txns.push_back(MemTxn{true, *out.writeback});
      p.txns.push_back(MemTxn{false, out.fill});
    }
    // Behind a request that is being looked up now, the lookup waits: in the next cycle if that
    // one hits (scheduled here), after its miss otherwise (scheduled at the miss's response).
    const bool behind_miss = !pending_.empty() && !pending_.front().hit;
    pending_.push_back(std::move(p));
    if (pending_.size() > 2 || (pending_.size() == 2 && !behind_miss))
      fail("more requests accepted than the cache can hold");
    if (!behind_miss) schedule_lookup(pending_.back(), cycle_ + 1);
    if (out.hit) {
      hits_++;
    } else {
      misses_++;
    }
    have_last_ = true;
    last_addr_ = req_.addr;
    if (recent_lines_.size() == 8) recent_lines_.pop_front();
    recent_lines_.push_back(line_of(req_.addr));
    if (accepted_ == requests_) {
      flush_ = FlushState::Final;
    } else if (flush_ == FlushState::None && --flush_countdown_ == 0) {
      flush_ = FlushState::Draining;
    }
  }

  // The request's lookup is in cycle `cycle`: a miss raises miss_o then, and its memory
  // transactions are expected from then on.
  // A store takes effect then (a write-back before it still carries the old bytes).
  void schedule_lookup(Pending& p, uint64_t cycle) {
    p.lookup_cycle = cycle;
    uint32_t& ref = ref_word(p.addr);
    for (int i = 0; i < 4; i++)
      if (p.be >> i & 1) ref = (ref & ~(0xffu << 8 * i)) | (p.wdata & (0xffu << 8 * i));
    if (p.hit) return;
    miss_cycle_ = cycle;
    for (const MemTxn& t : p.txns) expected_txns_.push_back(t);
  }

  void check_flush() {
    if (!top_->flush_req_i) {
      if (top_->flush_done_o) fail("flush_done_o high while flush_req_i is low");
      return;
    }
    if (flush_ == FlushState::Active) {
      if (cycle_ - flush_start_ > 1'000'000) fail("flush does not finish");
      if (!top_->flush_done_o) return;
      if (!flush_wbs_.empty())
        fail(fmt::format("flush done but {} dirty lines (first {:#010x}) were not written back",
                         flush_wbs_.size(), *flush_wbs_.begin()));
      if (mem_state_ != MemState::Idle) fail("flush done before the last write-back finished");
      if (wb_events_ != writes_)
        fail(fmt::format("writeback_o pulsed {} times for {} line writes", wb_events_, writes_));
      flushes_++;
      flush_ = FlushState::Holding;
      hold_ = rand_below(4);
      // The cache is now empty: change some memory behind its back (as the D$ write-back does
      // for the I$ on fence.i); later loads must see the new values.
      for (int i = 0; i < 16; i++) {
        const uint32_t idx = rand_below(kRange / 4);
        backing_[idx] = ref_[idx] = static_cast<uint32_t>(rng_());
      }
    } else if (flush_ == FlushState::Holding) {
      if (!top_->flush_done_o) fail("flush_done_o dropped while flush_req_i is still high");
      if (hold_ > 0) hold_--;
    }
  }

  enum class MemState { Idle, Write, Read };

  std::unique_ptr<VerilatedContext> ctx_;
  std::unique_ptr<Vcache_tb_top> top_;
  std::mt19937_64 rng_;
  uint64_t requests_;
  uint64_t cycle_ = 0;
  bool finished_ = false;

  std::vector<uint32_t> backing_;  // the memory behind the cache
  std::vector<uint32_t> ref_;      // what the core must see
  CacheModel cache_;

  // core side
  Request req_;
  bool offered_ = false;  // req_ was offered last cycle and not taken
  std::deque<Pending> pending_;
  uint64_t miss_cycle_ = ~0ull;  // the cycle miss_o must pulse in
  bool have_last_ = false;
  uint32_t last_addr_ = 0;
  std::deque<uint32_t> recent_lines_;
  uint32_t conflict_sets_[2] = {0, 1};
  double p_valid_ = 1.0;

  // flushes
  FlushState flush_ = FlushState::None;
  uint64_t flush_countdown_ = 0;
  uint64_t flush_start_ = 0;
  std::set<uint32_t> flush_wbs_;
  uint32_t hold_ = 0;
  bool final_flush_ = false;

  // memory side
  MemState mem_state_ = MemState::Idle;
  std::deque<MemTxn> expected_txns_;
  uint32_t txn_addr_ = 0;
  uint32_t beat_ = 0;
  uint64_t next_rbeat_ = 0;
  bool rbeat_now_ = false;
  bool req_waiting_ = false;
  uint32_t waiting_addr_ = 0;
  bool waiting_we_ = false;
  bool wdata_waiting_ = false;
  uint32_t waiting_wdata_ = 0;
  double p_req_ready_ = 1.0;
  double p_wready_ = 1.0;
  uint32_t max_latency_ = 0;
  double p_gap_ = 0.0;

  // statistics
  uint64_t accepted_ = 0;
  uint64_t hits_ = 0;
  uint64_t misses_ = 0;
  uint64_t writes_ = 0;
  uint64_t wb_events_ = 0;
  uint64_t flushes_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  const std::string config = fmt::format("{} B, {} way(s), {} B lines{}", kSize, kWays, kLine,
                                         kReadOnly ? ", read-only" : "");
  CLI::App app{"cache unit test (" + config + ")"};
  std::optional<uint64_t> seed_opt;
  uint64_t requests = 1'000'000;
  app.add_option("--seed", seed_opt, "random seed (default: $CACHE_SEED, else a fresh one)");
  app.add_option("--requests", requests, "requests to send")
      ->check(CLI::Range(uint64_t{1}, uint64_t{1'000'000'000}));
  CLI11_PARSE(app, argc, argv);

  uint64_t seed = 0;
  if (seed_opt) {
    seed = *seed_opt;
  } else if (const char* env = std::getenv("CACHE_SEED"); env != nullptr && *env != '\0') {
    try {
      seed = std::stoull(env, nullptr, 0);
    } catch (const std::exception&) {
      std::fprintf(stderr, "cache_tb: error: bad CACHE_SEED '%s'\n", env);
      return 2;
    }
  } else {
    seed = (static_cast<uint64_t>(std::random_device{}()) << 32) | std::random_device{}();
  }
  std::printf("cache test (%s): seed %llu\n", config.c_str(),
              static_cast<unsigned long long>(seed));
  std::fflush(stdout);

  Bench bench(seed, requests);
  try {
    bench.run();
  } catch (const TestFailure& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "FAIL: %s\n  reproduce: %s --seed %llu --requests %llu\n", e.what(),
                 argv[0], static_cast<unsigned long long>(seed),
                 static_cast<unsigned long long>(requests));
    return 1;
  }
  std::printf("PASS: %s\n", bench.summary().c_str());
  return 0;
}
