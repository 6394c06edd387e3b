// The boot ROM: block RAM initialised by the bitstream with a RAM image (the board's default
// program), copied into main RAM word by word after reset while the core is held. The main RAM
// itself need not be initialisable (iCE40 SPRAM is not), and `make program-image` swaps a new
// program into a built bitstream by rewriting only this ROM (icebram / ecpbram).
// In simulation, +boot_rom=<file.hex> replaces the contents.
module boot_rom #(
  parameter int unsigned Words = 1024,
  parameter string       InitFile = ""
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  output logic        busy_o,     // copying: hold the core, keep other masters off the RAM port
  output logic        we_o,
  output logic [31:0] addr_o,     // byte offset into main RAM
  output logic [31:0] wdata_o,
  input  logic        ready_i     // the RAM port took the write
);
  localparam int unsigned IdxW = $clog2(Words + 1);

  logic [31:0] rom [Words];
  initial begin
    if (InitFile != "") $readmemh(InitFile, rom);
`ifndef SYNTHESIS
    begin
      string file;
      if ($value$plusargs("boot_rom=%s", file)) $readmemh(file, rom);
    end
`endif
  end

  // The ROM is read at idx_q, a register: a word is offered from the cycle after its index is
  // set (primed_q), so a word takes two cycles. (Reading at the next index as a write is taken
  // saves that cycle, but puts the RAM port's ready, late and far, on the ROM's address.)
  logic [IdxW-1:0] idx_q;
  logic [31:0]     data_q;
  logic            primed_q, fire;

  assign busy_o = idx_q < IdxW'(Words);
  assign we_o = busy_o && primed_q;
  assign fire = we_o && ready_i;
  assign addr_o = 32'(idx_q) << 2;
  assign wdata_o = data_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      idx_q <= '0;
      primed_q <= 1'b0;
    end else if (fire) begin
      idx_q <= idx_q + 1'b1;
      primed_q <= 1'b0;
    end else begin
      primed_q <= 1'b1;
    end
  end

  // A synchronous read without reset: block RAM. Reading one past the end is harmless.
  always_ff @(posedge clk_i) data_q <= rom[idx_q[IdxW-2:0]];
endmodule
