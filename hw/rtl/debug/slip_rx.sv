// SLIP deframer (docs/protocol.md): turns received line bytes into frame delimiters and unstuffed
// body bytes, one event per line byte (an ESC gives none, it waits for its partner). END always
// delimits, even right after an ESC. An ESC not followed by ESC_END/ESC_ESC is a bad escape: the
// next event carries bad_o so the frame fails its check.
module slip_rx
  import debug_pkg::*;
(
  input  logic       clk_i,
  input  logic       rst_ni,
  input  logic       valid_i,   // a line byte (one-cycle pulse)
  input  logic [7:0] data_i,
  input  logic       clear_i,   // forget a pending ESC (the receiver leaves frame mode)
  output logic       end_o,     // data_i is END
  output logic       byte_o,    // data_o is an unstuffed body byte
  output logic [7:0] data_o,
  output logic       bad_o      // with end_o or byte_o: the ESC before it was bad
);
  logic esc_q;

  always_comb begin
    end_o = 1'b0;
    byte_o = 1'b0;
    data_o = data_i;
    bad_o = 1'b0;
    if (valid_i) begin
      if (data_i == SLIP_END) begin
        end_o = 1'b1;
        bad_o = esc_q;
      end else if (esc_q) begin
        byte_o = 1'b1;
        unique case (data_i)
          SLIP_ESC_END: data_o = SLIP_END;
          SLIP_ESC_ESC: data_o = SLIP_ESC;
          default: bad_o = 1'b1;
        endcase
      end else if (data_i != SLIP_ESC) begin
        byte_o = 1'b1;
      end
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) esc_q <= 1'b0;
    else if (clear_i) esc_q <= 1'b0;
    else if (valid_i) esc_q <= (data_i == SLIP_ESC) && !esc_q;
  end
endmodule
