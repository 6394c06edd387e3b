// SLIP framer (docs/protocol.md): sends END, the stuffed body pulled from a byte source, the
// body's CRC-32 (least significant byte first, stuffed too) and a closing END. The source offers
// one item at a time: a body byte (src_valid_i) or the end of the body (src_end_i); an item
// offered while src_ready_o is high is taken. src_ready_o does not look at the item (a source's
// valid, often late, stops here instead of running on through ready into the source's
// registers). The body is streamed, so nothing here limits its length.
module slip_tx
  import debug_pkg::*;
(
  input  logic       clk_i,
  input  logic       rst_ni,
  input  logic       start_i,      // begin a frame (taken only while idle_o)
  input  logic       src_valid_i,
  input  logic [7:0] src_data_i,
  input  logic       src_end_i,
  output logic       src_ready_o,
  output logic       out_valid_o,  // line bytes, valid/ready (to the UART transmitter)
  output logic [7:0] out_data_o,
  input  logic       out_ready_i,
  output logic       idle_o,
  output logic       done_o        // pulse: the closing END was handed to the line
);
  typedef enum logic [2:0] {Idle, Open, Fetch, Emit, Close} state_e;
  state_e      state_q;
  logic [7:0]  hold_q;       // the body or CRC byte being sent
  logic        esc_sent_q;   // its ESC has gone out, the stuffed partner is next
  logic        in_crc_q;     // hold_q is a CRC byte
  logic [1:0]  crc_idx_q;    // which CRC byte
  logic        special;      // hold_q must be stuffed
  logic [31:0] crc;
  logic        crc_ready, crc_feed, crc_drain, emitted, take;
  logic [23:0] unused_crc;  // the CRC goes out from the low byte only
  assign unused_crc = crc[31:8];

  assign special = (hold_q == SLIP_END) || (hold_q == SLIP_ESC);
  assign idle_o = (state_q == Idle);
  // Take the next item only when the CRC engine has caught up, so the CRC is final at the end.
  assign src_ready_o = (state_q == Fetch) && !in_crc_q && crc_ready;
  assign take = src_ready_o && (src_valid_i || src_end_i);  // an item is taken
  assign crc_feed = src_ready_o && src_valid_i;
  // hold_q has gone out (with its ESC, if it needed one)
  assign emitted = (state_q == Emit) && out_ready_i && !(special && !esc_sent_q);
  // After each CRC byte but the last, the engine shifts the next one into crc[7:0] (8 cycles,
  // far less than a byte time), and Fetch waits for it.
  assign crc_drain = emitted && in_crc_q && crc_idx_q != 2'd3;

  crc32_serial u_crc (
    .clk_i, .rst_ni, .init_i(idle_o && start_i), .valid_i(crc_feed), .data_i(src_data_i),
    .drain_i(crc_drain), .ready_o(crc_ready), .crc_o(crc)
  );

  always_comb begin
    out_valid_o = 1'b0;
    out_data_o = SLIP_END;
    unique case (state_q)
      Open, Close: out_valid_o = 1'b1;
      Emit: begin
        out_valid_o = 1'b1;
        if (esc_sent_q) out_data_o = (hold_q == SLIP_END) ? SLIP_ESC_END : SLIP_ESC_ESC;
        else if (special) out_data_o = SLIP_ESC;
        else out_data_o = hold_q;
      end
      default: ;
    endcase
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q <= Idle;
      esc_sent_q <= 1'b0;
      in_crc_q <= 1'b0;
      crc_idx_q <= 2'd0;
      done_o <= 1'b0;
    end else begin
      done_o <= 1'b0;
      unique case (state_q)
        Idle: if (start_i) state_q <= Open;
        Open: if (out_ready_i) begin
          state_q <= Fetch;
          in_crc_q <= 1'b0;
          crc_idx_q <= 2'd0;
        end
        Fetch: if (take || (in_crc_q && crc_ready)) begin
          state_q <= Emit;
          esc_sent_q <= 1'b0;
          if (take) in_crc_q <= !src_valid_i;
        end
        Emit: if (out_ready_i) begin
          if (special && !esc_sent_q) begin
            esc_sent_q <= 1'b1;
          end else begin
            esc_sent_q <= 1'b0;
            if (in_crc_q && crc_idx_q == 2'd3) state_q <= Close;
            else state_q <= Fetch;
            if (in_crc_q) crc_idx_q <= crc_idx_q + 2'd1;
          end
        end
        Close: if (out_ready_i) begin
          state_q <= Idle;
          done_o <= 1'b1;
        end
        default: state_q <= Idle;
      endcase
    end
  end

  // The byte to send: the source's, or the next CRC byte (inverted, see crc32_serial).
  always_ff @(posedge clk_i) begin
    if (state_q == Fetch && crc_ready) begin
      hold_q <= (src_valid_i && !in_crc_q) ? src_data_i : ~crc[7:0];
    end
  end
endmodule
