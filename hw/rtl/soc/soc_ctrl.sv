// The SoC control block (docs/memory-map.md): the exit register, the external-interrupt test hook
// the read-only build descriptor and the board's LEDs and buttons.
module soc_ctrl
  import soc_map_pkg::*;
  import hpm_events_pkg::HPM_EVENTS_VERSION;
#(
  parameter logic [31:0] CoreKind = 32'd1,
  parameter logic [31:0] ClockHz = 32'd50_000_000,
  parameter logic [31:0] RamSize = 32'h0001_0000
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        sel_i,
  input  logic        we_i,
  input  logic [11:0] offset_i,
  input  logic [31:0] wdata_i,
  output logic [31:0] rdata_o,
  output logic        irq_external_o,
  output logic        exit_valid_o,   // one-cycle pulse when the program writes the exit register
  output logic [30:0] exit_code_o,
  output logic [7:0]  leds_o,
  input  logic [7:0]  buttons_i
);
  logic ext_irq_q;
  logic [7:0] buttons_q;  // synchronised: the pins are asynchronous

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      ext_irq_q <= 1'b0;
      leds_o <= 8'd0;
      exit_valid_o <= 1'b0;
      exit_code_o <= '0;
    end else begin
      exit_valid_o <= 1'b0;
      if (sel_i && we_i && offset_i == SOC_CTRL_EXT_IRQ[11:0]) ext_irq_q <= wdata_i[0];
      if (sel_i && we_i && offset_i == SOC_CTRL_LEDS[11:0]) leds_o <= wdata_i[7:0];
      if (sel_i && we_i && offset_i == SOC_CTRL_EXIT[11:0] && wdata_i[0]) begin
        exit_valid_o <= 1'b1;
        exit_code_o <= wdata_i[31:1];
      end
    end
  end

  logic [7:0] buttons_meta_q;
  always_ff @(posedge clk_i) begin
    buttons_meta_q <= buttons_i;
    buttons_q <= buttons_meta_q;
  end

  // (zero when not selected: soc_top ORs the devices' answers)
  always_ff @(posedge clk_i) begin
    if (!sel_i) rdata_o <= 32'd0;
    else unique case (offset_i)
      SOC_CTRL_EXT_IRQ[11:0]: rdata_o <= {31'd0, ext_irq_q};
      SOC_CTRL_MAGIC[11:0]: rdata_o <= SOC_MAGIC_VALUE;
      SOC_CTRL_VERSION[11:0]: rdata_o <= SOC_DESCRIPTOR_VERSION;
      SOC_CTRL_CORE_KIND[11:0]: rdata_o <= CoreKind;
      SOC_CTRL_CLOCK_HZ[11:0]: rdata_o <= ClockHz;
      SOC_CTRL_RAM_BASE[11:0]: rdata_o <= SOC_RAM_BASE;
      SOC_CTRL_RAM_SIZE[11:0]: rdata_o <= RamSize;
      SOC_CTRL_MISA[11:0]: rdata_o <= 32'h4000_1100;
      SOC_CTRL_EVENTS_VERSION[11:0]: rdata_o <= 32'(HPM_EVENTS_VERSION);
      SOC_CTRL_LEDS[11:0]: rdata_o <= {24'd0, leds_o};
      SOC_CTRL_BUTTONS[11:0]: rdata_o <= {24'd0, buttons_q};
      default: rdata_o <= 32'd0;
    endcase
  end

  assign irq_external_o = ext_irq_q;
endmodule
