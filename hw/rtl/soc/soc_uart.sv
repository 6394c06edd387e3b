// The console UART's registers (docs/memory-map.md): DATA, STATUS, CTRL over FIFOs in both
// directions, with byte streams toward the serial side. The serial side is either a plain UART
// (uart_tx/uart_rx on the pins) or the debug unit, which shares the pins with the host link.
// The sim_tx_* outputs show each byte as the program writes it, for simulators that print the
// console without decoding the serial line.
module soc_uart
  import soc_map_pkg::*;
#(
  parameter int unsigned FifoDepth = 16
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  // register access (one cycle)
  input  logic        sel_i,
  input  logic        we_i,
  input  logic [11:0] offset_i,
  input  logic [31:0] wdata_i,
  output logic [31:0] rdata_o,
  output logic        irq_o,
  // serial side
  output logic        tx_valid_o,
  input  logic        tx_ready_i,
  output logic [7:0]  tx_data_o,
  input  logic        tx_idle_i,   // the serial side has sent everything it took
  input  logic        rx_valid_i,
  input  logic [7:0]  rx_data_i,
  output logic        rx_ready_o,  // the receive FIFO has room
  output logic        sim_tx_valid_o,
  output logic [7:0]  sim_tx_data_o
);
  localparam int unsigned CntW = $clog2(FifoDepth) + 1;
  logic tx_in_ready, rx_out_valid, rx_irq_en_q;
  logic [7:0] rx_out_data;
  logic [CntW-1:0] tx_count, unused_rx_count;
  logic [23:0] unused_wdata;
  logic tx_write, rx_read;

  assign unused_wdata = wdata_i[31:8];  // byte-wide registers
  assign tx_write = sel_i && we_i && offset_i == SOC_UART_DATA[11:0];
  assign rx_read = sel_i && !we_i && offset_i == SOC_UART_DATA[11:0];
  assign sim_tx_valid_o = tx_write && tx_in_ready;
  assign sim_tx_data_o = wdata_i[7:0];

  sync_fifo #(.Width(8), .Depth(FifoDepth)) u_tx_fifo (
    .clk_i, .rst_ni, .clear_i(1'b0), .in_valid_i(tx_write), .in_ready_o(tx_in_ready),
    .in_data_i(wdata_i[7:0]), .out_valid_o(tx_valid_o), .out_ready_i(tx_ready_i),
    .out_data_o(tx_data_o), .count_o(tx_count)
  );
  sync_fifo #(.Width(8), .Depth(FifoDepth)) u_rx_fifo (
    .clk_i, .rst_ni, .clear_i(1'b0), .in_valid_i(rx_valid_i), .in_ready_o(rx_ready_o),
    .in_data_i(rx_data_i), .out_valid_o(rx_out_valid), .out_ready_i(rx_read),
    .out_data_o(rx_out_data), .count_o(unused_rx_count)
  );

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) rx_irq_en_q <= 1'b0;
    else if (sel_i && we_i && offset_i == SOC_UART_CTRL[11:0]) rx_irq_en_q <= wdata_i[0];
  end

  // (zero when not selected: soc_top ORs the devices' answers)
  always_ff @(posedge clk_i) begin
    if (!sel_i) rdata_o <= 32'd0;
    else unique case (offset_i)
      SOC_UART_DATA[11:0]: rdata_o <= rx_out_valid ? {24'd0, rx_out_data} : 32'd0;
      SOC_UART_STATUS[11:0]:
        rdata_o <= {29'd0, tx_count == '0 && tx_idle_i, rx_out_valid, tx_in_ready};
      SOC_UART_CTRL[11:0]: rdata_o <= {31'd0, rx_irq_en_q};
      default: rdata_o <= 32'd0;
    endcase
  end

  assign irq_o = rx_irq_en_q && rx_out_valid;
endmodule
