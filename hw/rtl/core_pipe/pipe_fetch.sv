// The front end of the pipe core: keeps the fetch pc, asks the branch predictor for the next one,
// and issues one instruction-memory request per cycle into a small queue. Queue slots are taken at
// request time and filled by the responses in order, so the queue also bounds the requests in
// flight. A redirect empties the queue; responses still in flight for it are dropped. The redirect
// comes from a register in the core and is applied in the cycle it arrives: that cycle's request
// is already for the new pc, so registering it in the core costs no extra cycle.
//
// FetchWidth = 2 (the ooo core): a request may also take the next instruction, from the same
// response (imem_rsp_data1_i, the memory's next word), when it lies in the same aligned block of
// BlockBytes (the I$ line) and the first is not predicted taken; the predictor then also looks
// up the three pcs + 4, and the second instruction's prediction gives the next fetch pc. The
// queue hands decode up to two instructions a cycle (out_ready_i: a prefix, slot 0 the oldest).
module pipe_fetch
  import core_pkg::*;
#(
  parameter int unsigned Depth = 4,
  parameter int unsigned BhtIdxW = 8,
  // 0: no branch predictor (its inputs are zero): the slots hold consecutive pcs from the last
  // redirect on, so they keep no pc and no predicted next pc: one register counts the oldest
  // slot's pc, and every slot's next pc is its pc + 4.
  parameter bit          Predict = 1'b1,
  // 1: a request may take the slot that decode empties in the same cycle. With a memory that
  // answers in the next cycle, two slots then keep one instruction per cycle flowing (one in
  // decode, one in flight); the request's valid then depends on out_ready_i, a later signal.
  parameter bit          ReuseOnOut = 1'b0,
  parameter int unsigned FetchWidth = 1,   // 1 or 2 instructions per request and to decode
  // 1 (FetchWidth 1): the oldest instruction comes from a register (see g_head_reg), not from
  // the queue's LUT RAM: decode and the register file's read addresses start at a flip-flop.
  parameter bit          HeadReg = 1'b0,
  parameter int unsigned BlockBytes = 16,  // FetchWidth 2: a pair never crosses such a block
  // 1: the sequential and predicted-target lookups (pred_pc_o[3*i + 1], [3*i + 2]) give the pcs
  // those registers hold next cycle, and their predictions (pred_*_i) come a cycle later, for
  // the registers' pcs: a predictor whose tables are read at the clock edge (block RAM). The
  // redirect lookups (pred_pc_o[3*i]) stay as they are.
  parameter bit          LookAhead = 1'b0,
  // 1: when the queue holds no instruction, a response goes to decode in its own cycle (and is
  // written into its slots as well, for when decode does not take it): a redirect's first
  // instructions reach decode a cycle sooner. Decode must not take instructions in a redirect's
  // cycle. Needs Predict and no HeadReg.
  parameter bit          RspBypass = 1'b0,
  // 1: the predictor's return-address stack is fetch's (bpred SpecRas): a request pushes the
  // pc after a predicted call and pops for a predicted return, and every slot keeps the stack's
  // state as it was when the slot was requested (out_ras_o), from which the core puts it back.
  parameter bit          SpecRas = 1'b0,
  parameter int unsigned RasStateW = 1,
  localparam int unsigned W = FetchWidth
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic [31:0] boot_pc_i,
  // instruction memory
  output logic        imem_req_valid_o,
  input  logic        imem_req_ready_i,
  output logic [31:0] imem_req_addr_o,
  output logic        imem_req_pair_o,  // the request takes two instructions (for traces)
  input  logic        imem_rsp_valid_i,
  input  logic [31:0] imem_rsp_data_i,
  input  logic [31:0] imem_rsp_data1_i,  // FetchWidth 2: the word after imem_rsp_data_i's
  // predictor lookups for the three pcs fetch may request (each a register): 0 the redirect pc,
  // 1 the sequential pc, 2 the predicted target; the fetch pc's prediction is picked afterwards.
  // With FetchWidth 2, lookups 3..5 are the same pcs + 4 (the second instruction's).
  output logic [3*W-1:0][31:0] pred_pc_o,
  input  logic [3*W-1:0]       pred_taken_i,
  input  logic [3*W-1:0][31:0] pred_target_i,
  input  logic [3*W-1:0][BhtIdxW-1:0] pred_bht_idx_i,
  // redirect from execute (registered there)
  input  logic        redirect_i,
  input  logic [31:0] redirect_pc_i,
  // to decode: the oldest instructions (slot 0 the oldest; slot 1 valid only with slot 0)
  output logic [W-1:0]        out_valid_o,
  output logic [W-1:0][31:0]  out_pc_o,
  output logic [W-1:0][31:0]  out_insn_o,
  output logic [W-1:0][31:0]  out_pred_next_o,  // the pc fetch continued at after it
  output logic [W-1:0][BhtIdxW-1:0] out_bht_idx_o,
  input  logic [W-1:0]        out_ready_i,      // taken: slot 1 only with slot 0
  // the instruction that will be the oldest next cycle (for the register file's synchronous read;
  // FetchWidth 1 only)
  output logic [31:0] next_insn_o,
  // the speculative return-address stack (SpecRas; else unused): what the lookups found, the
  // request's push or pop, the stack's state before it, and each slot's
  input  logic [3*W-1:0]       pred_call_i,
  input  logic [3*W-1:0]       pred_return_i,
  output logic                 ras_push_o,
  output logic [31:2]          ras_push_addr_o,
  output logic                 ras_pop_o,
  input  logic [RasStateW-1:0] ras_state_i,
  output logic [W-1:0][RasStateW-1:0] out_ras_o
);
  localparam int unsigned PtrW = $clog2(Depth);
  localparam int unsigned BlkW = $clog2(BlockBytes);

  if (!(W == 1 || W == 2) ||
      (W == 2 && (!Predict || ReuseOnOut || HeadReg || Depth < 4 || BlockBytes < 8)))
  begin : g_bad_width
    $error("pipe_fetch: FetchWidth 1, or 2 with Predict, no ReuseOnOut or HeadReg, Depth >= 4,",
           " blocks >= 8");
  end
  if (RspBypass && (!Predict || HeadReg)) begin : g_bad_bypass
    $error("pipe_fetch: RspBypass needs Predict and no HeadReg");
  end

  // The pc to fetch when no redirect comes: the predicted next pc of the last request, kept as
  // its two candidates and the prediction. Together with the redirect pc these are the three pcs
  // this cycle's request may go to; the predictor looks up all three (from registers) and the
  // prediction of the one fetched is picked at the end, so the one-cycle loop (pc -> prediction
  // -> pc) holds only that pick.
  logic               pred_taken_q;
  logic [31:0]        seq_pc_q, pred_target_q, pc_cur;
  logic               next_wr_q;  // a request went out last cycle: its last slot's next pc: pc_cur
  logic [PtrW-1:0]    next_idx_q;
  logic [BhtIdxW-1:0] slot_bht_q  [Depth];
  logic [31:0]        slot_insn_q [Depth];
  logic [Depth-1:0]   slot_pair;  // the slot's request also took the next slot (FetchWidth 2)
  logic [PtrW:0]      head_q, fill_q, alloc_q;  // one extra bit tells full from empty
  logic [PtrW:0]      drop_q;     // responses still to come for flushed requests
  logic [PtrW:0]      pending_q;  // requests sent and not yet answered (dropped ones too)

  logic [PtrW:0] allocated;
  logic [PtrW-1:0] alloc_idx;  // the slot this cycle's request takes (and the next one, paired)
  logic req_fire, rsp_take, pair;
  logic [W-1:0] out_fire;
  logic [31:0] fetch_pc, seq_next_pc;

  assign allocated = alloc_q - head_q;
  assign pc_cur = pred_taken_q ? pred_target_q : seq_pc_q;
  assign fetch_pc = redirect_i ? redirect_pc_i : pc_cur;
  // Room for a whole request (FetchWidth slots), whether or not it pairs.
  assign imem_req_valid_o = redirect_i || (allocated <= (PtrW + 1)'(Depth - W)) ||
                            (ReuseOnOut && out_fire[0]);
  assign imem_req_addr_o = fetch_pc;
  assign imem_req_pair_o = pair;
  assign req_fire = imem_req_valid_o && imem_req_ready_i;
  assign alloc_idx = redirect_i ? '0 : alloc_q[PtrW-1:0];

  // Slot i's lookups are 3 * i + (0 redirect, 1 sequential, 2 predicted target).
  logic [W-1:0]              pred_taken;
  logic [W-1:0][31:0]        pred_target;
  logic [W-1:0][BhtIdxW-1:0] pred_bht_idx;
  logic [W-1:0]              pred_call, pred_return;  // (SpecRas)
  logic [W-1:0][31:0] seq_look, target_look;  // the pcs of the lookups 3 * i + 1, 3 * i + 2
  for (genvar i = 0; i < W; i++) begin : g_pick
    assign pred_pc_o[3*i] = redirect_pc_i + 32'(4 * i);
    assign pred_pc_o[3*i + 1] = seq_look[i];
    assign pred_pc_o[3*i + 2] = target_look[i];
    always_comb begin
      if (redirect_i) begin
        pred_taken[i] = pred_taken_i[3*i];
        pred_target[i] = pred_target_i[3*i];
        pred_bht_idx[i] = pred_bht_idx_i[3*i];
        pred_call[i] = pred_call_i[3*i];
        pred_return[i] = pred_return_i[3*i];
      end else if (pred_taken_q) begin
        pred_taken[i] = pred_taken_i[3*i + 2];
        pred_target[i] = pred_target_i[3*i + 2];
        pred_bht_idx[i] = pred_bht_idx_i[3*i + 2];
        pred_call[i] = pred_call_i[3*i + 2];
        pred_return[i] = pred_return_i[3*i + 2];
      end else begin
        pred_taken[i] = pred_taken_i[3*i + 1];
        pred_target[i] = pred_target_i[3*i + 1];
        pred_bht_idx[i] = pred_bht_idx_i[3*i + 1];
        pred_call[i] = pred_call_i[3*i + 1];
        pred_return[i] = pred_return_i[3*i + 1];
      end
    end
  end
  if (W == 2) begin : g_pair
    // The second instruction comes along unless the first is predicted taken or it starts the
    // next block (the memory's next word is in the same line only).
    assign pair = !pred_taken[0] && fetch_pc[BlkW-1:2] != '1;
    logic [Depth-1:0] slot_pair_q;
    always_ff @(posedge clk_i) begin
      if (req_fire) slot_pair_q[alloc_idx] <= pair;
    end
    assign slot_pair = slot_pair_q;
  end else begin : g_single
    assign pair = 1'b0;
    assign slot_pair = '0;
    logic unused_data1;
    assign unused_data1 = ^imem_rsp_data1_i;
  end
  logic        next_taken;
  logic [31:0] next_target;
  assign next_taken = pred_taken[0] || (pair && pred_taken[W-1]);
  assign next_target = pred_taken[0] ? pred_target[0] : pred_target[W-1];
  if (!LookAhead) begin : g_seq_next_pc
    assign seq_next_pc = fetch_pc + (pair ? 32'd8 : 32'd4);
  end
  assign rsp_take = imem_rsp_valid_i && drop_q == '0;

  logic [PtrW:0] filled;
  logic [W-1:0][PtrW-1:0] out_idx;
  logic [W-1:0]  rsp_out;  // slot i comes from this cycle's response (RspBypass)
  logic [PtrW-1:0] fill_idx;
  assign filled = fill_q - head_q;
  for (genvar i = 0; i < W; i++) begin : g_out
    assign out_idx[i] = head_q[PtrW-1:0] + PtrW'(i);
    if (RspBypass) begin : g_bypass
      // (An empty queue's fill slot is its head slot.)
      assign rsp_out[i] = rsp_take && filled == '0 && (i == 0 || slot_pair[fill_idx]);
      assign out_valid_o[i] = filled > (PtrW + 1)'(i) || rsp_out[i];
      assign out_insn_o[i] = rsp_out[i] ? (i == 0 ? imem_rsp_data_i : imem_rsp_data1_i)
                                        : slot_insn_q[out_idx[i]];
    end else begin : g_no_bypass
      assign rsp_out[i] = 1'b0;
      assign out_valid_o[i] = filled > (PtrW + 1)'(i);
      if (!HeadReg) begin : g_insn_ram
        assign out_insn_o[i] = slot_insn_q[out_idx[i]];
      end
    end
    assign out_bht_idx_o[i] = slot_bht_q[out_idx[i]];
    assign out_fire[i] = out_valid_o[i] && out_ready_i[i];
  end

  // Next cycle's oldest slot, with this cycle's response if that is what fills it. (After a
  // redirect the queue is empty and the value does not matter.) Both candidate slots are read
  // and out_ready_i (the core's stall logic) only picks one at the end.
  if (!RspBypass) begin : g_no_rsp_out
    logic unused_rsp_out;
    assign unused_rsp_out = ^rsp_out;
  end
  logic [PtrW-1:0] head_idx, head_next_idx;
  logic            fill_is_head, fill_is_next;
  assign head_idx = head_q[PtrW-1:0];
  assign head_next_idx = head_q[PtrW-1:0] + 1'b1;
  assign fill_idx = fill_q[PtrW-1:0];
  assign fill_is_head = rsp_take && fill_idx == head_idx;
  assign fill_is_next = rsp_take && fill_idx == head_next_idx;
  always_comb begin
    if (out_fire[0]) next_insn_o = fill_is_next ? imem_rsp_data_i : slot_insn_q[head_next_idx];
    else next_insn_o = fill_is_head ? imem_rsp_data_i : slot_insn_q[head_idx];
  end
  if (HeadReg) begin : g_head_reg
    // The register changes when decode takes the oldest (it gets the next slot's instruction)
    // or when a response fills the empty queue's first slot. The LUT RAM is read at the next
    // slot only, so the stall logic (out_ready_i) reaches the register's enable, not the RAM's
    // read address (a read mux between the two slots would be one port with a muxed address).
    logic [31:0] head_insn_q;
    always_ff @(posedge clk_i) begin
      if (out_fire[0] || fill_is_head) begin
        head_insn_q <= (fill_is_head || fill_is_next) ? imem_rsp_data_i
                                                      : slot_insn_q[head_next_idx];
      end
    end
    assign out_insn_o[0] = head_insn_q;
  end

  // The fetch pc resets synchronously to a value from outside (the start address), which FPGA
  // flip-flops cannot do asynchronously; reset is held for many cycles anyway.
  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      seq_pc_q <= boot_pc_i;
      pred_taken_q <= 1'b0;
      next_wr_q <= 1'b0;
    end else begin
      if (req_fire) begin
        seq_pc_q <= seq_next_pc;
        pred_taken_q <= next_taken;
      end else if (redirect_i) begin
        seq_pc_q <= redirect_pc_i;
        pred_taken_q <= 1'b0;
      end
      next_wr_q <= req_fire;
    end
  end
  always_ff @(posedge clk_i) begin
    if (req_fire) pred_target_q <= next_target;
    next_idx_q <= alloc_idx + PtrW'(pair);
  end
  if (LookAhead) begin : g_look_ahead
    // The two registers' next values, as the two always_ff above compute them, and the same + 4
    // for the second instruction's lookups. They are computed for a redirect and for none apart,
    // and redirect_i picks at the end: with the ooo core's early redirect it is a branch compare's
    // outcome, late in the cycle, which then passes a multiplexer on its way to the predictor's
    // block RAM addresses, not the pair decision and two adders.
    logic pair_r, pair_c;  // the request takes two instructions: with a redirect, without
    logic [31:0] target_r, target_c;  // the next predicted target: with a redirect, without
    if (W == 2) begin : g_pair_cases
      logic taken_c;
      assign taken_c = pred_taken_q ? pred_taken_i[2] : pred_taken_i[1];
      assign pair_r = !pred_taken_i[0] && redirect_pc_i[BlkW-1:2] != '1;
      assign pair_c = !taken_c && pc_cur[BlkW-1:2] != '1;
      assign target_r = pred_taken_i[0] ? pred_target_i[0] : pred_target_i[3];
      assign target_c = pred_taken_q ? (pred_taken_i[2] ? pred_target_i[2] : pred_target_i[5])
                                     : (taken_c ? pred_target_i[1] : pred_target_i[4]);
    end else begin : g_single_cases
      assign pair_r = 1'b0;
      assign pair_c = 1'b0;
      assign target_r = pred_target_i[0];
      assign target_c = pred_taken_q ? pred_target_i[2] : pred_target_i[1];
    end
    logic [W-1:0][31:0] seq_r, seq_c;
    for (genvar i = 0; i < W; i++) begin : g_cases
      assign seq_r[i] = redirect_pc_i + (pair_r ? 32'(8 + 4 * i) : 32'(4 + 4 * i));
      assign seq_c[i] = pc_cur + (pair_c ? 32'(8 + 4 * i) : 32'(4 + 4 * i));
      always_comb begin
        if (!rst_ni) seq_look[i] = boot_pc_i + 32'(4 * i);
        else if (req_fire) seq_look[i] = redirect_i ? seq_r[i] : seq_c[i];
        else if (redirect_i) seq_look[i] = redirect_pc_i + 32'(4 * i);
        else seq_look[i] = seq_pc_q + 32'(4 * i);
        if (req_fire) target_look[i] = redirect_i ? target_r + 32'(4 * i) : target_c + 32'(4 * i);
        else target_look[i] = pred_target_q + 32'(4 * i);
      end
    end
    assign seq_next_pc = seq_look[0];  // (req_fire's value: the register takes it only then)
`ifndef SYNTHESIS
    // A lookup at a pc other than the register's next value would only cost predictions, which
    // no test sees: check it here (and the cases' values against the plain ones).
    logic [31:0] seq_look_q, target_look_q;
    logic        look_seen_q = 1'b0;
    always_ff @(posedge clk_i) begin
      seq_look_q <= seq_look[0];
      target_look_q <= target_look[0];
      look_seen_q <= rst_ni;
      if (look_seen_q && (seq_look_q != seq_pc_q || target_look_q != pred_target_q))
        $error("pipe_fetch: a look-ahead lookup was not at the register's next pc");
      if (rst_ni && req_fire && (seq_look[0] != fetch_pc + (pair ? 32'd8 : 32'd4) ||
                                 (redirect_i ? target_r : target_c) != next_target))
        $error("pipe_fetch: the redirect's cases disagree with the plain next pc or target");
    end
`endif
  end else begin : g_look_now
    for (genvar i = 0; i < W; i++) begin : g_regs
      assign seq_look[i] = seq_pc_q + 32'(4 * i);
      assign target_look[i] = pred_target_q + 32'(4 * i);
    end
  end

  logic [PtrW:0] pending_d;
  assign pending_d = pending_q + (PtrW + 1)'(req_fire) - (PtrW + 1)'(imem_rsp_valid_i);
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      head_q <= '0;
      fill_q <= '0;
      alloc_q <= '0;
      drop_q <= '0;
      pending_q <= '0;
    end else begin
      pending_q <= pending_d;
      if (redirect_i) begin
        head_q <= '0;
        fill_q <= '0;
        alloc_q <= req_fire ? (PtrW + 1)'(1) + (PtrW + 1)'(pair) : '0;
        drop_q <= pending_q - (PtrW + 1)'(imem_rsp_valid_i);
      end else begin
        if (req_fire) alloc_q <= alloc_q + 1'b1 + (PtrW + 1)'(pair);
        if (imem_rsp_valid_i) begin
          if (drop_q != '0) drop_q <= drop_q - 1'b1;
          else fill_q <= fill_q + 1'b1 + (PtrW + 1)'(slot_pair[fill_idx]);
        end
        if (W == 1) head_q <= head_q + (PtrW + 1)'(out_fire[0]);
        else head_q <= head_q + (PtrW + 1)'(out_fire[0]) + (PtrW + 1)'(out_fire[W-1]);
      end
    end
  end

  always_ff @(posedge clk_i) begin
    if (req_fire) slot_bht_q[alloc_idx] <= pred_bht_idx[0];
    if (req_fire && pair) slot_bht_q[PtrW'(alloc_idx + 1'b1)] <= pred_bht_idx[W-1];
    if (!redirect_i && rsp_take) begin
      slot_insn_q[fill_idx] <= imem_rsp_data_i;
      if (slot_pair[fill_idx]) slot_insn_q[PtrW'(fill_idx + 1'b1)] <= imem_rsp_data1_i;
    end
  end

  if (Predict) begin : g_slot_next
    logic [31:0] slot_pc_q   [Depth];
    logic [31:0] slot_next_q [Depth];
    always_ff @(posedge clk_i) begin
      if (req_fire) slot_pc_q[alloc_idx] <= fetch_pc;
      if (req_fire && pair) slot_pc_q[PtrW'(alloc_idx + 1'b1)] <= fetch_pc + 32'd4;
    end
    for (genvar i = 0; i < W; i++) begin : g_out_pc
      assign out_pc_o[i] = slot_pc_q[out_idx[i]];
      if (RspBypass) begin : g_bypass
        // A response to last cycle's request goes to decode as its next pc is written.
        assign out_pred_next_o[i] = rsp_out[i] && next_wr_q && next_idx_q == out_idx[i]
                                    ? pc_cur : slot_next_q[out_idx[i]];
      end else begin : g_no_bypass
        assign out_pred_next_o[i] = slot_next_q[out_idx[i]];
      end
    end
    // A slot's instruction comes a cycle after its request at the earliest and reaches decode a
    // cycle later: its predicted next pc, known a cycle after the request, is written in time.
    // The first of a pair continues at its pc + 4, known at once.
    always_ff @(posedge clk_i) begin
      if (req_fire && pair) slot_next_q[alloc_idx] <= fetch_pc + 32'd4;
      // (Not for a request a redirect has just flushed: its slot may be the new pair's first.)
      if (next_wr_q && !redirect_i) slot_next_q[next_idx_q] <= pc_cur;
    end
  end else begin : g_seq_next
    // The oldest slot's pc: the redirect pc after a redirect (the queue restarts there), the next
    // one when decode takes an instruction. (Its pc + 4 is the same adder as the core's pc + 4
    // of the decode instruction: synthesis shares it.)
    logic [31:0] head_pc_q;
    always_ff @(posedge clk_i) begin
      if (!rst_ni) head_pc_q <= boot_pc_i;
      else if (redirect_i) head_pc_q <= redirect_pc_i;
      else if (out_fire[0]) head_pc_q <= out_pred_next_o[0];
    end
    assign out_pc_o[0] = head_pc_q;
    assign out_pred_next_o[0] = head_pc_q + 32'd4;
    logic unused_next;
    assign unused_next = ^{next_wr_q, next_idx_q};
  end

  if (SpecRas) begin : g_spec_ras
    // The fetched instruction that the request's prediction follows: slot 0, or slot 1 of a
    // pair (fetched only then); a call or return predicted there is taken, so at most one per
    // request.
    logic call, ret;
    assign call = pred_call[0] || (pair && pred_call[W-1]);
    assign ret = pred_return[0] || (pair && pred_return[W-1]);
    assign ras_push_o = req_fire && call;
    assign ras_pop_o = req_fire && ret;
    // (the pc after the call: the fetch pc + 4, or + 8 for slot 1's)
    assign ras_push_addr_o = fetch_pc[31:2] + (pred_call[0] ? 30'd1 : 30'd2);
    logic [RasStateW-1:0] slot_ras_q [Depth];
    always_ff @(posedge clk_i) begin
      if (req_fire) slot_ras_q[alloc_idx] <= ras_state_i;
      if (req_fire && pair) slot_ras_q[PtrW'(alloc_idx + 1'b1)] <= ras_state_i;
    end
    for (genvar i = 0; i < W; i++) begin : g_out_ras
      assign out_ras_o[i] = slot_ras_q[out_idx[i]];
    end
  end else begin : g_no_spec_ras
    assign ras_push_o = 1'b0;
    assign ras_push_addr_o = '0;
    assign ras_pop_o = 1'b0;
    assign out_ras_o = '0;
    logic unused_ras;
    assign unused_ras = ^{pred_call, pred_return, ras_state_i};
  end
endmodule
