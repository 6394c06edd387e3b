// The host session (docs/protocol.md, sessions): the first valid frame attaches, DETACH or
// AttachTimeoutCycles without a valid frame detach. Also remembers an EXITED frame to send: one is
// due when the program exits while attached. Its timer also measures, while detached, how long the
// line has been idle inside a candidate (the receiver's IdleCycles timeout): one counter serves
// both, as the attach timeout runs only while attached.
module debug_session #(
  parameter int unsigned AttachTimeoutCycles = 250_000_000,
  parameter int unsigned IdleCycles = 2560
) (
  input  logic clk_i,
  input  logic rst_ni,
  input  logic attach_i,       // a valid frame was received or is being executed
  input  logic detach_i,       // the DETACH response is on the line
  input  logic activity_i,     // a valid frame arrived or the executor is busy: restart timeout
  input  logic exited_i,       // the program just exited
  input  logic exit_sent_i,    // the EXITED frame is on the line
  input  logic idle_count_i,   // detached: the receiver's idle time runs this cycle (else restarts)
  output logic idle_fire_o,    // detached: it has run IdleCycles cycles
  output logic attached_o,
  output logic detached_o,     // pulse, the first cycle after a session ended
  output logic exit_pending_o
);
  localparam int unsigned AttachW = $clog2(AttachTimeoutCycles + 1);
  localparam int unsigned IdleW = $clog2(IdleCycles + 1);
  localparam int unsigned TimerW = (AttachW > IdleW) ? AttachW : IdleW;
  logic [TimerW-1:0] timer_q;
  logic              timeout, restart, restart_q;

  // The timer restarts the cycle after its reason (restart_q): a valid frame's checks ahead of
  // the wide timer's reset were a critical path. Neither timeout fires in that cycle, so each
  // just runs one cycle longer.
  assign timeout = attached_o && !restart_q && timer_q == TimerW'(AttachTimeoutCycles - 1);
  assign idle_fire_o = !attached_o && !restart_q && idle_count_i
                       && timer_q == TimerW'(IdleCycles - 1);
  // Attached: restart on activity and when the session ends (the count starts from zero
  // detached); detached: whenever the idle time does not run, and when it fires.
  assign restart = attach_i || (attached_o ? (activity_i || detach_i || timeout)
                                           : (!idle_count_i || idle_fire_o));

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      attached_o <= 1'b0;
      detached_o <= 1'b0;
      timer_q <= '0;
      restart_q <= 1'b0;
      exit_pending_o <= 1'b0;
    end else begin
      detached_o <= 1'b0;
      if (attach_i) begin
        attached_o <= 1'b1;
      end else if (attached_o && (detach_i || timeout)) begin
        attached_o <= 1'b0;
        detached_o <= 1'b1;
      end
      restart_q <= restart;
      if (restart_q) timer_q <= '0;
      else timer_q <= timer_q + 1'b1;
      if (exited_i && (attached_o || attach_i)) exit_pending_o <= 1'b1;
      else if (exit_sent_i || !attached_o) exit_pending_o <= 1'b0;
    end
  end
endmodule
