// The pipe core: five stages (IF, ID, EX, MEM, WB), RV32IM + Zicsr + Zicntr + Zihpm + Zifencei in
// machine mode. docs/architecture.md describes the pipeline; in short:
//  - IF: pipe_fetch with branch prediction (BTB + gshare + return-address stack), or
//    pipe_fetch_seq (RegFetch, the small SoC);
//  - ID: decode, register read (the register file writes through: the WB-to-ID bypass), and what
//    EX needs early: forwarding selects, the load-use hazard, branch targets and their compares
//    with the predicted next pc;
//  - EX: forwarding from EX/MEM (MEM/WB a cycle ahead, into the ID/EX register; on the small
//    boards none: a result's user waits a cycle in EX for its ID/EX register), ALU, branch
//    resolution, M unit, CSRs, address check, the data request. EX is the commit point: an
//    instruction that leaves EX has had no exception and will retire;
//    interrupts, mret and mispredicts redirect fetch, from a register, in the next cycle; an
//    exception does so a cycle later (exc_q), dropping the instruction that entered EX
//    meanwhile;
//  - MEM: takes the data response, which comes in this cycle unless the access missed, and
//    (without FastPaths) formats and sign-extends a load's bytes;
//  - WB: (with FastPaths) formats a load's bytes, writes the register file and reports the
//    retired instruction on the RVFI port; a load or store whose response did not come in MEM
//    waits here, and the whole pipeline with it.
// Stalls: a use of a load's result right behind it (one cycle; FastPaths: a lb/lh/lbu/lhu's two, or
// one two instructions behind; the small boards: any result's), the M unit, a data request not
// accepted yet, a data response that is late (a D$ miss), wfi, fence.i.
// Timing: every stage's enable comes from registers through a few gates (the EX instruction's
// kind, registered hazards, the caches' registered ready, the WB wait); the long EX paths (operand
// forwarding, adders, exceptions, branch resolution) end in data registers and in the few flops of
// the redirect.
module pipe_core
  import core_pkg::*;
  import hpm_events_pkg::*;
