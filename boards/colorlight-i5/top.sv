// Colorlight i5: 25 MHz oscillator -> PLL -> the SoC; UART on two SO-DIMM pins (see board.toml);
// the module's one LED (active low) shows bit 0 of the LED register. No button: the SoC leaves
// reset when the PLL locks.
module colorlight_i5_top (
  input  logic clk_osc,
  input  logic uart_rx,
  output logic uart_tx,
  output logic led_n
);
  logic clk, locked, rst_n;
  logic [7:0] leds;

  ecp5_pll u_pll (.clk_osc_i(clk_osc), .clk_o(clk), .locked_o(locked));
  reset_sync u_reset (.clk_i(clk), .arst_ni(locked), .rst_no(rst_n));
  board_soc u_soc (
    .clk_i(clk), .rst_ni(rst_n), .uart_rx_i(uart_rx), .uart_tx_o(uart_tx),
    .led_o(leds), .btn_i(8'd0)
  );
  assign led_n = !leds[0];
endmodule
