// The physical register file with one ready bit per register. Reads are combinational (flops for
// now; a banked block-RAM version is future work, docs/ooo.md); register 0 reads zero and is
// always ready. A write sets the register's ready bit in the same edge; rename clears the bit of
// the register it allocates; a flush marks every register ready (the ones still mapped hold
// committed values, the free ones are cleared again when they are allocated).
module ooo_prf #(
  parameter int unsigned NumPregs = 64,
  parameter int unsigned NumRead = 4,
  parameter int unsigned NumWrite = 3,
  localparam int unsigned PregW = $clog2(NumPregs)
) (
  input  logic                             clk_i,
  input  logic                             rst_ni,
  input  logic [NumRead-1:0][PregW-1:0]    raddr_i,
  output logic [NumRead-1:0][31:0]         rdata_o,
  input  logic [NumWrite-1:0]              we_i,
  input  logic [NumWrite-1:0][PregW-1:0]   waddr_i,
  input  logic [NumWrite-1:0][31:0]        wdata_i,
  // ready bits
  input  logic                             alloc_i,
  input  logic [PregW-1:0]                 alloc_preg_i,
  input  logic                             flush_i,
  output logic [NumPregs-1:0]              ready_o
);
  logic [31:0]         regs_q [NumPregs];
  logic [NumPregs-1:0] ready_q;

  always_comb begin
    for (int r = 0; r < NumRead; r++) rdata_o[r] = raddr_i[r] == '0 ? 32'd0 : regs_q[raddr_i[r]];
  end
  assign ready_o = ready_q | NumPregs'(1);

  always_ff @(posedge clk_i) begin
    for (int w = 0; w < NumWrite; w++) if (we_i[w]) regs_q[waddr_i[w]] <= wdata_i[w];
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      ready_q <= '1;
    end else if (flush_i) begin
      ready_q <= '1;
    end else begin
      for (int w = 0; w < NumWrite; w++) if (we_i[w]) ready_q[waddr_i[w]] <= 1'b1;
      if (alloc_i) ready_q[alloc_preg_i] <= 1'b0;
    end
  end

`ifndef SYNTHESIS
  always_ff @(posedge clk_i) begin
    for (int w = 0; w < NumWrite; w++)
      if (rst_ni && !flush_i && alloc_i && we_i[w] && waddr_i[w] == alloc_preg_i)
        $error("ooo_prf: register p%0d written as it is allocated", alloc_preg_i);
  end
`endif
endmodule
