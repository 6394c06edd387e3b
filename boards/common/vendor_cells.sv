// Port and parameter declarations of the FPGA primitives the board wrappers instantiate, so that the
// slang front end can elaborate them; Yosys keeps them as black boxes that synth_ice40 /
// synth_ecp5 and nextpnr know. Names and ports follow the vendors' primitive libraries (Lattice
// iCE40 Technology Library, ECP5 sysCLOCK PLL usage guide, TN1263).

(* blackbox *)
module SB_PLL40_PAD #(
  parameter string      FEEDBACK_PATH = "SIMPLE",
  parameter logic [3:0] DIVR = 4'd0,
  parameter logic [6:0] DIVF = 7'd0,
  parameter logic [2:0] DIVQ = 3'd0,
  parameter logic [2:0] FILTER_RANGE = 3'd0
) (
  input  logic PACKAGEPIN,
  output logic PLLOUTGLOBAL,
  output logic PLLOUTCORE,
  output logic LOCK,
  input  logic RESETB,
  input  logic BYPASS
);
endmodule

(* blackbox *)
module SB_PLL40_CORE #(
  parameter string      FEEDBACK_PATH = "SIMPLE",
  parameter logic [3:0] DIVR = 4'd0,
  parameter logic [6:0] DIVF = 7'd0,
  parameter logic [2:0] DIVQ = 3'd0,
  parameter logic [2:0] FILTER_RANGE = 3'd0
) (
  input  logic REFERENCECLK,
  output logic PLLOUTGLOBAL,
  output logic PLLOUTCORE,
  output logic LOCK,
  input  logic RESETB,
  input  logic BYPASS
);
endmodule

(* blackbox *)
module EHXPLLL #(
  parameter int    CLKI_DIV = 1,
  parameter int    CLKFB_DIV = 1,
  parameter int    CLKOP_DIV = 8,
  parameter int    CLKOP_CPHASE = 0,
  parameter int    CLKOP_FPHASE = 0,
  parameter string CLKOP_ENABLE = "ENABLED",
  parameter string FEEDBK_PATH = "CLKOP",
  parameter string PLLRST_ENA = "DISABLED",
  parameter string INTFB_WAKE = "DISABLED",
  parameter string STDBY_ENABLE = "DISABLED",
  parameter string DPHASE_SOURCE = "DISABLED",
  parameter string OUTDIVIDER_MUXA = "DIVA"
) (
  input  logic CLKI,
  input  logic CLKFB,
  input  logic RST,
  input  logic STDBY,
  input  logic PHASESEL0,
  input  logic PHASESEL1,
  input  logic PHASEDIR,
  input  logic PHASESTEP,
  input  logic PHASELOADREG,
  input  logic PLLWAKESYNC,
  input  logic ENCLKOP,
  output logic CLKOP,
  output logic CLKINTFB,
  output logic LOCK
);
endmodule
