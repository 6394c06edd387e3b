// RAM with two synchronous ports: A reads, B reads and writes with byte enables. Written as the
// template Yosys maps to block RAM (ECP5 DP16KD). Words = Depth, addresses are word indices.
// A read on port A of the word port B writes in the same cycle returns the old word. Keeping that
// costs a register stage and a bypass mux on iCE40 (its EBR leaves the case undefined), so a user
// that never does it sets RwCollision = 0 and the RAM leaves the case undefined too.
module ram_2p #(
  parameter int unsigned Depth = 16384,
  parameter bit          RwCollision = 1'b1
) (
  input  logic                     clk_i,
  input  logic                     a_en_i,
  input  logic [$clog2(Depth)-1:0] a_addr_i,
  output logic [31:0]              a_rdata_o,
  input  logic                     b_en_i,
  input  logic [3:0]               b_we_i,
  input  logic [$clog2(Depth)-1:0] b_addr_i,
  input  logic [31:0]              b_wdata_i,
  output logic [31:0]              b_rdata_o
);
  if (RwCollision) begin : g_read_first
    logic [31:0] mem_q [Depth];

    always_ff @(posedge clk_i) begin
      if (a_en_i) a_rdata_o <= mem_q[a_addr_i];
    end

    always_ff @(posedge clk_i) begin
      if (b_en_i) begin
        for (int unsigned i = 0; i < 4; i++)
          if (b_we_i[i]) mem_q[b_addr_i][8*i +: 8] <= b_wdata_i[8*i +: 8];
        b_rdata_o <= mem_q[b_addr_i];
      end
    end
  end else begin : g_no_collision
    // Same template; the attribute tells Yosys that colliding accesses do not occur.
    (* no_rw_check *) logic [31:0] mem_q [Depth];

    always_ff @(posedge clk_i) begin
      if (a_en_i) a_rdata_o <= mem_q[a_addr_i];
    end

    always_ff @(posedge clk_i) begin
      if (b_en_i) begin
        for (int unsigned i = 0; i < 4; i++)
          if (b_we_i[i]) mem_q[b_addr_i][8*i +: 8] <= b_wdata_i[8*i +: 8];
        b_rdata_o <= mem_q[b_addr_i];
      end
    end
  end
endmodule
