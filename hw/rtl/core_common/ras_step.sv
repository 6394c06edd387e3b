// One step of a return-address stack's pointer, {count, top}: a push (a call) moves the top up
// and counts up to Entries (beyond that the oldest entry is overwritten), a pop (a return) of a
// non-empty stack moves it down. A push wins over a pop. The committed stack, fetch's speculative
// one (bpred) and the ooo core's per-checkpoint copies all step this way.
module ras_step #(
  parameter int unsigned Entries = 4,
  localparam int unsigned IdxW = $clog2(Entries)
) (
  input  logic [2*IdxW:0] state_i,
  input  logic            push_i,
  input  logic            pop_i,
  output logic [2*IdxW:0] state_o
);
  logic [IdxW-1:0] top;
  logic [IdxW:0]   count;
  assign {count, top} = state_i;
  always_comb begin
    state_o = state_i;
    if (push_i) state_o = {count == (IdxW + 1)'(Entries) ? count : count + 1'b1, top + 1'b1};
    else if (pop_i && count != '0) state_o = {count - 1'b1, top - 1'b1};
  end
endmodule
