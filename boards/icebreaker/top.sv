// iCEBreaker: 12 MHz oscillator -> PLL -> the SoC; UART on the FT2232H's interface B; the two LEDs
// show LED register bits 0 and 1 (active low); BTN_N resets the SoC.
module icebreaker_top (
  input  logic       clk_osc,
  input  logic       uart_rx,
  output logic       uart_tx,
  output logic [1:0] led,
  input  logic       btn_n
);
  logic clk, locked, rst_n;
  logic [7:0] leds;

  ice40_pll #(.FromPad(1'b1)) u_pll (.clk_osc_i(clk_osc), .clk_o(clk), .locked_o(locked));
  reset_sync u_reset (.clk_i(clk), .arst_ni(locked && btn_n), .rst_no(rst_n));
  board_soc u_soc (
    .clk_i(clk), .rst_ni(rst_n), .uart_rx_i(uart_rx), .uart_tx_o(uart_tx),
    .led_o(leds), .btn_i(8'(!btn_n))
  );
  assign led = ~leds[1:0];
endmodule
