// The front end of the pipe core: keeps the fetch pc, asks the branch predictor for the next one,
// and issues one instruction-memory request per cycle into a small queue. Queue slots are taken at
// request time and filled by the responses in order, so the queue also bounds the requests in
// flight. A redirect empties the queue; responses still in flight for it are dropped. The redirect
// comes from a register in the core and is applied in the cycle it arrives: that cycle's request
// is already for the new pc, so registering it in the core costs no extra cycle.
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
  parameter bit          ReuseOnOut = 1'b0
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic [31:0] boot_pc_i,
  // instruction memory
  output logic        imem_req_valid_o,
  input  logic        imem_req_ready_i,
  output logic [31:0] imem_req_addr_o,
  input  logic        imem_rsp_valid_i,
  input  logic [31:0] imem_rsp_data_i,
  // predictor lookups for the three pcs fetch may request (each a register): 0 the redirect pc,
  // 1 the sequential pc, 2 the predicted target; the fetch pc's prediction is picked afterwards
  output logic [2:0][31:0] pred_pc_o,
  input  logic [2:0]       pred_taken_i,
  input  logic [2:0][31:0] pred_target_i,
  input  logic [2:0][BhtIdxW-1:0] pred_bht_idx_i,
  // redirect from execute (registered there)
  input  logic        redirect_i,
  input  logic [31:0] redirect_pc_i,
  // to decode: the oldest instruction
  output logic        out_valid_o,
  output logic [31:0] out_pc_o,
  output logic [31:0] out_insn_o,
  output logic [31:0] out_pred_next_o,  // the pc fetch continued at after this instruction
  output logic [BhtIdxW-1:0] out_bht_idx_o,
  input  logic        out_ready_i,
  // the instruction that will be the oldest next cycle (for the register file's synchronous read)
  output logic [31:0] next_insn_o
);
  localparam int unsigned PtrW = $clog2(Depth);

  // The pc to fetch when no redirect comes: the predicted next pc of the last request, kept as
  // its two candidates and the prediction. Together with the redirect pc these are the three pcs
  // this cycle's request may go to; the predictor looks up all three (from registers) and the
  // prediction of the one fetched is picked at the end, so the one-cycle loop (pc -> prediction
  // -> pc) holds only that pick.
  logic               pred_taken_q;
  logic [31:0]        seq_pc_q, pred_target_q, pc_cur;
  logic               next_wr_q;  // a request was sent last cycle: its slot's next pc is pc_cur
  logic [PtrW-1:0]    next_idx_q;
  logic [BhtIdxW-1:0] slot_bht_q  [Depth];
  logic [31:0]        slot_insn_q [Depth];
  logic [PtrW:0]      head_q, fill_q, alloc_q;  // one extra bit tells full from empty
  logic [PtrW:0]      drop_q;                   // responses still to come for flushed slots

  logic [PtrW:0] allocated;
  logic [PtrW-1:0] alloc_idx;  // the slot this cycle's request takes
  logic req_fire, rsp_take, out_fire;
  logic [31:0] fetch_pc, seq_next_pc;

  assign allocated = alloc_q - head_q;
  assign pc_cur = pred_taken_q ? pred_target_q : seq_pc_q;
  assign fetch_pc = redirect_i ? redirect_pc_i : pc_cur;
  assign imem_req_valid_o = redirect_i || (allocated != (PtrW + 1)'(Depth)) ||
                            (ReuseOnOut && out_fire);
  assign imem_req_addr_o = fetch_pc;
  assign req_fire = imem_req_valid_o && imem_req_ready_i;
  assign alloc_idx = redirect_i ? '0 : alloc_q[PtrW-1:0];
  assign pred_pc_o = {pred_target_q, seq_pc_q, redirect_pc_i};
  logic              pred_taken;
  logic [31:0]       pred_target;
  logic [BhtIdxW-1:0] pred_bht_idx;
  always_comb begin
    if (redirect_i) begin
      pred_taken = pred_taken_i[0];
      pred_target = pred_target_i[0];
      pred_bht_idx = pred_bht_idx_i[0];
    end else if (pred_taken_q) begin
      pred_taken = pred_taken_i[2];
      pred_target = pred_target_i[2];
      pred_bht_idx = pred_bht_idx_i[2];
    end else begin
      pred_taken = pred_taken_i[1];
      pred_target = pred_target_i[1];
      pred_bht_idx = pred_bht_idx_i[1];
    end
  end
  assign seq_next_pc = fetch_pc + 32'd4;
  assign rsp_take = imem_rsp_valid_i && drop_q == '0;

  assign out_valid_o = (fill_q != head_q);
  assign out_insn_o = slot_insn_q[head_q[PtrW-1:0]];
  assign out_bht_idx_o = slot_bht_q[head_q[PtrW-1:0]];
  assign out_fire = out_valid_o && out_ready_i;

  // Next cycle's oldest slot, with this cycle's response if that is what fills it. (After a
  // redirect the queue is empty and the value does not matter.) Both candidate slots are read
  // and out_ready_i (the core's stall logic) only picks one at the end.
  logic [PtrW-1:0] head_idx, head_next_idx;
  logic            fill_is_head, fill_is_next;
  assign head_idx = head_q[PtrW-1:0];
  assign head_next_idx = head_q[PtrW-1:0] + 1'b1;
  assign fill_is_head = rsp_take && fill_q[PtrW-1:0] == head_idx;
  assign fill_is_next = rsp_take && fill_q[PtrW-1:0] == head_next_idx;
  always_comb begin
    if (out_fire) next_insn_o = fill_is_next ? imem_rsp_data_i : slot_insn_q[head_next_idx];
    else next_insn_o = fill_is_head ? imem_rsp_data_i : slot_insn_q[head_idx];
  end

  // Requests sent and not yet answered: allocated slots not filled, plus those being dropped.
  logic [PtrW:0] in_flight;
  assign in_flight = (alloc_q - fill_q) + drop_q;

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
        pred_taken_q <= pred_taken;
      end else if (redirect_i) begin
        seq_pc_q <= redirect_pc_i;
        pred_taken_q <= 1'b0;
      end
      next_wr_q <= req_fire;
    end
  end
  always_ff @(posedge clk_i) begin
    if (req_fire) pred_target_q <= pred_target;
    next_idx_q <= alloc_idx;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      head_q <= '0;
      fill_q <= '0;
      alloc_q <= '0;
      drop_q <= '0;
    end else if (redirect_i) begin
      head_q <= '0;
      fill_q <= '0;
      alloc_q <= (PtrW + 1)'(req_fire);
      drop_q <= in_flight - (PtrW + 1)'(imem_rsp_valid_i);
    end else begin
      if (req_fire) alloc_q <= alloc_q + 1'b1;
      if (imem_rsp_valid_i) begin
        if (drop_q != '0) drop_q <= drop_q - 1'b1;
        else fill_q <= fill_q + 1'b1;
      end
      if (out_fire) head_q <= head_q + 1'b1;
    end
  end

  always_ff @(posedge clk_i) begin
    if (req_fire) slot_bht_q[alloc_idx] <= pred_bht_idx;
    if (!redirect_i && rsp_take) slot_insn_q[fill_q[PtrW-1:0]] <= imem_rsp_data_i;
  end

  if (Predict) begin : g_slot_next
    logic [31:0] slot_pc_q   [Depth];
    logic [31:0] slot_next_q [Depth];
    always_ff @(posedge clk_i) begin
      if (req_fire) slot_pc_q[alloc_idx] <= fetch_pc;
    end
    assign out_pc_o = slot_pc_q[head_q[PtrW-1:0]];
    // A slot's instruction comes a cycle after its request at the earliest and reaches decode a
    // cycle later: its predicted next pc, known a cycle after the request, is written in time.
    always_ff @(posedge clk_i) begin
      if (next_wr_q) slot_next_q[next_idx_q] <= pc_cur;
    end
    assign out_pred_next_o = slot_next_q[head_q[PtrW-1:0]];
  end else begin : g_seq_next
    // The oldest slot's pc: the redirect pc after a redirect (the queue restarts there), the next
    // one when decode takes an instruction. (Its pc + 4 is the same adder as the core's pc + 4
    // of the decode instruction: synthesis shares it.)
    logic [31:0] head_pc_q;
    always_ff @(posedge clk_i) begin
      if (!rst_ni) head_pc_q <= boot_pc_i;
      else if (redirect_i) head_pc_q <= redirect_pc_i;
      else if (out_fire) head_pc_q <= out_pred_next_o;
    end
    assign out_pc_o = head_pc_q;
    assign out_pred_next_o = head_pc_q + 32'd4;
    logic unused_next;
    assign unused_next = ^{next_wr_q, next_idx_q};
  end
endmodule
