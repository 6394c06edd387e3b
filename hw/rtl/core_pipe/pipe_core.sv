// The pipe core: five stages (IF, ID, EX, MEM, WB), RV32IM + Zicsr + Zicntr + Zihpm + Zifencei in
// machine mode. docs/architecture.md describes the pipeline; in short:
//  - IF: pipe_fetch with branch prediction (BTB + gshare + return-address stack);
//  - ID: decode, register read (the register file writes through: the WB-to-ID bypass);
//  - EX: forwarding from EX/MEM and MEM/WB, ALU, branch resolution, M unit, CSRs, address check, the
//    data request. EX is the commit point: an instruction that leaves EX has had no exception and
//    will retire; traps, interrupts, mret and mispredicts redirect fetch from here;
//  - MEM: waits for the data response and formats load data;
//  - WB: writes the register file and reports the retired instruction on the RVFI port.
// Stalls: a use of a load result right behind the load (one cycle), the M unit, a data request
// that is not accepted yet, a data response not back yet, wfi, fence.i.
module pipe_core
  import core_pkg::*;
  import hpm_events_pkg::*;
#(
  parameter logic [31:0] RamBase = 32'h8000_0000,
  parameter logic [31:0] RamSize = 32'h0001_0000,
  parameter int unsigned BtbEntries = 32,
  parameter int unsigned BhtEntries = 256,
  parameter int unsigned RasEntries = 4,
  parameter bit          FastMul = 1'b1   // 0: the small serial multiplier/divider (no DSPs)
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic [31:0] boot_pc_i,
  // instruction memory
  output logic        imem_req_valid_o,
  input  logic        imem_req_ready_i,
  output logic [31:0] imem_req_addr_o,
  input  logic        imem_rsp_valid_i,
  input  logic [31:0] imem_rsp_data_i,
  // data memory
  output logic        dmem_req_valid_o,
  input  logic        dmem_req_ready_i,
  output mem_req_t    dmem_req_o,
  input  logic        dmem_rsp_valid_i,
  input  logic [31:0] dmem_rsp_rdata_i,
  // cache maintenance for fence.i: write back the D$, invalidate the I$
  output logic        fencei_req_o,
  input  logic        fencei_done_i,
  // interrupts (levels)
  input  logic        irq_software_i,
  input  logic        irq_timer_i,
  input  logic        irq_external_i,
  // counter block
  output logic [11:0] cnt_addr_o,
  input  logic        cnt_hit_i,
  input  logic [31:0] cnt_rdata_i,
  output logic        cnt_we_o,
  output logic [31:0] cnt_wdata_o,
  output logic [HPM_EVENT_COUNT-1:0][EventCountW-1:0] events_o,
  // trace
  output rvfi_t       rvfi_o,
  output irq_trace_t  irq_trace_o
);
  localparam int unsigned BhtIdxW = $clog2(BhtEntries);

  // =============================================================================================
  // IF
  logic        redirect;
  logic [31:0] redirect_pc;
  logic [31:0] pred_pc, pred_target;
  logic        pred_taken;
  logic [BhtIdxW-1:0] pred_bht_idx;
  logic        f_valid, f_ready;
  logic [31:0] f_pc, f_insn, f_pred_next, f_next_insn;
  logic [BhtIdxW-1:0] f_bht_idx;

  pipe_fetch #(.Depth(4), .BhtIdxW(BhtIdxW)) u_fetch (
    .clk_i, .rst_ni, .boot_pc_i,
    .imem_req_valid_o, .imem_req_ready_i, .imem_req_addr_o, .imem_rsp_valid_i, .imem_rsp_data_i,
    .pred_pc_o(pred_pc), .pred_taken_i(pred_taken), .pred_target_i(pred_target),
    .pred_bht_idx_i(pred_bht_idx),
    .redirect_i(redirect), .redirect_pc_i(redirect_pc),
    .out_valid_o(f_valid), .out_pc_o(f_pc), .out_insn_o(f_insn), .out_pred_next_o(f_pred_next),
    .out_bht_idx_o(f_bht_idx), .out_ready_i(f_ready), .next_insn_o(f_next_insn)
  );

  // =============================================================================================
  // ID
  decoded_t    id_dec;
  logic [31:0] id_rs1_val, id_rs2_val;
  logic        wb_we;
  logic [4:0]  wb_waddr;
  logic [31:0] wb_wdata;

  rv_decoder u_decoder (.insn_i(f_insn), .dec_o(id_dec));
  logic [4:0]  rf_raddr_a, rf_raddr_b;
  rv_regfile u_regfile (
    .clk_i, .raddr_a_next_i(f_next_insn[19:15]), .raddr_a_o(rf_raddr_a), .rdata_a_o(id_rs1_val),
    .raddr_b_next_i(f_next_insn[24:20]), .raddr_b_o(rf_raddr_b), .rdata_b_o(id_rs2_val),
    .we_i(wb_we), .waddr_i(wb_waddr), .wdata_i(wb_wdata)
  );
  logic unused_next_insn;
  assign unused_next_insn = ^{f_next_insn[31:25], f_next_insn[14:0]};
