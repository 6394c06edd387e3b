// The physical register file with one ready bit per register. Reads are combinational; register 0
// reads zero and is always ready. The values live in LUT RAM, which has one write port: one bank
// per write port (Yosys copies each bank once per read port), and a live-value table (flops) that
// says which bank wrote a register last (flops with one read port per read port and a 5:1 mux
// cost less than 64 x 32 flops with five write ports). A write sets the register's ready bit in
// the same edge; rename clears the bits of the (up to two) registers it allocates; a flush marks
// every register ready (the ones still mapped hold committed values, the free ones are cleared
// again when they are allocated).
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
  input  logic [1:0]                       alloc_i,
  input  logic [1:0][PregW-1:0]            alloc_preg_i,
  input  logic                             flush_i,
  output logic [NumPregs-1:0]              ready_o
);
  localparam int unsigned BankW = NumWrite > 1 ? $clog2(NumWrite) : 1;

  logic [BankW-1:0]    lvt_q [NumPregs];
  logic [NumWrite-1:0][NumRead-1:0][31:0] bank_rdata;
  logic [NumPregs-1:0] ready_q;

  for (genvar w = 0; w < NumWrite; w++) begin : g_bank
    (* ram_style = "distributed" *) logic [31:0] mem_q [NumPregs];
    always_ff @(posedge clk_i) begin
      if (we_i[w]) mem_q[waddr_i[w]] <= wdata_i[w];
    end
    for (genvar r = 0; r < NumRead; r++) begin : g_read
      assign bank_rdata[w][r] = mem_q[raddr_i[r]];
    end
  end

  // Two ports never write one register in the same cycle (a register has one producer; checked
  // in simulation below).
  always_ff @(posedge clk_i) begin
    for (int w = 0; w < NumWrite; w++) if (we_i[w]) lvt_q[waddr_i[w]] <= BankW'(w);
  end

  always_comb begin
    for (int r = 0; r < NumRead; r++)
      rdata_o[r] = raddr_i[r] == '0 ? 32'd0 : bank_rdata[lvt_q[raddr_i[r]]][r];
  end
  assign ready_o = ready_q | NumPregs'(1);

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      ready_q <= '1;
    end else if (flush_i) begin
      ready_q <= '1;
    end else begin
      for (int w = 0; w < NumWrite; w++) if (we_i[w]) ready_q[waddr_i[w]] <= 1'b1;
      for (int a = 0; a < 2; a++) if (alloc_i[a]) ready_q[alloc_preg_i[a]] <= 1'b0;
    end
  end

`ifndef SYNTHESIS
  always_ff @(posedge clk_i) begin
    // (A write in a register's allocation cycle is allowed: a squashed instruction's result may
    // land as its register is handed out anew; the allocation wins. ooo_core checks the writer.)
    // The live-value table keeps one bank per register: two writes to it in a cycle would leave
    // the other's value unreadable. (Register 0 reads zero whatever is written to it.)
    for (int w = 0; w < NumWrite; w++)
      for (int v = w + 1; v < NumWrite; v++)
        if (rst_ni && we_i[w] && we_i[v] && waddr_i[w] == waddr_i[v] && waddr_i[w] != '0)
          $error("ooo_prf: ports %0d and %0d both write p%0d", w, v, waddr_i[w]);
  end
`endif
endmodule
