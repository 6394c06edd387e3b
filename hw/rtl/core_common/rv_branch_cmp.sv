// Branch condition (funct3 of the B-type instructions).
module rv_branch_cmp (
  input  logic [2:0]  funct3_i,
  input  logic [31:0] a_i,
  input  logic [31:0] b_i,
  output logic        taken_o
);
  always_comb begin
    unique case (funct3_i)
      3'd0: taken_o = (a_i == b_i);
      3'd1: taken_o = (a_i != b_i);
      3'd4: taken_o = $signed(a_i) < $signed(b_i);
      3'd5: taken_o = $signed(a_i) >= $signed(b_i);
      3'd6: taken_o = a_i < b_i;
      3'd7: taken_o = a_i >= b_i;
      default: taken_o = 1'b0;
    endcase
  end
endmodule
