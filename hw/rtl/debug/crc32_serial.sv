// Bit-serial CRC-32 (IEEE 802.3: reflected polynomial 0xEDB88320), one byte in 8 cycles. crc_o is
// the raw register: a frame carries ~crc_o least significant byte first, and a body followed by
// its own CRC leaves debug_pkg::CRC_RESIDUE. The receiver and the framer each use one. A byte is
// XORed into the register's low byte when it is taken, so no copy of it is kept while it shifts
// in. The framer sends the CRC from crc_o[7:0], shifting it down a byte at a time (drain_i): the
// same shifter, without the feedback, instead of a byte mux.
module crc32_serial (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        init_i,   // restart at all ones (wins over valid_i)
  input  logic        valid_i,  // add data_i; taken only while ready_o
  input  logic [7:0]  data_i,
  input  logic        drain_i,  // shift crc_o down a byte (no CRC step); taken only while ready_o
  output logic        ready_o,  // idle: crc_o covers every byte given
  output logic [31:0] crc_o
);
  logic [31:0] crc_q;
  logic [3:0]  bits_q;   // bits still to shift
  logic        drain_q;  // shifting without feedback

  assign ready_o = (bits_q == 4'd0);
  assign crc_o = crc_q;

  // valid_i and drain_i (late in the framer's cycle, behind its source's valid) reach only the
  // registers' data inputs, not their enables: an idle engine's count takes 8 or 0, its low
  // byte the byte XORed in or nothing.
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      bits_q <= 4'd0;
    end else if (init_i) begin
      bits_q <= 4'd0;
    end else if (ready_o) begin
      bits_q <= (valid_i || drain_i) ? 4'd8 : 4'd0;
    end else begin
      bits_q <= bits_q - 4'd1;
    end
  end

  always_ff @(posedge clk_i) begin
    if (init_i) begin
      crc_q <= '1;
    end else if (ready_o) begin
      drain_q <= drain_i;
      crc_q[7:0] <= crc_q[7:0] ^ (data_i & {8{valid_i}});
    end else begin
      crc_q <= (crc_q >> 1) ^ ((crc_q[0] && !drain_q) ? 32'hEDB8_8320 : 32'd0);
    end
  end
endmodule
