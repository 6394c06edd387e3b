// The ECP5 PLL (EHXPLLL, CLKOP fed back) with the dividers the flow computed for this board
// (board_cfg_pkg, from ecppll).
module ecp5_pll
  import board_cfg_pkg::*;
(
  input  logic clk_osc_i,
  output logic clk_o,
  output logic locked_o
);
  EHXPLLL #(
    .CLKI_DIV(Ecp5ClkiDiv), .CLKFB_DIV(Ecp5ClkfbDiv), .CLKOP_DIV(Ecp5ClkopDiv),
    .CLKOP_CPHASE(Ecp5ClkopCphase), .CLKOP_FPHASE(0), .CLKOP_ENABLE("ENABLED"),
    .FEEDBK_PATH("CLKOP"), .PLLRST_ENA("DISABLED"), .INTFB_WAKE("DISABLED"),
    .STDBY_ENABLE("DISABLED"), .DPHASE_SOURCE("DISABLED"), .OUTDIVIDER_MUXA("DIVA")
  ) u_pll (
    .CLKI(clk_osc_i), .CLKFB(clk_o), .RST(1'b0), .STDBY(1'b0), .PHASESEL0(1'b0), .PHASESEL1(1'b0),
    .PHASEDIR(1'b1), .PHASESTEP(1'b1), .PHASELOADREG(1'b1), .PLLWAKESYNC(1'b0), .ENCLKOP(1'b0),
    .CLKOP(clk_o), .CLKINTFB(), .LOCK(locked_o)
  );
endmodule
