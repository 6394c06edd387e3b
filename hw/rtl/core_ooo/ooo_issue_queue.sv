// The issue queue: instructions wait here, out of program order, until their source registers are
// ready. Wakeup: every result write broadcasts its physical register; matching sources become
// ready in the same edge, so a dependent instruction issues in the cycle after its producer (the
// producer's result is in the register file by then). Select: the lowest-numbered ready entry for
// the ALU port and, separately, for the M-unit port and the load port (entries are not kept in
// age order; the ROB restores the order at commit; a load needs only its address register, its
// ordering against stores is the load port's business). A flush empties the queue; a
// squash (mispredict recovery) removes the entries younger than a ROB index (age = distance from
// the ROB head).
module ooo_issue_queue #(
  parameter int unsigned Entries = 8,
  parameter int unsigned RobW = 5,
  parameter int unsigned TagW = 6,        // physical register number
  parameter int unsigned PayloadW = 64,   // what the execution units need, opaque here
  parameter int unsigned NumWake = 3
) (
  input  logic                         clk_i,
  input  logic                         rst_ni,
  // insert (from rename); the ready bits already include this cycle's wakeups
  input  logic                         ins_valid_i,
  output logic                         full_o,
  input  logic [TagW-1:0]              ins_ps1_i,
  input  logic [TagW-1:0]              ins_ps2_i,
  input  logic                         ins_rdy1_i,
  input  logic                         ins_rdy2_i,
  input  logic                         ins_is_md_i,   // goes to the M unit
  input  logic                         ins_is_ld_i,   // goes to the load port
  input  logic [RobW-1:0]              ins_rob_i,
  input  logic [PayloadW-1:0]          ins_payload_i,
  // wakeup
  input  logic [NumWake-1:0]           wake_valid_i,
  input  logic [NumWake-1:0][TagW-1:0] wake_tag_i,
  // ALU port
  output logic                         alu_valid_o,
  output logic [TagW-1:0]              alu_ps1_o,
  output logic [TagW-1:0]              alu_ps2_o,
  output logic [PayloadW-1:0]          alu_payload_o,
  // M-unit port (issues only when md_ready_i)
  input  logic                         md_ready_i,
  output logic                         md_valid_o,
  output logic [TagW-1:0]              md_ps1_o,
  output logic [TagW-1:0]              md_ps2_o,
  output logic [PayloadW-1:0]          md_payload_o,
  // load port (issues only when ld_ready_i)
  input  logic                         ld_ready_i,
  output logic                         ld_valid_o,
  output logic [TagW-1:0]              ld_ps1_o,
  output logic [PayloadW-1:0]          ld_payload_o,
  input  logic                         flush_i,
  input  logic                         squash_i,
  input  logic [RobW-1:0]              squash_rob_i,  // the mispredicted branch: it stays
  input  logic [RobW-1:0]              rob_head_i,
  output logic [$clog2(Entries+1)-1:0] count_o
);
  localparam int unsigned IdxW = $clog2(Entries);

  logic [Entries-1:0] valid_q, rdy1_q, rdy2_q, is_md_q, is_ld_q;
  logic [TagW-1:0]     ps1_q [Entries];
  logic [TagW-1:0]     ps2_q [Entries];
  logic [PayloadW-1:0] payload_q [Entries];
  logic [RobW-1:0]     rob_q [Entries];
  logic [Entries-1:0]  younger;
  always_comb begin
    for (int i = 0; i < Entries; i++)
      younger[i] = RobW'(rob_q[i] - rob_head_i) > RobW'(squash_rob_i - rob_head_i);
  end

  // Free slot for insert, ready entries for each port: lowest index wins.
  logic [IdxW-1:0] free_idx, alu_idx, md_idx, ld_idx;
  logic            have_free;
  always_comb begin
    have_free = 1'b0;
    free_idx = '0;
    alu_valid_o = 1'b0;
    alu_idx = '0;
    md_valid_o = 1'b0;
    md_idx = '0;
    ld_valid_o = 1'b0;
    ld_idx = '0;
    count_o = '0;
    for (int i = Entries - 1; i >= 0; i--) begin
      if (!valid_q[i]) begin
        have_free = 1'b1;
        free_idx = IdxW'(i);
      end
      if (valid_q[i] && rdy1_q[i] && rdy2_q[i] && !is_md_q[i] && !is_ld_q[i]) begin
        alu_valid_o = 1'b1;
        alu_idx = IdxW'(i);
      end
      if (valid_q[i] && rdy1_q[i] && rdy2_q[i] && is_md_q[i] && md_ready_i) begin
        md_valid_o = 1'b1;
        md_idx = IdxW'(i);
      end
      if (valid_q[i] && rdy1_q[i] && is_ld_q[i] && ld_ready_i) begin
        ld_valid_o = 1'b1;
        ld_idx = IdxW'(i);
      end
      count_o = count_o + ($clog2(Entries+1))'(valid_q[i]);
    end
  end
  assign full_o = !have_free;
  assign alu_ps1_o = ps1_q[alu_idx];
  assign alu_ps2_o = ps2_q[alu_idx];
  assign alu_payload_o = payload_q[alu_idx];
  assign md_ps1_o = ps1_q[md_idx];
  assign md_ps2_o = ps2_q[md_idx];
  assign md_payload_o = payload_q[md_idx];
  assign ld_ps1_o = ps1_q[ld_idx];
  assign ld_payload_o = payload_q[ld_idx];

  function automatic logic woken(logic [NumWake-1:0] v, logic [NumWake-1:0][TagW-1:0] t,
                                 logic [TagW-1:0] tag);
    logic hit;
    hit = 1'b0;
    for (int w = 0; w < NumWake; w++) hit |= v[w] && t[w] == tag;
    return hit;
  endfunction

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      valid_q <= '0;
    end else if (flush_i) begin
      valid_q <= '0;
    end else if (squash_i) begin
      valid_q <= valid_q & ~younger;
      if (alu_valid_o) valid_q[alu_idx] <= 1'b0;  // the branch itself
      if (md_valid_o) valid_q[md_idx] <= 1'b0;    // started if older, squashed if younger
      if (ld_valid_o) valid_q[ld_idx] <= 1'b0;
    end else begin
      if (alu_valid_o) valid_q[alu_idx] <= 1'b0;
      if (md_valid_o) valid_q[md_idx] <= 1'b0;
      if (ld_valid_o) valid_q[ld_idx] <= 1'b0;
      if (ins_valid_i) valid_q[free_idx] <= 1'b1;
    end
  end

  always_ff @(posedge clk_i) begin
    for (int i = 0; i < Entries; i++) begin
      if (woken(wake_valid_i, wake_tag_i, ps1_q[i])) rdy1_q[i] <= 1'b1;
      if (woken(wake_valid_i, wake_tag_i, ps2_q[i])) rdy2_q[i] <= 1'b1;
    end
    if (ins_valid_i) begin
      ps1_q[free_idx] <= ins_ps1_i;
      ps2_q[free_idx] <= ins_ps2_i;
      rdy1_q[free_idx] <= ins_rdy1_i;
      rdy2_q[free_idx] <= ins_rdy2_i;
      is_md_q[free_idx] <= ins_is_md_i;
      is_ld_q[free_idx] <= ins_is_ld_i;
      rob_q[free_idx] <= ins_rob_i;
      payload_q[free_idx] <= ins_payload_i;
    end
  end

`ifndef SYNTHESIS
  always_ff @(posedge clk_i) begin
    if (rst_ni && ins_valid_i && !have_free) $error("ooo_issue_queue: insert into a full queue");
  end
`endif
endmodule
