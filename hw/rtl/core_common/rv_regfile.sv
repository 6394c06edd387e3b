// The integer register file: two read ports, one write port, x0 hard-wired to zero. A write is
// visible to a read in the same cycle (write-through, the WB-to-ID bypass). Each read port has
// its own copy of the registers. Two ways to read (SyncRead):
//  - 1, synchronous: the file maps to block RAM (iCE40 EBR) instead of a thousand flip-flops; the
//    core gives raddr_*_i a cycle early (what its decode stage will hold next cycle) and gets the
//    data for it this cycle (rdata_*_o for raddr_*_o). The write-through also covers a write that
//    coincides with the RAM read one cycle before.
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
  // A read of the register being written reads the RAM at the write's edge; the bypass below
  // covers it, so the RAM need not (no_rw_check: the iCE40's EBR leaves the case undefined, and
  // Yosys would otherwise add a register stage and a mux to define it).
  (* no_rw_check *) logic [31:0] regs_a [32];
  (* no_rw_check *) logic [31:0] regs_b [32];

  always_ff @(posedge clk_i) begin
    if (we_i) begin
      regs_a[waddr_i] <= wdata_i;
      regs_b[waddr_i] <= wdata_i;
    end
  end

  if (SyncRead) begin : g_sync
    logic [31:0] ram_a_q, ram_b_q, bypass_data_q;
    logic [4:0]  raddr_a_q, raddr_b_q;
    logic        bypass_a_q, bypass_b_q;

    always_ff @(posedge clk_i) begin
      ram_a_q <= regs_a[raddr_a_i];
      ram_b_q <= regs_b[raddr_b_i];
      raddr_a_q <= raddr_a_i;
      raddr_b_q <= raddr_b_i;
      bypass_a_q <= we_i && waddr_i == raddr_a_i;
      bypass_b_q <= we_i && waddr_i == raddr_b_i;
      bypass_data_q <= wdata_i;
    end

    function automatic logic [31:0] read_port(logic [4:0] raddr, logic bypass, logic [31:0] ram);
      if (raddr == 5'd0) return 32'd0;
      if (we_i && waddr_i == raddr) return wdata_i;
      if (bypass) return bypass_data_q;
      return ram;
    endfunction

    assign raddr_a_o = raddr_a_q;
    assign raddr_b_o = raddr_b_q;
    assign rdata_a_o = read_port(raddr_a_q, bypass_a_q, ram_a_q);
    assign rdata_b_o = read_port(raddr_b_q, bypass_b_q, ram_b_q);
  end else begin : g_async
    function automatic logic [31:0] read_port(logic [4:0] raddr, logic [31:0] ram);
      if (raddr == 5'd0) return 32'd0;
      if (we_i && waddr_i == raddr) return wdata_i;
      return ram;
    endfunction

    assign raddr_a_o = raddr_a_i;
    assign raddr_b_o = raddr_b_i;
    assign rdata_a_o = read_port(raddr_a_i, regs_a[raddr_a_i]);
    assign rdata_b_o = read_port(raddr_b_i, regs_b[raddr_b_i]);
  end
endmodule