#(
  parameter logic [31:0] RamBase = 32'h8000_0000,
  parameter logic [31:0] RamSize = 32'h0001_0000,
  parameter int unsigned BtbEntries = 32,
  parameter int unsigned BhtEntries = 256,
  parameter int unsigned RasEntries = 4,
  parameter bit          FastMul = 1'b1,  // 0: the small serial multiplier/divider (no DSPs)
  // Register file read: 1 synchronous (block RAM; the fetch queue announces the next instruction,
  // bypassing the instruction memory's response), 0 asynchronous in ID (LUT RAM: behind an
  // instruction cache, whose block RAM output comes too late in the cycle for that bypass).
  parameter bit          SyncRegRead = 1'b1,
  // 1: the faster but larger structures (a lw's response forwarded into the ID/EX registers, the
  // fetch queue's head in a register, the late exception's own register) for the 80 MHz ECP5
  // boards; 0: the smaller ones (the iCE40 boards run slowly and are short of logic cells).
  parameter bit          FastPaths = 1'b1,
  // 1: the counter block answers a CSR read a cycle late (hpm_counters RegRead): such a read takes
  // three cycles in EX instead of two.
  parameter bit          CntRegRead = 1'b0,
  // 1: fetch asks for an instruction every cycle from registers (pipe_fetch_seq), so that neither
  // the stall logic nor the RAM port's arbitration reaches the RAM's address: the small SoC with
  // a single-port RAM and no caches (SyncRegRead), no predictor and no FastPaths.
  parameter bit          RegFetch = 1'b0
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
  localparam bit Predict = BtbEntries > 0;
  // The small boards (no predictor, slow clock): branch and jal targets are added in EX and the
  // transfers checked there, instead of the ID adders and compares that keep EX short.
  localparam bit LateTargets = !FastPaths && !Predict;
  // The small boards: an instruction that uses the result of the one ahead of it waits a cycle
  // in EX, as a load's user does, while its operand register takes the value from MEM (the
  // MEM/WB forwarding a cycle ahead), so EX's operands come straight from flip-flops, with no
  // forwarding mux in front of the adders and compares, and the EX result goes only into
  // mem_result_q (the EX result's own forwarding into the operand registers ran on through the
  // adder's carry chain into their 64 flip-flops: session 20, docs/fpga.md).
  localparam bit UseWaits = !FastPaths;
  // Straight from RAM (SyncRegRead: no instruction cache), a response comes in the next cycle:
  // two queue slots suffice when a request can take the slot decode empties.
  localparam int unsigned FetchDepth = SyncRegRead ? 2 : 4;

  // =============================================================================================
  // IF
  logic        redirect_q;      // fetch restarts at redirect_pc_q in this cycle
  logic [31:0] redirect_pc_q;
  logic [2:0][31:0] pred_pc, pred_target;  // lookups of the three pcs fetch may request
  logic [2:0]       pred_taken;
  logic [2:0][BhtIdxW-1:0] pred_bht_idx;
  logic        f_valid, f_ready;
  logic [31:0] f_pc, f_insn, f_pred_next, f_next_insn;
  logic [BhtIdxW-1:0] f_bht_idx;
  // The ID/EX operand selects straight from the opcode bits, not through the decoder's case over
  // every opcode: {op_a is the pc (auipc), op_b is the immediate (lui, auipc: the U immediate,
  // opcode bit 2; the OP-IMM group: the I immediate)}, as the decoder says. pipe_fetch_seq keeps
  // them with the instruction's slot, decoded as the response comes, so that they reach the
  // forwarding selects of the ID/EX operand registers from flip-flops through the slot select.
  function automatic logic [1:0] op_selects(logic [6:0] opcode);
    return {opcode == 7'h17, opcode == 7'h37 || opcode == 7'h17 || opcode == 7'h13};
  endfunction
  logic [1:0]  f_op_selects;  // op_selects of the ID instruction

  if (RegFetch) begin : g_fetch_seq
    if (Predict || !SyncRegRead || FastPaths) begin : g_bad_reg_fetch
      $error("pipe_core: RegFetch needs no predictor, SyncRegRead and no FastPaths");
    end
    pipe_fetch_seq #(.Depth(FetchDepth), .BhtIdxW(BhtIdxW), .TagW(2)) u_fetch (
      .clk_i, .rst_ni, .boot_pc_i,
      .imem_req_valid_o, .imem_req_ready_i, .imem_req_addr_o, .imem_rsp_valid_i, .imem_rsp_data_i,
      .rsp_tag_i(op_selects(imem_rsp_data_i[6:0])), .redirect_i(redirect_q),
      .redirect_pc_i(redirect_pc_q),
      .out_valid_o(f_valid), .out_pc_o(f_pc), .out_insn_o(f_insn), .out_pred_next_o(f_pred_next),
      .out_bht_idx_o(f_bht_idx), .out_tag_o(f_op_selects), .out_ready_i(f_ready),
      .next_insn_o(f_next_insn)
    );
    assign pred_pc = '0;  // (no predictor: its lookups are unused)
    logic unused_pred;
    assign unused_pred = ^{pred_taken, pred_target, pred_bht_idx};
  end else begin : g_fetch
    logic        unused_req_pair;  // (one instruction per request here)
    logic [31:2] unused_ras_push_addr;  // (the return-address stack is bpred's own: no SpecRas)
    logic        unused_ras_push, unused_ras_pop;
    logic [0:0]  unused_out_ras;
    pipe_fetch #(
      .Depth(FetchDepth), .BhtIdxW(BhtIdxW), .Predict(Predict), .ReuseOnOut(SyncRegRead),
      .HeadReg(FastPaths)
    ) u_fetch (
      .clk_i, .rst_ni, .boot_pc_i,
      .imem_req_valid_o, .imem_req_ready_i, .imem_req_addr_o, .imem_rsp_valid_i, .imem_rsp_data_i,
      .imem_rsp_data1_i(32'd0), .imem_req_pair_o(unused_req_pair),
      .pred_pc_o(pred_pc), .pred_taken_i(pred_taken), .pred_target_i(pred_target),
      .pred_bht_idx_i(pred_bht_idx),
      .redirect_i(redirect_q), .redirect_pc_i(redirect_pc_q),
      .out_valid_o(f_valid), .out_pc_o(f_pc), .out_insn_o(f_insn), .out_pred_next_o(f_pred_next),
      .out_bht_idx_o(f_bht_idx), .out_ready_i(f_ready), .next_insn_o(f_next_insn),
      .pred_call_i('0), .pred_return_i('0), .ras_push_o(unused_ras_push),
      .ras_push_addr_o(unused_ras_push_addr), .ras_pop_o(unused_ras_pop), .ras_state_i('0),
      .out_ras_o(unused_out_ras)
    );
    logic unused_fetch_ras;
    assign unused_fetch_ras = ^{unused_ras_push, unused_ras_push_addr, unused_ras_pop,
                                unused_out_ras};
    assign f_op_selects = op_selects(f_insn[6:0]);
  end

  // =============================================================================================
  // ID
  decoded_t    id_dec;
  logic [31:0] id_rs1_val, id_rs2_val;
  logic        wb_we;
  logic [4:0]  wb_waddr;
  logic [31:0] wb_wdata;

  rv_decoder u_decoder (.insn_i(f_insn), .dec_o(id_dec));
  logic [4:0]  rf_raddr_a, rf_raddr_b;
  logic [31:0] rf_read_insn;  // whose rs1/rs2 the register file reads this cycle
  assign rf_read_insn = SyncRegRead ? f_next_insn : f_insn;
  rv_regfile #(.SyncRead(SyncRegRead)) u_regfile (
    .clk_i, .raddr_a_i(rf_read_insn[19:15]), .raddr_a_o(rf_raddr_a), .rdata_a_o(id_rs1_val),
    .raddr_b_i(rf_read_insn[24:20]), .raddr_b_o(rf_raddr_b), .rdata_b_o(id_rs2_val),
    .we_i(wb_we), .waddr_i(wb_waddr), .wdata_i(wb_wdata)
  );
  logic unused_next_insn;
  assign unused_next_insn = ^{rf_read_insn[31:25], rf_read_insn[14:0], f_next_insn};
`ifndef SYNTHESIS
  // The register file read what decode holds (the fetch queue announced it a cycle early).
  always_ff @(posedge clk_i) begin
    if (rst_ni && f_valid && (rf_raddr_a != id_dec.rs1 || rf_raddr_b != id_dec.rs2))
      $error("pipe_core: register file read x%0d/x%0d, decode holds x%0d/x%0d", rf_raddr_a,
             rf_raddr_b, id_dec.rs1, id_dec.rs2);
  end
`endif

  // ID/EX register
  // The EX instruction is valid (ex_valid) and in its first cycle there (ex_first): registers
  // masked while redirect_q applies a redirect (see the ID/EX register update below).
  logic        ex_valid, ex_first;
  logic        ex_fetch_fault_q;  // fetched from outside RAM: instruction access fault
  decoded_t    ex_dec_q;
  logic [31:0] ex_pc_q, ex_insn_q, ex_rs1_q, ex_rs2_q;
  logic [BhtIdxW-1:0] ex_bht_idx_q;
  logic        ex_advance;  // the EX instruction leaves EX at the end of this cycle (or EX empty)
  logic        wb_wait_q;   // WB waits for its data response: nothing moves (the global stall)

  // EX/MEM and MEM/WB registers (declared here for forwarding).
  logic        mem_valid_q, mem_wait_q, mem_is_load_q, mem_rd_write_q;
  logic        mem_mmio_q, wb_mmio_q;  // the MEM / WB instruction accesses the MMIO window
  logic [4:0]  mem_rd_q;
  logic [31:0] mem_result_q;
  logic [2:0]  mem_funct3_q;
  logic [1:0]  mem_addr_lo_q;
  rvfi_t       mem_rvfi_q;
  logic        wb_valid_q, wb_rd_write_q;
  logic [4:0]  wb_rd_q;
  logic [31:0] wb_result_q;  // with FastPaths a load's word as it came: see wb_value
  logic        wb_sext_b_q, wb_sext_h_q;
  logic [31:0] wb_value;     // the WB result
  // (without FastPaths) wb_result_q's next value: the MEM instruction's, or the waiting load's
  logic [31:0] wb_result_d;
  logic [31:0] ahead_value;  // the value of the instruction going to WB, for ex_rs*_q
  rvfi_t       wb_rvfi_q;
  // ex_rs*_q takes a lw's response word (the MEM instruction's value), last (see g_fwd_ahead)
  logic        take_rsp_a, take_rsp_b;
  function automatic logic [31:0] sext(logic [31:0] v, logic byte_load, logic half_load);
    logic [31:0] r;
    r = v;
    if (byte_load) r[31:8] = {24{v[7]}};
    if (half_load) r[31:16] = {16{v[15]}};
    return r;
  endfunction

  // The ID instruction enters EX when EX advances, unless a redirect restarts fetch this cycle.
  assign f_ready = ex_advance && !redirect_q;

  // Forwarding selects for the ID instruction, as they will be when it is in EX: the instruction
  // now in EX will be in MEM, the one now in MEM in WB (EX advances only when MEM and WB do). A
  // select for an instruction that then traps or is replaced by an interrupt does not matter: the
  // redirect drops the ID instruction.
  function automatic logic rd_matches(logic valid, logic write, logic [4:0] rd, logic [4:0] rs);
    return valid && write && rd == rs && rs != 5'd0;
  endfunction
  // The source register numbers are the register file's read addresses: registers (with
  // SyncRegRead, taken a cycle early from the fetch queue), not the queue's LUT RAM read of
  // the ID instruction (the same bits, whenever ID holds an instruction).
  logic id_fwd_mem_a, id_fwd_mem_b, id_fwd_wb_a, id_fwd_wb_b, id_load_use;
  assign id_fwd_mem_a = rd_matches(ex_valid, ex_dec_q.rd_write, ex_dec_q.rd, rf_raddr_a);
  assign id_fwd_mem_b = rd_matches(ex_valid, ex_dec_q.rd_write, ex_dec_q.rd, rf_raddr_b);
  assign id_fwd_wb_a = rd_matches(mem_valid_q, mem_rd_write_q, mem_rd_q, rf_raddr_a);
  assign id_fwd_wb_b = rd_matches(mem_valid_q, mem_rd_write_q, mem_rd_q, rf_raddr_b);
  // A load's data reaches WB a cycle after it leaves EX: its user waits a cycle in EX (with
  // UseWaits every result's user does).
  assign id_load_use = (ex_dec_q.is_load || UseWaits) &&
                       ((id_dec.rs1_used && id_fwd_mem_a) || (id_dec.rs2_used && id_fwd_mem_b));

  // (The branch targets and the prediction checks: g_early_targets / g_late_targets in EX.)
  logic        id_in_ram, id_exc_static;
  logic [31:0] id_pc4;
  assign id_in_ram = addr_map_pkg::in_ram(f_pc, RamBase, RamSize);
  assign id_pc4 = f_pc + 32'd4;
  // Exceptions known from the instruction alone (all but CSR legality, found in EX).
  assign id_exc_static = !id_in_ram || id_dec.illegal || id_dec.is_ecall || id_dec.is_ebreak;
  // The operand selects of the ID/EX registers (op_selects, in IF).
  logic        id_op_a_pc, id_op_b_imm;
  logic [31:0] id_op_b_imm_val;
  assign {id_op_a_pc, id_op_b_imm} = f_op_selects;
  assign id_op_b_imm_val = f_insn[2] ? {f_insn[31:12], 12'd0} : {{20{f_insn[31]}}, f_insn[31:20]};
`ifndef SYNTHESIS
  always_comb begin
    if (f_valid && (id_op_a_pc != id_dec.op_a_pc || id_op_b_imm != id_dec.op_b_imm ||
                    (id_op_b_imm && id_op_b_imm_val != id_dec.imm)))
      $error("pipe_core: the ID operand selects disagree with the decoder for %h", f_insn);
  end
`endif

  // =============================================================================================
  // EX
  logic        ex_fwd_mem_a_q, ex_fwd_mem_b_q;  // the operand is the MEM result (mem_result_q)
  // The operand is the WB instruction's value: ex_rs*_q took it already (see below), unless its
  // load waits in WB (then ex_rs*_q takes the response) or, with FastPaths, it is a
  // lb/lh/lbu/lhu's: then ex_rs*_q takes it from WB (ex_take_wb_*_q).
  logic        ex_fwd_wb_a_q, ex_fwd_wb_b_q;
  logic        ex_load_use_q;
  // FastPaths: ex_rs*_q is still to take the WB instruction's value (wb_value), in a cycle EX
  // waits; the operand waits in EX while this is set (as for a load-use).
  logic        ex_take_wb_a_q, ex_take_wb_b_q;
  logic        ex_op_wait;        // an operand is not there yet: EX waits
  logic [31:0] ex_pc4;            // the EX instruction's pc + 4
  logic [31:0] ex_target;         // the branch or jal target
  logic        ex_mis_seq_q;      // mispredicted if it goes on to pc + 4
  logic        ex_exc_static_q;   // fetch fault, illegal encoding, ecall, ebreak

  // The operands: ex_rs*_q, or the MEM instruction's result (EX/MEM forwarding), selected by a
  // register, so an operand bit is one gate from the registers: the value of the instruction
  // that will be in WB (MEM/WB forwarding) is put into ex_rs*_q instead, a cycle ahead, as the
  // instruction enters EX (or waits there while MEM and WB move on), from the MEM stage. With
  // FastPaths: its result, a lw's response word, a lb/lh/lbu/lhu's value from WB a cycle later.
  // Without (the small boards): wb_result_d, the value MEM formats for WB, in the same cycle (the
  // slow clock has room for the response's formatting and one more mux); a load that waits in WB
  // gives it when its response comes, while EX waits too; and (UseWaits) every EX/MEM
  // forwarding goes into ex_rs*_q that way: the user waits a cycle in EX, as a load's does
  // (ex_load_use_q). An auipc's pc and an immediate
  // operand come in through ex_rs1_q / ex_rs2_q too (the instructions that use them read no
  // register there), so the ALU takes the operands as they are.
  logic        mem_lb, mem_lh;  // the MEM instruction is lb / lh
  assign mem_lb = mem_is_load_q && mem_funct3_q == 3'd0;
  assign mem_lh = mem_is_load_q && mem_funct3_q == 3'd1;
  logic        mem_lw, mem_sub;  // ... lw; lb, lh, lbu or lhu
  assign mem_lw = mem_is_load_q && mem_funct3_q[1:0] == 2'd2;
  assign mem_sub = mem_is_load_q && mem_funct3_q[1:0] != 2'd2;
  assign ex_op_wait = ex_load_use_q || ex_take_wb_a_q || ex_take_wb_b_q;
  logic unused_ex_op_kinds;  // (used in ID: the pc and the immediate go into ex_rs*_q)
  assign unused_ex_op_kinds = ex_dec_q.op_a_pc ^ ex_dec_q.op_b_imm;
  logic [31:0] op_a, op_b;
  if (FastPaths) begin : g_fwd_ahead
    // The MEM instruction's value goes into ex_rs*_q straight from the data response only for a
    // lw: the word as it comes (a block RAM's late output, then the cache's and the bus's
    // AND-ORs) meets the register's other inputs in one last mux, whose select (take_rsp_*)
    // comes early. A lb/lh/lbu/lhu's bytes are moved and sign-extended in WB, from registers,
    // and taken from wb_value a cycle later (ex_take_wb_*_q: the load's user waits a cycle
    // longer).
    assign take_rsp_a = mem_lw && (ex_advance ? id_fwd_wb_a && !id_op_a_pc
                                              : !wb_wait_q && ex_fwd_mem_a_q);
    assign take_rsp_b = mem_lw && (ex_advance ? id_fwd_wb_b && !id_op_b_imm
                                              : !wb_wait_q && ex_fwd_mem_b_q);
    assign ahead_value = mem_result_q;
  end else begin : g_fwd_formatted
    assign take_rsp_a = 1'b0;
    assign take_rsp_b = 1'b0;
    logic unused_mem_lw;
    assign unused_mem_lw = mem_lw;
    assign ahead_value = wb_result_d;
  end
  if (UseWaits) begin : g_ops_from_regs
    // The operands are the registers: a user of the result ahead, the only one with
    // ex_fwd_mem_*_q set for an operand it uses, waits in EX (ex_load_use_q) while its operand
    // comes into ex_rs*_q from MEM: op_a / op_b are not used in that cycle.
    assign op_a = ex_rs1_q;
    assign op_b = ex_rs2_q;
`ifndef SYNTHESIS
    always_ff @(posedge clk_i) begin
      if (rst_ni && ex_valid && !ex_load_use_q && ((ex_fwd_mem_a_q && ex_dec_q.rs1_used) ||
                                                   (ex_fwd_mem_b_q && ex_dec_q.rs2_used)))
        $error("pipe_core: an EX operand from MEM outside a result's wait");
    end
`endif
  end else begin : g_ops_fwd_mem
    assign op_a = ex_fwd_mem_a_q ? mem_result_q : ex_rs1_q;
    assign op_b = ex_fwd_mem_b_q ? mem_result_q : ex_rs2_q;
  end

  // ALU and branch
  logic [31:0] alu_result;  // (UseWaits: without the sum and the shifts, alu_sum, alu_sh*)
  logic [31:0] alu_sum, alu_shl, alu_shr;
  logic        alu_lt;  // (without FastPaths: a branch's order, one gate after the carry chain)
  logic        br_taken;
  // (without FastPaths) The outcome if alu_lt is 1 and if it is 0: what depends on the outcome
  // late in the cycle selects by alu_lt last (pipe_outcome_mux).
  logic        taken_if_lt, taken_if_ge;
  // Without FastPaths, a branch's ALU op is slt or sltu (set when it enters EX; its ALU result
  // goes nowhere) and the comparator takes its ordering from the ALU.
  rv_alu #(.LateApart(UseWaits)) u_alu (
    .op_i(ex_dec_q.alu_op), .a_i(op_a), .b_i(op_b), .result_o(alu_result), .lt_o(alu_lt),
    .sum_o(alu_sum), .shl_o(alu_shl), .shr_o(alu_shr)
  );
  if (FastPaths) begin : g_branch_per_source
    // One compare per operand source (ID/EX registers, or the MEM result on either side), so the
    // carry chains start at flip-flops instead of behind the forwarding muxes; the forwarding
    // selects (registers) pick the outcome after them. Both operands from MEM are equal.
    logic taken_rr, taken_mr, taken_rm, taken_mm;
    rv_branch_cmp u_branch_rr (
      .funct3_i(ex_dec_q.funct3), .a_i(ex_rs1_q), .b_i(ex_rs2_q), .lt_i(1'b0),
      .taken_o(taken_rr)
    );
    rv_branch_cmp u_branch_mr (
      .funct3_i(ex_dec_q.funct3), .a_i(mem_result_q), .b_i(ex_rs2_q), .lt_i(1'b0),
      .taken_o(taken_mr)
    );
    rv_branch_cmp u_branch_rm (
      .funct3_i(ex_dec_q.funct3), .a_i(ex_rs1_q), .b_i(mem_result_q), .lt_i(1'b0),
      .taken_o(taken_rm)
    );
    assign taken_mm = !ex_dec_q.funct3[2] ^ ex_dec_q.funct3[0];  // eq, or not lt
    logic unused_alu_lt;
    assign unused_alu_lt = alu_lt;
    assign taken_if_lt = br_taken;  // (not used)
    assign taken_if_ge = br_taken;
    logic unused_taken_if;
    assign unused_taken_if = taken_if_lt ^ taken_if_ge;
    always_comb begin
      unique case ({ex_fwd_mem_a_q, ex_fwd_mem_b_q})
        2'b00: br_taken = taken_rr;
        2'b10: br_taken = taken_mr;
        2'b01: br_taken = taken_rm;
        default: br_taken = taken_mm;
      endcase
    end
`ifndef SYNTHESIS
    logic taken_check;
    rv_branch_cmp u_branch_check (
      .funct3_i(ex_dec_q.funct3), .a_i(op_a), .b_i(op_b), .lt_i(1'b0), .taken_o(taken_check)
    );
    always_comb begin
      if (rst_ni && ex_valid && ex_dec_q.is_branch && !ex_op_wait && br_taken != taken_check)
        $error("pipe_core: the per-source branch compare disagrees");
    end
`endif
  end else begin : g_branch_shared
    // The compare for either order (the equality compare is shared), then the ALU's order.
    rv_branch_cmp #(.SharedLt(1'b1)) u_branch_lt (
      .funct3_i(ex_dec_q.funct3), .a_i(op_a), .b_i(op_b), .lt_i(1'b1), .taken_o(taken_if_lt)
    );
    rv_branch_cmp #(.SharedLt(1'b1)) u_branch_ge (
      .funct3_i(ex_dec_q.funct3), .a_i(op_a), .b_i(op_b), .lt_i(1'b0), .taken_o(taken_if_ge)
    );
    pipe_outcome_mux u_taken (
      .lt_i(alu_lt), .taken_if_lt_i(taken_if_lt), .taken_if_ge_i(taken_if_ge), .if_taken_i(1'b1),
      .if_not_i(1'b0), .value_o(br_taken)
    );
  end

  logic        transfer;      // the instruction changes the pc (taken branch or jump)
  logic        mispredict;    // fetch went elsewhere than the instruction goes
  // Its parts, which the redirect takes on their own, shorter paths (see redirect_d):
  logic        mis_other;                 // ... not a branch or jump (fetch predicted a transfer)
  logic        mis_jump;                  // ... a jal or jalr
  logic        mis_if_taken, mis_if_not;  // ... a branch, if it is taken and if not
  logic        ex_is_xfer;
  assign ex_is_xfer = ex_dec_q.is_branch || ex_dec_q.is_jal || ex_dec_q.is_jalr;
  logic [31:0] jalr_target, target, actual_next;
  assign transfer = (ex_dec_q.is_branch && br_taken) || ex_dec_q.is_jal || ex_dec_q.is_jalr;
  assign jalr_target = (op_a + ex_dec_q.imm) & ~32'd1;
  assign target = ex_dec_q.is_jalr ? jalr_target : ex_target;
  assign actual_next = transfer ? target : ex_pc4;
  if (LateTargets) begin : g_late_targets
    // Fetch always went on to pc + 4: a transfer is mispredicted unless it goes there, which a
    // branch or jal does exactly when its offset is 4. A jalr is taken as mispredicted always: its
    // target's compare with pc + 4 (behind the adder's carry chain) would run on into the
    // redirect, and a jalr to its own pc + 4 only refetches what fetch had (the event counts it).
    assign ex_target = ex_pc_q + ex_dec_q.imm;
    assign mis_jump = ex_dec_q.is_jalr || ex_dec_q.imm != 32'd4;
    assign mis_if_taken = ex_dec_q.imm != 32'd4;
    assign mis_if_not = 1'b0;
    assign mis_other = 1'b0;
    logic unused_mis_seq;
    assign unused_mis_seq = ex_mis_seq_q;
  end else begin : g_early_targets
    // Branch targets and the checks of the prediction are computed in ID: whether the prediction
    // is wrong if the instruction transfers (to the branch or jal target) and if it does not
    // (pc + 4). The adders take the B and J immediates straight from the instruction bits, both
    // formats in parallel, so no decoding comes before them.
    // A jalr goes where predicted (pred, bit 0 clear) when op_a[31:1] + c0 == pred[31:1] -
    // imm[31:1] with c0 = op_a[0] & imm[0] (the carry out of bit 0); both right-hand sides for
    // c0 = 0 and 1 are computed in ID, in parallel, and EX compares op_a with one of them.
    logic        id_is_jal;
    logic [31:0] id_imm_b, id_imm_j, id_target_b, id_target_j;
    logic [31:1] id_imm_i_hi;  // bits 31:1 of the I immediate
    logic [31:0] ex_target_q;
    logic [30:0] ex_jalr_c0_q, ex_jalr_c1_q;
    logic        ex_mis_taken_q;  // mispredicted if the instruction transfers to ex_target
    assign id_imm_b = {{19{f_insn[31]}}, f_insn[31], f_insn[7], f_insn[30:25], f_insn[11:8],
                       1'b0};
    assign id_imm_j = {{11{f_insn[31]}}, f_insn[31], f_insn[19:12], f_insn[20], f_insn[30:21],
                       1'b0};
    assign id_imm_i_hi = {{20{f_insn[31]}}, f_insn[31:21]};
    assign id_is_jal = f_insn[6:0] == 7'h6f;
    assign id_target_b = f_pc + id_imm_b;
    assign id_target_j = f_pc + id_imm_j;
    always_ff @(posedge clk_i) begin
      if (ex_advance) begin
        ex_target_q <= id_is_jal ? id_target_j : id_target_b;
        ex_jalr_c0_q <= f_pred_next[31:1] - id_imm_i_hi;
        ex_jalr_c1_q <= f_pred_next[31:1] + ~id_imm_i_hi;
        ex_mis_taken_q <= id_is_jal ? f_pred_next != id_target_j : f_pred_next != id_target_b;
      end
    end
    assign ex_target = ex_target_q;
    assign mis_jump = !ex_dec_q.is_jalr ? ex_mis_taken_q
                    : (op_a[0] && ex_dec_q.imm[0]) ? op_a[31:1] != ex_jalr_c1_q
                                                   : op_a[31:1] != ex_jalr_c0_q;
    assign mis_if_taken = ex_mis_taken_q;
    assign mis_if_not = ex_mis_seq_q;
    assign mis_other = ex_mis_seq_q;
  end
  logic        mis_taken, mis_not;  // mispredicted if a branch is taken, and if not (or no branch)
  assign mis_taken = !ex_is_xfer ? mis_other : !ex_dec_q.is_branch ? mis_jump : mis_if_taken;
  assign mis_not = !ex_is_xfer ? mis_other : !ex_dec_q.is_branch ? mis_jump : mis_if_not;
  if (FastPaths) begin : g_mispredict
    assign mispredict = br_taken ? mis_taken : mis_not;
  end else begin : g_mispredict_by_order
    pipe_outcome_mux u_mispredict (
      .lt_i(alu_lt), .taken_if_lt_i(taken_if_lt), .taken_if_ge_i(taken_if_ge),
      .if_taken_i(mis_taken), .if_not_i(mis_not), .value_o(mispredict)
    );
  end

  // Memory access: address, size, alignment, existence.
  logic [31:0] mem_addr;
  logic [3:0]  mem_mask;      // bytes of the aligned word
  logic        misaligned, access_ok;
  logic        is_mem;
  assign is_mem = ex_dec_q.is_load || ex_dec_q.is_store;
  assign mem_addr = op_a + ex_dec_q.imm;

  // The access check compares the address's upper bits with constants without waiting for the
  // carry chain: bit i of a + b equals c_i iff a_i ^ b_i ^ c_i is the carry into bit i that the
  // bits below give when they equal c too (a_(i-1) if a_(i-1) == b_(i-1), else !c_(i-1)); only
  // the carry into the lowest compared bit comes from an adder, a short one.
  function automatic logic sum_hi_equals(logic [31:0] a, logic [31:0] b, logic carry_lo,
                                         logic [31:0] c, int unsigned lo);
    logic ok;
    ok = (a[lo] ^ b[lo] ^ c[lo]) == carry_lo;
    for (int unsigned i = lo + 1; i < 32; i++)
      ok &= (a[i] ^ b[i] ^ c[i]) == ((a[i-1] == b[i-1]) ? a[i-1] : !c[i-1]);
    return ok;
  endfunction
  // RAM: a power-of-two size at an aligned base (as every SoC has; the check below compares).
  localparam int unsigned RamBits = $clog2(RamSize);
  // MMIO: every register lies in one 16 KiB window (addr_map_pkg; soc_top checks it).
  localparam logic [17:0] MmioWindow = addr_map_pkg::MmioWindow;
  localparam logic [31:0] MmioBase = {MmioWindow, 14'd0};
  logic [RamBits:0] ram_lo_sum;
  logic [14:0]      mmio_lo_sum;
  logic             addr_in_ram, addr_in_mmio_window;
  assign ram_lo_sum = {1'b0, op_a[RamBits-1:0]} + {1'b0, ex_dec_q.imm[RamBits-1:0]};
  assign mmio_lo_sum = {1'b0, op_a[13:0]} + {1'b0, ex_dec_q.imm[13:0]};
  assign addr_in_ram = sum_hi_equals(op_a, ex_dec_q.imm, ram_lo_sum[RamBits], RamBase, RamBits);
  assign addr_in_mmio_window = sum_hi_equals(op_a, ex_dec_q.imm, mmio_lo_sum[14], MmioBase, 14);
  logic [RamBits-1:0] unused_ram_lo_sum;
  logic [13:0]        unused_mmio_lo_sum;
  assign unused_ram_lo_sum = ram_lo_sum[RamBits-1:0];
  assign unused_mmio_lo_sum = mmio_lo_sum[13:0];
  // The request's address. Without FastPaths (the small boards' slow clock) its bits above both
  // windows' offsets come from the access check instead of the adder's carry chain: the window's
  // own bits, or zero outside both (a faulting request, dropped by the SoC), so that the SoC's
  // decodes (the RAM's write enables, the MMIO selects) take two signals. The trace keeps mem_addr.
  localparam int unsigned WinBits = RamBits > 14 ? RamBits : 14;  // (both windows' offsets)
  if (FastPaths) begin : g_req_addr
    assign dmem_req_o.addr = {mem_addr[31:2], 2'b00};
  end else begin : g_req_addr_windowed
    logic [31:2] req_addr;
    assign dmem_req_o.addr = {req_addr, 2'b00};
    assign req_addr = {(RamBase[31:WinBits] & {(32 - WinBits){addr_in_ram}}) |
                       (MmioBase[31:WinBits] & {(32 - WinBits){addr_in_mmio_window}}),
                       mem_addr[WinBits-1:2]};
    if (RamBase[31:WinBits] == '0 || MmioBase[31:WinBits] == '0 ||
        RamBase[31:WinBits] == MmioBase[31:WinBits]) begin : g_bad_windows
      $error("pipe_core: the RAM and MMIO windows must differ above bit %0d, and from 0", WinBits);
    end
`ifndef SYNTHESIS
    // (In a window the address is the adder's; outside both the SoC must decode none.)
    logic [31:0] req_full;
    assign req_full = {req_addr, 2'b00};
    always_comb begin
      if (rst_ni && dmem_req_valid_o &&
          ((addr_in_ram || addr_in_mmio_window) ? req_addr != mem_addr[31:2]
           : addr_map_pkg::in_ram(req_full, RamBase, RamSize) || addr_map_pkg::is_mmio(req_full)))
        $error("pipe_core: the request's address %h stands for %h wrongly", req_full, mem_addr);
    end
`endif
  end
  assign mem_mask = access_be(ex_dec_q.funct3[1:0], mem_addr[1:0]);
  always_comb begin
    unique case (ex_dec_q.funct3[1:0])
      2'd0: misaligned = 1'b0;
      2'd1: misaligned = mem_addr[0];
      default: misaligned = mem_addr[1:0] != 2'b00;
    endcase
    access_ok = addr_in_ram || (ex_dec_q.funct3[1:0] == 2'd2 && addr_in_mmio_window &&
                                addr_map_pkg::mmio_reg_exists({MmioWindow, mem_addr[13:0]}));
  end
`ifndef SYNTHESIS
  always_comb begin
    if (rst_ni && ex_valid && is_mem &&
        access_ok != (addr_map_pkg::in_ram(mem_addr, RamBase, RamSize) ||
                      (ex_dec_q.funct3[1:0] == 2'd2 && addr_map_pkg::mmio_reg_exists(mem_addr))))
      $error("pipe_core: the fast access check disagrees with addr_map_pkg at %h", mem_addr);
  end
`endif

  // CSRs
  logic [31:0] csr_rdata, csr_operand, csr_wdata, exc_vector, irq_vector, mepc;
  logic        csr_exists, csr_illegal;
  logic        irq_pending, irq_enabled, irq_take;
  logic [31:0] irq_cause;
  logic        trap_commit, mret_commit, csr_commit;
  // Trap entry (mepc, mcause, mtval, mstatus): a cycle after the commit, from registers (the
  // exception's cause and value come late in the cycle, and the trap enables a hundred flops).
  logic        trap;
  logic [31:0] trap_cause, trap_tval, trap_epc;

  // A CSR access takes two cycles in EX: the first reads (csr_rdata_q, csr_exists_q), the second
  // writes and commits. The read (a wide mux, for the counters behind a 64-bit add in the counter
  // block) then ends in a register instead of running on into the write data, the result and the
  // exception logic. Nothing can change a CSR between the two cycles: the instructions ahead have
  // committed, and the counters' reads are what they were at the read (as if read then).
  logic [31:0] csr_rdata_q;
  logic        csr_exists_q;
  logic        csr_read_q;  // the EX instruction read its CSR last cycle: it can commit
  always_ff @(posedge clk_i) begin
    csr_rdata_q <= csr_rdata;
    csr_exists_q <= csr_exists;
  end
  assign csr_operand = ex_dec_q.csr_imm ? ex_dec_q.imm : op_a;
  always_comb begin
    unique case (ex_dec_q.csr_op)
      CsrRs: csr_wdata = csr_rdata_q | csr_operand;
      CsrRc: csr_wdata = csr_rdata_q & ~csr_operand;
      default: csr_wdata = csr_operand;
    endcase
  end
  // (Before the read, csr_exists_q means nothing: the instruction cannot commit then.)
  assign csr_illegal = ex_dec_q.is_csr &&
                       (!csr_exists_q || (ex_dec_q.csr_write && ex_dec_q.csr_addr[11:10] == 2'b11));

  csr_unit u_csr (
    .clk_i, .rst_ni,
    .addr_i(ex_dec_q.csr_addr), .rdata_o(csr_rdata), .exists_o(csr_exists),
    .we_i(csr_commit), .wdata_i(csr_wdata),
    .trap_i(trap), .trap_cause_i(trap_cause), .trap_tval_i(trap_tval),
    .trap_epc_i(trap_epc), .mret_i(mret_commit), .exc_vector_o(exc_vector),
    .irq_vector_o(irq_vector), .mepc_o(mepc),
    .irq_software_i, .irq_timer_i, .irq_external_i,
    .irq_pending_o(irq_pending), .irq_enabled_o(irq_enabled), .irq_take_o(irq_take),
    .irq_cause_o(irq_cause),
    .cnt_addr_o, .cnt_hit_i, .cnt_rdata_i, .cnt_we_o, .cnt_wdata_o
  );

  // Exceptions of the EX instruction. Only the address checks (misaligned, access fault) concern
  // loads and stores: the decoder clears is_load / is_store of an illegal instruction, and an
  // instruction fetched from outside RAM decodes as nothing. Only a misaligned target concerns
  // jumps and branches. So the commit of a CSR access, mret, fence.i or an M operation waits for
  // no operand: exc_static is all that can stop it.
  logic        exc_static, exc;
  logic [31:0] exc_cause, exc_tval;
  assign exc_static = ex_exc_static_q || csr_illegal;
  // The exceptions decided last in the cycle (exc_late): a taken branch's misaligned target
  // (behind the compare) and an access fault (behind the address check); the others (exc_early)
  // come from registers, a jump's target and the address's low bits. The MEM registers take
  // exc_early only (exc_mem) and learn exc_late a cycle later (mem_late_exc, see below), so
  // that exc reaches few flops.
  logic exc_early, exc_late, exc_mem;
  logic exc_fault, exc_misal_br;  // exc_late's parts: an access fault; a branch with a misaligned
                                  // target (an exception if it is taken)
  assign exc_early = exc_static || ((ex_dec_q.is_jal || ex_dec_q.is_jalr) && target[1]) ||
                     (is_mem && misaligned);
  assign exc_fault = is_mem && !access_ok;
  assign exc_misal_br = ex_dec_q.is_branch && ex_target[1];
  assign exc_late = (exc_misal_br && br_taken) || exc_fault;
  assign exc = exc_early || exc_late;
  // The cause and value, in the ISS's priority order (data only). The exceptions known from
  // registers come first; below them an instruction has at most one kind of exception left (a
  // jump's or taken branch's misaligned target, a load's or store's misaligned address or access
  // fault), so the late conditions do not run through a priority chain.
  logic [31:0] exc_static_cause, exc_static_tval;
  always_comb begin
    exc_static_tval = 32'd0;
    exc_static_cause = 32'd2;
    if (ex_fetch_fault_q) begin
      exc_static_cause = 32'd1;
      exc_static_tval = ex_pc_q;
    end else if (ex_dec_q.illegal || csr_illegal) begin
      exc_static_cause = 32'd2;
      exc_static_tval = ex_insn_q;
    end else if (ex_dec_q.is_ecall) begin
      exc_static_cause = 32'd11;
    end else if (ex_dec_q.is_ebreak) begin
      exc_static_cause = 32'd3;
      exc_static_tval = ex_pc_q;
    end
  end
  always_comb begin
    if (exc_static) begin
      exc_cause = exc_static_cause;
      exc_tval = exc_static_tval;
    end else if (!is_mem) begin
      exc_cause = 32'd0;
      exc_tval = ex_dec_q.is_jalr ? jalr_target : ex_target;
    end else begin
      exc_cause = misaligned ? (ex_dec_q.is_load ? 32'd4 : 32'd6)
                             : (ex_dec_q.is_load ? 32'd5 : 32'd7);
      exc_tval = mem_addr;
    end
  end

  // The instruction that left EX last cycle trapped: fetch is redirected from here, and the
  // instruction in EX (younger) is dropped without any effect. The late part (exc_late) has
  // registers of their own, which the predictor's update and the events also take
  // (last_exc_late): its parts and the branch outcome (br_taken_q, below) each end at one flop.
  // exc_now is the part decided in this cycle.
  logic ex_commit;  // a real instruction (retiring or trapping) leaves EX (see Commit below)
  logic exc_q, exc_early_q, last_exc_late, exc_now;
  logic exc_fault_q, exc_misal_br_q, br_taken_q;
  assign last_exc_late = exc_fault_q || (exc_misal_br_q && br_taken_q);
  assign exc_now = exc_early;
  if (FastPaths) begin : g_exc_parts
    assign exc_q = exc_early_q || last_exc_late;
  end else begin : g_exc_one
    // (the small boards) exc_q in one flop, which takes the branch outcome last, one gate after
    // the carry chain (pipe_outcome_mux): exc_q runs into the stall logic, the commit and the
    // CSR write enables, where the gate that ORs the parts would lengthen every path.
    logic exc_all_q, exc_all_d, exc_if_taken, exc_if_not;
    assign exc_if_taken = ex_commit && (exc_early || exc_fault || exc_misal_br);
    assign exc_if_not = ex_commit && (exc_early || exc_fault);
    pipe_outcome_mux u_exc (
      .lt_i(alu_lt), .taken_if_lt_i(taken_if_lt), .taken_if_ge_i(taken_if_ge),
      .if_taken_i(exc_if_taken), .if_not_i(exc_if_not), .value_o(exc_all_d)
    );
    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) exc_all_q <= 1'b0;
      else exc_all_q <= exc_all_d;
    end
    assign exc_q = exc_all_q;
`ifndef SYNTHESIS
    always_comb begin
      if (rst_ni && exc_all_q != (exc_early_q || last_exc_late))
        $error("pipe_core: exc_q disagrees with its parts");
    end
`endif
  end

  // Multi-cycle work and waits in EX.
  logic md_start, md_done, md_busy;
  logic [31:0] md_result;
  logic take_irq;    // the EX instruction is replaced by an interrupt this cycle
  logic ex_done;     // the EX instruction can leave EX this cycle
  // wfi ends when an interrupt is pending, or none can be taken (then it is a no-op): as of the
  // last cycle, so that the interrupt inputs' logic stays off the stall logic's path.
  logic wfi_done_q;
  always_ff @(posedge clk_i) wfi_done_q <= irq_pending || !irq_enabled;
  logic fencei_wait;

  // Not while an MMIO access is in MEM or WB: it acts in the SoC a cycle after it leaves EX and
  // may silence the interrupt's source, which irq_take (a cycle late) would not show until the
  // cycle after its response; nor while WB waits for a response. From registers only (the data
  // port's ready comes late in the cycle, and so would everything that take_irq reaches).
  assign take_irq = ex_valid && ex_first && irq_take && !exc_q && !wb_wait_q &&
                    !(mem_valid_q && mem_mmio_q) && !(wb_valid_q && wb_mmio_q);
  // Operands are valid unless a load ahead has not delivered (load-use, or WB waiting).
  assign md_start = ex_valid && ex_dec_q.is_muldiv && !md_busy && !ex_op_wait && !wb_wait_q &&
                    !take_irq && !exc_q;

  if (FastMul) begin : g_muldiv
    rv_muldiv u_muldiv (
      .clk_i, .rst_ni, .start_i(md_start), .kill_i(1'b0), .funct3_i(ex_dec_q.funct3), .a_i(op_a),
      .b_i(op_b), .ack_i(ex_valid && ex_dec_q.is_muldiv && ex_advance), .busy_o(md_busy),
      .done_o(md_done), .result_o(md_result)
    );
  end else begin : g_muldiv_serial
    rv_muldiv_serial u_muldiv (
      .clk_i, .rst_ni, .start_i(md_start), .kill_i(1'b0), .funct3_i(ex_dec_q.funct3), .a_i(op_a),
      .b_i(op_b), .ack_i(ex_valid && ex_dec_q.is_muldiv && ex_advance), .busy_o(md_busy),
      .done_o(md_done), .result_o(md_result)
    );
  end

  // A request is sent only in the cycle the instruction leaves EX if it is accepted. One to an
  // address that does not exist is sent too (the access fault decision comes too late in the
  // cycle): the SoC drops it (addr_map_pkg decides for both), and the instruction traps.
  assign dmem_req_valid_o = ex_valid && is_mem && !misaligned && !ex_op_wait && !wb_wait_q &&
                            !take_irq && !exc_q;
  // (dmem_req_o.addr: g_req_addr above)
  assign dmem_req_o.we = ex_dec_q.is_store;
  assign dmem_req_o.be = mem_mask;  // loads too: the SoC allows word accesses only to MMIO
  assign dmem_req_o.wdata = op_b << {mem_addr[1:0], 3'b000};

  // (An interrupt that replaces the fence.i may leave the caches a flush they finish anyway.)
  logic fencei_done_q;  // registered: fence.i is rare, the wait is off the stall logic's path
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) fencei_done_q <= 1'b0;
    else fencei_done_q <= fencei_done_i && fencei_req_o;
  end
  assign fencei_req_o = ex_valid && ex_dec_q.is_fencei && !exc_q;
  assign fencei_wait = ex_dec_q.is_fencei && !fencei_done_q;

  // Whether EX is done depends on the instruction's kind and registered state only, not on its
  // operands or exceptions (a faulting load or store still waits for the request to be ready),
  // nor on an interrupt (which drops the instruction through the redirect in any case).
  always_comb begin
    if (!ex_valid) ex_done = 1'b1;
    else if (ex_op_wait) ex_done = 1'b0;  // an operand comes at the end of this cycle
    else if (ex_dec_q.is_muldiv) ex_done = md_done;
    else if (is_mem) ex_done = dmem_req_ready_i;
    else if (ex_dec_q.is_wfi) ex_done = wfi_done_q;
    else if (ex_dec_q.is_fencei) ex_done = !fencei_wait;
    // A CSR access commits in the cycle after its read (csr_read_q).
    else if (ex_dec_q.is_csr) ex_done = csr_read_q;
    else ex_done = 1'b1;
  end
  assign ex_advance = ex_done && !wb_wait_q;

  // The read of a CSR access counts once the memory accesses ahead have finished: an MMIO store
  // acts a cycle after it leaves EX (in the SoC), and a read of mip must see what it did. (A
  // redirect drops the instruction: EX is then empty for a cycle, which clears csr_read_q.)
  // With CntRegRead, the counter block's answer to a read comes a cycle later: csr_rdata_q holds
  // it a cycle after the read (csr_pre_q), which then counts if the read counted.
  logic csr_can_read, csr_pre_q;
  assign csr_can_read = ex_valid && ex_dec_q.is_csr && !ex_advance &&
                        !(mem_valid_q && mem_wait_q) && !wb_wait_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      csr_pre_q <= 1'b0;
      csr_read_q <= 1'b0;
    end else begin
      csr_pre_q <= csr_can_read;
      csr_read_q <= csr_can_read && (!CntRegRead || !cnt_hit_i || csr_pre_q);
    end
  end

  // Commit (the EX instruction leaves EX).
  logic redirect_d;
  assign ex_commit = ex_valid && ex_advance && !take_irq && !exc_q;
  assign trap_commit = (ex_commit && exc) || take_irq;
  // (mret leaves EX as a branch does, see xfer_leaves: from registers, not through ex_advance)
  assign mret_commit = ex_valid && ex_dec_q.is_mret && !exc_static && !ex_op_wait &&
                       !wb_wait_q && !take_irq && !exc_q;
  // A CSR write commits in the access's second cycle (csr_read_q), which is never an instruction's
  // first cycle in EX, so no interrupt can take it; written from registers alone, the write enable
  // (into the CSRs and the counter block's 64-bit write muxes) does not wait for the data port's
  // ready and the other instruction kinds' done conditions that ex_commit goes through.
  assign csr_commit = ex_valid && csr_read_q && !ex_op_wait && !wb_wait_q && !exc_q &&
                      !exc_static && ex_dec_q.is_csr && ex_dec_q.csr_write;
`ifndef SYNTHESIS
  always_comb begin
    if (rst_ni && csr_commit != (ex_commit && !exc_static && ex_dec_q.is_csr && ex_dec_q.csr_write))
      $error("pipe_core: csr_commit disagrees with ex_commit");
  end
`endif

  // The next pc without an exception (for the trace: MEM puts in the exception vector), and the
  // one fetch is redirected to. (A trapping instruction may also redirect as mispredicted:
  // harmless, the exception's redirect follows.) The redirect pc comes from registers through a
  // priority mux that the late values (the jalr sum, the branch outcome) enter last.
  logic [31:0] ex_next_pc, redirect_pc_d, redirect_early_pc, branch_next;
  logic        redirect_jalr, redirect_branch;
  assign ex_next_pc = ex_dec_q.is_mret ? mepc : actual_next;
  always_comb begin
    if (exc_q) redirect_early_pc = exc_vector;
    else if (take_irq) redirect_early_pc = irq_vector;
    else if (ex_dec_q.is_mret) redirect_early_pc = mepc;
    else if (ex_dec_q.is_jal) redirect_early_pc = ex_target;
    else redirect_early_pc = ex_pc4;
  end
  assign redirect_jalr = !exc_q && !take_irq && ex_dec_q.is_jalr;
  assign redirect_branch = !exc_q && !take_irq && ex_dec_q.is_branch;
  if (LateTargets) begin : g_branch_next_target
    // (the small boards) A branch redirects only when it is taken (fetch went on to pc + 4), so
    // its redirect pc is its target whatever the outcome: the outcome (behind the forwarding
    // mux and the compare's carry chain) reaches redirect_q alone, not redirect_pc_q's 32 bits.
    assign branch_next = ex_target;
`ifndef SYNTHESIS
    always_comb begin
      if (rst_ni && redirect_d && redirect_branch && !br_taken)
        $error("pipe_core: a branch redirects although it is not taken");
    end
`endif
    // The two sums (ex_target's and the jalr's, at their carry chains' ends) enter last, in two
    // gates with their selects and the other pcs (kept nets, so that synthesis does not fold
    // the sums in deeper): a jalr's target, a branch's or jal's, or the vectors, mepc or pc + 4.
    (* keep *) logic [31:0] pc_other;
    (* keep *) logic        sel_jalr, sel_target;
    assign sel_jalr = redirect_jalr;
    assign sel_target = redirect_branch ||
                        (!exc_q && !take_irq && !ex_dec_q.is_mret && ex_dec_q.is_jal);
    assign pc_other = exc_q ? exc_vector : take_irq ? irq_vector : ex_dec_q.is_mret ? mepc
                    : ex_pc4;
    assign redirect_pc_d = sel_jalr ? jalr_target : sel_target ? ex_target : pc_other;
`ifndef SYNTHESIS
    always_comb begin
      if (rst_ni && redirect_pc_d != (redirect_jalr ? jalr_target
                                      : redirect_branch ? branch_next : redirect_early_pc))
        $error("pipe_core: the redirect pc's late form disagrees");
    end
`endif
  end else begin : g_branch_next
    // The outcome picks between the two pcs a branch may go to, each already muxed with the
    // other instructions' pc (kept as nets, so that the outcome stays the last gate but the jalr
    // sum's; the outcome reaches all 32 bits of redirect_pc_q).
    (* keep *) logic [31:0] pc_if_taken, pc_if_not;
    assign pc_if_taken = redirect_branch ? ex_target : redirect_early_pc;
    assign pc_if_not = redirect_branch ? ex_pc4 : redirect_early_pc;
    assign branch_next = br_taken ? pc_if_taken : pc_if_not;
    assign redirect_pc_d = redirect_jalr ? jalr_target : branch_next;
  end
  // A branch's or jump's misprediction, decided late in the cycle (the compare's carry chains,
  // the jalr sum's compare), meets only registers in its last gates: a branch or jump leaves EX
  // when its operands are there and WB does not wait (ex_done), which xfer_leaves says without
  // ex_advance's other cases (memory ready, M unit done, ...). The branch's outcome selects
  // between two such terms, its last gate.
  logic xfer_leaves, br_mis_taken, br_mis_not;
  assign xfer_leaves = ex_valid && ex_is_xfer && !ex_op_wait && !wb_wait_q && !take_irq &&
                       !exc_q;
  // The other terms are ORed in before that mux (kept as nets, so that synthesis does not fold
  // them in behind the outcome).
  logic redirect_other;
  (* keep *) logic redirect_if_taken, redirect_if_not;
  assign br_mis_taken = xfer_leaves && ex_dec_q.is_branch && mis_if_taken;
  assign br_mis_not = xfer_leaves && ex_dec_q.is_branch && mis_if_not;
  assign redirect_other = exc_q || take_irq || (xfer_leaves && !ex_dec_q.is_branch && mis_jump) ||
                          (ex_commit && (ex_dec_q.is_mret || ex_dec_q.is_fencei ||
                                         (!ex_is_xfer && mis_other)));
  assign redirect_if_taken = redirect_other || br_mis_taken;
  assign redirect_if_not = redirect_other || br_mis_not;
  if (FastPaths) begin : g_redirect
    assign redirect_d = br_taken ? redirect_if_taken : redirect_if_not;
  end else begin : g_redirect_by_order
    pipe_outcome_mux u_redirect (
      .lt_i(alu_lt), .taken_if_lt_i(taken_if_lt), .taken_if_ge_i(taken_if_ge),
      .if_taken_i(redirect_if_taken), .if_not_i(redirect_if_not), .value_o(redirect_d)
    );
  end
`ifndef SYNTHESIS
  always_comb begin
    if (rst_ni && mret_commit != (ex_commit && !exc_static && ex_dec_q.is_mret))
      $error("pipe_core: mret_commit disagrees with ex_commit");
    if (rst_ni && redirect_d != (exc_q || take_irq || (ex_commit && (ex_dec_q.is_mret ||
                                 ex_dec_q.is_fencei || mispredict))))
      $error("pipe_core: the redirect's short path disagrees with ex_commit");
  end
`endif

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      redirect_q <= 1'b0;
      exc_early_q <= 1'b0;
      exc_fault_q <= 1'b0;
      exc_misal_br_q <= 1'b0;
    end else begin
      redirect_q <= redirect_d;
      exc_early_q <= ex_commit && exc_now;
      exc_fault_q <= ex_commit && exc_fault;
      exc_misal_br_q <= ex_commit && exc_misal_br;
    end
  end
  always_ff @(posedge clk_i) begin
    redirect_pc_q <= redirect_pc_d;
  end
  logic [31:0] trap_cause_d, trap_tval_d;
  assign trap_cause_d = take_irq ? irq_cause : exc_cause;
  assign trap_tval_d = take_irq ? 32'd0 : exc_tval;
  // (trap_commit registered, as exc_q holds its exception part: exc stays off this flop)
  logic        irq_q;
  logic [31:0] trap_cause_q, trap_tval_q, trap_epc_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) irq_q <= 1'b0;
    else irq_q <= take_irq;
  end
  always_ff @(posedge clk_i) begin
    trap_cause_q <= trap_cause_d;
    trap_tval_q <= trap_tval_d;
    trap_epc_q <= ex_pc_q;
  end
  assign trap = exc_q || irq_q;
  logic unused_trap_commit;
  assign unused_trap_commit = trap_commit;
  assign trap_cause = trap_cause_q;
  assign trap_tval = trap_tval_q;
  assign trap_epc = trap_epc_q;

  // Branch predictor, trained a cycle after the instruction commits (from registers).
  logic is_call, is_return;
  assign is_call = ras_call(ex_dec_q.is_jal, ex_dec_q.is_jalr, ex_dec_q.rd);
  assign is_return = ras_return(ex_dec_q.is_jalr, ex_dec_q.rd, ex_dec_q.rs1);
  if (BtbEntries > 0) begin : g_bpred
    logic [2:0] unused_pred_call, unused_pred_return;
    logic [2*$clog2(RasEntries):0] unused_ras_state, unused_ras_commit_state;
    logic        upd_valid_q, upd_is_branch_q, upd_is_jump_q, upd_is_call_q, upd_is_return_q;
    logic        upd_taken_q, upd_clear_q;
    logic [31:0] upd_pc_q, upd_target_q;
    logic [BhtIdxW-1:0] upd_bht_idx_q;
    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) upd_valid_q <= 1'b0;
      else upd_valid_q <= ex_commit && !exc_now;
    end
    always_ff @(posedge clk_i) begin
      upd_pc_q <= ex_pc_q;
      upd_is_branch_q <= ex_dec_q.is_branch;
      upd_is_jump_q <= ex_dec_q.is_jal || ex_dec_q.is_jalr;
      upd_is_call_q <= is_call;
      upd_is_return_q <= is_return;
      upd_taken_q <= transfer;
      upd_target_q <= target;
      upd_bht_idx_q <= ex_bht_idx_q;
      upd_clear_q <= !transfer && !ex_dec_q.is_branch && ex_mis_seq_q;
    end
    bpred #(
      .BtbEntries(BtbEntries), .BhtEntries(BhtEntries), .RasEntries(RasEntries), .Lookups(3)
    ) u_bpred (
      .clk_i, .rst_ni, .pc_i(pred_pc), .taken_o(pred_taken), .target_o(pred_target),
      .bht_idx_o(pred_bht_idx),
      .upd_valid_i(upd_valid_q && !last_exc_late), .upd_pc_i(upd_pc_q),
      .upd_is_branch_i(upd_is_branch_q),
      .upd_is_jump_i(upd_is_jump_q), .upd_is_call_i(upd_is_call_q),
      .upd_is_return_i(upd_is_return_q), .upd_taken_i(upd_taken_q), .upd_target_i(upd_target_q),
      .upd_bht_idx_i(upd_bht_idx_q), .upd_clear_i(upd_clear_q),
      .call_o(unused_pred_call), .return_o(unused_pred_return), .ras_push_i(1'b0),
      .ras_push_addr_i('0), .ras_pop_i(1'b0), .ras_restore_i(1'b0), .ras_restore_state_i('0),
      .ras_state_o(unused_ras_state), .ras_commit_state_o(unused_ras_commit_state)
    );
    logic unused_ras_out;
    assign unused_ras_out = ^{unused_pred_call, unused_pred_return, unused_ras_state,
                              unused_ras_commit_state};
  end else begin : g_no_bpred
    // The smallest boards: always predict the next sequential pc.
    assign pred_taken = '0;
    assign pred_target = '0;
    assign pred_bht_idx = '0;
    logic unused_bpred;
    assign unused_bpred = ^{pred_pc, is_call, is_return, ex_bht_idx_q};
  end

  // The EX result: the sources gated by their (exclusive) selects and ORed, so the ALU output
  // is one gate from the register.
  logic [31:0] ex_result;
  logic        res_link, res_alu;
  assign res_link = ex_dec_q.is_jal || ex_dec_q.is_jalr;
  assign res_alu = !res_link && !ex_dec_q.is_csr && !ex_dec_q.is_muldiv;
  logic [31:0] ex_other;  // the results that are not the ALU's
  assign ex_other = (ex_pc4 & {32{res_link}}) | (csr_rdata_q & {32{ex_dec_q.is_csr}}) |
                    (md_result & {32{ex_dec_q.is_muldiv}});
  if (UseWaits) begin : g_result_alu_last
    // The adder's sum (its carry chain's end) and the shifters' results (five mux levels) come
    // last, so everything else is ORed first, apart, and their selects are kept nets of
    // registers: the sum is one LUT from the EX result (mem_result_q's input), the shifts two
    // (their selects, then the sum's gate).
    (* keep *) logic [31:0] other, shift;
    (* keep *) logic        sum_sel, lt_sel, shl_sel, shr_sel;
    assign other = (alu_result & {32{res_alu}}) | ex_other;
    assign sum_sel = res_alu && (ex_dec_q.alu_op == AluAdd || ex_dec_q.alu_op == AluSub);
    assign lt_sel = res_alu && (ex_dec_q.alu_op == AluSlt || ex_dec_q.alu_op == AluSltu);
    assign shl_sel = res_alu && ex_dec_q.alu_op == AluSll;
    assign shr_sel = res_alu && (ex_dec_q.alu_op == AluSrl || ex_dec_q.alu_op == AluSra);
    assign shift = (alu_shl & {32{shl_sel}}) | (alu_shr & {32{shr_sel}});
    assign ex_result = (alu_sum & {32{sum_sel}}) | {31'd0, alu_lt && lt_sel} | shift | other;
  end else begin : g_result
    logic [95:0] unused_alu_apart;  // (in alu_result)
    assign unused_alu_apart = {alu_sum, alu_shl, alu_shr};
    assign ex_result = (alu_result & {32{res_alu}}) | ex_other;
  end

  // ID/EX register update. A redirect decided in this cycle (redirect_d) drops the instruction
  // that enters EX with it: not through these registers (the branch outcome, deep in the cycle,
  // reaches only redirect_q), but by masking them with redirect_q in the next cycle, where
  // ex_valid and ex_first read as 0. A redirect being applied (redirect_q) then clears them.
  logic ex_valid_raw_q, ex_first_raw_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      ex_valid_raw_q <= 1'b0;
      ex_first_raw_q <= 1'b0;
    end else if (redirect_q) begin
      ex_valid_raw_q <= 1'b0;
      ex_first_raw_q <= 1'b0;
    end else if (ex_advance) begin
      ex_valid_raw_q <= f_valid;
      ex_first_raw_q <= f_valid;
    end else begin
      ex_first_raw_q <= 1'b0;
    end
  end
  assign ex_valid = ex_valid_raw_q && !redirect_q;
  assign ex_first = ex_first_raw_q && !redirect_q;
  always_ff @(posedge clk_i) begin
    if (ex_advance) begin
      ex_fetch_fault_q <= !id_in_ram;
      ex_dec_q <= id_in_ram ? id_dec : '0;
      if (!FastPaths && id_in_ram && id_dec.is_branch)
        ex_dec_q.alu_op <= id_dec.funct3[1] ? AluSltu : AluSlt;
      ex_pc_q <= f_pc;
      ex_insn_q <= id_in_ram ? f_insn : 32'd0;
      ex_bht_idx_q <= f_bht_idx;
      // (the MEM instruction's value: its result, or a lw's response from take_rsp_* below)
      ex_rs1_q <= id_op_a_pc ? f_pc : id_fwd_wb_a ? ahead_value : id_rs1_val;
      ex_rs2_q <= id_op_b_imm ? id_op_b_imm_val : id_fwd_wb_b ? ahead_value : id_rs2_val;
      ex_fwd_mem_a_q <= id_fwd_mem_a && !id_op_a_pc;
      ex_fwd_mem_b_q <= id_fwd_mem_b && !id_op_b_imm;
      ex_fwd_wb_a_q <= id_fwd_wb_a && !id_fwd_mem_a && !id_op_a_pc;
      ex_fwd_wb_b_q <= id_fwd_wb_b && !id_fwd_mem_b && !id_op_b_imm;
      ex_load_use_q <= id_load_use;
      ex_take_wb_a_q <= FastPaths && id_fwd_wb_a && !id_fwd_mem_a && !id_op_a_pc &&
                        id_dec.rs1_used && mem_sub;
      ex_take_wb_b_q <= FastPaths && id_fwd_wb_b && !id_fwd_mem_b && !id_op_b_imm &&
                        id_dec.rs2_used && mem_sub;
      ex_mis_seq_q <= Predict && f_pred_next != id_pc4;  // (always pc + 4 without a predictor)
      ex_exc_static_q <= id_exc_static;
    end else if (!wb_wait_q) begin
      // EX waits while MEM and WB move on: the producer in MEM goes to WB (its value is taken
      // here now; with FastPaths a lb/lh/lbu/lhu's next cycle from WB) and the one in WB retires
      // (its value is in ex_rs*_q already).
      if (ex_fwd_mem_a_q) ex_rs1_q <= ahead_value;
      if (ex_fwd_mem_b_q) ex_rs2_q <= ahead_value;
      if (FastPaths) begin
        if (ex_take_wb_a_q) ex_rs1_q <= wb_value;
        if (ex_take_wb_b_q) ex_rs2_q <= wb_value;
      end
      ex_fwd_mem_a_q <= 1'b0;
      ex_fwd_mem_b_q <= 1'b0;
      ex_fwd_wb_a_q <= ex_fwd_mem_a_q;
      ex_fwd_wb_b_q <= ex_fwd_mem_b_q;
      ex_load_use_q <= 1'b0;
      ex_take_wb_a_q <= FastPaths && ex_fwd_mem_a_q && ex_dec_q.rs1_used && mem_sub;
      ex_take_wb_b_q <= FastPaths && ex_fwd_mem_b_q && ex_dec_q.rs2_used && mem_sub;
    end else if (FastPaths && dmem_rsp_valid_i) begin
      // The load that went to WB as ex_rs*_q took its value had missed (WB waited): its value
      // comes into WB now, and into ex_rs*_q next cycle.
      ex_take_wb_a_q <= ex_fwd_wb_a_q && ex_dec_q.rs1_used;
      ex_take_wb_b_q <= ex_fwd_wb_b_q && ex_dec_q.rs2_used;
    end else if (dmem_rsp_valid_i) begin
      // (without FastPaths) The response to the load waiting in WB comes now: its value,
      // wb_result_d, goes in here as into wb_result_q.
      if (ex_fwd_wb_a_q) ex_rs1_q <= ahead_value;
      if (ex_fwd_wb_b_q) ex_rs2_q <= ahead_value;
    end
    // (last: a lw's response, where mem_result_q above stood for it)
    if (take_rsp_a) ex_rs1_q <= dmem_rsp_rdata_i;
    if (take_rsp_b) ex_rs2_q <= dmem_rsp_rdata_i;
  end
  if (LateTargets) begin : g_pc4_from_fetch
    // Without a predictor fetch goes on sequentially, and while an instruction is in EX the
    // oldest pc in the fetch queue is its successor's: no register for pc + 4 (a redirect empties
    // EX before it moves that pc).
    assign ex_pc4 = f_pc;
`ifndef SYNTHESIS
    always_ff @(posedge clk_i) begin
      if (rst_ni && ex_valid && f_pc != ex_pc_q + 32'd4)
        $error("pipe_core: fetch's oldest pc %h is not pc + 4 of EX's %h", f_pc, ex_pc_q);
    end
`endif
  end else begin : g_pc4_reg
    logic [31:0] ex_pc4_q;
    always_ff @(posedge clk_i) begin
      if (ex_advance) ex_pc4_q <= id_pc4;
    end
    assign ex_pc4 = ex_pc4_q;
  end

  // =============================================================================================
  // MEM
  // The response to a MEM instruction's request comes in its MEM cycle, except after a D$ miss:
  // then the instruction goes on to WB and waits there (wb_wait_q).
  // Load data: the response word comes late in the cycle (a block RAM read). Without FastPaths
  // MEM moves the bytes to lane 0 and clears or sign-extends the rest (lb, lh, lw, lbu, lhu; the
  // address is aligned to the size), gating the response's bytes with one-hot lane selects
  // decoded a stage ahead, so that the WB value (forwarded into EX's operands, in front of the
  // address adder) comes straight from wb_result_q. With FastPaths WB takes the word as it
  // comes and does both at its output (the operands take it a cycle ahead there).
  typedef struct packed {
    logic [3:0] b0;    // result byte 0 from lane i
    logic       b1_1;  // result byte 1 from lane 1 (lh at offset 0, lw)
    logic       b1_3;  // ... from lane 3 (lh at offset 2)
    logic       hi;    // result bytes 2 and 3 from lanes 2 and 3 (lw)
  } lanes_t;
  function automatic lanes_t load_lanes(logic is_load, logic [1:0] size, logic [1:0] addr_lo);
    lanes_t l;
    l = '0;
    if (is_load) begin
      l.b0 = 4'b0001 << addr_lo;
      l.b1_1 = size != 2'd0 && !addr_lo[1];
      l.b1_3 = size == 2'd1 && addr_lo[1];
      l.hi = size == 2'd2;
    end
    return l;
  endfunction
  // (With FastPaths anything but a load has the lanes of a word, so WB's value is its result.)
  localparam lanes_t WordLanes = '{b0: 4'b0001, b1_1: 1'b1, b1_3: 1'b0, hi: 1'b1};
  function automatic logic [31:0] lane_format(logic [31:0] w, lanes_t l);
    return {w[31:16] & {16{l.hi}},
            (w[15:8] & {8{l.b1_1}}) | (w[31:24] & {8{l.b1_3}}),
            (w[7:0] & {8{l.b0[0]}}) | (w[15:8] & {8{l.b0[1]}}) |
            (w[23:16] & {8{l.b0[2]}}) | (w[31:24] & {8{l.b0[3]}})};
  endfunction
  lanes_t      mem_lanes_q, wb_lanes_q, lanes;  // (wb_lanes_q: a load waiting in WB)
  logic [1:0]  wb_addr_lo_q, fmt_addr_lo;
  logic [31:0] rsp_shifted, load_value, rsp;
  assign lanes = wb_wait_q ? wb_lanes_q : mem_lanes_q;
  assign rsp = dmem_rsp_rdata_i;
  // (without FastPaths; with wb_wait_q: the response to the load waiting in WB)
  assign load_value = sext(lane_format(rsp, lanes), wb_wait_q ? wb_sext_b_q : mem_lb,
                           wb_wait_q ? wb_sext_h_q : mem_lh);
  // (the trace's mem_rdata)
  assign fmt_addr_lo = wb_wait_q ? wb_addr_lo_q : mem_addr_lo_q;
  assign rsp_shifted = dmem_rsp_rdata_i >> {fmt_addr_lo, 3'b000};

  // EX/MEM register: a committed instruction or the trap record of one.
  logic        intr_pending_q;  // the next retiring instruction is the first of a handler
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      mem_valid_q <= 1'b0;
      mem_wait_q <= 1'b0;
    end else if (!wb_wait_q) begin
      mem_valid_q <= ex_commit;
      mem_wait_q <= ex_commit && !exc_mem && is_mem;
    end
  end
  always_ff @(posedge clk_i) begin
    if (!wb_wait_q) begin
      mem_is_load_q <= ex_dec_q.is_load && !exc_mem;
      mem_mmio_q <= is_mem && addr_in_mmio_window;
      mem_rd_write_q <= ex_dec_q.rd_write && !exc_mem;
      mem_rd_q <= ex_dec_q.rd;
      mem_result_q <= ex_result;
      mem_funct3_q <= ex_dec_q.funct3;
      mem_addr_lo_q <= mem_addr[1:0];
      mem_lanes_q <= (FastPaths && !ex_dec_q.is_load) ? WordLanes
                   : load_lanes(ex_dec_q.is_load, ex_dec_q.funct3[1:0], mem_addr[1:0]);
      mem_rvfi_q <= '0;
      mem_rvfi_q.valid <= ex_commit;
      mem_rvfi_q.insn <= ex_insn_q;
      mem_rvfi_q.trap <= exc_mem;
      mem_rvfi_q.intr <= intr_pending_q;
      mem_rvfi_q.rs1_addr <= ex_dec_q.rs1_used ? ex_dec_q.rs1 : 5'd0;
      mem_rvfi_q.rs2_addr <= ex_dec_q.rs2_used ? ex_dec_q.rs2 : 5'd0;
      mem_rvfi_q.rs1_rdata <= ex_dec_q.rs1_used ? op_a : 32'd0;
      mem_rvfi_q.rs2_rdata <= ex_dec_q.rs2_used ? op_b : 32'd0;
      mem_rvfi_q.pc_rdata <= ex_pc_q;
      mem_rvfi_q.pc_wdata <= ex_next_pc;
      // (the trace's memory fields mean nothing while the masks are zero)
      mem_rvfi_q.mem_addr <= is_mem ? mem_addr : 32'd0;
      mem_rvfi_q.mem_rmask <= (ex_dec_q.is_load && !exc_mem) ? mem_mask >> mem_addr[1:0] : 4'b0;
      mem_rvfi_q.mem_wmask <= (ex_dec_q.is_store && !exc_mem) ? mem_mask >> mem_addr[1:0] : 4'b0;
      mem_rvfi_q.mem_wdata <= ex_dec_q.is_store ? op_b : 32'd0;
    end
  end

  // The late exceptions of the MEM instruction: it went on as if it had none (no response will
  // come: an access fault's request is dropped), so WB takes it as a trap record. The
  // instruction behind it is dropped in EX by exc_q, which sees every exception.
  // (br_taken_q: the outcome of the branch that left EX; last_exc_late takes it too, and when WB
  // waits, no instruction leaves EX)
  logic mem_late_exc, mem_fault_q, mem_misal_br_q;
  always_ff @(posedge clk_i) begin
    if (!wb_wait_q) begin
      mem_fault_q <= exc_fault;
      mem_misal_br_q <= exc_misal_br;
      br_taken_q <= br_taken;
    end
  end
  assign mem_late_exc = mem_fault_q || (mem_misal_br_q && br_taken_q);
  assign exc_mem = exc_early;

  // =============================================================================================
  // WB
  logic wb_retire;  // the WB instruction retires this cycle
  assign wb_retire = wb_valid_q && !wb_wait_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      wb_valid_q <= 1'b0;
      wb_wait_q <= 1'b0;
    end else if (!wb_wait_q) begin
      wb_valid_q <= mem_valid_q;
      wb_wait_q <= mem_valid_q && mem_wait_q && !mem_late_exc && !dmem_rsp_valid_i;
    end else if (dmem_rsp_valid_i) begin
      wb_wait_q <= 1'b0;
    end
  end
  always_ff @(posedge clk_i) begin
    if (!wb_wait_q) begin
      wb_rd_write_q <= mem_rd_write_q && !mem_late_exc;
      wb_mmio_q <= mem_mmio_q;
      wb_rd_q <= mem_rd_q;
      wb_lanes_q <= mem_lanes_q;
      wb_addr_lo_q <= mem_addr_lo_q;
      // (the lane selects are zero unless MEM holds a load; FastPaths: see mem_lanes_q)
      wb_result_q <= FastPaths ? (mem_is_load_q ? rsp : mem_result_q) : wb_result_d;
      wb_sext_b_q <= mem_lb;
      wb_sext_h_q <= mem_lh;
      wb_rvfi_q <= mem_rvfi_q;
      // (mtvec cannot change meanwhile: nothing younger than a trapping instruction commits)
      if (mem_rvfi_q.trap || mem_late_exc) begin
        wb_rvfi_q.trap <= 1'b1;
        wb_rvfi_q.pc_wdata <= exc_vector;
        wb_rvfi_q.mem_rmask <= 4'b0;
        wb_rvfi_q.mem_wmask <= 4'b0;
      end
      if (mem_is_load_q && !mem_late_exc) wb_rvfi_q.mem_rdata <= rsp_shifted;
    end else if (dmem_rsp_valid_i) begin
      // The late response (stores get one too: rd is not written then).
      wb_result_q <= FastPaths ? rsp : wb_result_d;
      if (wb_rvfi_q.mem_rmask != 4'b0) wb_rvfi_q.mem_rdata <= rsp_shifted;
    end
  end

  assign wb_result_d = load_value | (mem_result_q & {32{!mem_is_load_q && !wb_wait_q}});
  assign wb_value = FastPaths ? sext(lane_format(wb_result_q, wb_lanes_q), wb_sext_b_q,
                                    wb_sext_h_q)
                              : wb_result_q;
  assign wb_we = wb_retire && wb_rd_write_q;
  assign wb_waddr = wb_rd_q;
  assign wb_wdata = wb_value;

  // Retire port
  logic [63:0] order_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) order_q <= 64'd0;
    else if (wb_retire) order_q <= order_q + 64'd1;
  end
  always_comb begin
    rvfi_o = wb_rvfi_q;
    rvfi_o.valid = wb_retire;
    rvfi_o.order = order_q;
    rvfi_o.rd_addr = (wb_rd_write_q && wb_retire) ? wb_rd_q : 5'd0;
    rvfi_o.rd_wdata = (wb_rd_write_q && wb_retire && wb_rd_q != 5'd0) ? wb_value : 32'd0;
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
      else if (ex_commit) intr_pending_q <= 1'b0;
    end
  end

  // =============================================================================================
  // Events
  // The counter block takes a cycle's events in a register and counts them in the next cycle.
  // That register is here (events_o comes from registers, hpm_counters' EventsRegistered): a
  // retiring instruction's events are taken as if it had no late exception (exc_now), and
  // last_exc_late turns them into a trap's on the way out when it had one. The branch outcome
  // and the access check then end in registers instead of running on into the counter block, and
  // the counts are what they were, in the same cycles.
  // The events a retiring instruction counts: an instruction that traps counts TRAP instead, here
  // and in the late correction below, so a new retire event is added to this one mask.
  localparam logic [HPM_EVENT_COUNT-1:0] RetireEvents = HPM_EVENT_COUNT'(
      (64'd1 << HPM_EV_INSTRET) | (64'd1 << HPM_EV_BRANCH) | (64'd1 << HPM_EV_JUMP) |
      (64'd1 << HPM_EV_MISPREDICT) | (64'd1 << HPM_EV_LOAD) | (64'd1 << HPM_EV_STORE));
  logic [HPM_EVENT_COUNT-1:0][EventCountW-1:0] events_d;
  always_comb begin
    events_d = '0;
    events_d[HPM_EV_INSTRET] = EventCountW'(1);
    events_d[HPM_EV_BRANCH] = EventCountW'(ex_dec_q.is_branch);
    events_d[HPM_EV_JUMP] = EventCountW'(ex_dec_q.is_jal || ex_dec_q.is_jalr);
    events_d[HPM_EV_MISPREDICT] = EventCountW'(mispredict);
    events_d[HPM_EV_LOAD] = EventCountW'(ex_dec_q.is_load);
    events_d[HPM_EV_STORE] = EventCountW'(ex_dec_q.is_store);
    for (int unsigned e = 0; e < HPM_EVENT_COUNT; e++) begin
      if (RetireEvents[e] && !(ex_commit && !exc_now)) events_d[e] = '0;
    end
    events_d[HPM_EV_TRAP] = EventCountW'(ex_commit && exc_now);
    events_d[HPM_EV_INTERRUPT] = EventCountW'(take_irq);
    events_d[HPM_EV_LOAD_USE_STALL] =
        EventCountW'(ex_valid && ex_op_wait && !wb_wait_q && !take_irq && !exc_q);
    // EX starves while instruction memory is busy (an I$ miss); the refill after a redirect is
    // the cost of MISPREDICT and is not counted here.
    events_d[HPM_EV_FRONTEND_MEM_STALL] = EventCountW'(!ex_valid && !f_valid && !imem_req_ready_i);
    events_d[HPM_EV_BACKEND_MEM_STALL] =
        EventCountW'(wb_wait_q ||
                     (ex_valid && is_mem && !ex_op_wait && !take_irq && !dmem_req_ready_i));
    events_d[HPM_EV_MULDIV_BUSY] = EventCountW'(md_busy);
  end
  begin : g_late_events
    logic [HPM_EVENT_COUNT-1:0][EventCountW-1:0] events_q;
    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) events_q <= '0;
      else events_q <= events_d;
    end
    always_comb begin
      events_o = events_q;
      if (last_exc_late) begin
        for (int unsigned e = 0; e < HPM_EVENT_COUNT; e++) begin
          if (RetireEvents[e]) events_o[e] = '0;
        end
        events_o[HPM_EV_TRAP] = EventCountW'(1);
      end
    end
  end
endmodule
