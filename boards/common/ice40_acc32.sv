// One iCE40 SB_MAC16 as a 32-bit accumulator (for counter64): count <= load ? data : count + inc,
// reset to 0. Configuration after the Lattice iCE40 DSP function usage guide (TN1295). The
// multipliers go unused; the adders take the accumulator registers (upper inputs) and the A/B
// inputs (lower inputs), the bottom adder's carry runs into the top one, the outputs are the
// accumulator registers, and the loads come in through C (top) and D (bottom). hold_i keeps the
// count (and blocks a load: the DSP's output hold comes first). CarryIn is the bottom adder's
// carry in: 2'b00 none, 2'b01 one, 2'b11 carry_i (compare64 chains two blocks' sums with it).
module ice40_acc32 #(
  parameter logic [1:0] CarryIn = 2'b00
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic [31:0] inc_i,
  input  logic        load_i,
  input  logic        hold_i,
  input  logic [31:0] data_i,
  input  logic        carry_i,
  output logic [31:0] count_o,
  output logic        carry_o
);
  SB_MAC16 #(
    .NEG_TRIGGER(1'b0), .C_REG(1'b0), .A_REG(1'b0), .B_REG(1'b0), .D_REG(1'b0),
    .TOP_8x8_MULT_REG(1'b0), .BOT_8x8_MULT_REG(1'b0),
    .PIPELINE_16x16_MULT_REG1(1'b0), .PIPELINE_16x16_MULT_REG2(1'b0),
    .TOPOUTPUT_SELECT(2'b01),       // the top accumulator register
    .TOPADDSUB_LOWERINPUT(2'b00),   // A
    .TOPADDSUB_UPPERINPUT(1'b0),    // the accumulator
    .TOPADDSUB_CARRYSELECT(2'b10),  // the bottom adder's carry
    .BOTOUTPUT_SELECT(2'b01),
    .BOTADDSUB_LOWERINPUT(2'b00),   // B
    .BOTADDSUB_UPPERINPUT(1'b0),
    .BOTADDSUB_CARRYSELECT(CarryIn),
    .MODE_8x8(1'b0), .A_SIGNED(1'b0), .B_SIGNED(1'b0)
  ) u_mac (
    .CLK(clk_i), .CE(1'b1),
    .C(data_i[31:16]), .A(inc_i[31:16]), .B(inc_i[15:0]), .D(data_i[15:0]),
    .AHOLD(1'b0), .BHOLD(1'b0), .CHOLD(1'b0), .DHOLD(1'b0),
    .IRSTTOP(1'b0), .IRSTBOT(1'b0), .ORSTTOP(!rst_ni), .ORSTBOT(!rst_ni),
    .OLOADTOP(load_i), .OLOADBOT(load_i), .ADDSUBTOP(1'b0), .ADDSUBBOT(1'b0),
    .OHOLDTOP(hold_i), .OHOLDBOT(hold_i), .CI(carry_i), .ACCUMCI(1'b0), .SIGNEXTIN(1'b0),
    .O(count_o), .CO(carry_o), .ACCUMCO(), .SIGNEXTOUT()
  );
endmodule
