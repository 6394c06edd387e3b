// The tag array of one cache way: a simple dual-port RAM (one synchronous read port, one write
// port), written as the template Yosys maps to block RAM (iCE40 SB_RAM40_4K, ECP5 DP16KD). The read
// data holds while rd_en_i is low. The cache never reads and writes the same cycle, so the
// read-during-write behaviour does not matter.
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
  logic [Width-1:0] mem_q [Depth];

  always_ff @(posedge clk_i) begin
    if (rd_en_i) rd_data_o <= mem_q[rd_addr_i];
  end

  always_ff @(posedge clk_i) begin
    if (wr_en_i) mem_q[wr_addr_i] <= wr_data_i;
  end
endmodule
