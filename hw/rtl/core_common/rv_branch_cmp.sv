// Branch condition (funct3 of the B-type instructions). One subtraction gives both orderings: a
// signed compare is an unsigned one with the sign bits flipped, so `lt` is the borrow of a single
// carry chain and `taken` one gate after it and the equality compare (branch resolution is on the
// pipe core's critical path).
module rv_branch_cmp #(
  // 1: the ordering comes in on lt_i (the ALU's slt or sltu of the operands) instead of from a
  // subtractor here: one carry chain less, a longer path.
  parameter bit SharedLt = 1'b0
) (
  input  logic [2:0]  funct3_i,
  input  logic [31:0] a_i,
  input  logic [31:0] b_i,
  input  logic        lt_i,
  output logic        taken_o
);
  logic lt, eq;
  if (SharedLt) begin : g_shared_lt
    assign lt = lt_i;
    logic unused_signed;  // (the ALU op tells signed from unsigned)
    assign unused_signed = funct3_i[1];
  end else begin : g_own_lt
    logic        flip;  // blt, bge: signed
    logic [32:0] diff;
    assign flip = !funct3_i[1];
    assign diff = {1'b0, a_i[31] ^ flip, a_i[30:0]} - {1'b0, b_i[31] ^ flip, b_i[30:0]};
    assign lt = diff[32];
    logic [31:0] unused_diff;
    logic        unused_lt;
    assign unused_diff = diff[31:0];
    assign unused_lt = lt_i;
  end
  if (SharedLt) begin : g_eq_tree
    assign eq = a_i == b_i;
  end else begin : g_eq_chain
    // Equality on a carry chain too: a ^ b is zero iff subtracting one from it borrows out of
    // bit 32. The chain (a carry cell per two bits) is faster on an ECP5 than a three-level LUT
    // tree of the 32 bit compares.
    logic [32:0] ne_minus_1;
    assign ne_minus_1 = {1'b0, a_i ^ b_i} - 33'd1;
    assign eq = ne_minus_1[32];
    logic [31:0] unused_ne;
    assign unused_ne = ne_minus_1[31:0];
  end
  // beq 0, bne 1, blt 4, bge 5, bltu 6, bgeu 7 (2 and 3 are illegal, decoded as no branch)
  assign taken_o = (funct3_i[2] ? lt : eq) ^ funct3_i[0];
endmodule