`ifndef SYNTHESIS
  // The register file read what decode holds (the fetch queue announced it a cycle early).
  always_ff @(posedge clk_i) begin
    if (rst_ni && f_valid && (rf_raddr_a != id_dec.rs1 || rf_raddr_b != id_dec.rs2))
      $error("pipe_core: register file read x%0d/x%0d, decode holds x%0d/x%0d", rf_raddr_a,
             rf_raddr_b, id_dec.rs1, id_dec.rs2);
  end
`endif

  // ID/EX register
  logic        ex_valid_q, ex_first_q;
  logic        ex_fetch_fault_q;  // fetched from outside RAM: instruction access fault
  decoded_t    ex_dec_q;
  logic [31:0] ex_pc_q, ex_insn_q, ex_pred_next_q, ex_rs1_q, ex_rs2_q;
  logic [BhtIdxW-1:0] ex_bht_idx_q;
  logic        ex_advance;  // the EX instruction leaves EX at the end of this cycle (or EX empty)

  assign f_ready = ex_advance && !redirect;

  // =============================================================================================
  // EX
  // EX/MEM and MEM/WB registers (declared here for forwarding).
  logic        mem_valid_q, mem_wait_q, mem_is_load_q, mem_rd_write_q;
  logic [4:0]  mem_rd_q;
  logic [31:0] mem_result_q;
  logic [2:0]  mem_funct3_q;
  logic [1:0]  mem_addr_lo_q;
  rvfi_t       mem_rvfi_q;
  logic        wb_valid_q, wb_rd_write_q;
  logic [4:0]  wb_rd_q;
  logic [31:0] wb_result_q;
  rvfi_t       wb_rvfi_q;

  function automatic logic fwd_hit(logic valid, logic write, logic [4:0] rd, logic [4:0] rs);
    return valid && write && rd == rs && rs != 5'd0;
  endfunction

  logic [31:0] op_a, op_b;
  logic        load_use;  // an operand is a load result that is not back yet
  always_comb begin
    op_a = ex_rs1_q;
    op_b = ex_rs2_q;
    if (fwd_hit(mem_valid_q, mem_rd_write_q, mem_rd_q, ex_dec_q.rs1)) op_a = mem_result_q;
    else if (fwd_hit(wb_valid_q, wb_rd_write_q, wb_rd_q, ex_dec_q.rs1)) op_a = wb_result_q;
    if (fwd_hit(mem_valid_q, mem_rd_write_q, mem_rd_q, ex_dec_q.rs2)) op_b = mem_result_q;
    else if (fwd_hit(wb_valid_q, wb_rd_write_q, wb_rd_q, ex_dec_q.rs2)) op_b = wb_result_q;
    load_use = mem_is_load_q &&
               ((ex_dec_q.rs1_used && fwd_hit(mem_valid_q, mem_rd_write_q, mem_rd_q, ex_dec_q.rs1)) ||
                (ex_dec_q.rs2_used && fwd_hit(mem_valid_q, mem_rd_write_q, mem_rd_q, ex_dec_q.rs2)));
  end

  // ALU and branch
  logic [31:0] alu_result;
  logic        br_taken;
  rv_alu u_alu (
    .op_i(ex_dec_q.alu_op), .a_i(ex_dec_q.op_a_pc ? ex_pc_q : op_a),
    .b_i(ex_dec_q.op_b_imm ? ex_dec_q.imm : op_b), .result_o(alu_result)
  );
  rv_branch_cmp u_branch (.funct3_i(ex_dec_q.funct3), .a_i(op_a), .b_i(op_b), .taken_o(br_taken));

  logic        transfer;      // the instruction changes the pc (taken branch or jump)
  logic [31:0] target, pc_plus4, actual_next;
  assign pc_plus4 = ex_pc_q + 32'd4;
  assign transfer = (ex_dec_q.is_branch && br_taken) || ex_dec_q.is_jal || ex_dec_q.is_jalr;
  assign target = ex_dec_q.is_jalr ? ((op_a + ex_dec_q.imm) & ~32'd1) : ex_pc_q + ex_dec_q.imm;
  assign actual_next = transfer ? target : pc_plus4;

  // Memory access: address, size, alignment, existence.
  logic [31:0] mem_addr;
  logic [3:0]  mem_mask;      // bytes of the aligned word
  logic        misaligned, access_ok;
  logic        is_mem;
  assign is_mem = ex_dec_q.is_load || ex_dec_q.is_store;
  assign mem_addr = op_a + ex_dec_q.imm;
  always_comb begin
    unique case (ex_dec_q.funct3[1:0])
      2'd0: begin
        misaligned = 1'b0;
        mem_mask = 4'b0001 << mem_addr[1:0];
      end
      2'd1: begin
        misaligned = mem_addr[0];
        mem_mask = 4'b0011 << mem_addr[1:0];
      end
      default: begin
        misaligned = mem_addr[1:0] != 2'b00;
        mem_mask = 4'b1111;
      end
    endcase
    access_ok = addr_map_pkg::in_ram(mem_addr, RamBase, RamSize) ||
                (ex_dec_q.funct3[1:0] == 2'd2 && addr_map_pkg::mmio_reg_exists(mem_addr));
  end

  // CSRs
  logic [31:0] csr_rdata, csr_operand, csr_wdata, trap_vector, mepc;
  logic        csr_exists, csr_illegal;
  logic        irq_pending, irq_enabled, irq_take;
  logic [31:0] irq_cause;
  logic        trap_commit, mret_commit, csr_commit;
  logic [31:0] trap_cause, trap_tval, trap_epc;

  assign csr_operand = ex_dec_q.csr_imm ? ex_dec_q.imm : op_a;
  always_comb begin
    unique case (ex_dec_q.csr_op)
      CsrRs: csr_wdata = csr_rdata | csr_operand;
      CsrRc: csr_wdata = csr_rdata & ~csr_operand;
      default: csr_wdata = csr_operand;
    endcase
  end
  assign csr_illegal = ex_dec_q.is_csr &&
                       (!csr_exists || (ex_dec_q.csr_write && ex_dec_q.csr_addr[11:10] == 2'b11));

  csr_unit u_csr (
    .clk_i, .rst_ni,
    .addr_i(ex_dec_q.csr_addr), .rdata_o(csr_rdata), .exists_o(csr_exists),
    .we_i(csr_commit), .wdata_i(csr_wdata),
    .trap_i(trap_commit), .trap_cause_i(trap_cause), .trap_tval_i(trap_tval),
    .trap_epc_i(trap_epc), .mret_i(mret_commit), .trap_vector_o(trap_vector), .mepc_o(mepc),
    .irq_software_i, .irq_timer_i, .irq_external_i,
    .irq_pending_o(irq_pending), .irq_enabled_o(irq_enabled), .irq_take_o(irq_take), .irq_cause_o(irq_cause),
    .cnt_addr_o, .cnt_hit_i, .cnt_rdata_i, .cnt_we_o, .cnt_wdata_o
  );

  // Exceptions of the EX instruction, in the ISS's priority order.
  logic        exc;
  logic [31:0] exc_cause, exc_tval;
  always_comb begin
    exc = 1'b1;
    exc_tval = 32'd0;
    exc_cause = 32'd2;
    if (ex_fetch_fault_q) begin
      exc_cause = 32'd1;
      exc_tval = ex_pc_q;
    end else if (ex_dec_q.illegal || csr_illegal) begin
      exc_cause = 32'd2;
      exc_tval = ex_insn_q;
    end else if (ex_dec_q.is_ecall) begin
      exc_cause = 32'd11;
    end else if (ex_dec_q.is_ebreak) begin
      exc_cause = 32'd3;
      exc_tval = ex_pc_q;
    end else if (transfer && target[1]) begin
      exc_cause = 32'd0;
      exc_tval = target;
    end else if (is_mem && misaligned) begin
      exc_cause = ex_dec_q.is_load ? 32'd4 : 32'd6;
      exc_tval = mem_addr;
    end else if (is_mem && !access_ok) begin
      exc_cause = ex_dec_q.is_load ? 32'd5 : 32'd7;
      exc_tval = mem_addr;
    end else begin
      exc = 1'b0;
    end
  end

  // Multi-cycle work and waits in EX.
  logic md_start, md_done, md_busy;
  logic [31:0] md_result;
  logic mem_ready;   // MEM can take a new instruction this cycle
  logic take_irq;    // the EX instruction is replaced by an interrupt this cycle
  logic ex_done;     // the EX instruction can leave EX this cycle
  logic fencei_wait;

  assign take_irq = ex_valid_q && ex_first_q && irq_take;
  assign md_start = ex_valid_q && ex_dec_q.is_muldiv && !md_busy && !exc && !load_use && !take_irq;

  if (FastMul) begin : g_muldiv
    rv_muldiv u_muldiv (
      .clk_i, .rst_ni, .start_i(md_start), .kill_i(1'b0), .funct3_i(ex_dec_q.funct3), .a_i(op_a),
      .b_i(op_b), .ack_i(ex_valid_q && ex_dec_q.is_muldiv && ex_advance), .busy_o(md_busy),
      .done_o(md_done), .result_o(md_result)
    );
  end else begin : g_muldiv_serial
    rv_muldiv_serial u_muldiv (
      .clk_i, .rst_ni, .start_i(md_start), .kill_i(1'b0), .funct3_i(ex_dec_q.funct3), .a_i(op_a),
      .b_i(op_b), .ack_i(ex_valid_q && ex_dec_q.is_muldiv && ex_advance), .busy_o(md_busy),
      .done_o(md_done), .result_o(md_result)
    );
  end

  assign dmem_req_valid_o = ex_valid_q && is_mem && !exc && !load_use && !take_irq && mem_ready;
  assign dmem_req_o.addr = {mem_addr[31:2], 2'b00};
  assign dmem_req_o.we = ex_dec_q.is_store;
  assign dmem_req_o.be = ex_dec_q.is_store ? mem_mask : 4'b0000;
  assign dmem_req_o.wdata = op_b << {mem_addr[1:0], 3'b000};

  assign fencei_req_o = ex_valid_q && ex_dec_q.is_fencei && !exc && !take_irq;
  assign fencei_wait = ex_dec_q.is_fencei && !fencei_done_i;

  always_comb begin
    if (!ex_valid_q) ex_done = 1'b1;
    else if (take_irq) ex_done = 1'b1;
    else if (load_use) ex_done = 1'b0;  // operands (and so exceptions) are not known yet
    else if (exc) ex_done = 1'b1;
    else if (ex_dec_q.is_muldiv) ex_done = md_done;
    else if (is_mem) ex_done = dmem_req_ready_i;
    else if (ex_dec_q.is_wfi) ex_done = irq_pending || !irq_enabled;  // nothing to wait for: no-op
    else if (ex_dec_q.is_fencei) ex_done = !fencei_wait;
    else ex_done = 1'b1;
  end
  assign ex_advance = ex_done && mem_ready;

  // Commit (the EX instruction leaves EX).
  logic ex_commit;    // a real instruction (retiring or trapping) leaves EX
  assign ex_commit = ex_valid_q && ex_advance && !take_irq;
  assign trap_commit = (ex_commit && exc) || take_irq;
  assign trap_cause = take_irq ? irq_cause : exc_cause;
  assign trap_tval = take_irq ? 32'd0 : exc_tval;
  assign trap_epc = ex_pc_q;
  assign mret_commit = ex_commit && !exc && ex_dec_q.is_mret;
  assign csr_commit = ex_commit && !exc && ex_dec_q.is_csr && ex_dec_q.csr_write;

  logic [31:0] ex_next_pc;  // architectural next pc
  always_comb begin
    if (trap_commit) ex_next_pc = trap_vector;
    else if (ex_dec_q.is_mret) ex_next_pc = mepc;
    else ex_next_pc = actual_next;
  end
  assign redirect = trap_commit ||
                    (ex_commit && (ex_dec_q.is_mret || ex_dec_q.is_fencei ||
                                   actual_next != ex_pred_next_q));
  assign redirect_pc = ex_next_pc;

  // Branch predictor
  logic is_call, is_return;
  assign is_call = (ex_dec_q.is_jal || ex_dec_q.is_jalr) &&
                   (ex_dec_q.rd == 5'd1 || ex_dec_q.rd == 5'd5);
  assign is_return = ex_dec_q.is_jalr && !is_call &&
                     (ex_dec_q.rs1 == 5'd1 || ex_dec_q.rs1 == 5'd5);
  if (BtbEntries > 0) begin : g_bpred
    bpred #(.BtbEntries(BtbEntries), .BhtEntries(BhtEntries), .RasEntries(RasEntries)) u_bpred (
      .clk_i, .rst_ni, .pc_i(pred_pc), .taken_o(pred_taken), .target_o(pred_target),
      .bht_idx_o(pred_bht_idx),
      .upd_valid_i(ex_commit && !exc), .upd_pc_i(ex_pc_q), .upd_is_branch_i(ex_dec_q.is_branch),
      .upd_is_jump_i(ex_dec_q.is_jal || ex_dec_q.is_jalr), .upd_is_call_i(is_call),
      .upd_is_return_i(is_return), .upd_taken_i(transfer), .upd_target_i(target),
      .upd_bht_idx_i(ex_bht_idx_q),
      .upd_clear_i(!transfer && !ex_dec_q.is_branch && ex_pred_next_q != pc_plus4)
    );
  end else begin : g_no_bpred
    // The smallest boards: always predict the next sequential pc.
    assign pred_taken = 1'b0;
    assign pred_target = 32'd0;
    assign pred_bht_idx = '0;
    logic unused_bpred;
    assign unused_bpred = ^{pred_pc, is_call, is_return, ex_bht_idx_q};
  end

  // The EX result.
  logic [31:0] ex_result;
  always_comb begin
    if (ex_dec_q.is_jal || ex_dec_q.is_jalr) ex_result = pc_plus4;
    else if (ex_dec_q.is_csr) ex_result = csr_rdata;
    else if (ex_dec_q.is_muldiv) ex_result = md_result;
    else ex_result = alu_result;
  end

  // ID/EX register update
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      ex_valid_q <= 1'b0;
      ex_first_q <= 1'b0;
    end else if (redirect) begin
      ex_valid_q <= 1'b0;
      ex_first_q <= 1'b0;
    end else if (ex_advance) begin
      ex_valid_q <= f_valid;
      ex_first_q <= f_valid;
    end else begin
      ex_first_q <= 1'b0;
    end
  end
  always_ff @(posedge clk_i) begin
    if (!redirect && ex_advance && f_valid) begin
      ex_fetch_fault_q <= !addr_map_pkg::in_ram(f_pc, RamBase, RamSize);
      ex_dec_q <= addr_map_pkg::in_ram(f_pc, RamBase, RamSize) ? id_dec : '0;
      ex_pc_q <= f_pc;
      ex_insn_q <= addr_map_pkg::in_ram(f_pc, RamBase, RamSize) ? f_insn : 32'd0;
      ex_pred_next_q <= f_pred_next;
      ex_bht_idx_q <= f_bht_idx;
      ex_rs1_q <= id_rs1_val;
      ex_rs2_q <= id_rs2_val;
    end else if (!ex_advance) begin
      // Keep the operands current while EX waits: the instruction that produces one may retire
      // from WB meanwhile and no longer be on a forwarding path.
      ex_rs1_q <= op_a;
      ex_rs2_q <= op_b;
    end
  end

  // =============================================================================================
  // MEM
  logic [31:0] load_value;
  always_comb begin
    logic [31:0] shifted;
    shifted = dmem_rsp_rdata_i >> {mem_addr_lo_q, 3'b000};
    unique case (mem_funct3_q)
      3'd0: load_value = {{24{shifted[7]}}, shifted[7:0]};
      3'd1: load_value = {{16{shifted[15]}}, shifted[15:0]};
      3'd4: load_value = {24'd0, shifted[7:0]};
      3'd5: load_value = {16'd0, shifted[15:0]};
      default: load_value = shifted;
    endcase
  end
  assign mem_ready = !mem_valid_q || !mem_wait_q || dmem_rsp_valid_i;

  // EX/MEM register: a committed instruction or the trap record of one.
  logic        intr_pending_q;  // the next retiring instruction is the first of a handler
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      mem_valid_q <= 1'b0;
      mem_wait_q <= 1'b0;
    end else if (mem_ready) begin
      mem_valid_q <= ex_commit;
      mem_wait_q <= ex_commit && !exc && is_mem;
    end
  end
  always_ff @(posedge clk_i) begin
    if (mem_ready) begin
      mem_is_load_q <= ex_dec_q.is_load && !exc;
      mem_rd_write_q <= ex_dec_q.rd_write && !exc;
      mem_rd_q <= ex_dec_q.rd;
      mem_result_q <= ex_result;
      mem_funct3_q <= ex_dec_q.funct3;
      mem_addr_lo_q <= mem_addr[1:0];
      mem_rvfi_q <= '0;
      mem_rvfi_q.valid <= ex_commit;
      mem_rvfi_q.insn <= ex_insn_q;
      mem_rvfi_q.trap <= exc;
      mem_rvfi_q.intr <= intr_pending_q;
      mem_rvfi_q.rs1_addr <= ex_dec_q.rs1_used ? ex_dec_q.rs1 : 5'd0;
      mem_rvfi_q.rs2_addr <= ex_dec_q.rs2_used ? ex_dec_q.rs2 : 5'd0;
      mem_rvfi_q.rs1_rdata <= ex_dec_q.rs1_used ? op_a : 32'd0;
      mem_rvfi_q.rs2_rdata <= ex_dec_q.rs2_used ? op_b : 32'd0;
      mem_rvfi_q.pc_rdata <= ex_pc_q;
      mem_rvfi_q.pc_wdata <= ex_next_pc;
      if (is_mem && !exc) begin
        mem_rvfi_q.mem_addr <= mem_addr;
        mem_rvfi_q.mem_rmask <= ex_dec_q.is_load ? mem_mask >> mem_addr[1:0] : 4'b0;
        mem_rvfi_q.mem_wmask <= ex_dec_q.is_store ? mem_mask >> mem_addr[1:0] : 4'b0;
        mem_rvfi_q.mem_wdata <= op_b;
      end
    end
  end

  // =============================================================================================
  // WB
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) wb_valid_q <= 1'b0;
    else wb_valid_q <= mem_valid_q && mem_ready;
  end
  always_ff @(posedge clk_i) begin
    wb_rd_write_q <= mem_rd_write_q;
    wb_rd_q <= mem_rd_q;
    wb_result_q <= mem_is_load_q ? load_value : mem_result_q;
    wb_rvfi_q <= mem_rvfi_q;
    if (mem_is_load_q) wb_rvfi_q.mem_rdata <= dmem_rsp_rdata_i >> {mem_addr_lo_q, 3'b000};
  end

  assign wb_we = wb_valid_q && wb_rd_write_q;
  assign wb_waddr = wb_rd_q;
  assign wb_wdata = wb_result_q;

  // Retire port
  logic [63:0] order_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) order_q <= 64'd0;
    else if (wb_valid_q) order_q <= order_q + 64'd1;
  end
  always_comb begin
    rvfi_o = wb_rvfi_q;
    rvfi_o.valid = wb_valid_q;
    rvfi_o.order = order_q;
    rvfi_o.rd_addr = (wb_rd_write_q && wb_valid_q) ? wb_rd_q : 5'd0;
    rvfi_o.rd_wdata = (wb_rd_write_q && wb_valid_q && wb_rd_q != 5'd0) ? wb_result_q : 32'd0;
  end

  // Interrupt trace: reported when taken (before the handler's first instruction can retire).
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      irq_trace_o <= '0;
      intr_pending_q <= 1'b0;
    end else begin
      irq_trace_o.valid <= take_irq;
      irq_trace_o.cause <= irq_cause;
      irq_trace_o.epc <= ex_pc_q;
      if (take_irq) intr_pending_q <= 1'b1;
      else if (ex_commit && mem_ready) intr_pending_q <= 1'b0;
    end
  end

  // =============================================================================================
  // Events
  always_comb begin
    events_o = '0;
    events_o[HPM_EV_INSTRET] = EventCountW'(ex_commit && !exc);
    events_o[HPM_EV_BRANCH] = EventCountW'(ex_commit && !exc && ex_dec_q.is_branch);
    events_o[HPM_EV_JUMP] = EventCountW'(ex_commit && !exc && (ex_dec_q.is_jal || ex_dec_q.is_jalr));
    events_o[HPM_EV_MISPREDICT] = EventCountW'(ex_commit && !exc && actual_next != ex_pred_next_q);
    events_o[HPM_EV_LOAD] = EventCountW'(ex_commit && !exc && ex_dec_q.is_load);
    events_o[HPM_EV_STORE] = EventCountW'(ex_commit && !exc && ex_dec_q.is_store);
    events_o[HPM_EV_TRAP] = EventCountW'(ex_commit && exc);
    events_o[HPM_EV_INTERRUPT] = EventCountW'(take_irq);
    events_o[HPM_EV_LOAD_USE_STALL] = EventCountW'(ex_valid_q && load_use && !take_irq);
    // EX starves while instruction memory is busy (an I$ miss); the refill after a redirect is
    // the cost of MISPREDICT and is not counted here.
    events_o[HPM_EV_FRONTEND_MEM_STALL] = EventCountW'(!ex_valid_q && !f_valid && !imem_req_ready_i);
    events_o[HPM_EV_BACKEND_MEM_STALL] =
        EventCountW'((mem_valid_q && mem_wait_q && !dmem_rsp_valid_i) ||
                     (ex_valid_q && is_mem && !exc && !load_use && mem_ready && !dmem_req_ready_i));
    events_o[HPM_EV_MULDIV_BUSY] = EventCountW'(md_busy);
  end
endmodule
