// The debug unit's transmit side: shares the one UART between responses, the program's console
// output and EXITED frames (docs/protocol.md, sessions and the console). Detached, the program's
// bytes go out unchanged. Attached, they go out in CONSOLE frames of up to 64 bytes, started
// whenever the program has output and no response waits; a frame ends early when the program's
// output runs dry or a response is ready. Responses come first; EXITED waits for at most one more
// console frame, so output written before the exit arrives before EXITED. Frames never interleave:
// the choice is made between frames.
module debug_tx_arb
  import debug_pkg::*;
(
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        attached_i,
  // responses (a frame body source, see slip_tx)
  input  logic        resp_req_i,      // a response is to be sent
  input  logic        resp_valid_i,
  input  logic [7:0]  resp_data_i,
  input  logic        resp_end_i,
  output logic        resp_ready_o,
  output logic        resp_done_o,     // pulse: the response frame is on the line
  // EXITED
  input  logic        exit_pending_i,
  input  logic [31:0] exit_code_i,
  input  logic [1:0]  resp_exit_sel_i,  // the responder's exit code byte (STATUS) ...
  output logic [7:0]  exit_byte_o,      // ... from the one byte mux, shared with EXITED
  output logic        exit_sent_o,     // pulse: the EXITED frame is on the line
  // the program's output (valid/ready; data held while valid && !ready)
  input  logic        prog_tx_valid_i,
  input  logic [7:0]  prog_tx_data_i,
  output logic        prog_tx_ready_o,
  // to the UART transmitter
  output logic        tx_valid_o,
  output logic [7:0]  tx_data_o,
  input  logic        tx_ready_i,
  output logic        idle_o           // no frame in progress
);
  typedef enum logic [1:0] {AIdle, AResp, ACons, AExit} state_e;
  state_e     state_q;
  logic [6:0] idx_q;          // body bytes taken in this frame
  logic       exit_cons_q;    // a console frame went out since EXITED became due

  // The program's output is seen through ptx_valid_q, its valid a cycle late: the FIFO's count
  // behind it ran on through the framer's decisions into its registers. The FIFO is popped only
  // when a byte is taken (ready is gated with ptx_valid_q), and never in two cycles in a row (the
  // framer fetches, or the UART takes, at most one byte per byte time), so while ptx_valid_q is
  // high the FIFO still holds the byte it saw.
  logic       ptx_valid_q;
  logic       sel_resp, sel_cons, sel_exit, start;
  assign sel_resp = resp_req_i;
  assign sel_cons = !resp_req_i && attached_i && ptx_valid_q
                    && !(exit_pending_i && exit_cons_q);
  assign sel_exit = !resp_req_i && attached_i && exit_pending_i && !sel_cons;
  assign start = (state_q == AIdle) && (sel_resp || sel_cons || sel_exit);

  // ---- the framer and its body source ----
  logic       src_valid, src_end, src_ready, f_valid, f_ready, f_idle, f_done;
  logic [7:0] src_data, f_data;
  logic [1:0] xbyte;           // EXITED: which byte of the code
  assign xbyte = idx_q[1:0] + 2'd2;  // body bytes 2..5 carry code bytes 0..3
  // A response and EXITED never go out together, so one mux picks the code byte for both.
  logic [1:0] xsel;
  assign xsel = (state_q == AExit) ? xbyte : resp_exit_sel_i;
  assign exit_byte_o = exit_code_i[8 * xsel +: 8];

  slip_tx u_framer (
    .clk_i, .rst_ni, .start_i(start), .src_valid_i(src_valid), .src_data_i(src_data),
    .src_end_i(src_end), .src_ready_o(src_ready), .out_valid_o(f_valid), .out_data_o(f_data),
    .out_ready_i(f_ready), .idle_o(f_idle), .done_o(f_done)
  );

  always_comb begin
    src_valid = 1'b0;
    src_data = 8'h00;
    src_end = 1'b0;
    resp_ready_o = 1'b0;
    prog_tx_ready_o = 1'b0;
    unique case (state_q)
      AResp: begin
        src_valid = resp_valid_i;
        src_data = resp_data_i;
        src_end = resp_end_i;
        resp_ready_o = src_ready;
      end
      ACons: begin
        if (idx_q == 7'd0) begin
          src_valid = 1'b1;
          src_data = CMD_CONSOLE;
        end else if (idx_q == 7'd1) begin
          src_valid = 1'b1;  // seq 0
        end else if (idx_q != 7'd2  // payload bytes taken: idx_q - 2
                     && (idx_q == 7'(2 + CONSOLE_MAX) || !ptx_valid_q || resp_req_i)) begin
          src_end = 1'b1;
        end else begin
          src_valid = ptx_valid_q;
          src_data = prog_tx_data_i;
          prog_tx_ready_o = src_ready && ptx_valid_q;
        end
      end
      AExit: begin
        if (idx_q == 7'd0) begin
          src_valid = 1'b1;
          src_data = CMD_EXITED;
        end else if (idx_q == 7'd1) begin
          src_valid = 1'b1;
        end else if (idx_q[6:3] == 4'd0 && !(idx_q[2] && idx_q[1])) begin  // idx_q < 6
          src_valid = 1'b1;
          src_data = exit_byte_o;
        end else begin
          src_end = 1'b1;
        end
      end
      default: begin
        // Detached and between frames: the program's bytes go out as they are.
        if (!attached_i && !resp_req_i) prog_tx_ready_o = tx_ready_i && ptx_valid_q;
      end
    endcase
  end

  always_comb begin
    if (state_q == AIdle && f_idle) begin
      tx_valid_o = !attached_i && !resp_req_i && ptx_valid_q;
      tx_data_o = prog_tx_data_i;
      f_ready = 1'b0;
    end else begin
      tx_valid_o = f_valid;
      tx_data_o = f_data;
      f_ready = tx_ready_i;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q <= AIdle;
      idx_q <= '0;
      exit_cons_q <= 1'b0;
      ptx_valid_q <= 1'b0;
    end else begin
      ptx_valid_q <= prog_tx_valid_i;
      if (start) begin
        idx_q <= '0;
        if (sel_resp) state_q <= AResp;
        else if (sel_cons) state_q <= ACons;
        else state_q <= AExit;
        if (sel_cons && exit_pending_i) exit_cons_q <= 1'b1;
      end else if (src_ready && src_valid) begin
        idx_q <= idx_q + 7'd1;
      end
      if (f_done) state_q <= AIdle;
      if (!exit_pending_i) exit_cons_q <= 1'b0;
    end
  end

  assign resp_done_o = f_done && (state_q == AResp);
  assign exit_sent_o = f_done && (state_q == AExit);
  assign idle_o = (state_q == AIdle) && f_idle;
endmodule
