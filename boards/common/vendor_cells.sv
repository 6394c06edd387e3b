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

(* blackbox *)
module SB_MAC16 #(
  parameter logic       NEG_TRIGGER = 1'b0,
  parameter logic       C_REG = 1'b0,
  parameter logic       A_REG = 1'b0,
  parameter logic       B_REG = 1'b0,
  parameter logic       D_REG = 1'b0,
  parameter logic       TOP_8x8_MULT_REG = 1'b0,
  parameter logic       BOT_8x8_MULT_REG = 1'b0,
  parameter logic       PIPELINE_16x16_MULT_REG1 = 1'b0,
  parameter logic       PIPELINE_16x16_MULT_REG2 = 1'b0,
  parameter logic [1:0] TOPOUTPUT_SELECT = 2'b00,
  parameter logic [1:0] TOPADDSUB_LOWERINPUT = 2'b00,
  parameter logic       TOPADDSUB_UPPERINPUT = 1'b0,
  parameter logic [1:0] TOPADDSUB_CARRYSELECT = 2'b00,
  parameter logic [1:0] BOTOUTPUT_SELECT = 2'b00,
  parameter logic [1:0] BOTADDSUB_LOWERINPUT = 2'b00,
  parameter logic       BOTADDSUB_UPPERINPUT = 1'b0,
  parameter logic [1:0] BOTADDSUB_CARRYSELECT = 2'b00,
  parameter logic       MODE_8x8 = 1'b0,
  parameter logic       A_SIGNED = 1'b0,
  parameter logic       B_SIGNED = 1'b0
) (
  input  logic        CLK,
  input  logic        CE,
  input  logic [15:0] C,
  input  logic [15:0] A,
  input  logic [15:0] B,
  input  logic [15:0] D,
  input  logic        AHOLD,
  input  logic        BHOLD,
  input  logic        CHOLD,
  input  logic        DHOLD,
  input  logic        IRSTTOP,
  input  logic        IRSTBOT,
  input  logic        ORSTTOP,
  input  logic        ORSTBOT,
  input  logic        OLOADTOP,
  input  logic        OLOADBOT,
  input  logic        ADDSUBTOP,
  input  logic        ADDSUBBOT,
  input  logic        OHOLDTOP,
  input  logic        OHOLDBOT,
  input  logic        CI,
  input  logic        ACCUMCI,
  input  logic        SIGNEXTIN,
  output logic [31:0] O,
  output logic        CO,
  output logic        ACCUMCO,
  output logic        SIGNEXTOUT
);
endmodule
