// The integer register file: two read ports, one write port, x0 hard-wired to zero. A write is
// visible to a read in the same cycle (write-through, the WB-to-ID bypass). Each read port has
// its own copy of the registers. Two ways to read (SyncRead):
//  - 1, synchronous: the file maps to block RAM (iCE40 EBR) instead of a thousand flip-flops; the
//    core gives raddr_*_i a cycle early (what its decode stage will hold next cycle) and gets the
//    data for it this cycle (rdata_*_o for raddr_*_o). The RAM is written at the falling clock
//    edge, half a cycle before the rising edge that reads it, so a read never meets a write at
//    the same edge (the EBR leaves that undefined): the only bypass is this cycle's write.
//  - 0, asynchronous: LUT RAM (ECP5); raddr_*_i is this cycle's address (raddr_*_o repeats it).
//    Then nothing has to announce the next instruction a cycle early, which on a core behind an
//    instruction cache would put the cache's block RAM output in front of the read address.
module rv_regfile #(
  parameter bit SyncRead = 1'b1
) (
  input  logic        clk_i,
  input  logic [4:0]  raddr_a_i,
  output logic [4:0]  raddr_a_o,
  output logic [31:0] rdata_a_o,
  input  logic [4:0]  raddr_b_i,
  output logic [4:0]  raddr_b_o,
  output logic [31:0] rdata_b_o,
  input  logic        we_i,
  input  logic [4:0]  waddr_i,
  input  logic [31:0] wdata_i
);
  logic [31:0] regs_a [32];
  logic [31:0] regs_b [32];

  // x0 reads 0; the register being written this cycle reads what is written (write-through).
  function automatic logic [31:0] read_port(logic [4:0] raddr, logic [31:0] ram);
    if (raddr == 5'd0) return 32'd0;
    if (we_i && waddr_i == raddr) return wdata_i;
    return ram;
  endfunction

  if (SyncRead) begin : g_sync
    logic [31:0] ram_a_q, ram_b_q;
    logic [4:0]  raddr_a_q, raddr_b_q;

    always_ff @(negedge clk_i) begin
      if (we_i) begin
        regs_a[waddr_i] <= wdata_i;
        regs_b[waddr_i] <= wdata_i;
      end
    end

    always_ff @(posedge clk_i) begin
      ram_a_q <= regs_a[raddr_a_i];
      ram_b_q <= regs_b[raddr_b_i];
      raddr_a_q <= raddr_a_i;
      raddr_b_q <= raddr_b_i;
    end

    assign raddr_a_o = raddr_a_q;
    assign raddr_b_o = raddr_b_q;
    assign rdata_a_o = read_port(raddr_a_q, ram_a_q);
    assign rdata_b_o = read_port(raddr_b_q, ram_b_q);
  end else begin : g_async
    always_ff @(posedge clk_i) begin
      if (we_i) begin
        regs_a[waddr_i] <= wdata_i;
        regs_b[waddr_i] <= wdata_i;
      end
    end

    assign raddr_a_o = raddr_a_i;
    assign raddr_b_o = raddr_b_i;
    assign rdata_a_o = read_port(raddr_a_i, regs_a[raddr_a_i]);
    assign rdata_b_o = read_port(raddr_b_i, regs_b[raddr_b_i]);
  end
endmodule
