// The integer register file: two asynchronous read ports, one write port, x0 hard-wired to zero.
// A write is visible to a read in the same cycle (write-through), which is the WB-to-ID bypass.
module rv_regfile (
  input  logic        clk_i,
  input  logic [4:0]  raddr_a_i,
  output logic [31:0] rdata_a_o,
  input  logic [4:0]  raddr_b_i,
  output logic [31:0] rdata_b_o,
  input  logic        we_i,
  input  logic [4:0]  waddr_i,
  input  logic [31:0] wdata_i
);
  logic [31:0] regs_q [32];

  always_ff @(posedge clk_i) begin
    if (we_i && waddr_i != 5'd0) regs_q[waddr_i] <= wdata_i;
  end

  always_comb begin
    rdata_a_o = (raddr_a_i == 5'd0) ? 32'd0
              : (we_i && waddr_i == raddr_a_i) ? wdata_i : regs_q[raddr_a_i];
    rdata_b_o = (raddr_b_i == 5'd0) ? 32'd0
              : (we_i && waddr_i == raddr_b_i) ? wdata_i : regs_q[raddr_b_i];
  end
endmodule
