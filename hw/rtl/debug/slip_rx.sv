// SLIP deframer (docs/protocol.md): turns received line bytes into frame delimiters and unstuffed
// body bytes, one event per line byte (an ESC gives none, it waits for its partner). END always
// delimits, even right after an ESC. An ESC not followed by ESC_END/ESC_ESC is a bad escape: the
// next event carries bad_o so the frame fails its check.
// The line byte is taken into registers with its compares against the SLIP codes, and its event
// comes a cycle after it arrived, with the byte itself (line_*_o, for a user that also takes the
// bytes as they are): the compares then no longer run ahead of the receiver's decisions.
module slip_rx
  import debug_pkg::*;
(
  input  logic       clk_i,
  input  logic       rst_ni,
  input  logic       valid_i,       // a line byte (one-cycle pulse)
  input  logic [7:0] data_i,
  input  logic       clear_i,       // forget a pending ESC (the receiver leaves frame mode)
  output logic       line_valid_o,  // the line byte of last cycle (a one-cycle pulse)
  output logic [7:0] line_data_o,
  output logic       end_o,         // line_data_o is END
  output logic       byte_o,        // data_o is an unstuffed body byte
  output logic [7:0] data_o,
  output logic       bad_o          // with end_o or byte_o: the ESC before it was bad
);
  logic       esc_q;  // the last line byte (before line_data_o) was an unpaired ESC
  logic       valid_q, is_end_q, is_esc_q, is_esc_end_q, is_esc_esc_q;
  logic [7:0] data_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) valid_q <= 1'b0;
    else valid_q <= valid_i;
  end
  always_ff @(posedge clk_i) begin
    data_q <= data_i;
    is_end_q <= data_i == SLIP_END;
    is_esc_q <= data_i == SLIP_ESC;
    is_esc_end_q <= data_i == SLIP_ESC_END;
    is_esc_esc_q <= data_i == SLIP_ESC_ESC;
  end
  assign line_valid_o = valid_q;
  assign line_data_o = data_q;

  always_comb begin
    end_o = 1'b0;
    byte_o = 1'b0;
    data_o = data_q;
    bad_o = 1'b0;
    if (valid_q) begin
      if (is_end_q) begin
        end_o = 1'b1;
        bad_o = esc_q;
      end else if (esc_q) begin
        byte_o = 1'b1;
        if (is_esc_end_q) data_o = SLIP_END;
        else if (is_esc_esc_q) data_o = SLIP_ESC;
        else bad_o = 1'b1;
      end else if (!is_esc_q) begin
        byte_o = 1'b1;
      end
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) esc_q <= 1'b0;
    else if (clear_i) esc_q <= 1'b0;
    else if (valid_q) esc_q <= is_esc_q && !esc_q;
  end
endmodule
