// The core's run state as the host sees it (docs/protocol.md, CORE_CTRL / SET_START / STATUS):
// held in reset, running, halted (memory ports withheld) or exited (the program used the exit
// convention), plus the start address the core begins at when released. The executor lets only
// word-aligned RAM addresses through (SET_START), so only the word offset in RAM is stored.
module debug_core_ctrl
  import debug_pkg::*;
#(
  parameter logic [31:0] ResetPc = 32'h8000_0000,   // the RAM base, a multiple of 2^$clog2(RamSize)
  parameter logic [31:0] RamSize = 32'h0001_0000,
  parameter bit          HoldAtReset = 1'b0  // 0: the core runs the RAM image from reset
) (
  input  logic         clk_i,
  input  logic         rst_ni,
  input  logic         act_valid_i,   // apply act_i (only when act_ok_o)
  input  core_action_e act_i,
  output logic         act_ok_o,      // act_i is allowed in the current state
  input  logic         start_valid_i, // set the start address
  input  logic [31:0]  start_pc_i,    // a word-aligned address in RAM
  input  logic         exit_valid_i,  // the SoC control block's exit pulse
  output core_state_e  state_o,
  output logic         exited_o,      // pulse: the state just became exited
  output logic [31:0]  start_pc_o,
  output logic         core_hold_o,
  output logic         core_halt_o
);
  localparam int unsigned AddrW = $clog2(RamSize);
  core_state_e       state_q;
  logic              exit_take;
  logic [AddrW-1:2]  start_q;  // word offset of the start address in RAM

  always_comb begin
    unique case (act_i)
      ActHold: act_ok_o = 1'b1;
      ActRelease: act_ok_o = (state_q == CoreHeld);
      ActHalt, ActResume: act_ok_o = (state_q == CoreRunning) || (state_q == CoreHalted);
      default: act_ok_o = 1'b0;
    endcase
  end

  // An exit pulse is never lost to a same-cycle action, except to hold, which restarts the core.
  assign exit_take = exit_valid_i && (state_q == CoreRunning || state_q == CoreHalted)
                     && !(act_valid_i && act_i == ActHold);

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q <= HoldAtReset ? CoreHeld : CoreRunning;
      exited_o <= 1'b0;
      start_q <= '0;
    end else begin
      exited_o <= exit_take;
      if (exit_take) begin
        state_q <= CoreExited;
      end else if (act_valid_i && act_ok_o) begin
        unique case (act_i)
          ActHold: state_q <= CoreHeld;
          ActRelease, ActResume: state_q <= CoreRunning;
          ActHalt: state_q <= CoreHalted;
          default: state_q <= state_q;
        endcase
      end
      if (start_valid_i) start_q <= start_pc_i[AddrW-1:2];
    end
  end

  assign start_pc_o = {ResetPc[31:AddrW], start_q, 2'b00};
  logic unused_start_bits;
  assign unused_start_bits = ^{start_pc_i[31:AddrW], start_pc_i[1:0]};
  assign state_o = state_q;
  assign core_hold_o = (state_q == CoreHeld);
  assign core_halt_o = (state_q == CoreHalted);
endmodule
