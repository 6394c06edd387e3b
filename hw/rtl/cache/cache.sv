// A set-associative cache with tree pseudo-LRU replacement, used as the instruction cache
// (ReadOnly = 1) and as the data cache (write-back, write-allocate). Hits answer in the next cycle
// and the cache takes a new request every cycle while hitting; docs/cache.md has the details.
//
// Core side (core_pkg::mem_req_t, the core's memory port): a request is accepted when
// req_valid_i && req_ready_o; exactly one response per accepted request (loads and stores), in
// order, at least one cycle later, never back-pressured; rsp_rdata_o is zero without a response
// (so a bus can OR it with other sources). req_ready_o comes from flops (the state,
// flush_req_i): it does not depend on req_valid_i nor on this cycle's tag compare, so a request
// can be accepted in the cycle an earlier one misses; it is then looked up again after the miss.
// The rdata of a store's response means nothing.
//
// Memory side, one line per transaction, one transaction at a time:
//   request  mem_req_valid_o / mem_req_ready_i, mem_req_addr_o (line aligned), mem_req_we_o;
//            valid, address and we hold until accepted.
//   write    after a write request is accepted: LineBytes/4 beats on mem_wvalid_o / mem_wready_i /
//            mem_wdata_o, lowest word first; data holds while valid && !ready.
//   read     after a read request is accepted (from the next cycle on): LineBytes/4 beats on
//            mem_rvalid_i / mem_rdata_i, lowest word first, with any gaps, no back-pressure.
// A miss on a dirty victim writes the victim back first, then reads the new line.
//
// Maintenance: while flush_req_i is high the cache takes no request; it writes back every dirty
// line, invalidates every line, then holds flush_done_o high until flush_req_i drops.
//
// Structure: stage 0 (every cycle the cache is ready) reads, at the request's set, the tags and
// the valid/dirty/PLRU row (LUT RAM, into registers) and the data words (block RAM) of every way;
// stage 1 (the next cycle) compares the registered tags, answers a hit or starts the miss state
// machine. No block RAM output reaches a control decision: an ECP5 block RAM's clock-to-output
// (5.6 ns at speed 6) would eat half the cycle. The miss machine works on a copy of the missed
// request (m_*), so stage 1 can hold a request accepted meanwhile (replayed: read again in the
// miss's response cycle, looked up in the next). A store hit writes the data RAM in stage 1; a
// load right behind it reads that word in the same cycle, so stage 1 takes the word from a
// one-entry bypass register instead of the RAM (row updates of stage 1 are forwarded the same way
// to a stage 0 read of that set). Reset and flushes clear the rows one set per cycle.
//
// PairRead (instruction caches only): each way's data RAM is two banks, the even and the odd
// words, so a read also gives the word after the requested one (rsp_rdata1_o, with the response;
// meaningless when the requested word is the line's last). A two-wide fetch takes both.
module cache
  import core_pkg::*;
