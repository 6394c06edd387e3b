// CLINT-style timer (docs/memory-map.md): mtime counts clock cycles, the machine timer interrupt is
// pending while mtime >= mtimecmp, msip drives the software interrupt. mtime (counter64) and
// mtimecmp with that compare (compare64) sit in iCE40 DSP blocks with Ice40Dsp.
module soc_timer
  import soc_map_pkg::*;
#(
  parameter bit Ice40Dsp = 1'b0
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        sel_i,
  input  logic        we_i,
  input  logic [11:0] offset_i,
  input  logic [31:0] wdata_i,
  output logic [31:0] rdata_o,
  output logic [63:0] mtime_o,
  output logic        irq_timer_o,
  output logic        irq_software_o
);
  logic [63:0] mtime, mtimecmp;
  logic        msip_q;
  logic        wr;
  assign wr = sel_i && we_i;

  counter64 #(.Ice40Dsp(Ice40Dsp)) u_mtime (
    .clk_i, .rst_ni, .inc_i(1'b1), .load_lo_i(wr && offset_i == SOC_TIMER_MTIME[11:0]),
    .load_hi_i(wr && offset_i == SOC_TIMER_MTIMEH[11:0]), .data_i(wdata_i), .count_o(mtime)
  );

  compare64 #(.Ice40Dsp(Ice40Dsp)) u_mtimecmp (
    .clk_i, .rst_ni, .load_lo_i(wr && offset_i == SOC_TIMER_MTIMECMP[11:0]),
    .load_hi_i(wr && offset_i == SOC_TIMER_MTIMECMPH[11:0]), .data_i(wdata_i), .value_i(mtime),
    .reg_o(mtimecmp), .ge_o(irq_timer_o)
  );

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) msip_q <= 1'b0;
    else if (wr && offset_i == SOC_TIMER_MSIP[11:0]) msip_q <= wdata_i[0];
  end

  // (zero when not selected: soc_top ORs the devices' answers)
  always_ff @(posedge clk_i) begin
    if (!sel_i) rdata_o <= 32'd0;
    else unique case (offset_i)
      SOC_TIMER_MTIME[11:0]: rdata_o <= mtime[31:0];
      SOC_TIMER_MTIMEH[11:0]: rdata_o <= mtime[63:32];
      SOC_TIMER_MTIMECMP[11:0]: rdata_o <= mtimecmp[31:0];
      SOC_TIMER_MTIMECMPH[11:0]: rdata_o <= mtimecmp[63:32];
      SOC_TIMER_MSIP[11:0]: rdata_o <= {31'd0, msip_q};
      default: rdata_o <= 32'd0;
    endcase
  end

  assign mtime_o = mtime;
  assign irq_software_o = msip_q;
endmodule
