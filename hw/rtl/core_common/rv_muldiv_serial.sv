// The M extension for the smallest FPGAs: one shared 33-bit adder does both a shift-add multiplier
// and a restoring divider, one bit per cycle (about 34 cycles per operation), on the operands'
// magnitudes; the sign is applied at the end. A third of the logic of rv_muldiv (DSP multiplier
// plus its own divider) and no DSP blocks. Same ports and handshake as rv_muldiv.
// The negations (of a negative operand, of the result when the signs ask) go through the shared
// adder too, a cycle each and only when needed: three 32-bit negators fewer for up to 3 cycles.
// The result is left in lo_q (no result register).
// Division by zero and the overflowing division need no special case: the restoring division by
// zero finds that the divisor fits every time (quotient all ones, remainder the dividend), and
// 0x8000_0000 / -1 runs as 0x8000_0000 / 1 with a positive quotient (0x8000_0000, remainder 0),
// as the spec asks. Only the sign flip of a quotient by zero is left out (it stays all ones).
module rv_muldiv_serial (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        start_i,
  input  logic        kill_i,
  input  logic [2:0]  funct3_i,  // mul, mulh, mulhsu, mulhu, div, divu, rem, remu
  input  logic [31:0] a_i,
  input  logic [31:0] b_i,
  input  logic        ack_i,
  output logic        busy_o,
  output logic        done_o,
  output logic [31:0] result_o
);
  typedef enum logic [2:0] {Idle, NegA, NegB, Run, Fix, Done} state_e;
  state_e state_q, state_d;

  logic [2:0]  op_q;
  logic [31:0] hi_q;      // multiply: upper product; divide: remainder
  logic [31:0] lo_q;      // multiply: multiplier shifting out, product shifting in; divide: dividend
                          // shifting out, quotient shifting in; Done: the result
  logic [31:0] opd_q;     // the multiplicand or the divisor (magnitudes)
  logic [5:0]  count_q;
  logic        neg_q;     // the result's sign is to be flipped
  logic        neg_b_q;   // the divisor or multiplicand is to be negated (after NegA)
  // lo_q was zero last cycle: in Fix, the low product word's (unchanged since Run's last cycle),
  // whose borrow the high word's negation takes: a register, not a 32-bit compare before the
  // adder's carry input.
  logic        lo_zero_q;

  wire a_signed = (funct3_i == 3'd1) || (funct3_i == 3'd2) || (funct3_i == 3'd4) || (funct3_i == 3'd6);
  wire b_signed = (funct3_i == 3'd1) || (funct3_i == 3'd4) || (funct3_i == 3'd6);
  wire a_neg = a_signed && a_i[31];
  wire b_neg = b_signed && b_i[31];
  wire div_by_zero = (b_i == 32'd0);

  // The result from the final registers: the low or high product word, quotient or remainder,
  // negated when the signs ask (the high word of a negated 64-bit product borrows from the low).
  logic [31:0] magnitude;
  logic        carry_in;
  always_comb begin
    unique case (op_q)
      3'd0, 3'd4, 3'd5: magnitude = lo_q;   // mul, div, divu
      default: magnitude = hi_q;            // mulh*, rem, remu
    endcase
    carry_in = (op_q == 3'd1 || op_q == 3'd2 || op_q == 3'd3) ? lo_zero_q : 1'b1;
  end

  // The shared adder: in Run hi + (multiplier bit ? multiplicand : 0), or the remainder's trial
  // subtraction; in NegA, NegB and Fix 0 - x (plus the borrow for Fix) as ~x + carry.
  wire        run_div = op_q[2];
  logic [32:0] add_a, add_b;
  logic        add_sub, add_cin;
  always_comb begin
    add_a = 33'd0;
    add_b = {1'b0, opd_q};
    add_sub = 1'b1;
    add_cin = 1'b1;
    unique case (state_q)
      NegA: add_b = {1'b0, lo_q};
      NegB: ;
      Fix: begin
        add_b = {1'b0, magnitude};
        add_cin = carry_in;
      end
      default: begin
        if (run_div) begin
          add_a = {hi_q, lo_q[31]};
        end else begin
          add_a = {1'b0, hi_q};
          add_b = lo_q[0] ? {1'b0, opd_q} : 33'd0;
          add_sub = 1'b0;
          add_cin = 1'b0;
        end
      end
    endcase
  end
  wire [33:0] sum = {1'b0, add_a} + {1'b0, add_sub ? ~add_b : add_b} + 34'(add_cin);
  wire        fits = sum[33];  // divide: no borrow, the divisor fits into the shifted remainder


  always_comb begin
    state_d = state_q;
    unique case (state_q)
      Idle: if (start_i) state_d = a_neg ? NegA : b_neg ? NegB : Run;
      NegA: state_d = neg_b_q ? NegB : Run;
      NegB: state_d = Run;
      Run: if (count_q == 6'd0) state_d = neg_q ? Fix : Done;
      Fix: state_d = Done;
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
    lo_zero_q <= lo_q == 32'd0;
    if (state_q == Idle && start_i) begin
      op_q <= funct3_i;
      hi_q <= 32'd0;
      lo_q <= a_i;
      opd_q <= b_i;
      count_q <= 6'd32;
      // (a product with zero is zero, negated or not)
      neg_q <= (funct3_i[2] && funct3_i[1]) ? a_neg : (a_neg ^ b_neg) && !div_by_zero;
      neg_b_q <= b_neg;
    end else if (state_q == NegA) begin
      lo_q <= sum[31:0];
    end else if (state_q == NegB) begin
      opd_q <= sum[31:0];
    end else if (state_q == Run && count_q != 6'd0) begin
      count_q <= count_q - 6'd1;
      if (run_div) begin
        hi_q <= fits ? sum[31:0] : add_a[31:0];
        lo_q <= {lo_q[30:0], fits};
      end else begin
        hi_q <= sum[32:1];
        lo_q <= {sum[0], lo_q[31:1]};
      end
    end else if (state_q == Run) begin
      // (the sign flip in Fix still needs the low product word for its borrow)
      if (!neg_q) lo_q <= magnitude;
    end else if (state_q == Fix) begin
      lo_q <= sum[31:0];
    end
  end

  assign done_o = (state_q == Done);
  assign result_o = lo_q;
  assign busy_o = (state_q != Idle);
endmodule
