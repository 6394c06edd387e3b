// The counter block (Zicntr/Zihpm): mcycle, minstret and mhpmcounter3..(2+NumHpm) with their
// mhpmevent selectors and mcountinhibit, fed by an event vector (spec/hpm_events.h numbering, a
// small count per event per cycle). The core reaches it through its CSR port; a CSR write wins over
// the same cycle's increment, and mcountinhibit/mhpmevent writes apply to that same cycle, which is
// what the ISS does. Unimplemented counters read 0 and ignore writes.
// Timing: the event vector is registered as it arrives (or by the core: EventsRegistered) and a
// cycle's increments are added the next cycle, so the long paths that produce events end at a
// register instead of running through the event selection into 64-bit adders. Every read (CSR
// and snapshot) sees the count plus last cycle's increment, the exact value, so nothing of this
// is visible.
// The debug port serves the host link without disturbing the program: dbg_snapshot_i copies every
// counter and its event into shadow registers in one cycle (an atomic snapshot, read out by index;
// flip-flop counts are copied from their registers in the next cycle, see g_shadow_late),
// dbg_zero_i clears every counter, dbg_freeze_i stops all counting while high.
// RegRead (the fast boards' pipe core, which waits a cycle longer for a counter read) registers a
// counter read half-way: the addressed count and its pending increment are taken into registers
// in the read's cycle (a mux of registers), and added in the next, where csr_rdata_o shows the
// sum, the value of the read's cycle. The 64-bit add then no longer sits between the event
// selection and the read mux, in one cycle with both.
// ShadowBram keeps the snapshot's counts in block RAM instead of flip-flops: one 16-bit wide RAM
// per counter and quarter (the iCE40's EBR width), all written in the snapshot's cycle, so the
// snapshot stays atomic; the counts read out from the second cycle after the snapshot on, which is
// long before the debug unit sends the first count byte. On the iCE40 a flip-flop loaded from a
// shared net takes a logic cell of its own; the small boards have block RAM to spare, not cells.
module hpm_counters
  import hpm_events_pkg::*;
  import core_pkg::EventCountW;
