// The tag array of one cache way: a simple dual-port RAM (one synchronous read port, one write
// port) in LUT RAM (ram_style "distributed"; ECP5 TRELLIS_DPR16X4 with an output register): the
// tags reach the compare right after the clock, not after a block RAM's clock-to-output (5.6 ns
// on an ECP5 speed 6 part). The read data holds while rd_en_i is low. The cache never reads and
// writes the same cycle, so the read-during-write behaviour does not matter.
module cache_tag_ram #(
  parameter int unsigned Width = 20,
  parameter int unsigned Depth = 128
) (
  input  logic                     clk_i,
  input  logic                     rd_en_i,
  input  logic [$clog2(Depth)-1:0] rd_addr_i,
  output logic [Width-1:0]         rd_data_o,
  input  logic                     wr_en_i,
  input  logic [$clog2(Depth)-1:0] wr_addr_i,
  input  logic [Width-1:0]         wr_data_i
);
  (* ram_style = "distributed" *) logic [Width-1:0] mem_q [Depth];

  always_ff @(posedge clk_i) begin
    if (rd_en_i) rd_data_o <= mem_q[rd_addr_i];
  end

  always_ff @(posedge clk_i) begin
    if (wr_en_i) mem_q[wr_addr_i] <= wr_data_i;
  end
endmodule
