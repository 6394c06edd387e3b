// Branch prediction for the fetch stage: a direct-mapped branch target buffer that also says what
// kind of control transfer sits at a pc, gshare 2-bit counters for conditional branches, and a
// return-address stack. Lookup is combinational on the fetch pc (SyncLookup: from block RAM, a
// cycle after the pc); training happens when the instruction resolves (in order, in EX), so the
// global history and the stack are never speculative and need no repair: a simpler design that
// costs a little accuracy when a call and its return are both in flight.
//
// SpecRas = 1 (the ooo core, whose calls and returns are in flight for many cycles): the stack is
// pushed and popped by fetch as it predicts a call or a return (ras_push_i, ras_pop_i), and the
// core puts its pointer back on a redirect (ras_restore_i: the state fetch had after the
// redirecting instruction, which the core keeps per checkpoint, or the committed state on a
// flush). The BTB then marks calls apart from other jumps. Commit still keeps the stack's
// pointer in program order (ras_commit_state_o) but writes no entry: fetch has written them.
module bpred #(
  parameter int unsigned BtbEntries = 32,
  parameter int unsigned BhtEntries = 256,
  parameter int unsigned RasEntries = 4,
  // BTB tag: the pc bits right above the index, at most this many. A short tag is a short
  // compare on the fetch loop (pc -> lookup -> prediction); it covers the RAM (64 KiB: 14 bits
  // of word address with the index) and an alias only costs a mispredict.
  parameter int unsigned BtbTagBits = 10,
  // Independent lookups (read ports) per cycle. A fetch unit can look up every pc it may fetch
  // next cycle, each from a register, and pick one afterwards: the lookup is then off its
  // one-cycle loop (pc -> prediction -> pc). With 1 the ports are plain vectors.
  parameter int unsigned Lookups = 1,
  // The lookups that read the gshare counters; the others predict conditional branches not
  // taken (fewer copies of the counter table's read port: less area and shorter routes).
  parameter logic [Lookups-1:0] UseBht = '1,
  // The lookups whose pc_i is the pc they answer for in the next cycle: their tables are read at
  // the clock edge, so they sit in block RAM (ECP5 DP16KD) instead of LUT RAM, and taken_o,
  // target_o and bht_idx_o answer a cycle after pc_i. The others read combinationally.
  parameter logic [Lookups-1:0] SyncLookup = '0,
  parameter bit          SpecRas = 1'b0,
  // SpecRas: the lookups that answer for a redirect's pc (used only in a redirect's cycle, when
  // ras_restore_i is set): they read the stack as the redirect restores it.
  parameter logic [Lookups-1:0] RedirectLookup = '0,
  // the stack's state (count, then top index) that fetch and the core carry around (SpecRas)
  localparam int unsigned RasStateW = 2 * $clog2(RasEntries) + 1
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  // lookup
  input  logic [Lookups-1:0][31:0] pc_i,
  output logic [Lookups-1:0]       taken_o,
  output logic [Lookups-1:0][31:0] target_o,
  output logic [Lookups-1:0][$clog2(BhtEntries)-1:0] bht_idx_o,  // carried to the update
  // update from the resolving instruction
  input  logic        upd_valid_i,
  input  logic [31:0] upd_pc_i,
  input  logic        upd_is_branch_i,
  input  logic        upd_is_jump_i,     // jal or jalr
  input  logic        upd_is_call_i,
  input  logic        upd_is_return_i,
  input  logic        upd_taken_i,
  input  logic [31:0] upd_target_i,
  input  logic [$clog2(BhtEntries)-1:0] upd_bht_idx_i,
  input  logic        upd_clear_i,       // not a control transfer although the BTB said so
  // the speculative return-address stack (SpecRas; else unused)
  output logic [Lookups-1:0] call_o,     // the lookup predicts a call (taken)
  output logic [Lookups-1:0] return_o,   // the lookup predicts a return (taken, from the stack)
  input  logic        ras_push_i,        // fetch requests a predicted call: push its pc + 4
  input  logic [31:2] ras_push_addr_i,
  input  logic        ras_pop_i,         // fetch requests a predicted return
  input  logic        ras_restore_i,     // a redirect: start from ras_restore_state_i
  input  logic [RasStateW-1:0] ras_restore_state_i,
  output logic [RasStateW-1:0] ras_state_o,        // before this cycle's push or pop (restored)
  output logic [RasStateW-1:0] ras_commit_state_o  // in program order, at commit
);
  localparam int unsigned BtbIdxW = $clog2(BtbEntries);
  localparam int unsigned BhtIdxW = $clog2(BhtEntries);
  localparam int unsigned RasIdxW = $clog2(RasEntries);
  localparam int unsigned TagW = (BtbTagBits < 30 - BtbIdxW) ? BtbTagBits : 30 - BtbIdxW;
  localparam int unsigned TagLo = 2 + BtbIdxW;

  typedef enum logic [1:0] {KindBranch, KindJump, KindReturn, KindCall} kind_e;

  logic [BtbEntries-1:0] btb_valid_q;
  logic [1:0]            bht_q        [BhtEntries];
  logic [BhtIdxW-1:0]    ghr_q, ghr_d;
  logic [31:2]           ras_q        [RasEntries];
  logic [RasIdxW-1:0]    ras_top_q;   // index of the newest entry
  logic [RasIdxW:0]      ras_count_q;
  logic [3:0] unused_low_bits;
  assign unused_low_bits = {upd_pc_i[1:0], upd_target_i[1:0]};  // word aligned (pc_i: below)
  for (genvar l = 0; l < Lookups; l++) begin : g_unused_pc
    logic unused_pc_bits;
    if (TagLo + TagW < 32) begin : g_short_tag
      assign unused_pc_bits = ^{pc_i[l][1:0], pc_i[l][31:TagLo + TagW]};
    end else begin : g_full_tag
      assign unused_pc_bits = ^pc_i[l][1:0];
    end
  end
  if (TagLo + TagW < 32) begin : g_short_tag
    logic unused_upd_pc_hi;
    assign unused_upd_pc_hi = ^upd_pc_i[31:TagLo + TagW];
  end

  // ---- update ----
  logic [BtbIdxW-1:0] u_idx;
  assign u_idx = upd_pc_i[2 +: BtbIdxW];
  logic [RasStateW-1:0] commit_ras_next;  // the committed stack's pointer after this update
  ras_step #(.Entries(RasEntries)) u_commit_ras (
    .state_i({ras_count_q, ras_top_q}), .push_i(upd_is_call_i), .pop_i(upd_is_return_i),
    .state_o(commit_ras_next)
  );

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      btb_valid_q <= '0;
      ghr_q <= '0;
      ras_top_q <= '0;
      ras_count_q <= '0;
    end else if (upd_valid_i) begin
      if (upd_clear_i) btb_valid_q[u_idx] <= 1'b0;
      if (upd_is_branch_i) ghr_q <= {ghr_q[BhtIdxW-2:0], upd_taken_i};
      if ((upd_is_branch_i && upd_taken_i) || upd_is_jump_i) btb_valid_q[u_idx] <= 1'b1;
      {ras_count_q, ras_top_q} <= commit_ras_next;
    end
  end

  // Tables without reset (RAM-like; the counters start at 0, strongly not taken, as block RAM does).
  // The counters are read-modify-written here; each lookup has its own copy of the BTB and of the
  // counters' taken bits (below), written alike.
  logic [1:0] bht_new;
  logic       bht_we, btb_we;
  assign bht_we = upd_valid_i && upd_is_branch_i &&
                  (upd_taken_i ? bht_q[upd_bht_idx_i] != 2'b11 : bht_q[upd_bht_idx_i] != 2'b00);
  assign bht_new = upd_taken_i ? bht_q[upd_bht_idx_i] + 2'b01 : bht_q[upd_bht_idx_i] - 2'b01;
  assign btb_we = upd_valid_i && ((upd_is_branch_i && upd_taken_i) || upd_is_jump_i);
  always_ff @(posedge clk_i) begin
    if (bht_we) bht_q[upd_bht_idx_i] <= bht_new;
  end
  assign ras_commit_state_o = {ras_count_q, ras_top_q};

  // The stack the lookups read: the committed one, or fetch's speculative one (SpecRas).
  logic [RasIdxW-1:0] r_top;
  logic [RasIdxW:0]   r_count;
  if (SpecRas) begin : g_spec_ras
    logic [RasIdxW-1:0]   s_top_q, s_top;
    logic [RasIdxW:0]     s_count_q, s_count;
    logic [RasStateW-1:0] s_next;
    assign {s_count, s_top} = ras_restore_i ? ras_restore_state_i : {s_count_q, s_top_q};
    ras_step #(.Entries(RasEntries)) u_spec_ras (
      .state_i({s_count, s_top}), .push_i(ras_push_i), .pop_i(ras_pop_i), .state_o(s_next)
    );
    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) {s_count_q, s_top_q} <= '0;
      else {s_count_q, s_top_q} <= s_next;
    end
    always_ff @(posedge clk_i) begin
      if (ras_push_i) ras_q[s_top + 1'b1] <= ras_push_addr_i;
    end
    assign r_top = s_top_q;
    assign r_count = s_count_q;
    assign ras_state_o = {s_count, s_top};
`ifndef SYNTHESIS
    always_ff @(posedge clk_i) begin
      if (rst_ni && ras_push_i && ras_pop_i) $error("bpred: a push and a pop in one cycle");
    end
`endif
  end else begin : g_commit_ras
    always_ff @(posedge clk_i) begin
      if (upd_valid_i && upd_is_call_i) ras_q[ras_top_q + 1'b1] <= upd_pc_i[31:2] + 30'd1;
    end
    assign r_top = ras_top_q;
    assign r_count = ras_count_q;
    assign ras_state_o = '0;
    logic unused_ras_in;
    assign unused_ras_in = ^{ras_push_i, ras_push_addr_i, ras_pop_i, ras_restore_i,
                             ras_restore_state_i};
  end

  // ---- lookup ----
  // One copy of the tables per lookup: separate memories, so that synthesis cannot merge the
  // lookups' read ports into one with a muxed address (that would put the table read back on
  // the fetch unit's one-cycle loop, behind its pick). The target does not depend on the tag
  // compare: it only matters when the prediction is taken.
  typedef struct packed {
    logic [TagW-1:0] tag;
    logic [31:2]     target;
    kind_e           kind;
  } btb_entry_t;
  btb_entry_t btb_new;
  assign btb_new = '{tag: upd_pc_i[TagLo +: TagW], target: upd_target_i[31:2],
                     kind: upd_is_branch_i ? KindBranch : upd_is_return_i ? KindReturn :
                           (SpecRas && upd_is_call_i) ? KindCall : KindJump};
  // What ghr_q holds next cycle: a synchronous lookup's counter index is formed with it.
  assign ghr_d = (upd_valid_i && upd_is_branch_i) ? {ghr_q[BhtIdxW-2:0], upd_taken_i} : ghr_q;
  if (SyncLookup == '0) begin : g_no_sync
    logic unused_ghr_d;
    assign unused_ghr_d = ^ghr_d;
  end
  for (genvar l = 0; l < Lookups; l++) begin : g_lookup
    btb_entry_t         entry;          // the BTB entry at this lookup's index
    logic               counter_taken;  // the gshare counter's taken bit at this lookup's index
    logic [BtbIdxW-1:0] l_idx;
    logic [TagW-1:0]    l_tag;
    if (SyncLookup[l]) begin : g_sync
      // Read at the edge, at next cycle's pc; the tag compare uses that pc, registered.
      (* ram_style = "block", no_rw_check *) btb_entry_t btb_q [BtbEntries];
      logic [BtbIdxW-1:0] idx_q;
      logic [TagW-1:0]    tag_q;
      logic [BhtIdxW-1:0] bht_idx_q;
      always_ff @(posedge clk_i) begin
        if (btb_we) btb_q[u_idx] <= btb_new;
        entry <= btb_q[pc_i[l][2 +: BtbIdxW]];
        idx_q <= pc_i[l][2 +: BtbIdxW];
        tag_q <= pc_i[l][TagLo +: TagW];
        bht_idx_q <= pc_i[l][2 +: BhtIdxW] ^ ghr_d;
      end
      assign l_idx = idx_q;
      assign l_tag = tag_q;
      assign bht_idx_o[l] = bht_idx_q;
      if (UseBht[l]) begin : g_bht
        (* ram_style = "block", no_rw_check *) logic taken_bit_q [BhtEntries];
        always_ff @(posedge clk_i) begin
          if (bht_we) taken_bit_q[upd_bht_idx_i] <= bht_new[1];
          counter_taken <= taken_bit_q[pc_i[l][2 +: BhtIdxW] ^ ghr_d];
        end
      end else begin : g_no_bht
        assign counter_taken = 1'b0;
      end
    end else begin : g_comb
      logic [TagW-1:0] tag_q    [BtbEntries];
      logic [31:2]     target_q [BtbEntries];
      kind_e           kind_q   [BtbEntries];
      always_ff @(posedge clk_i) begin
        if (btb_we) begin
          tag_q[u_idx] <= btb_new.tag;
          target_q[u_idx] <= btb_new.target;
          kind_q[u_idx] <= btb_new.kind;
        end
      end
      assign l_idx = pc_i[l][2 +: BtbIdxW];
      assign l_tag = pc_i[l][TagLo +: TagW];
      assign entry = '{tag: tag_q[l_idx], target: target_q[l_idx], kind: kind_q[l_idx]};
      assign bht_idx_o[l] = pc_i[l][2 +: BhtIdxW] ^ ghr_q;
      if (UseBht[l]) begin : g_bht
        logic taken_bit_q [BhtEntries];
        always_ff @(posedge clk_i) begin
          if (bht_we) taken_bit_q[upd_bht_idx_i] <= bht_new[1];
        end
        assign counter_taken = taken_bit_q[bht_idx_o[l]];
      end else begin : g_no_bht
        assign counter_taken = 1'b0;
      end
    end

    logic        hit;
    assign hit = btb_valid_q[l_idx] && entry.tag == l_tag;
    // the stack's top for a return: as it stands, or as a redirect restores it
    logic [RasIdxW-1:0] l_top;
    logic [RasIdxW:0]   l_count;
    if (SpecRas && RedirectLookup[l]) begin : g_restored_top
      assign {l_count, l_top} = ras_restore_state_i;
    end else begin : g_top
      assign l_top = r_top;
      assign l_count = r_count;
    end
    logic        taken;
    logic [31:0] target;
    always_comb begin
      taken = 1'b0;
      target = {entry.target, 2'b00};
      unique case (entry.kind)
        KindBranch: taken = hit && counter_taken;
        KindJump:   taken = hit;
        KindReturn: begin
          taken = hit && l_count != '0;
          target = {ras_q[l_top], 2'b00};
        end
        KindCall:   taken = SpecRas && hit;
        default: taken = 1'b0;
      endcase
    end
    assign taken_o[l] = taken;
    assign target_o[l] = target;
    assign call_o[l] = SpecRas && hit && entry.kind == KindCall;
    assign return_o[l] = SpecRas && hit && entry.kind == KindReturn && l_count != '0;
  end
endmodule
