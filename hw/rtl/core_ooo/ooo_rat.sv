// The register alias table: for each architectural register the physical register that holds its
// newest value (the speculative map, read and written by rename) and the one that holds its
// committed value (the committed map, written at commit). A flush copies the committed map over
// the speculative one, so recovery takes one cycle whatever the ROB holds. Each branch or jump in
// flight also saves the speculative map as it stands after its own rename (a checkpoint; for a
// branch in slot 0, without slot 1's); a mispredict found at execute restores it in one cycle,
// in which rename already reads and updates the restored map.
// x0 always maps to physical register 0, which reads as zero. Rename takes two instructions a
// cycle (slot 0 the older): slot 1's sources and previous mapping see slot 0's new register when
// slot 0 writes that register.
module ooo_rat #(
  parameter int unsigned PregW = 6,
  parameter int unsigned NumCkpts = 4,
  localparam int unsigned CkptW = $clog2(NumCkpts)
) (
  input  logic             clk_i,
  input  logic             rst_ni,
  // rename, per slot: two source lookups and a destination update. alloc: the instruction writes
  // rd (not x0) into rename_pd (slot 1's lookups follow it); we: it is renamed this cycle.
  input  logic [1:0][4:0]       rs1_i,
  input  logic [1:0][4:0]       rs2_i,
  input  logic [1:0][4:0]       rd_i,
  output logic [1:0][PregW-1:0] ps1_o,
  output logic [1:0][PregW-1:0] ps2_o,
  output logic [1:0][PregW-1:0] old_pd_o,  // what rd mapped to (freed when it commits)
  input  logic [1:0]            rename_alloc_i,
  input  logic [1:0]            rename_we_i,
  input  logic [1:0][PregW-1:0] rename_pd_i,
  // commit: up to two instructions, slot 1 the younger (it wins for the same rd)
  input  logic [1:0]             commit_we_i,
  input  logic [1:0][4:0]        commit_rd_i,
  input  logic [1:0][PregW-1:0]  commit_pd_i,
  // checkpoints: save this cycle's map (after the rename; after slot 0's alone with
  // save_slot0_i, the checkpoint of a branch in slot 0), restore a saved one
  input  logic             save_i,
  input  logic             save_slot0_i,
  input  logic [CkptW-1:0] save_idx_i,
  input  logic             restore_i,
  input  logic [CkptW-1:0] restore_idx_i,
  // flush: the speculative map becomes the committed one (including this cycle's commit)
  input  logic             flush_i
);
  logic [PregW-1:0] spec_q [32];
  logic [PregW-1:0] comm_q [32];
  logic [PregW-1:0] comm_d [32];
  logic [PregW-1:0] spec_d [32];
  logic [PregW-1:0] ckpt_q [NumCkpts][32];
  logic [PregW-1:0] map    [32];  // the map rename reads: in a restore's cycle, the checkpoint
  assign map = restore_i ? ckpt_q[restore_idx_i] : spec_q;

  // Slot 1 reads what slot 0 writes (rename_alloc_i implies rd is not x0).
  function automatic logic [PregW-1:0] follow0(logic [4:0] r, logic [PregW-1:0] mapped);
    return (rename_alloc_i[0] && rd_i[0] == r) ? rename_pd_i[0] : mapped;
  endfunction
  assign ps1_o[0] = map[rs1_i[0]];
  assign ps2_o[0] = map[rs2_i[0]];
  assign old_pd_o[0] = map[rd_i[0]];
  assign ps1_o[1] = follow0(rs1_i[1], map[rs1_i[1]]);
  assign ps2_o[1] = follow0(rs2_i[1], map[rs2_i[1]]);
  assign old_pd_o[1] = follow0(rd_i[1], map[rd_i[1]]);

  logic [PregW-1:0] spec0_d [32];  // the map after slot 0's rename only
  always_comb begin
    spec0_d = map;
    if (rename_we_i[0] && rename_alloc_i[0]) spec0_d[rd_i[0]] = rename_pd_i[0];
    spec_d = spec0_d;
    if (rename_we_i[1] && rename_alloc_i[1]) spec_d[rd_i[1]] = rename_pd_i[1];  // (wins)
  end

  always_ff @(posedge clk_i) begin
    if (save_i) ckpt_q[save_idx_i] <= save_slot0_i ? spec0_d : spec_d;
  end

  always_comb begin
    comm_d = comm_q;
    for (int c = 0; c < 2; c++)
      if (commit_we_i[c] && commit_rd_i[c] != 5'd0) comm_d[commit_rd_i[c]] = commit_pd_i[c];
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      for (int i = 0; i < 32; i++) begin
        spec_q[i] <= PregW'(i);
        comm_q[i] <= PregW'(i);
      end
    end else begin
      comm_q <= comm_d;
      if (flush_i) spec_q <= comm_d;
      else spec_q <= spec_d;
    end
  end
endmodule
