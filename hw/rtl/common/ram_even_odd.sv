// A LUT RAM with two write ports that always write entries of different parity (two consecutive
// indices, as a two-wide rename fills a ROB), and combinational reads. Each parity is a bank of
// its own with one write port (what FPGA LUT RAM has); port 0 wins a bank when both would write
// it (a caller error, checked in simulation). A read picks the bank by the index's low bit.
module ram_even_odd #(
  parameter int unsigned Depth = 32,  // even, a power of two
  parameter int unsigned Width = 32,
  parameter int unsigned NumRead = 1,
  localparam int unsigned AddrW = $clog2(Depth)
) (
  input  logic                               clk_i,
  input  logic [1:0]                         we_i,
  input  logic [1:0][AddrW-1:0]              waddr_i,
  input  logic [1:0][Width-1:0]              wdata_i,
  input  logic [NumRead-1:0][AddrW-1:0]      raddr_i,
  output logic [NumRead-1:0][Width-1:0]      rdata_o
);
  logic [1:0][NumRead-1:0][Width-1:0] bank_rdata;

  for (genvar b = 0; b < 2; b++) begin : g_bank
    (* ram_style = "distributed" *) logic [Width-1:0] mem_q [Depth / 2];
    logic             we;
    logic             from1;  // written by port 1
    assign from1 = !(we_i[0] && waddr_i[0][0] == 1'(b));
    assign we = (we_i[0] && waddr_i[0][0] == 1'(b)) || (we_i[1] && waddr_i[1][0] == 1'(b));
    always_ff @(posedge clk_i) begin
      if (we) mem_q[waddr_i[from1][AddrW-1:1]] <= wdata_i[from1];
    end
    for (genvar r = 0; r < NumRead; r++) begin : g_read
      assign bank_rdata[b][r] = mem_q[raddr_i[r][AddrW-1:1]];
    end
  end

  for (genvar r = 0; r < NumRead; r++) begin : g_read
    assign rdata_o[r] = bank_rdata[raddr_i[r][0]][r];
  end

`ifndef SYNTHESIS
  always_ff @(posedge clk_i) begin
    if (&we_i && waddr_i[0][0] == waddr_i[1][0])
      $error("ram_even_odd: both ports write bank %0d", waddr_i[0][0]);
  end
`endif
endmodule