#(
  parameter int unsigned NumHpm = 8,
  parameter bit          ShadowBram = 1'b0,
  parameter bit          Ice40Dsp = 1'b0,   // the counts in iCE40 DSP blocks (counter64)
  parameter bit          OooResetEvents = 1'b0, // mhpmevent3.. after reset: HPM_RESET_EVENTS_OOO
  parameter bit          RegRead = 1'b0,  // a counter's CSR read shows a cycle late (see above)
  parameter bit          EventsRegistered = 1'b0  // events_i comes from registers (see below)
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic [HPM_EVENT_COUNT-1:0][EventCountW-1:0] events_i,
  input  logic [63:0] mtime_i,
  input  logic [11:0] csr_addr_i,
  output logic        csr_hit_o,
  output logic [31:0] csr_rdata_o,
  input  logic        csr_we_i,
  input  logic [31:0] csr_wdata_i,
  // debug port (host link)
  input  logic        dbg_snapshot_i,
  input  logic [4:0]  dbg_idx_i,     // counter index as in the CSR number (0 mcycle, 2 minstret, 3..)
  output logic [63:0] dbg_count_o,
  output logic [7:0]  dbg_event_o,
  input  logic        dbg_zero_i,
  input  logic        dbg_freeze_i
);
  localparam int unsigned NumCounters = 3 + NumHpm;  // index = CSR number - 0xB00; 1 is unused
  localparam int unsigned EvW = $clog2(HPM_EVENT_COUNT);

  // A counter's value, what reads see, is count + pending(pend_carry, pend_inc): the flip-flop
  // counts add last cycle's increment (pend_inc) and their low half's carry into the high half
  // (pend_carry) a cycle late; the DSP counts have nothing pending.
  logic [NumCounters-1:0][63:0]            count;
  logic [NumCounters-1:0]                  pend_carry;
  logic [NumCounters-1:0][EventCountW-1:0] pend_inc;
  logic [NumCounters-1:0][EvW-1:0] event_q;
  logic [NumCounters-1:0] inhibit_q;
  logic [63:0]            rd_value;         // the addressed counter's value, as a read sees it

  function automatic logic [63:0] pending(logic carry, logic [EventCountW-1:0] n);
    return {31'd0, carry, 32'(n)};
  endfunction

  function automatic logic implemented(int unsigned idx);
    return idx == 0 || idx == 2 || (idx >= 3 && idx < NumCounters);
  endfunction
  // What counter idx (3..) selects after reset (spec/hpm_events.h, per core kind).
  function automatic logic [EvW-1:0] reset_event(int unsigned idx);
    if (OooResetEvents)
      return (idx - 3 < HPM_RESET_EVENT_COUNT_OOO) ? EvW'(HPM_RESET_EVENTS_OOO[idx - 3]) : '0;
    return (idx - 3 < HPM_RESET_EVENT_COUNT) ? EvW'(HPM_RESET_EVENTS[idx - 3]) : '0;
  endfunction

  // ---- CSR decode ----
  logic [4:0] idx;
  logic [6:0] family;  // addr[11:5]
  logic is_counter_lo, is_counter_hi, is_event, is_inhibit, is_time;
  assign idx = csr_addr_i[4:0];
  assign family = csr_addr_i[11:5];
  assign is_counter_lo = (family == 7'h58) || (family == 7'h60);  // 0xB00.., 0xC00..
  assign is_counter_hi = (family == 7'h5c) || (family == 7'h64);  // 0xB80.., 0xC80..
  assign is_time = (csr_addr_i == 12'hc01) || (csr_addr_i == 12'hc81);
  assign is_event = (csr_addr_i >= 12'h323) && (csr_addr_i <= 12'h33f);
  assign is_inhibit = (csr_addr_i == 12'h320);

  always_comb begin
    csr_hit_o = 1'b0;
    csr_rdata_o = 32'd0;
    if (is_time) begin
      csr_hit_o = 1'b1;
      csr_rdata_o = csr_addr_i[7] ? mtime_i[63:32] : mtime_i[31:0];
    end else if (is_counter_lo || is_counter_hi) begin
      csr_hit_o = (idx != 5'd1);
      if (32'(idx) < NumCounters && implemented(32'(idx)))
        csr_rdata_o = is_counter_hi ? rd_value[63:32] : rd_value[31:0];
    end else if (is_event) begin
      csr_hit_o = 1'b1;
      if (32'(idx) < NumCounters) csr_rdata_o = 32'(event_q[idx]);
    end else if (is_inhibit) begin
      csr_hit_o = 1'b1;
      csr_rdata_o = 32'(inhibit_q);
    end
  end

  // ---- debug snapshot ----
  logic [NumCounters-1:0][63:0]    shadow_count;
  logic [NumCounters-1:0][EvW-1:0] shadow_event_q;
  always_ff @(posedge clk_i) begin
    if (dbg_snapshot_i) shadow_event_q <= event_q;
  end
  // The cycle after the request: the DSP counts are copied then, when they show the request's
  // cycle, and the flip-flop counts outside block RAM (g_shadow_late).
  logic snap_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) snap_q <= 1'b0;
    else snap_q <= dbg_snapshot_i;
  end
  if (ShadowBram) begin : g_shadow_bram
    for (genvar i = 0; i < NumCounters; i++) begin : g_counter
      if (implemented(i)) begin : g_implemented
        logic [63:0] value;
        assign value = count[i] + pending(pend_carry[i], pend_inc[i]);
        for (genvar q = 0; q < 4; q++) begin : g_quarter
          // (never read in the cycle it is written: no_rw_check spares the collision logic)
          (* ram_style = "block", no_rw_check *) logic [15:0] mem_q [1];
          logic [15:0] rdata_q;
          always_ff @(posedge clk_i) begin
            if (Ice40Dsp ? snap_q : dbg_snapshot_i) mem_q[0] <= value[16*q +: 16];
            rdata_q <= mem_q[0];
          end
          assign shadow_count[i][16*q +: 16] = rdata_q;
        end
      end else begin : g_unused
        assign shadow_count[i] = 64'd0;
      end
    end
  end else if (Ice40Dsp) begin : g_shadow_ff
    logic [NumCounters-1:0][63:0] shadow_count_q;
    always_ff @(posedge clk_i) begin
      if (snap_q) shadow_count_q <= count;  // (nothing pending)
    end
    assign shadow_count = shadow_count_q;
    logic unused_pending;
    assign unused_pending = ^{pend_carry, pend_inc};
  end else begin : g_shadow_late
    // The flip-flop counts: the copy is taken in the cycle after the snapshot, with the pending
    // carry but not the increment, which the count has taken by then (so it is the value of the
    // snapshot's cycle, unless a CSR write or a zeroing came in that cycle: then what it made).
    // Still one cycle's counts for all of them, and the increment's path stays off the copy.
    logic [NumCounters-1:0][63:0] shadow_count_q;
    always_ff @(posedge clk_i) begin
      for (int unsigned i = 0; i < NumCounters; i++) begin
        if (snap_q) shadow_count_q[i] <= count[i] + pending(pend_carry[i], '0);
      end
    end
    assign shadow_count = shadow_count_q;
  end
  always_comb begin
    dbg_count_o = 64'd0;
    dbg_event_o = 8'd0;
    if (32'(dbg_idx_i) < NumCounters) begin
      dbg_count_o = shadow_count[dbg_idx_i];
      dbg_event_o = 8'(shadow_event_q[dbg_idx_i]);
    end
  end

  // ---- counting ----
  logic write_counter, write_event, write_inhibit;
  assign write_counter = csr_we_i && (family == 7'h58 || family == 7'h5c) && idx != 5'd1;
  assign write_event = csr_we_i && is_event;
  assign write_inhibit = csr_we_i && is_inhibit;

  // The selection and inhibit that apply this cycle (a write applies at once).
  logic [NumCounters-1:0][EvW-1:0] event_d;
  logic [NumCounters-1:0]          inhibit_d;
  always_comb begin
    for (int unsigned i = 0; i < NumCounters; i++) begin
      event_d[i] = event_q[i];
      if (i >= 3 && write_event && idx == 5'(i))
        event_d[i] = (csr_wdata_i < HPM_EVENT_COUNT) ? EvW'(csr_wdata_i) : '0;
      inhibit_d[i] = implemented(i) && (write_inhibit ? csr_wdata_i[i] : inhibit_q[i]);
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      for (int unsigned i = 0; i < NumCounters; i++) begin
        event_q[i] <= (i == 0) ? EvW'(HPM_EV_CYCLES)
                    : (i == 2) ? EvW'(HPM_EV_INSTRET)
                    : (i >= 3) ? reset_event(i) : '0;
      end
      inhibit_q <= '0;
    end else begin
      event_q <= event_d;
      inhibit_q <= inhibit_d;
    end
  end

  if (Ice40Dsp && !RegRead) begin : g_bad_dsp_read
    $error("hpm_counters: the DSP counts need reads a cycle late (RegRead)");
  end
  if (Ice40Dsp && !EventsRegistered) begin : g_bad_dsp_events
    $error("hpm_counters: the DSP counts need events from registers (EventsRegistered)");
  end
  if (!RegRead || Ice40Dsp) begin : g_comb_read
    // (Ice40Dsp: the core reads a cycle late, RegRead, which the DSP counts need as they are)
    // (idx beyond the counters reads counter 0 here; the read above shows 0 for it)
    localparam int unsigned IdxW = $clog2(NumCounters);
    logic [IdxW-1:0] rd_idx;
    assign rd_idx = (32'(idx) < NumCounters) ? IdxW'(idx) : '0;
    assign rd_value = count[rd_idx] + pending(pend_carry[rd_idx], pend_inc[rd_idx]);
  end

  if (Ice40Dsp) begin : g_dsp_counts
    // Each count in a counter64 (iCE40 DSP blocks), which adds last cycle's events as they come
    // from the core's registers (EventsRegistered), selected by last cycle's event and counting
    // state (counting_q): the count shows a cycle's events two cycles later, a cycle after value
    // does in the flip-flop form below, so every read is made a cycle later (the core's CSR
    // reads, RegRead; the snapshot) and sees what the flip-flop form shows. A load (CSR write,
    // zero) replaces the increment; the cycle's own events are then not counted (counting_q).
    for (genvar i = 0; i < NumCounters; i++) begin : g_counter
      if (implemented(i)) begin : g_implemented
        logic                   write, counting_q;
        logic [EventCountW-1:0] inc;
        assign write = write_counter && idx == 5'(i);
        always_ff @(posedge clk_i or negedge rst_ni) begin
          if (!rst_ni) counting_q <= 1'b0;
          else counting_q <= !dbg_zero_i && !write && !inhibit_d[i] && !dbg_freeze_i;
        end
        assign inc = counting_q ? events_i[event_q[i]] : '0;
        counter64 #(.Ice40Dsp(1'b1), .IncW(EventCountW)) u_count (
          .clk_i, .rst_ni, .inc_i(inc),
          .load_lo_i(dbg_zero_i || (write && !csr_addr_i[7])),
          .load_hi_i(dbg_zero_i || (write && csr_addr_i[7])),
          .data_i(dbg_zero_i ? 32'd0 : csr_wdata_i), .count_o(count[i])
        );
      end else begin : g_unused
        assign count[i] = 64'd0;
      end
    end
    assign pend_carry = '0;
    assign pend_inc = '0;
  end else begin : g_ff_counts
    // A count is kept in two halves with the carry between them a cycle late: each cycle the low
    // half adds the increment and keeps its carry out in carry_q, which the high half adds in
    // the next cycle. The count is {count_q's high half + carry_q, its low half}, and the
    // increment's add is 32 bits long instead of 64 (the event selection runs into it).
    logic [NumCounters-1:0][63:0]                count_q;
    logic [NumCounters-1:0]                      carry_q;
    // Last cycle's events: registered here, or (EventsRegistered) in the core, which then
    // registers them as they are produced and sends them a cycle later. (The pipe core does, to
    // correct an instruction's events there for an exception decided late.)
    logic [HPM_EVENT_COUNT-1:0][EventCountW-1:0] events_q;
    logic [NumCounters-1:0]                      counting_q;  // counter i counted last cycle
    logic [NumCounters-1:0][EventCountW-1:0]     inc;         // ... counted by counter i
    logic [NumCounters-1:0][32:0]                lo_sum;      // the low half + inc, carry out
    logic [NumCounters-1:0][31:0]                hi_sum;      // the high half + carry_q
    always_comb begin
      for (int unsigned i = 0; i < NumCounters; i++) begin
        inc[i] = counting_q[i] ? events_q[event_q[i]] : '0;
        lo_sum[i] = {1'b0, count_q[i][31:0]} + 33'(inc[i]);
        hi_sum[i] = count_q[i][63:32] + 32'(carry_q[i]);
      end
    end
    assign count = count_q;
    assign pend_carry = carry_q;
    assign pend_inc = inc;
    if (EventsRegistered) begin : g_events_in
      assign events_q = events_i;
    end else begin : g_events_reg
      always_ff @(posedge clk_i or negedge rst_ni) begin
        if (!rst_ni) events_q <= '0;
        else events_q <= events_i;
      end
    end
    if (RegRead) begin : g_reg_read
      // Each counter's increment is selected by its own (registered) event, as for value; the
      // read then picks one of them by the address, an AND-OR of registered selects (the
      // address compared for equality, no range check: an index beyond the counters reads 0).
      logic [63:0]            rd_count_q, rd_count;
      logic                   rd_carry_q, rd_carry;
      logic [EventCountW-1:0] rd_inc_q, rd_inc;
      always_comb begin
        rd_count = '0;
        rd_carry = 1'b0;
        rd_inc = '0;
        for (int unsigned i = 0; i < NumCounters; i++) begin
          if (idx == 5'(i)) begin
            rd_count = count[i];
            rd_carry = pend_carry[i];
            rd_inc = pend_inc[i];
          end
        end
      end
      always_ff @(posedge clk_i) begin
        rd_count_q <= rd_count;
        rd_carry_q <= rd_carry;
        rd_inc_q <= rd_inc;
      end
      assign rd_value = rd_count_q + pending(rd_carry_q, rd_inc_q);
    end

    // A CSR write replaces one half of value: the other half goes on as without it (the low
    // half's carry to the high one is dropped when the high half is written).
    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        count_q <= '0;
        carry_q <= '0;
        counting_q <= '0;
      end else begin
        for (int unsigned i = 0; i < NumCounters; i++) begin
          counting_q[i] <= 1'b0;
          if (implemented(i)) begin
            if (dbg_zero_i) begin
              count_q[i] <= 64'd0;
              carry_q[i] <= 1'b0;
            end else begin
              count_q[i] <= {hi_sum[i], lo_sum[i][31:0]};
              carry_q[i] <= lo_sum[i][32];
              if (write_counter && idx == 5'(i)) begin
                if (csr_addr_i[7]) begin
                  count_q[i][63:32] <= csr_wdata_i;
                  carry_q[i] <= 1'b0;
                end else begin
                  count_q[i][31:0] <= csr_wdata_i;
                end
              end else begin
                counting_q[i] <= !inhibit_d[i] && !dbg_freeze_i;
              end
            end
          end
        end
      end
    end
  end
endmodule
