// The iCE40 PLL with the dividers the flow computed for this board (board_cfg_pkg, from icepll):
// FromPad uses the PLL's own input pad (SB_PLL40_PAD), else the clock comes through the fabric.
module ice40_pll
  import board_cfg_pkg::*;
#(
  parameter bit FromPad = 1'b1
) (
  input  logic clk_osc_i,
  output logic clk_o,
  output logic locked_o
);
  if (FromPad) begin : g_pad
    SB_PLL40_PAD #(
      .FEEDBACK_PATH("SIMPLE"), .DIVR(4'(Ice40Divr)), .DIVF(7'(Ice40Divf)), .DIVQ(3'(Ice40Divq)),
      .FILTER_RANGE(3'(Ice40FilterRange))
    ) u_pll (
      .PACKAGEPIN(clk_osc_i), .PLLOUTGLOBAL(clk_o), .PLLOUTCORE(), .LOCK(locked_o),
      .RESETB(1'b1), .BYPASS(1'b0)
    );
  end else begin : g_core
    SB_PLL40_CORE #(
      .FEEDBACK_PATH("SIMPLE"), .DIVR(4'(Ice40Divr)), .DIVF(7'(Ice40Divf)), .DIVQ(3'(Ice40Divq)),
      .FILTER_RANGE(3'(Ice40FilterRange))
    ) u_pll (
      .REFERENCECLK(clk_osc_i), .PLLOUTGLOBAL(clk_o), .PLLOUTCORE(), .LOCK(locked_o),
      .RESETB(1'b1), .BYPASS(1'b0)
    );
  end
endmodule