#(
  parameter int unsigned SizeBytes = 4096,
  parameter int unsigned Ways = 2,          // 1, 2 or 4
  parameter int unsigned LineBytes = 16,    // 16 or 32
  parameter bit          ReadOnly = 1'b0,   // 1: instruction cache (no stores, no write-back)
  parameter bit          PairRead = 1'b0,   // 1 (with ReadOnly): rsp_rdata1_o, the next word
  // The addresses the cache serves: AddrBase (aligned to 2^AddrBits) + 0 .. 2^AddrBits - 1. The
  // SoC sends the caches RAM addresses only, so log2 of the RAM size is enough: shorter tags, a
  // faster compare. (An address outside is served as the one inside with the same low bits.)
  parameter int unsigned AddrBits = 32,
  parameter logic [31:0] AddrBase = 32'd0
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  // core side
  input  logic        req_valid_i,
  output logic        req_ready_o,
  input  mem_req_t    req_i,
  output logic        rsp_valid_o,
  output logic [31:0] rsp_rdata_o,
  output logic [31:0] rsp_rdata1_o,  // PairRead: the word after rsp_rdata_o's (same line)
  // maintenance (fence.i)
  input  logic        flush_req_i,
  output logic        flush_done_o,
  // memory side
  output logic        mem_req_valid_o,
  input  logic        mem_req_ready_i,
  output logic [31:0] mem_req_addr_o,
  output logic        mem_req_we_o,
  output logic        mem_wvalid_o,
  input  logic        mem_wready_i,
  output logic [31:0] mem_wdata_o,
  input  logic        mem_rvalid_i,
  input  logic [31:0] mem_rdata_i,
  // events (one-cycle pulses)
  output logic        access_o,
  output logic        miss_o,
  output logic        writeback_o
);
  localparam int unsigned Words = LineBytes / 4;                 // words per line (beats)
  localparam int unsigned Sets = SizeBytes / (LineBytes * Ways);
  localparam int unsigned OffW = $clog2(LineBytes);
  localparam int unsigned WordW = $clog2(Words);
  localparam int unsigned SetW = $clog2(Sets);
  localparam int unsigned TagW = AddrBits - SetW - OffW;
  localparam int unsigned WayW = (Ways > 1) ? $clog2(Ways) : 1;
  localparam int unsigned PlruW = (Ways > 1) ? Ways - 1 : 1;     // tree bits per set
  localparam int unsigned DataAw = SetW + WordW;

  if (!(Ways == 1 || Ways == 2 || Ways == 4)) begin : g_bad_ways
    $error("cache: Ways must be 1, 2 or 4");
  end
  if (!(LineBytes == 16 || LineBytes == 32)) begin : g_bad_line
    $error("cache: LineBytes must be 16 or 32");
  end
  if (AddrBits > 32 || AddrBits <= SetW + OffW) begin : g_bad_addr_bits
    $error("cache: AddrBits must cover more than a way (SizeBytes / Ways) and at most 32");
  end
  if (PairRead && !ReadOnly) begin : g_bad_pair
    $error("cache: PairRead needs ReadOnly (no write-back path reads the banks)");
  end
  if (Sets < 2 || SizeBytes != Sets * LineBytes * Ways || (1 << SetW) != Sets) begin : g_bad_size
    $error("cache: SizeBytes / (LineBytes * Ways) must be a power of two >= 2");
  end

  typedef enum logic [3:0] {
    Idle,       // stage 1 lookup of the request accepted last cycle (if any)
    WbReq,      // write-back request of the victim (or of a dirty line while flushing)
    WbData,     // write-back data beats
    FillReq,    // line read request
    FillData,   // line read beats, written into the data RAM
    Resp,       // the missed request's response
    ScanRead,   // flush: read the tags and row of set m_set_q
    FlushScan,  // flush (and reset): write back the dirty lines of set m_set_q, then clear its row
    FlushDone   // flush finished, waiting for flush_req_i to drop
  } state_e;

  function automatic logic [31:0] merge_bytes(logic [31:0] old_word, logic [31:0] new_word,
                                              logic [3:0] be);
    logic [31:0] r;
    for (int unsigned i = 0; i < 4; i++) begin
      r[8*i +: 8] = be[i] ? new_word[8*i +: 8] : old_word[8*i +: 8];
    end
    return r;
  endfunction

  // Index of the lowest set bit (0 when none).
  function automatic logic [WayW-1:0] lowest_way(logic [Ways-1:0] v);
    logic [WayW-1:0] r;
    r = '0;
    for (int i = Ways - 1; i >= 0; i--) if (v[i]) r = WayW'(i);
    return r;
  endfunction

  // ---- state ----
  state_e state_q, state_d;
  logic   init_q;  // the walk after reset: clears every row, no write-backs

  // Stage 1: the request accepted last cycle, or one accepted while a miss was found, which waits
  // here for its replay.
  logic             s1_valid_q, s1_valid_d;
  logic [TagW-1:0]  s1_tag_q;
  logic [SetW-1:0]  s1_set_q;
  logic [WordW-1:0] s1_word_q;
  logic             s1_we_q;
  logic [3:0]       s1_be_q;
  logic [31:0]      s1_wdata_q;

  // The request whose miss is served: a copy of stage 1, taken in every Idle cycle. While
  // flushing, m_set_q is the set being scanned.
  logic [TagW-1:0]  m_tag_q;
  logic [SetW-1:0]  m_set_q, m_set_d;
  logic [WordW-1:0] m_word_q;
  logic             m_we_q;
  logic [3:0]       m_be_q;
  logic [31:0]      m_wdata_q;

  // Miss and flush machine.
  logic [WayW-1:0] way_q, way_d;        // way being filled or written back
  logic [TagW-1:0] victim_tag_q, victim_tag_d;  // tag of the line to write back
  logic [WordW:0]  beat_q, beat_d;      // write-back: words read; fill: beats received
  logic            have_q, have_d;      // write-back: the data RAM output holds the next beat
  logic            flushing_q, flushing_d;  // the write-back belongs to a flush
  logic [31:0]     rsp_word_q, rsp_word_d;  // a missed load's word, caught during the fill
  logic [31:0]     rsp_word1_q, rsp_word1_d;  // PairRead: the word after it

  // Store-to-load bypass (lw = last write): the word a store hit wrote last cycle, and whether
  // the request in stage 1 reads it (decided in stage 0, when the request comes: see bypass).
  logic [31:0]      lw_data_q;
  logic             bypass_q;

  // ---- RAMs ----
  // Tags (per way) and rows are read together (rd_en, rd_set) into registers; they hold while
  // rd_en is low. Data (per way) is read at data_rd_addr.
  logic                      rd_en;
  logic [SetW-1:0]           rd_set;
  logic [Ways-1:0][TagW-1:0] tag_rdata;
  logic [Ways-1:0]           tag_wr_en;
  logic                      data_rd_en;
  logic [DataAw-1:0]         data_rd_addr;
  logic [Ways-1:0][31:0]     data_rdata;
  logic [Ways-1:0]           data_wr_en;
  logic [3:0]                data_wr_be;
  logic [DataAw-1:0]         data_wr_addr;
  logic [31:0]               data_wr_data;

  logic [Ways-1:0][31:0]     data_rdata1;  // PairRead: the word after data_rdata's

  for (genvar w = 0; w < Ways; w++) begin : g_way
    cache_tag_ram #(.Width(TagW), .Depth(Sets)) u_tag (
      .clk_i, .rd_en_i(rd_en), .rd_addr_i(rd_set), .rd_data_o(tag_rdata[w]),
      .wr_en_i(tag_wr_en[w]), .wr_addr_i(m_set_q), .wr_data_i(m_tag_q)
    );
    if (PairRead) begin : g_pair
      // Bank b holds the words whose index ends in b. Word i is in bank i[0], row i >> 1; word
      // i + 1 (same line, i not the last) in the other bank, row (i + 1) >> 1.
      logic [1:0][31:0]       bank_rdata, unused_bank_b_rdata;
      logic [1:0][DataAw-2:0] bank_raddr;
      logic                   rd_odd_q;  // the read word's bank (for the registered outputs)
      logic [DataAw-1:0]      rd_next;   // the next word's index
      logic                   unused_rd_next_bit;
      assign rd_next = data_rd_addr + 1'b1;
      assign unused_rd_next_bit = rd_next[0];
      assign bank_raddr[0] = rd_next[DataAw-1:1];
      assign bank_raddr[1] = data_rd_addr[DataAw-1:1];
      for (genvar b = 0; b < 2; b++) begin : g_bank
        ram_2p #(.Depth(Sets * Words / 2)) u_data (
          .clk_i, .a_en_i(data_rd_en), .a_addr_i(bank_raddr[b]), .a_rdata_o(bank_rdata[b]),
          .b_en_i(data_wr_en[w] && data_wr_addr[0] == 1'(b)), .b_we_i(data_wr_be),
          .b_addr_i(data_wr_addr[DataAw-1:1]), .b_wdata_i(data_wr_data),
          .b_rdata_o(unused_bank_b_rdata[b])
        );
      end
      always_ff @(posedge clk_i) begin
        if (data_rd_en) rd_odd_q <= data_rd_addr[0];
      end
      assign data_rdata[w] = rd_odd_q ? bank_rdata[1] : bank_rdata[0];
      assign data_rdata1[w] = rd_odd_q ? bank_rdata[0] : bank_rdata[1];
    end else begin : g_single
      logic [31:0] unused_data_b_rdata;  // the data RAM's second port only writes
      ram_2p #(.Depth(Sets * Words)) u_data (
        .clk_i, .a_en_i(data_rd_en), .a_addr_i(data_rd_addr), .a_rdata_o(data_rdata[w]),
        .b_en_i(data_wr_en[w]), .b_we_i(data_wr_be), .b_addr_i(data_wr_addr),
        .b_wdata_i(data_wr_data), .b_rdata_o(unused_data_b_rdata)
      );
      assign data_rdata1[w] = '0;
    end
  end

  // Valid, dirty and PLRU bits: one row per set in a LUT RAM with one write port (row_we at
  // row_wset, written as a whole) and two reads: the registered stage 0 read (row_q, for the
  // lookup; a write in the same cycle to that set is forwarded) and an asynchronous read at
  // m_set_q for the miss and flush machine.
  localparam int unsigned RowW = 2 * Ways + PlruW;
  (* ram_style = "distributed" *) logic [RowW-1:0] rows_q [Sets];
  logic [RowW-1:0]  row_q, row_d, m_row;
  logic [SetW-1:0]  row_wset;
  logic             row_we;
  logic [Ways-1:0]  valid_row, dirty_row, valid_row_d, dirty_row_d;
  logic [PlruW-1:0] plru_row, plru_row_d;
  logic [Ways-1:0]  unused_dirty_bits;

  assign row_wset = (state_q == Idle) ? s1_set_q : m_set_q;
  assign row_d = {valid_row_d, ReadOnly ? '0 : dirty_row_d, (Ways > 1) ? plru_row_d : '0};
  assign m_row = rows_q[m_set_q];
  always_ff @(posedge clk_i) begin
    if (row_we) rows_q[row_wset] <= row_d;
  end
  // The forward is chosen after the registers, so the request's set (from the core's address
  // adder) goes through the LUT RAM read only, not also through a compare and a mux behind it.
  logic [RowW-1:0] row_ram_q, row_fwd_q;
  logic            row_fwd_sel_q;
  always_ff @(posedge clk_i) begin
    if (rd_en) begin
      row_ram_q <= rows_q[rd_set];
      row_fwd_q <= row_d;
      row_fwd_sel_q <= row_we && row_wset == rd_set;
    end
  end
  assign row_q = row_fwd_sel_q ? row_fwd_q : row_ram_q;
  // The row the control works on: the lookup's in Idle, else the miss's or the flush's.
  assign {valid_row, unused_dirty_bits, plru_row} = (state_q == Idle) ? row_q : m_row;
  assign dirty_row = ReadOnly ? '0 : unused_dirty_bits;

  // ---- request fields ----
  logic             accept;
  logic [TagW-1:0]  req_tag;
  logic [SetW-1:0]  req_set;
  logic [WordW-1:0] req_word;
  assign req_tag = req_i.addr[AddrBits-1 -: TagW];

  // A line's memory address.
  localparam logic [31:0] BaseHi = (AddrBits == 32) ? 32'd0
                                 : AddrBase & ~((32'd1 << (AddrBits % 32)) - 32'd1);
  function automatic logic [31:0] line_addr(logic [TagW-1:0] tag, logic [SetW-1:0] set);
    return BaseHi | (32'(tag) << (SetW + OffW)) | (32'(set) << OffW);
  endfunction
  assign req_set = req_i.addr[OffW +: SetW];
  assign req_word = req_i.addr[2 +: WordW];

  // ---- stage 1 lookup ----
  logic [Ways-1:0] hit_way;   // one-hot (or zero)
  logic [WayW-1:0] hit_idx;
  logic [31:0]     ram_word;  // the hit way's word as the data RAM read it
  logic            bypass;    // ... but a store hit wrote that word last cycle
  logic [31:0]     hit_word;  // the hit way's word
  logic            lookup, lookup_hit, lookup_miss, store_hit;

  // (A lookup happens in Idle, where the control's row is row_q: its valid bits are taken
  // straight from the registers, not through the row mux with the miss machine's LUT RAM read.)
  logic [Ways-1:0] lookup_valid;
  assign lookup_valid = row_q[RowW-1 -: Ways];
  always_comb begin
    ram_word = '0;
    for (int unsigned w = 0; w < Ways; w++) begin
      hit_way[w] = lookup_valid[w] && tag_rdata[w] == s1_tag_q;
      if (hit_way[w]) ram_word |= data_rdata[w];
    end
  end
  assign hit_idx = lowest_way(hit_way);
  // The request reads the word a store hit wrote last cycle: it came while that store was in
  // stage 1 and has its address (tags do not change on a store hit, so the store's way still
  // holds that tag). Decided then, so the hit select below waits for the tag compare only.
  assign bypass = bypass_q;
`ifndef SYNTHESIS
  // (Checked in simulation against the store's set, word and way, as stage 1 sees them; only
  // once reset has come: before, the flops hold whatever they power up with.)
  logic             lw_valid_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) lw_valid_q <= 1'b0;
    else lw_valid_q <= store_hit;
  end
  logic [SetW-1:0]  lw_set_q;
  logic [WordW-1:0] lw_word_q;
  logic [WayW-1:0]  lw_way_q;
  always_ff @(posedge clk_i) begin
    if (store_hit) begin
      lw_set_q <= s1_set_q;
      lw_word_q <= s1_word_q;
      lw_way_q <= hit_idx;
    end
  end
  logic reset_seen_q = 1'b0;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) reset_seen_q <= 1'b1;
  end
  always_ff @(posedge clk_i) begin
    if (reset_seen_q && lookup && bypass_q != (lw_valid_q && lw_set_q == s1_set_q &&
                               lw_word_q == s1_word_q && hit_way[lw_way_q]))
      $error("cache: the bypass decided in stage 0 disagrees with stage 1's tags");
  end
`endif
  assign hit_word = bypass ? lw_data_q : ram_word;  // (for a store hit's merge)
  assign lookup = state_q == Idle && s1_valid_q;

  // The response word: the sources gated by one-hot selects and ORed, zero without a response.
  // The selects come early in the cycle (registered tags and rows), so the data RAM outputs
  // (late: a block RAM's clock-to-output) go through two gates only.
  logic [Ways-1:0] rsp_sel_way;
  logic            rsp_sel_lw, rsp_sel_miss;
  logic [31:0]     rsp_word;
  always_comb begin
    rsp_sel_lw = lookup && bypass;
    rsp_sel_miss = state_q == Resp;
    rsp_word = (lw_data_q & {32{rsp_sel_lw}}) | (rsp_word_q & {32{rsp_sel_miss}});
    for (int unsigned w = 0; w < Ways; w++) begin
      rsp_sel_way[w] = lookup && hit_way[w] && !bypass;
      rsp_word |= data_rdata[w] & {32{rsp_sel_way[w]}};
    end
  end
  assign rsp_rdata_o = rsp_word;
  if (PairRead) begin : g_rsp_pair
    // No store bypass in a read-only cache: the hit way's next word, or the one the fill caught.
    always_comb begin
      rsp_rdata1_o = rsp_word1_q & {32{rsp_sel_miss}};
      for (int unsigned w = 0; w < Ways; w++)
        rsp_rdata1_o |= data_rdata1[w] & {32{rsp_sel_way[w]}};
    end
  end else begin : g_rsp_single
    logic unused_rdata1;
    assign unused_rdata1 = ^{data_rdata1, rsp_word1_q};
    assign rsp_rdata1_o = '0;
  end
  assign lookup_hit = lookup && (hit_way != '0);
  assign lookup_miss = lookup && (hit_way == '0);
  assign store_hit = !ReadOnly && lookup_hit && s1_we_q;

  // ---- replacement: invalid ways first, then the tree pseudo-LRU victim ----
  // Tree bits point at the victim half: bit 0 chooses between ways {0,1} (0) and {2,3} (1);
  // bit 1 between ways 0 and 1, bit 2 between ways 2 and 3. Touching a way points them away.
  logic [PlruW-1:0] plru_touched;
  logic [WayW-1:0]  plru_victim, touch_way, victim;
  assign touch_way = (state_q == FillData) ? way_q : hit_idx;

  if (Ways == 4) begin : g_plru4
    always_comb begin
      plru_victim = plru_row[0] ? {1'b1, plru_row[2]} : {1'b0, plru_row[1]};
      plru_touched = plru_row;
      plru_touched[0] = !touch_way[1];
      if (touch_way[1]) plru_touched[2] = !touch_way[0];
      else plru_touched[1] = !touch_way[0];
    end
  end else if (Ways == 2) begin : g_plru2
    assign plru_victim = plru_row;
    assign plru_touched = !touch_way;
  end else begin : g_plru1
    logic unused_plru;
    assign unused_plru = ^{plru_row, touch_way};
    assign plru_victim = '0;
    assign plru_touched = '0;
  end

  assign victim = (valid_row != '1) ? lowest_way(~valid_row) : plru_victim;

  // ---- flush scan: the first dirty line of set m_set_q (none while the rows are garbage) ----
  logic [Ways-1:0] scan_dirty;
  logic [WayW-1:0] scan_way;
  assign scan_dirty = init_q ? '0 : valid_row & dirty_row;
  assign scan_way = lowest_way(scan_dirty);

  // ---- control ----
  always_comb begin
    state_d = state_q;
    m_set_d = m_set_q;
    way_d = way_q;
    victim_tag_d = victim_tag_q;
    beat_d = beat_q;
    have_d = have_q;
    flushing_d = flushing_q;
    rsp_word_d = rsp_word_q;
    rsp_word1_d = rsp_word1_q;
    valid_row_d = valid_row;
    dirty_row_d = dirty_row;
    plru_row_d = plru_row;
    row_we = 1'b0;

    req_ready_o = 1'b0;
    rsp_valid_o = 1'b0;
    flush_done_o = 1'b0;
    mem_req_valid_o = 1'b0;
    mem_req_we_o = 1'b0;
    mem_req_addr_o = line_addr(m_tag_q, m_set_q);
    mem_wvalid_o = 1'b0;
    writeback_o = 1'b0;

    rd_en = 1'b0;
    rd_set = req_set;
    tag_wr_en = '0;
    data_rd_en = 1'b0;
    data_rd_addr = {m_set_q, beat_q[WordW-1:0]};
    data_wr_en = '0;
    data_wr_be = s1_be_q;
    data_wr_addr = {s1_set_q, s1_word_q};
    data_wr_data = s1_wdata_q;

    unique case (state_q)
      Idle: begin
        req_ready_o = !flush_req_i;
        // Whatever stage 1 finds, the miss machine starts from this cycle's copy of it.
        m_set_d = s1_set_q;
        victim_tag_d = tag_rdata[victim];
        if (lookup_hit) begin
          rsp_valid_o = 1'b1;
          plru_row_d = plru_touched;
          row_we = 1'b1;
          if (store_hit) begin
            data_wr_en = hit_way;
            dirty_row_d = dirty_row | hit_way;
          end
        end
        if (lookup_miss) begin
          way_d = victim;
          beat_d = '0;
          have_d = 1'b0;
          flushing_d = 1'b0;
          state_d = (valid_row[victim] && dirty_row[victim]) ? WbReq : FillReq;
        end else if (flush_req_i) begin
          m_set_d = '0;
          state_d = ScanRead;
        end
      end

      WbReq: begin
        mem_req_valid_o = 1'b1;
        mem_req_we_o = 1'b1;
        mem_req_addr_o = line_addr(victim_tag_q, m_set_q);
        if (!have_q) begin  // read the first beat while the request waits
          data_rd_en = 1'b1;
          beat_d = beat_q + 1'b1;
          have_d = 1'b1;
        end
        if (mem_req_ready_i) begin
          writeback_o = 1'b1;
          state_d = WbData;
        end
      end

      WbData: begin
        mem_wvalid_o = have_q;
        if (!have_q || mem_wready_i) begin
          if (beat_q != (WordW + 1)'(Words)) begin
            data_rd_en = 1'b1;
            beat_d = beat_q + 1'b1;
            have_d = 1'b1;
          end else begin
            have_d = 1'b0;
          end
        end
        if (have_q && mem_wready_i && beat_q == (WordW + 1)'(Words)) begin
          beat_d = '0;
          state_d = flushing_q ? FlushScan : FillReq;
        end
      end

      FillReq: begin
        mem_req_valid_o = 1'b1;
        if (mem_req_ready_i) begin
          beat_d = '0;
          state_d = FillData;
        end
      end

      FillData: begin
        // Each beat goes straight into the data RAM; a missed store merges its bytes on the way.
        data_wr_be = 4'b1111;
        data_wr_addr = {m_set_q, beat_q[WordW-1:0]};
        data_wr_data = mem_rdata_i;
        if (!ReadOnly && m_we_q && beat_q[WordW-1:0] == m_word_q) begin
          data_wr_data = merge_bytes(mem_rdata_i, m_wdata_q, m_be_q);
        end
        if (mem_rvalid_i) begin
          data_wr_en[way_q] = 1'b1;
          beat_d = beat_q + 1'b1;
          if (beat_q[WordW-1:0] == m_word_q) rsp_word_d = mem_rdata_i;
          if (beat_q[WordW-1:0] == m_word_q + 1'b1) rsp_word1_d = mem_rdata_i;
          if (beat_q[WordW-1:0] == WordW'(Words - 1)) begin
            tag_wr_en[way_q] = 1'b1;
            valid_row_d[way_q] = 1'b1;
            dirty_row_d[way_q] = !ReadOnly && m_we_q;
            plru_row_d = plru_touched;
            row_we = 1'b1;
            state_d = Resp;
          end
        end
      end

      Resp: begin
        rsp_valid_o = 1'b1;
        if (s1_valid_q) begin
          // Replay: read the RAMs again for the request that waited, now that the line is in.
          rd_en = 1'b1;
          rd_set = s1_set_q;
          data_rd_en = 1'b1;
          data_rd_addr = {s1_set_q, s1_word_q};
        end else begin
          req_ready_o = !flush_req_i;
        end
        state_d = Idle;
      end

      ScanRead: begin  // the tags of set m_set_q arrive in FlushScan
        rd_en = 1'b1;
        rd_set = m_set_q;
        state_d = FlushScan;
      end

      FlushScan: begin
        // Each set: write back its dirty lines one by one, then clear the whole row.
        if (scan_dirty != '0) begin
          way_d = scan_way;
          victim_tag_d = tag_rdata[scan_way];
          dirty_row_d[scan_way] = 1'b0;
          row_we = 1'b1;
          beat_d = '0;
          have_d = 1'b0;
          flushing_d = 1'b1;
          state_d = WbReq;
        end else begin
          valid_row_d = '0;
          dirty_row_d = '0;
          plru_row_d = '0;
          row_we = 1'b1;
          m_set_d = m_set_q + 1'b1;
          state_d = (ReadOnly || init_q) ? FlushScan : ScanRead;  // (tags for write-backs)
          if (m_set_q == SetW'(Sets - 1)) state_d = init_q ? Idle : FlushDone;
        end
      end

      FlushDone: begin
        flush_done_o = flush_req_i;
        req_ready_o = !flush_req_i;
        if (!flush_req_i) state_d = Idle;
      end

      default: state_d = Idle;
    endcase

    // Stage 0: while the cache is ready it reads every way's tag and data and the row at the
    // request's address, whether or not a request comes (the enables stay off its timing path).
    if (req_ready_o) begin
      rd_en = 1'b1;
      rd_set = req_set;
      data_rd_en = 1'b1;
      data_rd_addr = {req_set, req_word};
    end
  end
  // (Outside the block above: req_ready_o must not depend on req_valid_i, not even seemingly.)
  assign accept = req_valid_i && req_ready_o;
  assign s1_valid_d = req_ready_o ? accept : s1_valid_q && !lookup;

  assign mem_wdata_o = data_rdata[way_q];
  assign access_o = accept;
  assign miss_o = lookup_miss;

  // ---- flops ----
  // After reset the cache walks every set once (FlushScan with init_q) to clear the rows.
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q <= FlushScan;
      init_q <= 1'b1;
      m_set_q <= '0;
      s1_valid_q <= 1'b0;
      bypass_q <= 1'b0;
    end else begin
      state_q <= state_d;
      if (state_q == FlushScan && state_d == Idle) init_q <= 1'b0;
      m_set_q <= m_set_d;
      s1_valid_q <= s1_valid_d;
      bypass_q <= req_ready_o && store_hit && req_tag == s1_tag_q && req_set == s1_set_q &&
                  req_word == s1_word_q;
    end
  end

  always_ff @(posedge clk_i) begin
    if (req_ready_o) begin
      s1_tag_q <= req_tag;
      s1_set_q <= req_set;
      s1_word_q <= req_word;
      s1_we_q <= req_i.we;
      s1_be_q <= req_i.be;
      s1_wdata_q <= req_i.wdata;
    end
    if (state_q == Idle) begin
      m_tag_q <= s1_tag_q;
      m_word_q <= s1_word_q;
      m_we_q <= s1_we_q;
      m_be_q <= s1_be_q;
      m_wdata_q <= s1_wdata_q;
    end
    if (store_hit) begin
      lw_data_q <= merge_bytes(hit_word, s1_wdata_q, s1_be_q);
    end
    way_q <= way_d;
    victim_tag_q <= victim_tag_d;
    beat_q <= beat_d;
    have_q <= have_d;
    flushing_q <= flushing_d;
    rsp_word_q <= rsp_word_d;
    rsp_word1_q <= rsp_word1_d;
  end

  logic unused_req_bits;
  assign unused_req_bits = ^{req_i.addr[1:0], req_i.addr & ~((AddrBits == 32) ? 32'hffff_ffff
                                                         : (32'd1 << (AddrBits % 32)) - 32'd1)};
endmodule
