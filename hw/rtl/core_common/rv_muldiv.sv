// The M extension: a multiplier with one register stage (the four partial products of the DSP
// blocks, ECP5 MULT18X18D or iCE40 UP5K SB_MAC16, added in the result's cycle) and a radix-2
// iterative divider (one quotient bit per cycle). Handshake: pulse start_i with the operands; done_o rises
// with the result and stays until ack_i. Division by zero and INT_MIN / -1 finish at once with the
// results the spec defines.
module rv_muldiv (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        start_i,
  input  logic        kill_i,
  input  logic [2:0]  funct3_i,  // mul, mulh, mulhsu, mulhu, div, divu, rem, remu
  input  logic [31:0] a_i,
  input  logic [31:0] b_i,
  input  logic        ack_i,
  output logic        busy_o,    // an operation is in progress or its result waits
  output logic        done_o,
  output logic [31:0] result_o
);
  typedef enum logic [1:0] {Idle, Mul, Div, Done} state_e;
  state_e state_q, state_d;

  logic [2:0]  op_q;
  logic [65:0] product;
  logic [31:0] mul_result;
  logic [31:0] result_q, result_d;

  // Divider registers: remainder, dividend shifting into it, quotient, divisor, count.
  logic [31:0] rem_q, dvd_q, quo_q, dvs_q;
  logic [5:0]  count_q;
  logic        neg_quo_q, neg_rem_q;
  logic [32:0] trial;

  assign trial = {rem_q, dvd_q[31]} - {1'b0, dvs_q};

  wire is_div = funct3_i[2];
  wire a_signed = (funct3_i == 3'd1) || (funct3_i == 3'd2) || (funct3_i == 3'd4) || (funct3_i == 3'd6);
  wire b_signed = (funct3_i == 3'd1) || (funct3_i == 3'd4) || (funct3_i == 3'd6);

  // The 33 x 33 product from four partial products of 17-bit halves (18 x 18 multipliers) of
  // the operands as they come (start_i's cycle), registered (pp_*_q) and added in the next cycle
  // (Mul), which gives the result: the multipliers and the adders are on separate paths.
  logic [32:0]        ma, mb;               // sign-extended operands
  logic        [33:0] pp_ll_q;              // lo * lo (unsigned)
  logic signed [33:0] pp_hl_q, pp_lh_q;     // hi * lo, lo * hi (hi signed)
  logic signed [31:0] pp_hh_q;              // hi * hi
  assign ma = {a_signed & a_i[31], a_i};
  assign mb = {b_signed & b_i[31], b_i};
  always_ff @(posedge clk_i) begin
    pp_ll_q <= ma[16:0] * mb[16:0];
    pp_hl_q <= $signed(ma[32:17]) * $signed({1'b0, mb[16:0]});
    pp_lh_q <= $signed({1'b0, ma[16:0]}) * $signed(mb[32:17]);
    pp_hh_q <= $signed(ma[32:17]) * $signed(mb[32:17]);
  end
  assign product = (66'(pp_hh_q) <<< 34) + (66'(pp_hl_q) <<< 17) + (66'(pp_lh_q) <<< 17) +
                   66'(pp_ll_q);
  logic [2:0] unused_product;
  assign unused_product = {product[65:64], op_q[2]};  // 33x33 bits give 66; op_q[2] is known Mul
  assign mul_result = (op_q[1:0] == 2'd0) ? product[31:0] : product[63:32];
  wire a_neg = a_signed && a_i[31];
  wire b_neg = b_signed && b_i[31];
  wire [31:0] a_abs = a_neg ? -a_i : a_i;
  wire [31:0] b_abs = b_neg ? -b_i : b_i;
  wire div_by_zero = (b_i == 32'd0);
  wire overflow = b_signed && (a_i == 32'h8000_0000) && (b_i == 32'hffff_ffff);

  wire [31:0] quo_final = neg_quo_q ? -quo_q : quo_q;
  wire [31:0] rem_final = neg_rem_q ? -rem_q : rem_q;

  always_comb begin
    state_d = state_q;
    result_d = result_q;
    unique case (state_q)
      Idle: begin
        if (start_i && !kill_i) begin
          if (!is_div) begin
            state_d = Mul;
          end else if (div_by_zero) begin
            result_d = funct3_i[1] ? a_i : 32'hffff_ffff;
            state_d = Done;
          end else if (overflow) begin
            result_d = funct3_i[1] ? 32'd0 : 32'h8000_0000;
            state_d = Done;
          end else begin
            state_d = Div;
          end
        end
      end
      Mul: begin  // the sum of the partial products is the result
        result_d = mul_result;
        state_d = ack_i ? Idle : Done;
      end
      Div: begin
        if (count_q == 6'd0) begin
          result_d = op_q[1] ? rem_final : quo_final;
          state_d = Done;
        end
      end
      Done: if (ack_i) state_d = Idle;
      default: state_d = Idle;
    endcase
    if (kill_i) state_d = Idle;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) state_q <= Idle;
    else state_q <= state_d;
  end

  // Datapath registers are not reset.
  always_ff @(posedge clk_i) begin
    result_q <= result_d;
    if (state_q == Idle && start_i) begin
      op_q <= funct3_i;
      rem_q <= 32'd0;
      dvd_q <= a_abs;
      dvs_q <= b_abs;
      quo_q <= 32'd0;
      count_q <= 6'd32;
      neg_quo_q <= a_neg ^ b_neg;
      neg_rem_q <= a_neg;
    end else if (state_q == Div && count_q != 6'd0) begin
      if (!trial[32]) rem_q <= trial[31:0];
      else rem_q <= {rem_q[30:0], dvd_q[31]};
      dvd_q <= {dvd_q[30:0], 1'b0};
      quo_q <= {quo_q[30:0], !trial[32]};
      count_q <= count_q - 6'd1;
    end
  end

  assign done_o = (state_q == Mul) || (state_q == Done);
  assign result_o = (state_q == Mul) ? mul_result : result_q;
  assign busy_o = (state_q != Idle);
endmodule
