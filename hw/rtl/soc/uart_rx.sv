// UART receiver, 8N1: synchronises the line, waits for a start bit, samples each bit in its middle.
// A byte whose stop bit is low is dropped (framing error).
module uart_rx #(
  parameter int unsigned ClksPerBit = 868
) (
  input  logic       clk_i,
  input  logic       rst_ni,
  input  logic       rx_i,
  output logic       valid_o,  // one-cycle pulse with data_o
  output logic [7:0] data_o
);
  localparam int unsigned CntW = $clog2(ClksPerBit) + 1;
  logic [2:0] sync_q;
  logic       busy_q;
  logic [3:0] bit_q;       // 0 = start bit, 1..8 data, 9 stop
  logic [CntW-1:0] clk_q;
  logic [7:0] shift_q;
  logic       rx;

  assign rx = sync_q[2];

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      sync_q <= 3'b111;
      busy_q <= 1'b0;
      bit_q <= 4'd0;
      clk_q <= '0;
      valid_o <= 1'b0;
      shift_q <= '0;
    end else begin
      sync_q <= {sync_q[1:0], rx_i};
      valid_o <= 1'b0;
      if (!busy_q) begin
        if (!rx) begin
          busy_q <= 1'b1;
          bit_q <= 4'd0;
          clk_q <= CntW'(ClksPerBit / 2);  // first sample in the middle of the start bit
        end
      end else if (clk_q != '0) begin
        clk_q <= clk_q - 1'b1;
      end else begin
        clk_q <= CntW'(ClksPerBit - 1);
        bit_q <= bit_q + 4'd1;
        if (bit_q == 4'd0) begin
          if (rx) busy_q <= 1'b0;  // a glitch, not a start bit
        end else if (bit_q <= 4'd8) begin
          shift_q <= {rx, shift_q[7:1]};
        end else begin
          busy_q <= 1'b0;
          valid_o <= rx;
        end
      end
    end
  end
  assign data_o = shift_q;
endmodule
