// Single-port RAM with byte enables, read latency one cycle. Written as the template Yosys maps to
// iCE40 UP5K SPRAM (Spram: ram_style "huge") or to block RAM: SPRAM keeps its output during a
// write, so the template reads only when it does not write. Words = Depth, addresses are word indices.
module ram_1p #(
  parameter int unsigned Depth = 16384,
  parameter bit          Spram = 1'b1
) (
  input  logic                     clk_i,
  input  logic                     en_i,
  input  logic [3:0]               we_i,
  input  logic [$clog2(Depth)-1:0] addr_i,
  input  logic [31:0]              wdata_i,
  output logic [31:0]              rdata_o
);
  if (Spram) begin : g_spram
    (* ram_style = "huge" *) logic [31:0] mem_q [Depth];
    always_ff @(posedge clk_i) begin
      if (en_i) begin
        if (we_i != 4'b0000) begin
          for (int unsigned i = 0; i < 4; i++)
            if (we_i[i]) mem_q[addr_i][8*i +: 8] <= wdata_i[8*i +: 8];
        end else begin
          rdata_o <= mem_q[addr_i];
        end
      end
    end
  end else begin : g_bram
    logic [31:0] mem_q [Depth];
    always_ff @(posedge clk_i) begin
      if (en_i) begin
        if (we_i != 4'b0000) begin
          for (int unsigned i = 0; i < 4; i++)
            if (we_i[i]) mem_q[addr_i][8*i +: 8] <= wdata_i[8*i +: 8];
        end else begin
          rdata_o <= mem_q[addr_i];
        end
      end
    end
  end
endmodule
