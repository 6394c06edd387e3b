// A small synchronous FIFO (power-of-two depth, 1 too) with valid/ready on both sides: data is held
// while valid && !ready.
module sync_fifo #(
  parameter int unsigned Width = 8,
  parameter int unsigned Depth = 16
) (
  input  logic             clk_i,
  input  logic             rst_ni,
  input  logic             clear_i,
  input  logic             in_valid_i,
  output logic             in_ready_o,
  input  logic [Width-1:0] in_data_i,
  output logic             out_valid_o,
  input  logic             out_ready_i,
  output logic [Width-1:0] out_data_o,
  output logic [$clog2(Depth):0] count_o
);
  localparam int unsigned PtrW = $clog2(Depth);
  localparam int unsigned IdxW = (PtrW > 0) ? PtrW : 1;  // (Depth 1: the index is always 0)
  logic [Width-1:0] mem_q [Depth];
  logic [PtrW:0] rd_q, wr_q;
  logic [IdxW-1:0] rd_idx, wr_idx;
  assign rd_idx = (PtrW > 0) ? IdxW'(rd_q) : '0;
  assign wr_idx = (PtrW > 0) ? IdxW'(wr_q) : '0;

  assign count_o = wr_q - rd_q;
  assign in_ready_o = count_o != (PtrW + 1)'(Depth);
  assign out_valid_o = count_o != '0;
  assign out_data_o = mem_q[rd_idx];

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rd_q <= '0;
      wr_q <= '0;
    end else if (clear_i) begin
      rd_q <= '0;
      wr_q <= '0;
    end else begin
      if (in_valid_i && in_ready_o) wr_q <= wr_q + 1'b1;
      if (out_valid_o && out_ready_i) rd_q <= rd_q + 1'b1;
    end
  end

  always_ff @(posedge clk_i) begin
    if (in_valid_i && in_ready_o) mem_q[wr_idx] <= in_data_i;
  end
endmodule
