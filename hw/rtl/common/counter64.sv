// A 64-bit counter: adds inc_i every cycle (the sum shows the next cycle); load_lo_i / load_hi_i
// load that half from data_i instead, while the other half still takes the sum (with the carry).
// Reset to 0.
// Ice40Dsp: in synthesis, two iCE40 SB_MAC16 blocks in accumulator mode hold the count, 32 bits
// each (boards/common/ice40_acc32.sv, read by the board flow only), and the low block's carry out
// is the high block's increment. The small boards have DSP blocks to spare, not logic cells: this
// saves a logic cell per bit. Simulation always uses the flip-flop form; the test
// boards.counter64_dsp checks the DSP form against it on Yosys' SB_MAC16 model.
module counter64 #(
  parameter bit          Ice40Dsp = 1'b0,
  parameter int          IncW = 1  // (int: Icarus, which runs the DSP test, has no int unsigned)
) (
  input  logic            clk_i,
  input  logic            rst_ni,
  input  logic [IncW-1:0] inc_i,
  input  logic            load_lo_i,
  input  logic            load_hi_i,
  input  logic [31:0]     data_i,
  output logic [63:0]     count_o
);
`ifdef SYNTHESIS
  localparam bit UseDsp = Ice40Dsp;
`else
  localparam bit UseDsp = 1'b0;
`endif

  if (UseDsp) begin : g_dsp
    logic        carry;  // the low half's carry out: the high half's increment
    logic        unused_carry;
    logic [31:0] lo, hi;
    ice40_acc32 u_lo (
      .clk_i, .rst_ni, .inc_i(32'(inc_i)), .load_i(load_lo_i), .hold_i(1'b0), .data_i,
      .carry_i(1'b0), .count_o(lo), .carry_o(carry)
    );
    ice40_acc32 u_hi (
      .clk_i, .rst_ni, .inc_i({31'd0, carry}), .load_i(load_hi_i), .hold_i(1'b0), .data_i,
      .carry_i(1'b0), .count_o(hi), .carry_o(unused_carry)
    );
    assign count_o = {hi, lo};
  end else begin : g_ff
    logic [63:0] count_q, sum;
    assign sum = count_q + 64'(inc_i);
    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        count_q <= '0;
      end else begin
        count_q[31:0] <= load_lo_i ? data_i : sum[31:0];
        count_q[63:32] <= load_hi_i ? data_i : sum[63:32];
      end
    end
    assign count_o = count_q;
  end
endmodule
