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
  state_e state_q, state_d, state_n;  // (state_n: see below)

  logic [2:0]  op_q;
  logic [31:0] hi_q;      // multiply: upper product; divide: remainder
  logic [31:0] lo_q;      // multiply: multiplier shifting out, product shifting in; divide: dividend
                          // shifting out, quotient shifting in; Done: the result
  logic [31:0] opd_q;     // the multiplicand or the divisor (magnitudes)
  logic [5:0]  count_q;
  logic        neg_q;     // the result's sign is to be flipped
  logic        neg_b_q;   // the divisor or multiplicand is to be negated (after NegA)
  // The shared adder's input selects for this cycle, prepared last cycle from registers (by the
  // state this one is): B is opd_q, lo_q or hi_q (s_*_q), inverted to subtract (sub_q), with
  // carry in cin_q; A is {hi, lo[31]} in a division step, {0, hi} in a multiply step (a_*_q),
  // else 0. So each adder input is two LUTs from flip-flops, not three behind the state decode.
  logic        s_opd_q, s_lo_q, s_hi_q, sub_q, cin_q, a_div_q, a_mul_q;

  wire a_signed = (funct3_i == 3'd1) || (funct3_i == 3'd2) || (funct3_i == 3'd4) || (funct3_i == 3'd6);
  wire b_signed = (funct3_i == 3'd1) || (funct3_i == 3'd4) || (funct3_i == 3'd6);
  wire a_neg = a_signed && a_i[31];
  wire b_neg = b_signed && b_i[31];
  wire div_by_zero = (b_i == 32'd0);

  // The result from the final registers: the low or high product word, quotient or remainder,
  // negated when the signs ask (the high word of a negated 64-bit product borrows from the low).
  logic [31:0] magnitude;
  logic        mag_lo;  // the result is the low word (mul, div, divu)
  assign mag_lo = op_q == 3'd0 || op_q == 3'd4 || op_q == 3'd5;
  assign magnitude = mag_lo ? lo_q : hi_q;

  // The shared adder: in Run hi + (multiplier bit ? multiplicand : 0), or the remainder's trial
  // subtraction; in NegA, NegB and Fix 0 - x (plus the borrow for Fix) as ~x + carry.
  wire         run_div = op_q[2];
  logic [32:0] add_a, add_b;
  assign add_a = a_div_q ? {hi_q, lo_q[31]} : a_mul_q ? {1'b0, hi_q} : 33'd0;
  assign add_b = {1'b0, (opd_q & {32{s_opd_q}}) | (lo_q & {32{s_lo_q}}) | (hi_q & {32{s_hi_q}})};
  wire [33:0] sum = {1'b0, add_a} + {1'b0, sub_q ? ~add_b : add_b} + 34'(cin_q);
  wire        fits = sum[33];  // divide: no borrow, the divisor fits into the shifted remainder

  // The selects for the next cycle, by the state it will be in. In Idle the registers take the
  // operands every cycle (below), so they are prepared as if the operation starts (start_i, late,
  // stays out of them); an operation that does not start leaves them unused.
  state_e nxt;
  logic   nxt_div, nxt_bit;  // ... a division; a multiply step's multiplier bit (lo's bit 0)
  always_comb begin
    nxt = state_n;
    nxt_div = op_q[2];
    nxt_bit = lo_q[0];  // (NegA, NegB: a negation keeps bit 0)
    if (state_q == Idle) begin
      nxt_div = funct3_i[2];
      nxt_bit = a_i[0];
    end else if (state_q == Run) begin
      nxt_bit = lo_q[1];  // (a multiply step shifts lo_q right)
    end
  end
  always_ff @(posedge clk_i) begin
    {s_opd_q, s_lo_q, s_hi_q, a_div_q, a_mul_q} <= '0;
    sub_q <= 1'b1;
    cin_q <= 1'b1;
    unique case (nxt)
      NegA: s_lo_q <= 1'b1;
      NegB: s_opd_q <= 1'b1;
      Run: begin
        a_div_q <= nxt_div;
        a_mul_q <= !nxt_div;
        s_opd_q <= nxt_div || nxt_bit;
        sub_q <= nxt_div;
        cin_q <= nxt_div;
      end
      Fix: begin
        s_lo_q <= mag_lo;
        s_hi_q <= !mag_lo;
        // (the high word of a negated product borrows unless the low word is zero)
        if (op_q == 3'd1 || op_q == 3'd2 || op_q == 3'd3) cin_q <= lo_q == 32'd0;
      end
      default: ;
    endcase
  end

  // The next state as if the operation starts in Idle, ends in Done and is not killed (state_n,
  // from registers: the selects above take it), and the next state (state_d, behind the user's
  // late start_i, ack_i and kill_i). (An operation that does not start, or is killed or acked,
  // goes to Idle, which uses no select; in Done state_n stays Done, whose selects are Idle's.)
  always_comb begin
    unique case (state_q)
      Idle: state_n = a_neg ? NegA : b_neg ? NegB : Run;
      NegA: state_n = neg_b_q ? NegB : Run;
      NegB: state_n = Run;
      Run: state_n = (count_q != 6'd0) ? Run : neg_q ? Fix : Done;
      Fix: state_n = Done;
      Done: state_n = Done;
      default: state_n = Idle;
    endcase
    state_d = state_n;
    if ((state_q == Idle && !start_i) || (state_q == Done && ack_i) || kill_i) state_d = Idle;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) state_q <= Idle;
    else state_q <= state_d;
  end

  // Datapath registers are not reset. While idle they take the operands every cycle, start or not
  // (start_i, late in the user's cycle, only moves the state): what they hold in Idle is not used.
  always_ff @(posedge clk_i) begin
    if (state_q == Idle) begin
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
