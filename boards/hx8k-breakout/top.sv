// iCE40-HX8K breakout board: 12 MHz oscillator -> PLL -> the SoC; UART on the FT2232H's interface
// B; the eight LEDs show the LED register (active high). The board has no user button: the SoC
// leaves reset when the PLL locks.
module hx8k_breakout_top (
  input  logic       clk_osc,
  input  logic       uart_rx,
  output logic       uart_tx,
  output logic [7:0] led
);
  logic clk, locked, rst_n;

  // J3 is a global-buffer input but not a PLL pad, so the PLL takes the clock from the fabric.
  ice40_pll #(.FromPad(1'b0)) u_pll (.clk_osc_i(clk_osc), .clk_o(clk), .locked_o(locked));
  reset_sync u_reset (.clk_i(clk), .arst_ni(locked), .rst_no(rst_n));
  board_soc u_soc (
    .clk_i(clk), .rst_ni(rst_n), .uart_rx_i(uart_rx), .uart_tx_o(uart_tx),
    .led_o(led), .btn_i(8'd0)
  );
endmodule
