// A 64-bit register with a comparator: ge_o says value_i >= the register (the timer's mtimecmp
// and its interrupt condition). load_lo_i / load_hi_i load that half from data_i; reset to all
// ones.
// Ice40Dsp: in synthesis, two iCE40 SB_MAC16 blocks hold the register, 32 bits each, inverted
// (reset to 0 is all ones), and their adders, otherwise idle, compute value_i + ~register + 1,
// whose carry out is ge_o: the low block's carry runs into the high block's carry input. That
// spares the 64-bit comparator's carry chain (a logic cell per bit). Simulation always uses the
// flip-flop form; the test boards.counter64_dsp checks the DSP form against it.
module compare64 #(
  parameter bit Ice40Dsp = 1'b0
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        load_lo_i,
  input  logic        load_hi_i,
  input  logic [31:0] data_i,
  input  logic [63:0] value_i,
  output logic [63:0] reg_o,
  output logic        ge_o
);
`ifdef SYNTHESIS
  localparam bit UseDsp = Ice40Dsp;
`else
  localparam bit UseDsp = 1'b0;
`endif

  if (UseDsp) begin : g_dsp
    logic [31:0] lo_n, hi_n;  // the register, inverted
    logic        carry_lo;
    ice40_acc32 #(.CarryIn(2'b01)) u_lo (
      .clk_i, .rst_ni, .inc_i(value_i[31:0]), .load_i(load_lo_i), .hold_i(!load_lo_i),
      .data_i(~data_i), .carry_i(1'b0), .count_o(lo_n), .carry_o(carry_lo)
    );
    ice40_acc32 #(.CarryIn(2'b11)) u_hi (
      .clk_i, .rst_ni, .inc_i(value_i[63:32]), .load_i(load_hi_i), .hold_i(!load_hi_i),
      .data_i(~data_i), .carry_i(carry_lo), .count_o(hi_n), .carry_o(ge_o)
    );
    assign reg_o = ~{hi_n, lo_n};
  end else begin : g_ff
    logic [63:0] reg_q;
    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        reg_q <= '1;
      end else begin
        if (load_lo_i) reg_q[31:0] <= data_i;
        if (load_hi_i) reg_q[63:32] <= data_i;
      end
    end
    assign reg_o = reg_q;
    assign ge_o = value_i >= reg_q;
  end
endmodule
