// The free list of physical registers for renaming: a circular buffer of register numbers. Rename
// pops from the head (up to two a cycle: preg_o[0] for the first, preg_o[1] for a second),
// commit pushes the register an instruction's destination used to map to. A second head pointer
// follows the pops of committed instructions, so a flush returns every register taken by
// squashed instructions in one cycle by moving the head back to it (registers are allocated and
// committed in the same program order, so those are exactly the ones between). Checkpoints save
// the head after a branch's rename; restoring one gives back what the squashed younger
// instructions took (the mispredict recovery of ooo_rat's checkpoints), and rename pops from the
// restored head in the restore's own cycle.
module ooo_free_list #(
  parameter int unsigned NumPregs = 64,  // physical registers; 0 is x0 and never on the list
  parameter int unsigned NumArch = 32,   // mapped at reset to 0..31, so NumPregs - 32 start free
  parameter int unsigned NumCkpts = 4,
  localparam int unsigned CkptW = $clog2(NumCkpts)
) (
  input  logic                        clk_i,
  input  logic                        rst_ni,
  // rename: take pop_i[0] + pop_i[1] registers (at most count_o), the head ones in order
  input  logic [1:0]                        pop_i,
  output logic [$clog2(NumPregs - NumArch):0] count_o,
  output logic [1:0][$clog2(NumPregs)-1:0]  preg_o,
  // commit, up to two instructions (slot 0 the older): each that had popped a register frees its
  // old mapping
  input  logic [1:0]                        commit_pop_i,
  input  logic [1:0]                        push_i,
  input  logic [1:0][$clog2(NumPregs)-1:0]  push_preg_i,
  // checkpoints of the head (after this cycle's pop; after slot 0's alone with save_slot0_i)
  input  logic                        save_i,
  input  logic                        save_slot0_i,
  input  logic [CkptW-1:0]            save_idx_i,
  input  logic                        restore_i,
  input  logic [CkptW-1:0]            restore_idx_i,
  // flush: give back everything popped by instructions that did not commit
  input  logic                        flush_i
);
  localparam int unsigned Depth = NumPregs - NumArch;
  localparam int unsigned PtrW = $clog2(Depth);
  localparam int unsigned PregW = $clog2(NumPregs);

  logic [PregW-1:0] list_q [Depth];
  logic [PtrW:0]    head_q, commit_head_q, tail_q;  // one extra bit tells full from empty
  logic [PtrW:0]    commit_head_d, head_d;
  logic [PtrW:0]    head;  // the head rename pops at: in a restore's cycle, the checkpoint's
  logic [PtrW:0]    ckpt_q [NumCkpts];

  assign head = restore_i ? ckpt_q[restore_idx_i] : head_q;
  assign count_o = tail_q - head;
  assign preg_o[0] = list_q[head[PtrW-1:0]];
  assign preg_o[1] = list_q[PtrW'(head[PtrW-1:0] + 1'b1)];
  assign commit_head_d = commit_head_q + (PtrW + 1)'(commit_pop_i[0]) +
                         (PtrW + 1)'(commit_pop_i[1]);
  assign head_d = head + (PtrW + 1)'(pop_i[0]) + (PtrW + 1)'(pop_i[1]);

  always_ff @(posedge clk_i) begin
    if (save_i) ckpt_q[save_idx_i] <= save_slot0_i ? head + (PtrW + 1)'(pop_i[0]) : head_d;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      head_q <= '0;
      commit_head_q <= '0;
      tail_q <= (PtrW + 1)'(Depth);  // full
    end else begin
      if (flush_i) head_q <= commit_head_d;
      else head_q <= head_d;
      commit_head_q <= commit_head_d;
      tail_q <= tail_q + (PtrW + 1)'(push_i[0]) + (PtrW + 1)'(push_i[1]);
    end
  end

  // The list itself is reset to NumArch .. NumPregs-1 (a few dozen flops; a RAM later).
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      for (int i = 0; i < Depth; i++) list_q[i] <= PregW'(NumArch + i);
    end else begin
      if (push_i[0]) list_q[tail_q[PtrW-1:0]] <= push_preg_i[0];
      if (push_i[1]) list_q[PtrW'(tail_q[PtrW-1:0] + PtrW'(push_i[0]))] <= push_preg_i[1];
    end
  end

`ifndef SYNTHESIS
  always_ff @(posedge clk_i) begin
    if (rst_ni && (PtrW + 1)'(pop_i[0]) + (PtrW + 1)'(pop_i[1]) > count_o)
      $error("ooo_free_list: pop from an empty list");
    if (rst_ni && (tail_q - head) + (PtrW + 1)'(push_i[0]) + (PtrW + 1)'(push_i[1]) >
                  (PtrW + 1)'(Depth))
      $error("ooo_free_list: push onto a full list");
  end
`endif
endmodule
