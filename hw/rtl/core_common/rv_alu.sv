// The integer ALU (RV32I). One carry chain serves add, sub, slt and sltu; each result class is
// gated by its select and the classes are ORed, so the adder's output is a couple of gates from
// the result (the pipe core's EX result path is timing critical). op_i comes from a register.
module rv_alu
  import core_pkg::*;
#(
  // 1: one right shifter also shifts left (operand and result bit-reversed around it), for the
  // boards short of logic cells; 0: a left and a right shifter side by side (shorter paths).
  parameter bit OneShifter = 1'b0
) (
  input  alu_op_e     op_i,
  input  logic [31:0] a_i,
  input  logic [31:0] b_i,
  output logic [31:0] result_o,
  output logic        lt_o   // slt / sltu's result bit on its own (a branch compare's order)
);
  logic        sub;   // a - b: sub, slt, sltu
  logic        flip;  // slt: the sign bits flipped, so that the signed order is the unsigned one
  logic [31:0] a, b;  // the adder's operands
  logic [32:0] sum;   // a + b or a - b with the carry out (no borrow: a >= b unsigned)
  logic        lt;    // signed or unsigned less-than: the borrow, one gate after the carry chain
  logic [31:0] sll, srl_sra;
  assign sub = op_i[3];  // AluSub, AluSlt, AluSltu (core_pkg's encoding)
  assign flip = op_i == AluSlt;
  assign a = {a_i[31] ^ flip, a_i[30:0]};
  assign b = {b_i[31] ^ flip, b_i[30:0]} ^ {32{sub}};
  assign sum = {1'b0, a} + {1'b0, b} + 33'(sub);
  assign lt = !sum[32];
  assign lt_o = lt;
  if (OneShifter) begin : g_one_shifter
    logic [31:0] shift_in, shifted;
    assign shift_in = (op_i == AluSll) ? {<<{a_i}} : a_i;
    assign shifted = 32'($signed({op_i == AluSra && a_i[31], shift_in}) >>> b_i[4:0]);
    assign sll = {<<{shifted}};
    assign srl_sra = shifted;
  end else begin : g_two_shifters
    assign sll = a_i << b_i[4:0];
    assign srl_sra = 32'($signed({op_i == AluSra && a_i[31], a_i}) >>> b_i[4:0]);
  end

  always_comb begin
    result_o = '0;
    if (op_i == AluAdd || op_i == AluSub) result_o |= sum[31:0];
    if (op_i == AluSlt || op_i == AluSltu) result_o |= {31'd0, lt};
    if (op_i == AluSll) result_o |= sll;
    if (op_i == AluSrl || op_i == AluSra) result_o |= srl_sra;
    if (op_i == AluXor) result_o |= a_i ^ b_i;
    if (op_i == AluOr) result_o |= a_i | b_i;
    if (op_i == AluAnd) result_o |= a_i & b_i;
    if (op_i == AluPassB) result_o |= b_i;
  end
endmodule
