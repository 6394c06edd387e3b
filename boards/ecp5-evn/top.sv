// ECP5-5G evaluation board: 12 MHz clock (from the FT2232H, jumper JP2) -> PLL -> the SoC; UART on
// the FT2232H's interface B (after the board rework in board.toml); the eight LEDs show the LED
// register and the eight DIP switches are the button register (both active low on the board);
// the reset button resets the SoC.
module ecp5_evn_top (
  input  logic       clk_osc,
  input  logic       uart_rx,
  output logic       uart_tx,
  output logic [7:0] led_n,
  input  logic [7:0] sw_n,
  input  logic       btn_n
);
  logic clk, locked, rst_n;
  logic [7:0] leds;

  ecp5_pll u_pll (.clk_osc_i(clk_osc), .clk_o(clk), .locked_o(locked));
  reset_sync u_reset (.clk_i(clk), .arst_ni(locked && btn_n), .rst_no(rst_n));
  board_soc u_soc (
    .clk_i(clk), .rst_ni(rst_n), .uart_rx_i(uart_rx), .uart_tx_o(uart_tx),
    .led_o(leds), .btn_i(~sw_n)
  );
  assign led_n = ~leds;
endmodule
