// The host session (docs/protocol.md, sessions): the first valid frame attaches, DETACH or
// AttachTimeoutCycles without a valid frame detach. Also remembers an EXITED frame to send: one is
// due when the program exits while attached.
module debug_session #(
  parameter int unsigned AttachTimeoutCycles = 250_000_000
) (
  input  logic clk_i,
  input  logic rst_ni,
  input  logic attach_i,       // a valid frame was received or is being executed
  input  logic detach_i,       // the DETACH response is on the line
  input  logic activity_i,     // a valid frame arrived or the executor is busy: restart timeout
  input  logic exited_i,       // the program just exited
  input  logic exit_sent_i,    // the EXITED frame is on the line
  output logic attached_o,
  output logic detached_o,     // pulse, the first cycle after a session ended
  output logic exit_pending_o
);
  localparam int unsigned TimerW = $clog2(AttachTimeoutCycles + 1);
  logic [TimerW-1:0] timer_q;
  logic              timeout;

  assign timeout = attached_o && timer_q == TimerW'(AttachTimeoutCycles - 1);

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      attached_o <= 1'b0;
      detached_o <= 1'b0;
      timer_q <= '0;
      exit_pending_o <= 1'b0;
    end else begin
      detached_o <= 1'b0;
      if (attach_i) begin
        attached_o <= 1'b1;
      end else if (attached_o && (detach_i || timeout)) begin
        attached_o <= 1'b0;
        detached_o <= 1'b1;
      end
      if (!attached_o || activity_i || attach_i) timer_q <= '0;
      else timer_q <= timer_q + 1'b1;
      if (exited_i && (attached_o || attach_i)) exit_pending_o <= 1'b1;
      else if (exit_sent_i || !attached_o) exit_pending_o <= 1'b0;
    end
  end
endmodule
