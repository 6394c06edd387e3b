// Shares the main RAM between the I$ and the D$ (the caches' memory-side interface, docs/cache.md):
// one whole-line transaction at a time, the D$ first when both ask, the grant held until the
// transaction's last data beat.
module mem_arbiter #(
  parameter int unsigned LineWords = 4
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  // master 0: I$, master 1: D$
  input  logic [1:0]       req_valid_i,
  output logic [1:0]       req_ready_o,
  input  logic [1:0][31:0] req_addr_i,
  input  logic [1:0]       req_we_i,
  input  logic [1:0]       wvalid_i,
  output logic [1:0]       wready_o,
  input  logic [1:0][31:0] wdata_i,
  output logic [1:0]       rvalid_o,
  output logic [31:0]      rdata_o,
  // the memory
  output logic        mem_req_valid_o,
  input  logic        mem_req_ready_i,
  output logic [31:0] mem_req_addr_o,
  output logic        mem_req_we_o,
  output logic        mem_wvalid_o,
  input  logic        mem_wready_i,
  output logic [31:0] mem_wdata_o,
  input  logic        mem_rvalid_i,
  input  logic [31:0] mem_rdata_i
);
  localparam int unsigned BeatW = $clog2(LineWords) + 1;
  logic       busy_q, owner_q, we_q;
  logic [BeatW-1:0] beats_q;
  logic       pick;   // the master that would be granted now
  logic       grant;

  assign pick = req_valid_i[1] ? 1'b1 : 1'b0;
  assign grant = !busy_q && (req_valid_i != 2'b00);

  assign mem_req_valid_o = grant;
  assign mem_req_addr_o = req_addr_i[pick];
  assign mem_req_we_o = req_we_i[pick];
  always_comb begin
    req_ready_o = 2'b00;
    req_ready_o[pick] = grant && mem_req_ready_i;
  end

  assign mem_wvalid_o = busy_q && we_q && wvalid_i[owner_q];
  assign mem_wdata_o = wdata_i[owner_q];
  always_comb begin
    wready_o = 2'b00;
    wready_o[owner_q] = busy_q && we_q && mem_wready_i;
    rvalid_o = 2'b00;
    rvalid_o[owner_q] = busy_q && !we_q && mem_rvalid_i;
  end
  assign rdata_o = mem_rdata_i;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      busy_q <= 1'b0;
      owner_q <= 1'b0;
      we_q <= 1'b0;
      beats_q <= '0;
    end else if (!busy_q) begin
      if (grant && mem_req_ready_i) begin
        busy_q <= 1'b1;
        owner_q <= pick;
        we_q <= req_we_i[pick];
        beats_q <= '0;
      end
    end else begin
      if ((we_q && mem_wvalid_o && mem_wready_i) || (!we_q && mem_rvalid_i)) begin
        beats_q <= beats_q + 1'b1;
        if (beats_q == BeatW'(LineWords - 1)) busy_q <= 1'b0;
      end
    end
  end
endmodule
