// The pipe core's front end on the small SoC (pipe_core RegFetch: no caches, a single-port RAM that
// answers every request it takes in the next cycle, no branch predictor): fetch asks for an
// instruction every cycle, from registers, and learns from the response whether the RAM took it.
// Neither the core's stall logic (out_ready_i) nor the RAM port's arbitration (imem_req_ready_i)
// reaches the request's address or the fetch pc: only the slots' counters and the response's
// valid, all registers, do; out_ready_i moves the oldest slot (the ID stage's own enables).
//
// The request is for the instruction after the last one fetch took, or for that one again when
// it was not taken. A response is taken unless the slots were full as its cycle began (a slot
// decode empties in that cycle does not count: that is the stall logic, late in the cycle), and
// one not taken is asked for again. With two slots this fetches in the same cycles as pipe_fetch
// with ReuseOnOut, which asks only when a slot will be free: the request it would not have made
// is the one dropped here. A redirect empties the slots; the response that comes with it (last
// cycle's request, on the old path) is dropped, and the request goes to the redirect pc.
module pipe_fetch_seq #(
  parameter int unsigned Depth = 2,    // slots (a power of two)
  parameter int unsigned BhtIdxW = 8,  // (out_bht_idx_o only: no predictor here)
  parameter int unsigned TagW = 1      // rsp_tag_i's width
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic [31:0] boot_pc_i,
  // instruction memory (a response comes in the cycle after each request the memory takes)
  output logic        imem_req_valid_o,
  input  logic        imem_req_ready_i,
  output logic [31:0] imem_req_addr_o,
  input  logic        imem_rsp_valid_i,
  input  logic [31:0] imem_rsp_data_i,
  // what the core decodes from the response as it comes (kept with its slot: out_tag_o), so that
  // decode has those bits from flip-flops through the slot select only
  input  logic [TagW-1:0] rsp_tag_i,
  // redirect from execute (registered there)
  input  logic        redirect_i,
  input  logic [31:0] redirect_pc_i,
  // to decode: the oldest instruction (as pipe_fetch's, FetchWidth 1)
  output logic               out_valid_o,
  output logic [31:0]        out_pc_o,
  output logic [31:0]        out_insn_o,
  output logic [31:0]        out_pred_next_o,  // always pc + 4
  output logic [BhtIdxW-1:0] out_bht_idx_o,
  output logic [TagW-1:0]    out_tag_o,
  input  logic               out_ready_i,
  // the instruction that will be the oldest next cycle (the register file's synchronous read)
  output logic [31:0]        next_insn_o
);
  localparam int unsigned PtrW = $clog2(Depth);
  if (Depth < 2 || Depth != 2 ** PtrW) begin : g_bad_depth
    $error("pipe_fetch_seq: Depth must be a power of two, at least 2");
  end

  logic [31:0]     req_pc_q;   // the pc last cycle's request asked for
  logic [31:0]     head_pc_q;  // the oldest slot's pc
  logic [31:0]     slot_insn_q [Depth];
  logic [TagW-1:0] slot_tag_q [Depth];
  logic [PtrW-1:0] head_q, head_next_idx, fill_idx;
  logic [PtrW:0]   filled_q;   // instructions in the slots
  logic            take, out_fire;

  // The memory takes a request or it does not; the response (or none) tells, a cycle later.
  logic unused_req_ready;
  assign unused_req_ready = imem_req_ready_i;
  assign imem_req_valid_o = 1'b1;
  assign take = imem_rsp_valid_i && filled_q != (PtrW + 1)'(Depth);
  assign imem_req_addr_o = redirect_i ? redirect_pc_i : req_pc_q + (take ? 32'd4 : 32'd0);

  assign fill_idx = head_q + filled_q[PtrW-1:0];
  assign head_next_idx = head_q + 1'b1;
  assign out_valid_o = filled_q != '0;
  assign out_insn_o = slot_insn_q[head_q];
  assign out_tag_o = slot_tag_q[head_q];
  assign out_pc_o = head_pc_q;
  assign out_pred_next_o = head_pc_q + 32'd4;
  assign out_bht_idx_o = '0;
  assign out_fire = out_valid_o && out_ready_i;

  // Next cycle's oldest slot, with this cycle's response if that is what fills it (after a
  // redirect the slots are empty and the value does not matter); out_ready_i picks at the end.
  always_comb begin
    if (out_fire) begin
      next_insn_o = (take && fill_idx == head_next_idx) ? imem_rsp_data_i
                                                         : slot_insn_q[head_next_idx];
    end else begin
      next_insn_o = (take && fill_idx == head_q) ? imem_rsp_data_i : slot_insn_q[head_q];
    end
  end

  // (A response taken in a redirect's cycle writes a slot that the emptied queue does not read.)
  always_ff @(posedge clk_i) begin
    if (take) begin
      slot_insn_q[fill_idx] <= imem_rsp_data_i;
      slot_tag_q[fill_idx] <= rsp_tag_i;
    end
  end
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      head_q <= '0;
      filled_q <= '0;
    end else begin
      head_q <= head_q + PtrW'(out_fire);
      if (redirect_i) filled_q <= '0;
      else filled_q <= filled_q + (PtrW + 1)'(take) - (PtrW + 1)'(out_fire);
    end
  end
  // The pcs reset synchronously to a value from outside (the start address), as pipe_fetch's.
  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      req_pc_q <= boot_pc_i;
      head_pc_q <= boot_pc_i;
    end else begin
      req_pc_q <= imem_req_addr_o;
      if (redirect_i) head_pc_q <= redirect_pc_i;
      else if (out_fire) head_pc_q <= out_pred_next_o;
    end
  end
endmodule
