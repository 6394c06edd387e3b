// The issue queue: instructions wait here, out of program order, until their source registers are
// ready. Wakeup: the core broadcasts the physical registers whose values its users may read from
// the cycle after next on (a result write, or with ooo_core's issue registers the pick of a
// one-cycle producer); matching sources become ready in the same edge, so a dependent instruction
// issues in the cycle after its producer. A port that does not take its pick (alu_take_i,
// alu1_take_i: its issue register holds an instruction) leaves the entry. Select: the oldest
// ready entry (an age matrix records the insertion order) for the first ALU port; the
// lowest-numbered other ready entry that may use the second ALU port (ins_alu1_i) for that one,
// when the M-unit port issues nothing; the lowest-numbered ready entry for the M-unit port and
// for the load port (entries do not sit in age order; the ROB restores the order at commit; a
// load needs only its address register, its ordering against stores is the load port's
// business). A store issues on the
// first ALU port as soon as its address register is ready: if its data register is not, the
// entry stays (address issued) and issues again, for the data, when that is ready. A flush
// empties the queue; a squash (mispredict recovery) removes the entries younger than a ROB index
// (age = distance from the ROB head). Rename inserts up to two entries a cycle (into the two
// lowest free slots), also in a squash's cycle.
module ooo_issue_queue #(
  parameter int unsigned Entries = 8,
  parameter int unsigned RobW = 5,
  parameter int unsigned TagW = 6,        // physical register number
  parameter int unsigned PayloadW = 64,   // what the execution units need, opaque here
  parameter int unsigned NumWake = 3
) (
  input  logic                         clk_i,
  input  logic                         rst_ni,
  // insert (from rename, slot 0 the older); the ready bits already include this cycle's wakeups
  input  logic [1:0]                   ins_valid_i,
  output logic [1:0]                   free_o,        // [0]: a free entry, [1]: two
  input  logic [1:0][TagW-1:0]         ins_ps1_i,
  input  logic [1:0][TagW-1:0]         ins_ps2_i,
  input  logic [1:0]                   ins_rdy1_i,
  input  logic [1:0]                   ins_rdy2_i,
  input  logic [1:0]                   ins_is_md_i,   // goes to the M unit
  input  logic [1:0]                   ins_is_ld_i,   // goes to the load port
  input  logic [1:0]                   ins_alu1_i,    // may go to the second ALU port
  input  logic [1:0]                   ins_is_st_i,   // a store: address, then data (ALU port)
  input  logic [1:0][RobW-1:0]         ins_rob_i,
  input  logic [1:0][PayloadW-1:0]     ins_payload_i,
  // wakeup
  input  logic [NumWake-1:0]           wake_valid_i,
  input  logic [NumWake-1:0][TagW-1:0] wake_tag_i,
  // ALU port
  output logic                         alu_valid_o,
  output logic [TagW-1:0]              alu_ps1_o,
  output logic [TagW-1:0]              alu_ps2_o,
  output logic [PayloadW-1:0]          alu_payload_o,
  output logic                         alu_st_first_o,  // a store's first issue (its address)
  output logic                         alu_st_data_o,   // a store's data register is ready
  input  logic                         alu_take_i,      // the port takes the pick (else it stays)
  // second ALU port: another ready entry that may go there (ins_alu1_i), not with md_valid_o
  output logic                         alu1_valid_o,
  output logic [TagW-1:0]              alu1_ps1_o,
  output logic [TagW-1:0]              alu1_ps2_o,
  output logic [PayloadW-1:0]          alu1_payload_o,
  input  logic                         alu1_ready_i,    // the port may pick
  input  logic                         alu1_take_i,     // the port takes the pick (else it stays)
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
  // each port's pick is younger than the squash's branch (for the core's issue registers)
  output logic                         alu_young_o,
  output logic                         alu1_young_o,
  output logic                         md_young_o,
  output logic                         ld_young_o,
  output logic [$clog2(Entries+1)-1:0] count_o
);
  localparam int unsigned IdxW = $clog2(Entries);

  logic [Entries-1:0] valid_q, rdy1_q, rdy2_q, is_md_q, is_ld_q, alu1_q;
  logic [Entries-1:0] is_st_q, sta_q;  // a store; its address has issued (it waits for data)
  logic [TagW-1:0]     ps1_q [Entries];
  logic [TagW-1:0]     ps2_q [Entries];
  logic [PayloadW-1:0] payload_q [Entries];
  logic [RobW-1:0]     rob_q [Entries];
  logic [Entries-1:0]  younger;
  always_comb begin
    for (int i = 0; i < Entries; i++)
      younger[i] = RobW'(rob_q[i] - rob_head_i) > RobW'(squash_rob_i - rob_head_i);
  end

  // Free slots for insert (the lowest two), ready entries for each port: lowest index wins.
  logic [IdxW-1:0] free_idx, free2_idx, alu_idx, alu1_idx, md_idx, ld_idx;
  logic            have_free, have_free2;
  always_comb begin
    have_free = 1'b0;
    have_free2 = 1'b0;
    free_idx = '0;
    free2_idx = '0;
    md_valid_o = 1'b0;
    md_idx = '0;
    ld_valid_o = 1'b0;
    ld_idx = '0;
    count_o = '0;
    for (int i = Entries - 1; i >= 0; i--) begin
      if (!valid_q[i]) begin
        have_free2 = have_free;
        free2_idx = free_idx;
        have_free = 1'b1;
        free_idx = IdxW'(i);
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
  // The first ALU port takes the oldest ready entry, so a dependence chain and the branches on it
  // are not held up by younger work. Age matrix: older_q[i][j] says entry j was inserted before
  // entry i (entries enter in program order), so entry i is the oldest requester when no older
  // entry requests: one AND-OR per entry, where comparing ROB ages took a chain of subtractions.
  logic [Entries-1:0] older_q [Entries];
  logic [Entries-1:0] alu_req, alu_grant;
  always_comb begin
    for (int i = 0; i < Entries; i++)
      alu_req[i] = valid_q[i] && rdy1_q[i] && (rdy2_q[i] || (is_st_q[i] && !sta_q[i])) &&
                   !is_md_q[i] && !is_ld_q[i];
    for (int i = 0; i < Entries; i++) alu_grant[i] = alu_req[i] && !(|(alu_req & older_q[i]));
    alu_valid_o = |alu_req;
    alu_idx = '0;
    for (int i = 0; i < Entries; i++) if (alu_grant[i]) alu_idx = IdxW'(i);
  end

  // The second ALU port: the lowest ready entry it may take, other than the first port's, in a
  // cycle the M-unit port issues nothing (the two share their register-file reads).
  always_comb begin
    alu1_valid_o = 1'b0;
    alu1_idx = '0;
    for (int i = Entries - 1; i >= 0; i--) begin
      if (valid_q[i] && rdy1_q[i] && rdy2_q[i] && alu1_q[i] && !md_valid_o && !alu_grant[i] &&
          alu1_ready_i) begin
        alu1_valid_o = 1'b1;
        alu1_idx = IdxW'(i);
      end
    end
  end
  assign alu1_ps1_o = ps1_q[alu1_idx];
  assign alu1_ps2_o = ps2_q[alu1_idx];
  assign alu1_payload_o = payload_q[alu1_idx];
  assign free_o = {have_free2, have_free};
  // Slot 1 takes the second free entry if slot 0 takes the first.
  logic [1:0][IdxW-1:0] ins_idx;
  assign ins_idx[0] = free_idx;
  assign ins_idx[1] = ins_valid_i[0] ? free2_idx : free_idx;
  assign alu_ps1_o = ps1_q[alu_idx];
  assign alu_ps2_o = ps2_q[alu_idx];
  assign alu_payload_o = payload_q[alu_idx];
  assign alu_st_first_o = !sta_q[alu_idx];
  assign alu_st_data_o = rdy2_q[alu_idx];
  // A store whose data is not ready stays after its address has issued.
  logic alu_stays;
  assign alu_stays = is_st_q[alu_idx] && !rdy2_q[alu_idx];
  assign md_ps1_o = ps1_q[md_idx];
  assign md_ps2_o = ps2_q[md_idx];
  assign md_payload_o = payload_q[md_idx];
  assign ld_ps1_o = ps1_q[ld_idx];
  assign ld_payload_o = payload_q[ld_idx];
  // (from the entries' own age compares, beside the select: not after its multiplexers)
  assign alu_young_o = squash_i && |(alu_grant & younger);
  assign alu1_young_o = squash_i && younger[alu1_idx];
  assign md_young_o = squash_i && younger[md_idx];
  assign ld_young_o = squash_i && younger[ld_idx];

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
    end else begin
      if (squash_i) valid_q <= valid_q & ~younger;
      // An issued entry leaves: started if older than a squash, squashed if younger (a store
      // waiting for its data stays, unless the squash took it). Inserts go into entries that
      // were free before a squash.
      if (alu_valid_o && alu_take_i && !alu_stays) valid_q[alu_idx] <= 1'b0;
      if (alu1_valid_o && alu1_take_i) valid_q[alu1_idx] <= 1'b0;
      if (md_valid_o) valid_q[md_idx] <= 1'b0;
      if (ld_valid_o) valid_q[ld_idx] <= 1'b0;
      for (int k = 0; k < 2; k++) if (ins_valid_i[k]) valid_q[ins_idx[k]] <= 1'b1;
    end
  end

  // A new entry is younger than every entry in the queue and than slot 0's new entry; the rows of
  // free entries are never read (the requests mask them), so the matrix needs no reset.
  logic [Entries-1:0] older_d [Entries];
  always_comb begin
    for (int i = 0; i < Entries; i++) older_d[i] = older_q[i];
    for (int k = 0; k < 2; k++) begin
      if (ins_valid_i[k]) begin
        for (int i = 0; i < Entries; i++) older_d[i][ins_idx[k]] = 1'b0;
        older_d[ins_idx[k]] = valid_q;
        if (k == 1 && ins_valid_i[0]) older_d[ins_idx[1]][ins_idx[0]] = 1'b1;
      end
    end
  end

  always_ff @(posedge clk_i) begin
    older_q <= older_d;
    if (alu_valid_o && alu_take_i && alu_stays) sta_q[alu_idx] <= 1'b1;
    for (int i = 0; i < Entries; i++) begin
      if (woken(wake_valid_i, wake_tag_i, ps1_q[i])) rdy1_q[i] <= 1'b1;
      if (woken(wake_valid_i, wake_tag_i, ps2_q[i])) rdy2_q[i] <= 1'b1;
    end
    for (int k = 0; k < 2; k++) begin
      if (ins_valid_i[k]) begin
        ps1_q[ins_idx[k]] <= ins_ps1_i[k];
        ps2_q[ins_idx[k]] <= ins_ps2_i[k];
        rdy1_q[ins_idx[k]] <= ins_rdy1_i[k];
        rdy2_q[ins_idx[k]] <= ins_rdy2_i[k];
        is_md_q[ins_idx[k]] <= ins_is_md_i[k];
        is_ld_q[ins_idx[k]] <= ins_is_ld_i[k];
        alu1_q[ins_idx[k]] <= ins_alu1_i[k];
        is_st_q[ins_idx[k]] <= ins_is_st_i[k];
        sta_q[ins_idx[k]] <= 1'b0;
        rob_q[ins_idx[k]] <= ins_rob_i[k];
        payload_q[ins_idx[k]] <= ins_payload_i[k];
      end
    end
  end

`ifndef SYNTHESIS
  always_ff @(posedge clk_i) begin
    if (rst_ni && ((ins_valid_i[0] && !have_free) || (ins_valid_i[1] && !have_free) ||
                   (&ins_valid_i && !have_free2)))
      $error("ooo_issue_queue: insert into a full queue");
    if (rst_ni && alu_valid_o && !$onehot(alu_grant))
      $error("ooo_issue_queue: the age matrix grants %b of requests %b", alu_grant, alu_req);
  end
`endif
endmodule
