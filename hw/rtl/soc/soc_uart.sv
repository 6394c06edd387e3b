// The console UART (docs/memory-map.md): DATA, STATUS, CTRL registers over FIFOs in both
// directions. The sim_tx_* outputs show each byte as the program writes it, for simulators that do
// not want to decode the serial line.
module soc_uart
  import soc_map_pkg::*;
#(
  parameter int unsigned ClksPerBit = 868,
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
  input  logic        rx_i,
  output logic        tx_o,
  output logic        sim_tx_valid_o,
  output logic [7:0]  sim_tx_data_o
);
  localparam int unsigned CntW = $clog2(FifoDepth) + 1;
  logic tx_in_ready, tx_out_valid, tx_out_ready, rx_byte_valid, rx_out_valid, rx_irq_en_q;
  logic [7:0] tx_out_data, rx_byte, rx_out_data;
  logic [CntW-1:0] tx_count, unused_rx_count;
  logic unused_rx_ready;
  logic [23:0] unused_wdata;
  assign unused_wdata = wdata_i[31:8];  // byte-wide registers
  logic tx_write, rx_read;

  assign tx_write = sel_i && we_i && offset_i == SOC_UART_DATA[11:0];
  assign rx_read = sel_i && !we_i && offset_i == SOC_UART_DATA[11:0];
  assign sim_tx_valid_o = tx_write && tx_in_ready;
  assign sim_tx_data_o = wdata_i[7:0];

  sync_fifo #(.Width(8), .Depth(FifoDepth)) u_tx_fifo (
    .clk_i, .rst_ni, .clear_i(1'b0), .in_valid_i(tx_write), .in_ready_o(tx_in_ready),
    .in_data_i(wdata_i[7:0]), .out_valid_o(tx_out_valid), .out_ready_i(tx_out_ready),
    .out_data_o(tx_out_data), .count_o(tx_count)
  );
  uart_tx #(.ClksPerBit(ClksPerBit)) u_tx (
    .clk_i, .rst_ni, .valid_i(tx_out_valid), .ready_o(tx_out_ready), .data_i(tx_out_data), .tx_o
  );
  uart_rx #(.ClksPerBit(ClksPerBit)) u_rx (
    .clk_i, .rst_ni, .rx_i, .valid_o(rx_byte_valid), .data_o(rx_byte)
  );
  sync_fifo #(.Width(8), .Depth(FifoDepth)) u_rx_fifo (
    .clk_i, .rst_ni, .clear_i(1'b0), .in_valid_i(rx_byte_valid), .in_ready_o(unused_rx_ready),
    .in_data_i(rx_byte), .out_valid_o(rx_out_valid), .out_ready_i(rx_read),
    .out_data_o(rx_out_data), .count_o(unused_rx_count)
  );

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) rx_irq_en_q <= 1'b0;
    else if (sel_i && we_i && offset_i == SOC_UART_CTRL[11:0]) rx_irq_en_q <= wdata_i[0];
  end

  always_ff @(posedge clk_i) begin
    unique case (offset_i)
      SOC_UART_DATA[11:0]: rdata_o <= rx_out_valid ? {24'd0, rx_out_data} : 32'd0;
      SOC_UART_STATUS[11:0]:
        rdata_o <= {29'd0, tx_count == '0 && tx_out_ready, rx_out_valid, tx_in_ready};
      SOC_UART_CTRL[11:0]: rdata_o <= {31'd0, rx_irq_en_q};
      default: rdata_o <= 32'd0;
    endcase
  end

  assign irq_o = rx_irq_en_q && rx_out_valid;
endmodule
