// Machine-mode CSRs (privileged spec) with the choices of docs/memory-map.md: mstatus (MIE, MPIE;
// MPP reads 3), misa, mie, mip (read-only, from the interrupt lines), mtvec (direct/vectored),
// mscratch, mepc, mcause, mtval, the ID registers. The counter CSRs (mcycle, minstret, mhpm*,
// mcountinhibit and their user shadows) live in the SoC's counter block and are reached through
// the cnt_* port. Writes and mret happen when the instruction commits; the core may present a trap
// (trap_i with its cause, value and pc) a cycle after it, as nothing reads or writes CSRs between.
// Timing: the trap vectors do not depend on which exception is taken, and the interrupt decision
// (irq_pending_o, irq_take_o, irq_cause_o) uses the interrupt lines as they were in the previous
// cycle (registered here: the timer's is a 64-bit comparator), with the current mie and mstatus.
// Reads of mip see the lines as they are.
module csr_unit (
  input  logic        clk_i,
  input  logic        rst_ni,
  // read (combinational) and legality
  input  logic [11:0] addr_i,
  output logic [31:0] rdata_o,
  output logic        exists_o,
  // write at commit
  input  logic        we_i,
  input  logic [31:0] wdata_i,
  // trap entry and return at commit
  input  logic        trap_i,
  input  logic [31:0] trap_cause_i,
  input  logic [31:0] trap_tval_i,
  input  logic [31:0] trap_epc_i,
  input  logic        mret_i,
  output logic [31:0] exc_vector_o,   // where an exception goes
  output logic [31:0] irq_vector_o,   // where the interrupt of irq_cause_o goes
  output logic [31:0] mepc_o,
  // interrupts
  input  logic        irq_software_i,
  input  logic        irq_timer_i,
  input  logic        irq_external_i,
  output logic        irq_pending_o,  // an interrupt was pending and is enabled in mie (wakes wfi)
  output logic        irq_enabled_o,  // some interrupt is enabled in mie (wfi has something to wait for)
  output logic        irq_take_o,     // ... and mstatus.MIE allows taking it
  output logic [31:0] irq_cause_o,
  // counter block
  output logic [11:0] cnt_addr_o,
  input  logic        cnt_hit_i,
  input  logic [31:0] cnt_rdata_i,
  output logic        cnt_we_o,
  output logic [31:0] cnt_wdata_o
);
  localparam logic [31:0] Misa = 32'h4000_1100;  // RV32, I, M

  logic        mie_bit_q, mpie_q;
  logic [31:0] mie_q, mtvec_q, mscratch_q, mepc_q, mcause_q, mtval_q;
  logic [31:0] mip, mip_q;
  logic [1:0]  unused_epc;
  assign unused_epc = trap_epc_i[1:0];  // mepc is word aligned

  assign mip = {20'b0, irq_external_i, 3'b0, irq_timer_i, 3'b0, irq_software_i, 3'b0};
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) mip_q <= 32'd0;
    else mip_q <= mip;
  end

  always_comb begin
    exists_o = 1'b1;
    rdata_o = 32'd0;
    unique case (addr_i)
      12'h300: rdata_o = {19'b0, 2'b11, 3'b0, mpie_q, 3'b0, mie_bit_q, 3'b0};
      12'h301: rdata_o = Misa;
      12'h304: rdata_o = mie_q;
      12'h305: rdata_o = mtvec_q;
      12'h310: rdata_o = 32'd0;
      12'h340: rdata_o = mscratch_q;
      12'h341: rdata_o = mepc_q;
      12'h342: rdata_o = mcause_q;
      12'h343: rdata_o = mtval_q;
      12'h344: rdata_o = mip;
      12'hf11, 12'hf12, 12'hf13, 12'hf14, 12'hf15: rdata_o = 32'd0;
      default: begin
        exists_o = cnt_hit_i;
        rdata_o = cnt_rdata_i;
      end
    endcase
  end

  assign cnt_addr_o = addr_i;
  assign cnt_wdata_o = wdata_i;
  assign cnt_we_o = we_i && cnt_hit_i;

  // Interrupts: external > software > timer.
  logic [31:0] enabled;
  assign enabled = mip_q & mie_q;
  assign irq_pending_o = |enabled;
  assign irq_enabled_o = |mie_q;
  assign irq_take_o = irq_pending_o && mie_bit_q;
  always_comb begin
    if (enabled[11]) irq_cause_o = 32'h8000_000b;
    else if (enabled[3]) irq_cause_o = 32'h8000_0003;
    else irq_cause_o = 32'h8000_0007;
  end

  // Vectored mode sends interrupts to base + 4 * cause, exceptions to base.
  assign exc_vector_o = {mtvec_q[31:2], 2'b00};
  assign irq_vector_o = mtvec_q[0] ? {mtvec_q[31:2], 2'b00} + {irq_cause_o[29:0], 2'b00}
                                   : {mtvec_q[31:2], 2'b00};
  assign mepc_o = mepc_q;

  // A trap, an mret and a CSR write never come in the same cycle (they are different
  // instructions' commits; a trap drops the instruction behind it). So the registers that mret
  // does not touch take a trap or a write without mret in their enables (mret comes late).
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      mie_bit_q <= 1'b0;
      mpie_q <= 1'b0;
    end else if (trap_i) begin
      mpie_q <= mie_bit_q;
      mie_bit_q <= 1'b0;
    end else if (mret_i) begin
      mie_bit_q <= mpie_q;
      mpie_q <= 1'b1;
    end else if (we_i && addr_i == 12'h300) begin
      mie_bit_q <= wdata_i[3];
      mpie_q <= wdata_i[7];
    end
  end
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      mie_q <= 32'd0;
      mtvec_q <= 32'd0;
      mscratch_q <= 32'd0;
      mepc_q <= 32'd0;
      mcause_q <= 32'd0;
      mtval_q <= 32'd0;
    end else if (trap_i) begin
      mepc_q <= {trap_epc_i[31:2], 2'b00};
      mcause_q <= trap_cause_i;
      mtval_q <= trap_tval_i;
    end else if (we_i) begin
      unique case (addr_i)
        12'h304: mie_q <= wdata_i & 32'h0000_0888;
        12'h305: mtvec_q <= {wdata_i[31:2], 1'b0, wdata_i[0]};
        12'h340: mscratch_q <= wdata_i;
        12'h341: mepc_q <= {wdata_i[31:2], 2'b00};
        12'h342: mcause_q <= wdata_i;
        12'h343: mtval_q <= wdata_i;
        default: ;
      endcase
    end
  end
`ifndef SYNTHESIS
  always_ff @(posedge clk_i) begin
    if (rst_ni && ((trap_i && (mret_i || we_i)) || (mret_i && we_i)))
      $error("csr_unit: a trap, an mret and a CSR write in the same cycle");
  end
`endif
endmodule
