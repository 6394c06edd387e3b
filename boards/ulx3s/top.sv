// ULX3S: 25 MHz oscillator -> PLL -> the SoC; UART on the FT231X; the eight LEDs show the LED
// register (active high); BTN0 ("PWR", active low) resets the SoC and buttons 1-6 are bits 1-6 of
// the button register, so bit i is the board's BTNi.
module ulx3s_top (
  input  logic       clk_osc,
  input  logic       uart_rx,
  output logic       uart_tx,
  output logic [7:0] led,
  input  logic       btn_n,
  input  logic [6:1] btn,
  output logic       wifi_gpio0
);
  logic clk, locked, rst_n;

  ecp5_pll u_pll (.clk_osc_i(clk_osc), .clk_o(clk), .locked_o(locked));
  reset_sync u_reset (.clk_i(clk), .arst_ni(locked && btn_n), .rst_no(rst_n));
  board_soc u_soc (
    .clk_i(clk), .rst_ni(rst_n), .uart_rx_i(uart_rx), .uart_tx_o(uart_tx),
    .led_o(led), .btn_i({1'b0, btn, !btn_n})
  );
  // The ESP32 shares pins with the FPGA; its GPIO0 held high keeps it from holding the board.
  assign wifi_gpio0 = 1'b1;
endmodule
