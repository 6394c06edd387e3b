// The integer ALU (RV32I). One carry chain serves add, sub, slt and sltu; each result class is
// gated by its select and the classes are ORed, so the adder's output is a couple of gates from
// the result (the pipe core's EX result path is timing critical). op_i comes from a register.
module rv_alu
  import core_pkg::*;
#(
  // 1: result_o leaves out what comes last, the carry chain's add / sub sum and slt / sltu's bit
  // (sum_o, lt_o) and the shifters' five mux levels (shl_o, shr_o), which the user gates and ORs
  // in after everything else (the small boards' EX result); 0: result_o is the whole result.
  parameter bit LateApart = 1'b0
) (
  input  alu_op_e     op_i,
  input  logic [31:0] a_i,
  input  logic [31:0] b_i,
  output logic [31:0] result_o,
  output logic        lt_o,   // slt / sltu's result bit on its own (a branch compare's order)
  output logic [31:0] sum_o,  // a + b or a - b (add, sub)
  output logic [31:0] shl_o,  // sll's result
  output logic [31:0] shr_o   // srl's or sra's result (valid for those two ops)
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
  assign sum_o = sum[31:0];
  assign sll = a_i << b_i[4:0];
  // (srl and sra differ in op_i[2], so the fill bit waits for no decode of op_i; the other ops
  // do not use srl_sra)
  assign srl_sra = 32'($signed({op_i[2] && a_i[31], a_i}) >>> b_i[4:0]);
  if ((4'(AluSrl) & 4'd4) != 4'd0 || (4'(AluSra) & 4'd4) == 4'd0) begin : g_bad_shift_codes
    $error("rv_alu: AluSrl and AluSra must differ in bit 2 (core_pkg)");
  end
  assign shl_o = sll;
  assign shr_o = srl_sra;

  always_comb begin
    result_o = '0;
    if (!LateApart && (op_i == AluAdd || op_i == AluSub)) result_o |= sum[31:0];
    if (!LateApart && (op_i == AluSlt || op_i == AluSltu)) result_o |= {31'd0, lt};
    if (!LateApart && op_i == AluSll) result_o |= sll;
    if (!LateApart && (op_i == AluSrl || op_i == AluSra)) result_o |= srl_sra;
    if (op_i == AluXor) result_o |= a_i ^ b_i;
    if (op_i == AluOr) result_o |= a_i | b_i;
    if (op_i == AluAnd) result_o |= a_i & b_i;
    if (op_i == AluPassB) result_o |= b_i;
  end
endmodule
