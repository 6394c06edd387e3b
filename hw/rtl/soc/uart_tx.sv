// UART transmitter, 8N1: one start bit, 8 data bits LSB first, one stop bit; ClksPerBit cycles each.
module uart_tx #(
  parameter int unsigned ClksPerBit = 868
) (
  input  logic       clk_i,
  input  logic       rst_ni,
  input  logic       valid_i,
  output logic       ready_o,
  input  logic [7:0] data_i,
  output logic       tx_o
);
  logic [9:0]  shift_q;   // stop, data, start
  logic [3:0]  bits_q;    // bits left to send
  logic [$clog2(ClksPerBit)-1:0] clk_q;

  assign ready_o = (bits_q == 4'd0);
  assign tx_o = ready_o ? 1'b1 : shift_q[0];

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      bits_q <= 4'd0;
      shift_q <= '1;
      clk_q <= '0;
    end else if (ready_o) begin
      if (valid_i) begin
        shift_q <= {1'b1, data_i, 1'b0};
        bits_q <= 4'd10;
        clk_q <= '0;
      end
    end else if (clk_q == $bits(clk_q)'(ClksPerBit - 1)) begin
      clk_q <= '0;
      shift_q <= {1'b1, shift_q[9:1]};
      bits_q <= bits_q - 4'd1;
    end else begin
      clk_q <= clk_q + 1'b1;
    end
  end
endmodule
