// A value that depends on a branch's outcome, in the small boards' pipe core, where the outcome
// comes last in the cycle from the ALU's carry chain (the operands' order, lt_i) through the
// compare's last gate. The value is selected for either order ahead of the chain's end (kept
// nets, so that synthesis does not fold them in behind it) and the order picks one of the two:
// one gate after the carry chain instead of the compare's gate and then the value's own.
module pipe_outcome_mux #(
  parameter int unsigned W = 1
) (
  input  logic         lt_i,           // the operands' order: the carry chain's end
  input  logic         taken_if_lt_i,  // the branch's outcome if lt_i is 1
  input  logic         taken_if_ge_i,  // ... and if it is 0
  input  logic [W-1:0] if_taken_i,     // the value if the branch is taken
  input  logic [W-1:0] if_not_i,       // ... and if it is not
  output logic [W-1:0] value_o
);
  (* keep *) logic [W-1:0] if_lt, if_ge;
  assign if_lt = taken_if_lt_i ? if_taken_i : if_not_i;
  assign if_ge = taken_if_ge_i ? if_taken_i : if_not_i;
  assign value_o = lt_i ? if_lt : if_ge;
endmodule
