// The out-of-order core: RV32IM + Zicsr + Zicntr + Zihpm + Zifencei in machine mode, with the same
// port bundle, traps, interrupts and CSRs as pipe_core. docs/ooo.md describes the design and what
// of it exists; in short, this version fetches, renames and commits up to two instructions a cycle:
//  - fetch: pipe_fetch (two instructions per I$ access) and bpred (BTB, gshare, return-address
//    stack) and a fetch queue;
//  - rename/dispatch, two a cycle: ooo_rat (speculative + committed map), ooo_free_list, ROB
//    entries, and ooo_issue_queue entries for ALU, branch, jump and M instructions;
//  - issue/execute: wakeup/select (oldest ready first for the ALU/branch port), issue registers
//    (IssueRegs), then operands from ooo_prf, the ALU/branch pipe (result and branch outcome in
//    that cycle), a second ALU for plain ALU instructions, the M unit (rv_muldiv) beside them;
//  - load/store queues (the ROB entries serve as both): a store's address and data are computed
//    out of order (through the ALU port) and kept in its ROB entry; a load looks up the older
//    stores (in the ROB and in the store buffer) and takes its bytes from the youngest one that
//    writes them all (forwarding), waits when one writes only some, else reads the D$; it may
//    pass older stores whose address is unknown (memory-dependence speculation): a store whose
//    address resolves marks the younger loads it should have fed, and such a load is replayed
//    (flushed and refetched) when it reaches the head; an MMIO or faulting load is left to the
//    head;
//  - the ROB head executes what must not run speculatively: stores (a RAM store commits into the
//    store buffer, which drains to the D$ behind commit; an MMIO store waits for its response),
//    MMIO and faulting loads, CSRs, mret, wfi, fence.i;
//  - recovery: a mispredicted branch or jump restores the rename map and the free list from its
//    checkpoint (saved at rename) in the cycle after it executes and squashes the younger ROB and
//    issue-queue entries in that one cycle; fetch is redirected then too, or already in the
//    execute cycle for a branch that went the other way than predicted (EarlyRedirect), whose
//    right path then renames in the recovery's cycle;
//  - commit: in order, up to two per cycle (the second a done ALU or M instruction, a load the
//    load port did, or a branch or jump beside a head that is none); exceptions, interrupts, mret
//    and fence.i flush everything younger and restore the rename map from the committed map in
//    one cycle, the one after the head decides it.
module ooo_core
  import core_pkg::*;
  import hpm_events_pkg::*;
#(
  parameter logic [31:0] RamBase = 32'h8000_0000,
  parameter logic [31:0] RamSize = 32'h0001_0000,
  parameter int unsigned BtbEntries = 32,
  parameter int unsigned BhtEntries = 256,
  parameter int unsigned RasEntries = 64,
  // 1: the predictor's sequential and predicted-target lookups read block RAM at the clock edge
  // (pipe_fetch's LookAhead gives them next cycle's pcs); the redirect lookups stay in LUT RAM,
  // as the redirect pc is known only in its own cycle.
  parameter bit          PredictorBram = 1'b1,
  // 1: an I$ response goes to rename in its own cycle when the fetch queue is empty (pipe_fetch's
  // RspBypass): a redirect's first instructions rename a cycle sooner.
  parameter bit          FetchBypass = 1'b1,
  // 1: a conditional branch whose direction was mispredicted redirects fetch in its execute
  // cycle, to the pc it was not predicted to go to (known before the compare), and rename goes
  // on in the recovery's cycle with the restored map: the right path renames a cycle after the
  // branch executes. Other mispredictions (a jump, a wrong target) redirect in the recovery's
  // cycle, with rename stopped in it. 0: all of them do that.
  parameter bit          EarlyRedirect = 1'b1,
  // 1: issue registers, a cycle between the issue queue's select and the units' register read:
  // the select and the execution units are apart in the clock's longest paths. A one-cycle ALU
  // result wakes its users at its select (they issue in the cycle after it, as without the
  // registers, and read the register file after its write); the others (M unit, loads) wake at
  // their write, a cycle later than the units could use them. 0: select, register read and the
  // units in one cycle.
  parameter bit          IssueRegs = 1'b1,
  // 1 (needs IssueRegs): the load port's search result goes into a request register, from which
  // the data port is asked in the next cycle (the store search and the data port apart in the
  // clock's paths), and a load's users wake as its request goes out (speculatively: the D$
  // answers in the next cycle when it hits). An instruction in an issue register whose source
  // is not written yet (a load that missed, or an instruction waiting on one) holds there until
  // it is, and its port takes no new pick meanwhile. 0: the search asks the port in its own
  // cycle and a load's users wake at its write. (0 by default until fetch's response bypass goes:
  // docs/ooo.md, session 22.)
  parameter bit          LoadReqReg = 1'b0,
  // 1: the return-address stack is pushed and popped by fetch as it predicts calls and returns
  // (bpred's SpecRas), and put back on every redirect: from the checkpoint of the branch or jump
  // that recovers, or to the committed stack on a flush. 0: trained at commit (the pipe core's).
  parameter bit          SpecRas = 1'b1,
  parameter bit          FastMul = 1'b1,   // 0: the small serial multiplier/divider (no DSPs)
  // Instructions per fetch (1 or 2; 2 needs imem_rsp_data1_i, the memory's next word, valid for
  // words in the same FetchBlockBytes block)
  parameter int unsigned FetchWidth = 2,
  parameter int unsigned FetchBlockBytes = 16,
  parameter int unsigned FetchQueueDepth = 8,
  parameter int unsigned NumPregs = 64,    // physical registers (32 hold the committed state)
  parameter int unsigned RobEntries = 32,
  parameter int unsigned IqEntries = 8,
  parameter int unsigned NumCkpts = 4,     // branches and jumps in flight (rename map checkpoints)
  parameter bit          SpecLoads = 1'b1, // 0: every load and store executes at the ROB head
  parameter int unsigned StoreBufEntries = 4, // committed RAM stores waiting for the data port
  // Store-wait predictor: a bit per load pc hash, set when the load is replayed; a load whose bit
  // is set waits until every older store's address is known. All bits clear every
  // 2^StoreWaitClearLog2 cycles. 0 entries: no predictor (loads always speculate).
  parameter int unsigned StoreWaitEntries = 64,
  parameter int unsigned StoreWaitClearLog2 = 14
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
  input  logic [31:0] imem_rsp_data1_i,
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
  // trace: one RVFI channel per commit slot, in program order (channel 0 first)
  output rvfi_t [RetireWidth-1:0] rvfi_o,
  output irq_trace_t  irq_trace_o
);
  localparam int unsigned BhtIdxW = $clog2(BhtEntries);
  localparam int unsigned PregW = $clog2(NumPregs);
  localparam int unsigned RobW = $clog2(RobEntries);
  localparam int unsigned CkptW = $clog2(NumCkpts);
  localparam int unsigned RasIdxW = $clog2(RasEntries);
  localparam int unsigned RasW = 2 * RasIdxW + 1;  // the stack's state: count, top index
  // The memory queues compare word addresses within RAM (loads that speculate or forward are all
  // in RAM, and a store's entry says whether it is): the bits below the RAM size, when RAM is a
  // naturally aligned power of two, else all of them.
  localparam bit          RamPow2 = (RamSize & (RamSize - 32'd1)) == 32'd0 &&
                                    (RamBase & (RamSize - 32'd1)) == 32'd0;
  localparam int unsigned WordW = RamPow2 ? $clog2(RamSize) : 32;

  // What the execution units need of an issue-queue entry.
  typedef struct packed {
    logic [RobW-1:0]  rob_idx;
    logic [CkptW:0]   ckpt;       // branches and jumps: the checkpoint taken at rename
    logic [PregW-1:0] pd;
    logic             rd_alloc;   // writes pd
    logic [31:0]      pc;
    logic [31:0]      pred_next;
    logic [31:0]      imm;
    alu_op_e          alu_op;
    logic             op_a_pc;
    logic             op_b_imm;
    logic             is_branch;
    logic             is_jal;
    logic             is_jalr;
    logic [2:0]       funct3;
    logic             is_sta;     // a store's address: recorded in the ROB for the loads' check
  } iq_payload_t;
  localparam int unsigned PayloadW = $bits(iq_payload_t);

  // PRF ports: reads 0/1 ALU, 2/3 M unit or second ALU (they never issue in the same cycle), 4/5
  // ROB head, 6 the committing result (trace), 7 the load port, 8 the second commit slot's result
  // (trace); writes 0 ALU, 1 M unit, 2 ROB head (loads, CSRs) or load port (never both: one data
  // response a cycle, and a CSR waits for a load-port response), 3 the second ALU. (Every port
  // costs LUT RAM copies: a write port a bank per read port, a read port a copy per bank.)
  localparam int unsigned NumRead = 9;
  localparam int unsigned NumWrite = 4;
  logic [NumRead-1:0][PregW-1:0]  prf_raddr /* verilator split_var */;
  logic [NumRead-1:0][31:0]       prf_rdata /* verilator split_var */;
  logic [NumWrite-1:0]            prf_we;
  logic [NumWrite-1:0][PregW-1:0] prf_waddr;
  logic [NumWrite-1:0][31:0]      prf_wdata;
  logic [NumPregs-1:0]            preg_ready;

  // Commit throws away everything younger than the committing instruction: decided at the head
  // (flush_req), acted on in the next cycle from registers (flush, flush_pc), in which the head
  // does nothing.
  logic        flush_req, flush;
  logic [31:0] flush_pc;
  // A branch or jump found its misprediction in the last cycle: squash what is younger than it
  // (recover_rob), restore its checkpoint (recover_ckpt), refetch at recover_pc.
  logic        recover;
  logic [31:0] recover_pc;
  // The recovery redirected fetch a cycle ago (EarlyRedirect: early) or does it now (late)
  logic        recover_early_q, recover_late;
  logic        early_redirect;  // a branch executing now redirects fetch (EarlyRedirect)
  logic [31:0] early_pc;
  logic [RobW-1:0] recover_rob;
  logic [RobW-1:0] recover_age;  // its distance from the ROB head: what is farther goes

  // =============================================================================================
  // Fetch
  // pipe_fetch looks up three candidate pcs (redirect, sequential, predicted target) at once, for
  // each of its FetchWidth instructions. Rename takes slot 0 (and slot 1 when it can).
  localparam int unsigned FW = FetchWidth;
  logic [3*FW-1:0][31:0] pred_pc, pred_target;
  logic [3*FW-1:0]       pred_taken;
  logic [3*FW-1:0][BhtIdxW-1:0] pred_bht_idx;
  logic [FW-1:0]         fq_valid, fq_ready;
  logic [FW-1:0][31:0]   fq_pc, fq_insn, fq_pred_next;
  logic [FW-1:0][BhtIdxW-1:0] fq_bht_idx;
  logic        f_valid, f_ready;
  logic [31:0] f_pc, f_insn, f_pred_next;
  logic [BhtIdxW-1:0] f_bht_idx;
  logic [31:0] unused_next_insn;
  logic        f_req_pair;  // this cycle's fetch request takes two instructions
  // The return-address stack (SpecRas): what the lookups found, fetch's push or pop, the stack's
  // state for this cycle's request (after a redirect's restore) and for each slot.
  logic [3*FW-1:0]       pred_call, pred_return;
  logic                  ras_push, ras_pop;
  logic [31:2]           ras_push_addr;
  logic [RasW-1:0]       ras_state, ras_restore_state, ras_commit_state;
  logic [FW-1:0][RasW-1:0] fq_ras;

  pipe_fetch #(
    .Depth(FetchQueueDepth), .BhtIdxW(BhtIdxW), .FetchWidth(FW), .BlockBytes(FetchBlockBytes),
    .LookAhead(PredictorBram), .RspBypass(FetchBypass), .SpecRas(SpecRas), .RasStateW(RasW)
  ) u_fetch (
    .clk_i, .rst_ni, .boot_pc_i,
    .imem_req_valid_o, .imem_req_ready_i, .imem_req_addr_o, .imem_rsp_valid_i, .imem_rsp_data_i,
    .imem_rsp_data1_i, .imem_req_pair_o(f_req_pair), .pred_pc_o(pred_pc), .pred_taken_i(pred_taken),
    .pred_target_i(pred_target), .pred_bht_idx_i(pred_bht_idx),
    .redirect_i(flush || recover_late || early_redirect),
    .redirect_pc_i(flush ? flush_pc : recover_late ? recover_pc : early_pc),
    .out_valid_o(fq_valid), .out_pc_o(fq_pc), .out_insn_o(fq_insn),
    .out_pred_next_o(fq_pred_next), .out_bht_idx_o(fq_bht_idx), .out_ready_i(fq_ready),
    .next_insn_o(unused_next_insn), .pred_call_i(pred_call), .pred_return_i(pred_return),
    .ras_push_o(ras_push), .ras_push_addr_o(ras_push_addr), .ras_pop_o(ras_pop),
    .ras_state_i(ras_state), .out_ras_o(fq_ras)
  );
  assign f_valid = fq_valid[0];
  assign f_pc = fq_pc[0];
  assign f_insn = fq_insn[0];
  assign f_pred_next = fq_pred_next[0];
  assign f_bht_idx = fq_bht_idx[0];
  if (FW > 1) begin : g_fq_unused
    logic unused_fq;
    assign unused_fq = ^{fq_valid[FW-1:1], fq_pc[FW-1:1], fq_insn[FW-1:1], fq_pred_next[FW-1:1],
                         fq_bht_idx[FW-1:1], fq_ras[FW-1:1]};
  end

  // =============================================================================================
  // Rename and dispatch: up to two instructions a cycle (slot 0 the older), in order. Slot 1
  // goes only with slot 0, when both find their resources, and not behind a branch or jump
  // (a pair holds at most one checkpoint, its last instruction's).
  logic [1:0]        rn_valid;
  logic [1:0][31:0]  rn_pc, rn_insn, rn_pred_next;
  logic [1:0][BhtIdxW-1:0] rn_bht_idx;
  logic [1:0][RasW-1:0] rn_ras;
  assign rn_valid[0] = f_valid;
  assign rn_pc[0] = f_pc;
  assign rn_insn[0] = f_insn;
  assign rn_pred_next[0] = f_pred_next;
  assign rn_bht_idx[0] = f_bht_idx;
  assign rn_ras[0] = fq_ras[0];
  if (FW > 1) begin : g_rn_pair
    assign rn_valid[1] = fq_valid[1];
    assign rn_pc[1] = fq_pc[1];
    assign rn_insn[1] = fq_insn[1];
    assign rn_pred_next[1] = fq_pred_next[1];
    assign rn_bht_idx[1] = fq_bht_idx[1];
    assign rn_ras[1] = fq_ras[1];
  end else begin : g_rn_single
    assign rn_valid[1] = 1'b0;
    assign rn_pc[1] = '0;
    assign rn_insn[1] = '0;
    assign rn_pred_next[1] = '0;
    assign rn_bht_idx[1] = '0;
    assign rn_ras[1] = '0;
  end

  decoded_t [1:0] d_dec;
  logic [1:0]  d_fault, d_exc, d_head_op, d_iq_op, d_alloc, d_done, d_ctrl, d_spec_ld, d_sta;
  logic [1:0][3:0] d_cause;
  logic [1:0][4:0] d_rs1, d_rs2, d_rd;
  for (genvar i = 0; i < 2; i++) begin : g_decode
    rv_decoder u_decoder (.insn_i(rn_insn[i]), .dec_o(d_dec[i]));
    assign d_fault[i] = !addr_map_pkg::in_ram(rn_pc[i], RamBase, RamSize);
    assign d_exc[i] = d_fault[i] || d_dec[i].illegal || d_dec[i].is_ecall || d_dec[i].is_ebreak;
    // Executed at the ROB head, when nothing older can flush them: side effects and CSR state.
    assign d_head_op[i] = !d_exc[i] && (d_dec[i].is_load || d_dec[i].is_store ||
                                        d_dec[i].is_csr || d_dec[i].is_mret ||
                                        d_dec[i].is_wfi || d_dec[i].is_fencei);
    assign d_spec_ld[i] = SpecLoads && !d_exc[i] && d_dec[i].is_load;
    // A store commits at the head; the issue queue computes its address and takes its data.
    assign d_sta[i] = SpecLoads && !d_exc[i] && d_dec[i].is_store;
    assign d_iq_op[i] = d_spec_ld[i] || d_sta[i] ||
                        (!d_exc[i] && !d_head_op[i] && (d_dec[i].rd_write || d_dec[i].is_branch));
    // Done at rename: exceptions found in decode, fence (a no-op here).
    assign d_done[i] = !d_head_op[i] && !d_iq_op[i];
    assign d_ctrl[i] = d_iq_op[i] && (d_dec[i].is_branch || d_dec[i].is_jal || d_dec[i].is_jalr);
    assign d_alloc[i] = !d_exc[i] && d_dec[i].rd_write && d_dec[i].rd != 5'd0;
    // Unused sources read x0 (physical register 0: always ready) so they never wait.
    assign d_rs1[i] = d_dec[i].rs1_used ? d_dec[i].rs1 : 5'd0;
    assign d_rs2[i] = d_dec[i].rs2_used ? d_dec[i].rs2 : 5'd0;
    assign d_rd[i] = d_dec[i].rd;
    // The trap value follows from the cause at the head (h_tval).
    always_comb begin
      d_cause[i] = 4'd2;
      if (d_fault[i]) d_cause[i] = 4'd1;
      else if (d_dec[i].illegal) d_cause[i] = 4'd2;
      else if (d_dec[i].is_ecall) d_cause[i] = 4'd11;
      else if (d_dec[i].is_ebreak) d_cause[i] = 4'd3;
    end
  end

  localparam int unsigned FlCountW = $clog2(NumPregs - 32) + 1;
  logic [1:0][PregW-1:0] d_ps1, d_ps2, d_old_pd, fl_preg, d_pd;
  logic [FlCountW-1:0]   fl_count;
  logic [1:0]       iq_free;
  logic [1:0]       go;  // the slot is renamed and dispatched this cycle
  logic             go0, go1;
  logic             rob_full, rob_room2, dispatch;
  logic             retire, commit_alloc, retire1, commit1_alloc;
  logic [4:0]       commit_rd, commit1_rd;
  logic [PregW-1:0] commit_pd, commit_old_pd, commit1_pd, commit1_old_pd;

  // Checkpoints: a circular buffer in program order, taken at rename by every branch and jump. A
  // branch or jump needs its checkpoint only until it executes (a recovery restores the
  // mispredicted one's), so the oldest is freed once its branch has executed (ckpt_res_q), not
  // when it commits; a recovery frees the younger ones.
  logic [CkptW:0] ckpt_head_q, ckpt_tail_q;
  logic [CkptW:0] ckpt_tail;  // the next checkpoint rename takes (past the recovering one's)
  logic           ckpt_full, ckpt_free, ckpt_save, ckpt_slot0;
  logic [CkptW:0] recover_ckpt;
  logic [NumCkpts-1:0] ckpt_res_q;  // the checkpoint's branch or jump has executed
  assign ckpt_tail = recover ? recover_ckpt + 1'b1 : ckpt_tail_q;
  assign ckpt_full = (ckpt_tail - ckpt_head_q) == (CkptW + 1)'(NumCkpts);
  assign ckpt_free = ckpt_tail_q != ckpt_head_q && ckpt_res_q[ckpt_head_q[CkptW-1:0]];

  // What each slot needs: a ROB entry, a free register if it writes rd, an issue-queue entry if
  // it computes, a checkpoint if it is a branch or jump. Slot 1 needs them on top of slot 0's.
  logic [1:0] need_preg, need_iq;
  assign need_preg[0] = d_alloc[0] && fl_count == '0;
  assign need_iq[0] = d_iq_op[0] && !iq_free[0];
  assign need_preg[1] = d_alloc[1] && fl_count < FlCountW'(1) + FlCountW'(d_alloc[0]);
  assign need_iq[1] = d_iq_op[1] && !(d_iq_op[0] ? iq_free[1] : iq_free[0]);
  // (After a late recovery's redirect the queue still holds the wrong path in its cycle.)
  assign f_ready = !flush && !recover_late && !rob_full && !need_preg[0] && !need_iq[0] &&
                   !(d_ctrl[0] && ckpt_full);
  assign go0 = rn_valid[0] && f_ready;
  assign go1 = go0 && rn_valid[1] && !(d_ctrl[0] && d_ctrl[1]) && rob_room2 && !need_preg[1] &&
                 !need_iq[1] && !(d_ctrl[1] && ckpt_full);
  assign go = {go1, go0};
  assign dispatch = go0;
  assign fq_ready = FW'(go);
  assign ckpt_save = (go[0] && d_ctrl[0]) || (go[1] && d_ctrl[1]);
  // A branch or jump in slot 0: its checkpoint leaves out slot 1, which is younger.
  assign ckpt_slot0 = d_ctrl[0];
  // Slot 1's register: the free list's second if slot 0 takes the first.
  assign d_pd[0] = fl_preg[0];
  assign d_pd[1] = d_alloc[0] ? fl_preg[1] : fl_preg[0];

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      ckpt_head_q <= '0;
      ckpt_tail_q <= '0;
    end else if (flush) begin
      ckpt_head_q <= '0;
      ckpt_tail_q <= '0;
    end else begin
      if (ckpt_free) ckpt_head_q <= ckpt_head_q + 1'b1;
      ckpt_tail_q <= ckpt_tail + (CkptW + 1)'(ckpt_save);
    end
  end

  ooo_rat #(.PregW(PregW), .NumCkpts(NumCkpts)) u_rat (
    .clk_i, .rst_ni, .rs1_i(d_rs1), .rs2_i(d_rs2), .rd_i(d_rd), .ps1_o(d_ps1), .ps2_o(d_ps2),
    .old_pd_o(d_old_pd), .rename_alloc_i(d_alloc), .rename_we_i(go), .rename_pd_i(d_pd),
    .commit_we_i({retire1 && commit1_alloc, retire && commit_alloc}),
    .commit_rd_i({commit1_rd, commit_rd}), .commit_pd_i({commit1_pd, commit_pd}),
    .save_i(ckpt_save), .save_slot0_i(ckpt_slot0), .save_idx_i(ckpt_tail[CkptW-1:0]),
    .restore_i(recover), .restore_idx_i(recover_ckpt[CkptW-1:0]), .flush_i(flush)
  );

  ooo_free_list #(.NumPregs(NumPregs), .NumCkpts(NumCkpts)) u_free_list (
    .clk_i, .rst_ni, .pop_i(go & d_alloc), .count_o(fl_count), .preg_o(fl_preg),
    .commit_pop_i({retire1 && commit1_alloc, retire && commit_alloc}),
    .push_i({retire1 && commit1_alloc, retire && commit_alloc}),
    .push_preg_i({commit1_old_pd, commit_old_pd}), .save_i(ckpt_save),
    .save_slot0_i(ckpt_slot0), .save_idx_i(ckpt_tail[CkptW-1:0]), .restore_i(recover),
    .restore_idx_i(recover_ckpt[CkptW-1:0]), .flush_i(flush)
  );

  // A source is ready if its register is, or if it is written in this very edge, or (IssueRegs)
  // if its producer wakes its users early now (rn_wake: the register writes and the early
  // wakeups below).
  function automatic logic src_ready(logic [PregW-1:0] ps, logic [NumPregs-1:0] ready,
                                     logic [NumWrite+3:0] we, logic [NumWrite+3:0][PregW-1:0] wa);
    logic r;
    r = ready[ps];
    for (int w = 0; w < NumWrite + 4; w++) r |= we[w] && wa[w] == ps;
    return r;
  endfunction
  // IssueRegs: an ALU port's select wakes its users (0, 1: ALU 0 and 1), and so does the start of
  // a multiply (2), a cycle before the register write; the M unit's wake into the issue queue is
  // that, or a division's write.
  logic [3:0]            early_wake;  // (3: a load's request goes out, LoadReqReg)
  logic [3:0][PregW-1:0] early_tag;
  logic                  md_wake;
  logic [PregW-1:0]      md_wake_tag;
  logic [NumWrite+3:0]            rn_wake;
  logic [NumWrite+3:0][PregW-1:0] rn_wake_tag;
  // LoadReqReg: an issue register whose sources are not all written yet holds its instruction
  // (the units do not take it, the port takes no new pick); a flush or a squash that covers it
  // empties it (kill).
  logic alu_hold, alu1_hold, md_hold, ld_hold;
  logic alu_kill, alu1_kill, md_kill, ld_kill;
  assign rn_wake = {early_wake, prf_we};
  assign rn_wake_tag = {early_tag, prf_waddr};
  // Slot 1's sources that slot 0 writes are not ready (slot 0 has not even issued).
  logic [1:0] d_rdy1, d_rdy2;
  for (genvar i = 0; i < 2; i++) begin : g_src_ready
    logic dep1, dep2;
    if (i == 0) begin : g_old
      assign dep1 = 1'b0;
      assign dep2 = 1'b0;
    end else begin : g_young
      assign dep1 = d_alloc[0] && d_rs1[1] == d_rd[0];
      assign dep2 = d_alloc[0] && d_rs2[1] == d_rd[0];
    end
    assign d_rdy1[i] = !dep1 && src_ready(d_ps1[i], preg_ready, rn_wake, rn_wake_tag);
    assign d_rdy2[i] = !dep2 && src_ready(d_ps2[i], preg_ready, rn_wake, rn_wake_tag);
  end

  // =============================================================================================
  // Reorder buffer: what rename writes, in two LUT RAMs written by both rename slots (banked by
  // entry parity: ram_even_odd): the fields the two commit slots read (at head and head + 1) and
  // those only the head reads ...
  typedef struct packed {
    logic [31:0]      pc;
    logic [31:0]      insn;       // 0 for a fetch fault (as the pipe core)
    logic [PregW-1:0] pd;
    logic [PregW-1:0] old_pd;
    logic [BhtIdxW-1:0] bht;    // the predictor's counter index (either slot trains it)
  } rob_commit_t;
  typedef struct packed {
    logic [PregW-1:0]   ps1;
    logic [PregW-1:0]   ps2;
    logic [3:0]         cause;    // an exception found at rename
  } rob_head_t;
  rob_commit_t [1:0] rob_cw, rob_cr;   // written by the rename slots; read at head, head + 1
  rob_head_t   [1:0] rob_hw;
  rob_head_t         rob_hr;
  logic [RobEntries-1:0] rob_alloc_q;
  logic [RobEntries-1:0] rob_spec_q;  // a load the load port owns (else the head executes it)
  // The load and store queues live in the ROB entries. A store: its address (word, bytes, in RAM
  // or not) once known, its data (in its byte lanes) once known. A load the load port executed:
  // its word and bytes, and whether it took its value from an older store still in the ROB
  // (which one) rather than from the D$ or the store buffer. (Loads and stores have address
  // fields of their own: one writer each, so the flops need no input multiplexer.)
  logic [RobEntries-1:0] rob_st_q;        // a store
  logic [RobEntries-1:0] rob_st_known_q;  // ... its address is known (rob_st_word_q, ...)
  logic [RobEntries-1:0] rob_std_q;       // ... its data is known (rob_st_data_q)
  logic [WordW-1:2]   rob_st_word_q   [RobEntries];
  logic [3:0]         rob_st_be_q     [RobEntries];
  logic [RobEntries-1:0] rob_st_buf_q;    // ... in RAM and aligned: the store buffer takes it
  logic [31:0]        rob_st_data_q   [RobEntries];  // LUT RAM: written by the ALU port only
  logic [WordW-1:2]   rob_ld_word_q   [RobEntries];
  logic [3:0]         rob_ld_be_q     [RobEntries];
  logic [RobEntries-1:0] rob_ld_exec_q;   // a load that has its value (or its D$ read is sent)
  logic [RobEntries-1:0] rob_ld_fwd_q;    // ... forwarded from the store at rob_ld_fwd_idx_q
  logic [RobW-1:0]    rob_ld_fwd_idx_q [RobEntries];
  logic [RobEntries-1:0] rob_replay_q;    // a load an older store's address showed wrong
  logic [RobEntries-1:0] vc_hit;          // ... marked at this edge (the violation check)
  logic [31:0]        rob_ld_addr_q   [RobEntries];  // a load's address, for the trace only
  // ... and what execution adds (rename sets the values of an instruction that needs no unit).
  // mispredict: commit must still redirect; mispredicted: for the event (recovered or not)
  logic [RobEntries-1:0] rob_done_q, rob_exc_q, rob_mispredict_q, rob_mispredicted_q, rob_taken_q;
  // The ALU's next pc and target go to memories of their own, written only by the ALU, so they
  // map to LUT RAM (one write port each) instead of flops with two; rob_ex_q says the entry's
  // values are the ALU's. Without it, the next pc and target are pc + 4 and the trap value
  // follows from the cause (rob_tval_rn).
  logic [RobEntries-1:0] rob_ex_q;
  logic [31:0]        rob_ex_next_q   [RobEntries];
  logic [31:0]        rob_ex_target_q [RobEntries];
  logic [RobW:0]      rob_head_q, rob_tail_q;  // one extra bit tells full from empty
  logic [RobW-1:0]    head, head1, tail;
  logic [RobW:0]      rob_tail;  // where rename writes: past the recovering branch in a recovery
  logic [1:0][RobW-1:0] rn_idx;  // the entries the rename slots take

  assign head = rob_head_q[RobW-1:0];
  assign head1 = head + 1'b1;
  // (A recovering branch keeps itself and everything older.)
  assign rob_tail = recover ? rob_head_q + (RobW + 1)'(recover_age) + 1'b1 : rob_tail_q;
  assign tail = rob_tail[RobW-1:0];
  assign rn_idx[0] = tail;
  assign rn_idx[1] = tail + 1'b1;
  assign rob_full = (rob_tail - rob_head_q) == (RobW + 1)'(RobEntries);
  assign rob_room2 = (rob_tail - rob_head_q) <= (RobW + 1)'(RobEntries - 2);

  for (genvar i = 0; i < 2; i++) begin : g_rob_write
    assign rob_cw[i].pc = rn_pc[i];
    assign rob_cw[i].insn = d_fault[i] ? 32'd0 : rn_insn[i];
    assign rob_cw[i].pd = d_pd[i];
    assign rob_cw[i].old_pd = d_old_pd[i];
    assign rob_cw[i].bht = rn_bht_idx[i];
    assign rob_hw[i].ps1 = d_ps1[i];
    assign rob_hw[i].ps2 = d_ps2[i];
    assign rob_hw[i].cause = d_cause[i];
  end
  ram_even_odd #(.Depth(RobEntries), .Width($bits(rob_commit_t)), .NumRead(2)) u_rob_commit (
    .clk_i, .we_i(go), .waddr_i(rn_idx), .wdata_i(rob_cw), .raddr_i({head1, head}),
    .rdata_o(rob_cr)
  );
  ram_even_odd #(.Depth(RobEntries), .Width($bits(rob_head_t)), .NumRead(1)) u_rob_head (
    .clk_i, .we_i(go), .waddr_i(rn_idx), .wdata_i(rob_hw), .raddr_i(head), .rdata_o(rob_hr)
  );

  // =============================================================================================
  // Issue queue
  iq_payload_t [1:0] d_payload;
  iq_payload_t alu_p, md_p;
  iq_payload_t ld_p;
  logic        alu_issue, md_issue, md_busy, ld_issue, ld_req_valid;
  logic        ex_sta_first, ex_std;  // a store on the ALU port: its first issue; data is ready
  logic [1:0]  lq_valid_q;   // the load port's request slots (below)
  logic [31:0] lq_addr_q [2];
  // the slot searched this cycle (it may go to the port): the one that has waited longer first
  logic        lq_pick_q;
  logic        lq_sb_hit, lq_sb_cover;  // a buffered store writes some / all of lq_pick_q's bytes
  logic [31:0] lq_sb_data;
  logic [3:0]  lq_be;                   // the bytes lq_pick_q's load reads
  logic [PayloadW-1:0] alu_p_bits, md_p_bits, ld_p_bits;
  logic [PregW-1:0] alu_ps1, alu_ps2, md_ps1, md_ps2, ld_ps1;
  logic [$clog2(IqEntries+1)-1:0] unused_iq_count;
  logic [1:0]            iq_is_md, iq_alu1;
  iq_payload_t alu1_p;
  logic [PayloadW-1:0] alu1_p_bits;
  logic [PregW-1:0] alu1_ps1, alu1_ps2;
  logic        alu1_issue;

  for (genvar i = 0; i < 2; i++) begin : g_payload
    always_comb begin
      d_payload[i].rob_idx = rn_idx[i];
      d_payload[i].ckpt = ckpt_tail;  // (at most one branch or jump per pair)
      d_payload[i].pd = d_pd[i];
      d_payload[i].rd_alloc = d_alloc[i];
      d_payload[i].pc = rn_pc[i];
      d_payload[i].pred_next = rn_pred_next[i];
      d_payload[i].imm = d_dec[i].imm;
      d_payload[i].alu_op = d_dec[i].alu_op;
      d_payload[i].op_a_pc = d_dec[i].op_a_pc;
      d_payload[i].op_b_imm = d_dec[i].op_b_imm;
      d_payload[i].is_branch = d_dec[i].is_branch;
      d_payload[i].is_jal = d_dec[i].is_jal;
      d_payload[i].is_jalr = d_dec[i].is_jalr;
      d_payload[i].funct3 = d_dec[i].funct3;
      d_payload[i].is_sta = d_sta[i];
    end
    assign iq_is_md[i] = d_dec[i].is_muldiv;
    // The second ALU takes plain ALU instructions that were not predicted taken: nothing for
    // it to redirect, no next pc or target to record (the first port does those).
    assign iq_alu1[i] = !d_ctrl[i] && !d_sta[i] && !d_spec_ld[i] && !d_dec[i].is_muldiv &&
                        rn_pred_next[i] == rn_pc[i] + 32'd4;
  end

  // The issue queue's picks (s_: the select's cycle), each port's register read and unit get
  // them through the issue registers (IssueRegs) or in the same cycle.
  logic             s_alu, s_alu_st_first, s_alu_st_data, s_alu1, s_md, s_ld;
  logic             s_alu_young, s_alu1_young, s_md_young, s_ld_young;
  logic [PregW-1:0] s_alu_ps1, s_alu_ps2, s_alu1_ps1, s_alu1_ps2, s_md_ps1, s_md_ps2, s_ld_ps1;
  logic [PayloadW-1:0] s_alu_p_bits, s_alu1_p_bits, s_md_p_bits, s_ld_p_bits;
  logic             md_ready, ld_ready;
  logic [NumWrite+2:0]            iq_wake;
  logic [NumWrite+2:0][PregW-1:0] iq_wake_tag;
  ooo_issue_queue #(.Entries(IqEntries), .RobW(RobW), .TagW(PregW), .PayloadW(PayloadW),
                    .NumWake(NumWrite + 3))
  u_iq (
    .clk_i, .rst_ni,
    .ins_valid_i(go & d_iq_op), .free_o(iq_free), .ins_ps1_i(d_ps1), .ins_ps2_i(d_ps2),
    .ins_rdy1_i(d_rdy1), .ins_rdy2_i(d_rdy2), .ins_is_md_i(iq_is_md), .ins_is_ld_i(d_spec_ld),
    .ins_alu1_i(iq_alu1), .ins_is_st_i(d_sta),
    .ins_rob_i(rn_idx), .ins_payload_i(d_payload),
    .wake_valid_i(iq_wake), .wake_tag_i(iq_wake_tag),
    .alu_valid_o(s_alu), .alu_ps1_o(s_alu_ps1), .alu_ps2_o(s_alu_ps2),
    .alu_payload_o(s_alu_p_bits), .alu_st_first_o(s_alu_st_first), .alu_st_data_o(s_alu_st_data),
    .alu_take_i(!alu_hold),
    .alu1_valid_o(s_alu1), .alu1_ps1_o(s_alu1_ps1), .alu1_ps2_o(s_alu1_ps2),
    .alu1_payload_o(s_alu1_p_bits), .alu1_ready_i(!md_hold), .alu1_take_i(!alu1_hold),
    .md_ready_i(md_ready), .md_valid_o(s_md), .md_ps1_o(s_md_ps1), .md_ps2_o(s_md_ps2),
    .md_payload_o(s_md_p_bits),
    .ld_ready_i(ld_ready), .ld_valid_o(s_ld), .ld_ps1_o(s_ld_ps1),
    .ld_payload_o(s_ld_p_bits), .flush_i(flush), .squash_i(recover), .squash_rob_i(recover_rob),
    .rob_head_i(head), .alu_young_o(s_alu_young), .alu1_young_o(s_alu1_young),
    .md_young_o(s_md_young), .ld_young_o(s_ld_young), .count_o(unused_iq_count)
  );
  if (IssueRegs) begin : g_issue_regs
    // What the select picks in a flush's or a squash's cycle (younger than the recovering branch)
    // does not enter: the units see in the registers only what was live after that cycle. (What
    // is in them during a flush or squash is stopped where the units are, as without them.)
    logic [PayloadW-1:0] alu_p_q, alu1_p_q, md_p_q, ld_p_q;
    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        alu_issue <= 1'b0;
        alu1_issue <= 1'b0;
        md_issue <= 1'b0;
        ld_issue <= 1'b0;
      end else begin
        // (a held instruction stays unless killed; the port takes no pick meanwhile)
        alu_issue <= alu_hold ? !alu_kill : s_alu && !flush && !s_alu_young;
        alu1_issue <= alu1_hold ? !alu1_kill : s_alu1 && !flush && !s_alu1_young;
        md_issue <= md_hold ? !md_kill : s_md && !flush && !s_md_young;
        ld_issue <= ld_hold ? !ld_kill : s_ld && !flush && !s_ld_young;
      end
    end
    always_ff @(posedge clk_i) begin
      if (!alu_hold) begin
        alu_ps1 <= s_alu_ps1;
        alu_ps2 <= s_alu_ps2;
        alu_p_q <= s_alu_p_bits;
        ex_sta_first <= s_alu_st_first;
        ex_std <= s_alu_st_data;
      end
      if (!alu1_hold) begin
        alu1_ps1 <= s_alu1_ps1;
        alu1_ps2 <= s_alu1_ps2;
        alu1_p_q <= s_alu1_p_bits;
      end
      if (!md_hold) begin
        md_ps1 <= s_md_ps1;
        md_ps2 <= s_md_ps2;
        md_p_q <= s_md_p_bits;
      end
      if (!ld_hold) begin
        ld_ps1 <= s_ld_ps1;
        ld_p_q <= s_ld_p_bits;
      end
    end
    assign alu_p_bits = alu_p_q;
    assign alu1_p_bits = alu1_p_q;
    assign md_p_bits = md_p_q;
    assign ld_p_bits = ld_p_q;
    // An ALU port's pick wakes its users now: they are picked next cycle at the earliest and read
    // the register file after its write. The M unit and the load port wake them as they write.
    iq_payload_t s_alu_pl, s_alu1_pl;
    assign s_alu_pl = iq_payload_t'(s_alu_p_bits);
    assign s_alu1_pl = iq_payload_t'(s_alu1_p_bits);
    assign early_wake[1:0] = {s_alu1 && !alu1_hold && s_alu1_pl.rd_alloc,
                              s_alu && !alu_hold && s_alu_pl.rd_alloc};
    assign early_tag[1:0] = {s_alu1_pl.pd, s_alu_pl.pd};
    logic unused_s_pl;  // (the picks' other fields go through the registers)
    assign unused_s_pl = ^{s_alu_pl, s_alu1_pl};
    // (LoadReqReg: the ALU ports' writes wake too, for the users renamed after an early wakeup
    // whose instruction then held: rename saw neither the wakeup nor a written register)
    assign iq_wake = {LoadReqReg && prf_we[3], LoadReqReg && prf_we[0], early_wake[3], prf_we[2],
                      md_wake, early_wake[1:0]};
    assign iq_wake_tag = {prf_waddr[3], prf_waddr[0], early_tag[3], prf_waddr[2], md_wake_tag,
                          early_tag[1:0]};
    // The M unit takes no pick while one waits here; a load gets a request slot (the register
    // holds at most one, and one free slot is kept for it).
    // (nor, with LoadReqReg, while the second ALU's register holds: they share register reads)
    assign md_ready = !md_busy && !md_issue && !alu1_hold;
    assign ld_ready = !(&lq_valid_q) && !(ld_issue && (|lq_valid_q || ld_hold));
  end else begin : g_issue_direct
    assign alu_issue = s_alu;
    assign alu_ps1 = s_alu_ps1;
    assign alu_ps2 = s_alu_ps2;
    assign alu_p_bits = s_alu_p_bits;
    assign ex_sta_first = s_alu_st_first;
    assign ex_std = s_alu_st_data;
    assign alu1_issue = s_alu1;
    assign alu1_ps1 = s_alu1_ps1;
    assign alu1_ps2 = s_alu1_ps2;
    assign alu1_p_bits = s_alu1_p_bits;
    assign md_issue = s_md;
    assign md_ps1 = s_md_ps1;
    assign md_ps2 = s_md_ps2;
    assign md_p_bits = s_md_p_bits;
    assign ld_issue = s_ld;
    assign ld_ps1 = s_ld_ps1;
    assign ld_p_bits = s_ld_p_bits;
    assign early_wake[1:0] = '0;
    assign early_tag[1:0] = '0;
    assign iq_wake = {3'b000, prf_we[3:2], md_wake, prf_we[0]};
    assign iq_wake_tag = {{3{PregW'(0)}}, prf_waddr[3:2], md_wake_tag, prf_waddr[0]};
    assign md_ready = !md_busy;
    assign ld_ready = !(&lq_valid_q);
    logic unused_s_young;
    assign unused_s_young = ^{s_alu_young, s_alu1_young, s_md_young, s_ld_young};
  end
  if (LoadReqReg && !IssueRegs) begin : g_bad_load_req_reg
    $error("ooo_core: LoadReqReg needs IssueRegs (its holds are the issue registers')");
  end
  if (LoadReqReg) begin : g_hold
    // (a store's first issue needs only its address register)
    assign alu_hold = alu_issue && !(preg_ready[alu_ps1] &&
                                     (preg_ready[alu_ps2] || (alu_p.is_sta && !ex_std)));
    assign alu1_hold = alu1_issue && !(preg_ready[alu1_ps1] && preg_ready[alu1_ps2]);
    assign md_hold = md_issue && !(preg_ready[md_ps1] && preg_ready[md_ps2]);
    assign ld_hold = ld_issue && !preg_ready[ld_ps1];
  end else begin : g_no_hold
    assign alu_hold = 1'b0;
    assign alu1_hold = 1'b0;
    assign md_hold = 1'b0;
    assign ld_hold = 1'b0;
    logic unused_kill;
    assign unused_kill = ^{alu_kill, alu1_kill, md_kill, ld_kill};
  end
  assign alu_p = iq_payload_t'(alu_p_bits);
  assign alu1_p = iq_payload_t'(alu1_p_bits);
  assign md_p = iq_payload_t'(md_p_bits);
  assign ld_p = iq_payload_t'(ld_p_bits);

  // A load's register value from the aligned word the data port returns.
  function automatic logic [31:0] load_format(logic [31:0] word, logic [2:0] funct3,
                                              logic [1:0] offset);
    logic [31:0] raw;
    raw = word >> {offset, 3'b000};
    unique case (funct3)
      3'd0: return {{24{raw[7]}}, raw[7:0]};
      3'd1: return {{16{raw[15]}}, raw[15:0]};
      3'd4: return {24'd0, raw[7:0]};
      3'd5: return {16'd0, raw[15:0]};
      default: return raw;
    endcase
  endfunction

  // A RAM word's address from the bits the memory queues keep of it.
  function automatic logic [31:0] ram_word_addr(logic [WordW-1:2] word);
    logic [31:0] a;
    a = RamBase;
    a[WordW-1:2] = word;
    a[1:0] = 2'b00;
    return a;
  endfunction
  // The offset of an aligned access's first byte in its word.
  function automatic logic [1:0] low_byte(logic [2:0] be);
    return be[0] ? 2'd0 : be[1] ? 2'd1 : be[2] ? 2'd2 : 2'd3;
  endfunction

  // =============================================================================================
  // ALU and branch unit: operands, result and outcome in one cycle (after the issue register).
  logic [31:0] ex_a, ex_b, ex_alu, ex_target, ex_next, ex_result;
  logic        ex_cmp_taken, ex_transfer, ex_valid, ex_sta;
  // The port's instruction is younger than the branch recovering now (it was selected before the
  // squash reached the issue queue): it does nothing.
  logic        ex_squashed;
  assign ex_squashed = recovery_squashes(alu_p.rob_idx);
  // an instruction that completes here
  assign ex_valid = alu_issue && !alu_hold && !flush && !alu_p.is_sta && !ex_squashed;
  // A store: its address (first issue), and its data when ex_std (maybe a later issue).
  assign ex_sta = alu_issue && !alu_hold && !flush && alu_p.is_sta && !ex_squashed;
  assign alu_kill = flush || ex_squashed;
  logic [31:0] ex_sta_addr, ex_st_wdata;
  logic [3:0]  ex_st_be;
  assign ex_sta_addr = ex_a + alu_p.imm;
  assign ex_st_be = access_be(alu_p.funct3[1:0], ex_sta_addr[1:0]);
  assign ex_st_wdata = ex_b << {ex_sta_addr[1:0], 3'b000};
  assign ex_a = prf_rdata[0];
  assign ex_b = prf_rdata[1];
  logic [1:0] unused_alu_lt;  // (the branch compare has its own order)
  logic [1:0][95:0] unused_alu_apart;  // (in result_o: sum, shl, shr)
  rv_alu u_alu (
    .op_i(alu_p.alu_op), .a_i(alu_p.op_a_pc ? alu_p.pc : ex_a),
    .b_i(alu_p.op_b_imm ? alu_p.imm : ex_b), .result_o(ex_alu), .lt_o(unused_alu_lt[0]),
    .sum_o(unused_alu_apart[0][31:0]), .shl_o(unused_alu_apart[0][63:32]),
    .shr_o(unused_alu_apart[0][95:64])
  );
  rv_branch_cmp u_branch (  // its own compare (SharedLt = 0): lt_i unused
    .funct3_i(alu_p.funct3), .a_i(ex_a), .b_i(ex_b), .lt_i(1'b0), .taken_o(ex_cmp_taken)
  );
  assign ex_transfer = (alu_p.is_branch && ex_cmp_taken) || alu_p.is_jal || alu_p.is_jalr;
  assign ex_target = alu_p.is_jalr ? ((ex_a + alu_p.imm) & ~32'd1) : alu_p.pc + alu_p.imm;
  assign ex_next = ex_transfer ? ex_target : alu_p.pc + 32'd4;
  assign ex_result = (alu_p.is_jal || alu_p.is_jalr) ? alu_p.pc + 32'd4 : ex_alu;

  // Recovery at execute, for branches and jumps (they hold a checkpoint), not for a jump to a
  // misaligned target (that traps at commit). Another instruction predicted taken (BTB aliasing)
  // has no checkpoint: commit flushes after it (rob_mispredict_q).
  function automatic logic [RobW-1:0] rob_age(logic [RobW-1:0] idx, logic [RobW-1:0] h);
    return idx - h;
  endfunction
  // The recovery acting now squashes the instruction in ROB entry idx (it is younger than the
  // recovering branch).
  function automatic logic recovery_squashes(logic [RobW-1:0] idx);
    return recover && rob_age(idx, head) > recover_age;
  endfunction
  // The recovery acts in the next cycle, from registers (recover_q): the branch compare's result
  // only reaches flops in its own cycle, not the rename map, the free list, the queues and fetch.
  // Meanwhile rename may take younger instructions and the units may start younger operations:
  // the recovery squashes them with the rest. An older branch that mispredicts in the recovery
  // cycle recovers in the next (its checkpoint is older, still kept).
  logic ex_ctrl, ex_mispredict;
  assign ex_ctrl = alu_p.is_branch || alu_p.is_jal || alu_p.is_jalr;
  // The next pc differs from the predicted one: both candidates are compared beside the branch
  // compare, whose outcome only picks one (not compared after the next pc's multiplexer).
  logic ex_wrong, ex_pred_taken;  // (predicted taken: the predicted next pc is not pc + 4)
  assign ex_pred_taken = alu_p.pred_next != alu_p.pc + 32'd4;
  assign ex_wrong = ex_transfer ? ex_target != alu_p.pred_next : ex_pred_taken;
  assign ex_mispredict = ex_valid && ex_ctrl && ex_wrong &&
                         !(ex_transfer && ex_target[1]);
  // The early redirect (EarlyRedirect): a conditional branch that goes the other way than
  // predicted. Which way was predicted, and the pc of the other way, come from the issue queue's
  // registers (a predicted-taken branch's other way is pc + 4, a not-taken one's its target), so
  // only the compare's outcome is late. Not for a branch whose target is pc + 4 (no way is
  // wrong), nor one whose target is misaligned (it traps at commit), nor during a flush or a late
  // redirect (fetch follows those; the branch then recovers late). Always one of ex_mispredict's,
  // going where it would.
  assign early_pc = ex_pred_taken ? alu_p.pc + 32'd4 : alu_p.pc + alu_p.imm;
  assign early_redirect = EarlyRedirect && ex_valid && alu_p.is_branch && !recover_late &&
                          (ex_pred_taken ? !ex_cmp_taken
                                         : ex_cmp_taken && alu_p.imm != 32'd4 && !alu_p.imm[1]);
  logic             recover_q;
  logic [31:0]      recover_pc_q;
  logic [CkptW:0]   recover_ckpt_q;
  logic [RobW-1:0]  recover_rob_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      recover_q <= 1'b0;
      recover_early_q <= 1'b0;
    end else begin
      recover_q <= ex_mispredict && !flush;
      recover_early_q <= early_redirect;
    end
  end
  // (Taken every cycle: they are read only in the cycle after a misprediction, so the compare
  // reaches one flop's input, not 40 enables.)
  always_ff @(posedge clk_i) begin
    recover_pc_q <= ex_next;
    recover_ckpt_q <= alu_p.ckpt;
    recover_rob_q <= alu_p.rob_idx;
  end
  assign recover = recover_q;
  assign recover_late = recover_q && !recover_early_q;
`ifndef SYNTHESIS
  always_ff @(posedge clk_i) begin
    if (rst_ni && early_redirect && !(ex_mispredict && ex_next == early_pc))
      $error("ooo_core: early redirect to %h, but the branch goes to %h (mispredict %b)",
             early_pc, ex_next, ex_mispredict);
  end
`endif
  // The return-address stack's state after each checkpoint's branch or jump (SpecRas): the state
  // fetch had when it requested the instruction, with the instruction's own push or pop. A
  // recovery puts the stack back to it (a call that fetch did not push, as the BTB did not know
  // it, gets the depth right but not the entry: rare, measured not worth a second write port).
  if (SpecRas) begin : g_ckpt_ras
    logic [RasW-1:0] ckpt_ras_q [NumCkpts];
    logic [1:0] d_call;
    logic [1:0][RasW-1:0] d_ras_after;
    for (genvar i = 0; i < 2; i++) begin : g_after
      assign d_call[i] = ras_call(d_dec[i].is_jal, d_dec[i].is_jalr, d_dec[i].rd);
      ras_step #(.Entries(RasEntries)) u_step (
        .state_i(rn_ras[i]), .push_i(d_call[i]),
        .pop_i(ras_return(d_dec[i].is_jalr, d_dec[i].rd, d_dec[i].rs1)), .state_o(d_ras_after[i])
      );
    end
    always_ff @(posedge clk_i) begin
      if (ckpt_save) begin
        ckpt_ras_q[ckpt_tail[CkptW-1:0]] <= d_ras_after[!ckpt_slot0];
      end
    end
    // Fetch's redirect restores the stack: a flush to the committed one, a late recovery to its
    // checkpoint's, an early redirect (a conditional branch: no push or pop) to the executing
    // branch's (its checkpoint is kept until it has executed).
    assign ras_restore_state = flush ? ras_commit_state
                             : recover_late ? ckpt_ras_q[recover_ckpt[CkptW-1:0]]
                                            : ckpt_ras_q[alu_p.ckpt[CkptW-1:0]];
  end else begin : g_no_ckpt_ras
    assign ras_restore_state = '0;
    logic unused_rn_ras;
    assign unused_rn_ras = ^{rn_ras, ras_commit_state};
  end

  assign recover_pc = recover_pc_q;
  assign recover_ckpt = recover_ckpt_q;
  assign recover_rob = recover_rob_q;
  assign recover_age = rob_age(recover_rob, head);
  // The executed branch's checkpoint can go once the older ones have (right or recovered, it is
  // never restored again; a jump to a misaligned target flushes at commit, which frees them all).
  always_ff @(posedge clk_i) begin
    if (ckpt_save) ckpt_res_q[ckpt_tail[CkptW-1:0]] <= 1'b0;
    if (ex_valid && ex_ctrl) ckpt_res_q[alu_p.ckpt[CkptW-1:0]] <= 1'b1;
  end

  // The second ALU: plain ALU instructions only (result in the issue cycle, nothing else to
  // record).
  logic [31:0] ex1_result;
  // A result younger than a recovering branch or a flush may still be written: its register is
  // free again after the recovery and rename clears its ready bit when it hands it out anew (its
  // ROB entry is beyond the new tail and rewritten at rename), and the recovery stays out of the
  // write enables' paths.
  logic        ex1_valid, ex1_squashed;
  assign ex1_valid = alu1_issue && !alu1_hold;
  assign ex1_squashed = flush ||
                        recovery_squashes(alu1_p.rob_idx);
  assign alu1_kill = ex1_squashed;
  rv_alu u_alu1 (
    .op_i(alu1_p.alu_op), .a_i(alu1_p.op_a_pc ? alu1_p.pc : prf_rdata[2]),
    .b_i(alu1_p.op_b_imm ? alu1_p.imm : prf_rdata[3]), .result_o(ex1_result),
    .lt_o(unused_alu_lt[1]), .sum_o(unused_alu_apart[1][31:0]),
    .shl_o(unused_alu_apart[1][63:32]), .shr_o(unused_alu_apart[1][95:64])
  );

  // =============================================================================================
  // M unit: one operation at a time; its result waits (done) until written.
  logic        md_start, md_done;
  logic [31:0] md_result;
  logic [RobW-1:0]  md_rob_q;
  logic [PregW-1:0] md_pd_q;
  logic             md_alloc_q;
  logic             md_squash;   // the M unit's operation is younger than a recovering branch
  assign md_kill = flush || recovery_squashes(md_p.rob_idx);
  assign md_start = md_issue && !md_hold && !md_kill;
  assign md_squash = md_busy && recovery_squashes(md_rob_q);

  if (FastMul) begin : g_muldiv
    rv_muldiv u_muldiv (
      .clk_i, .rst_ni, .start_i(md_start), .kill_i(flush || md_squash), .funct3_i(md_p.funct3),
      .a_i(prf_rdata[2]), .b_i(prf_rdata[3]), .ack_i(md_done), .busy_o(md_busy), .done_o(md_done),
      .result_o(md_result)
    );
  end else begin : g_muldiv_serial
    rv_muldiv_serial u_muldiv (
      .clk_i, .rst_ni, .start_i(md_start), .kill_i(flush || md_squash), .funct3_i(md_p.funct3),
      .a_i(prf_rdata[2]), .b_i(prf_rdata[3]), .ack_i(md_done), .busy_o(md_busy), .done_o(md_done),
      .result_o(md_result)
    );
  end
  logic             md_div_q;
  always_ff @(posedge clk_i) begin
    if (md_start) begin
      md_rob_q <= md_p.rob_idx;
      md_pd_q <= md_p.pd;
      md_alloc_q <= md_p.rd_alloc;
      md_div_q <= md_p.funct3[2];
    end
  end
  // IssueRegs with rv_muldiv: a multiply writes its result in the cycle after it starts (the Mul
  // state), so its users wake as it starts; they read the register file after the write. (A
  // multiply killed in that cycle has only younger users: the squash takes them too.)
  if (IssueRegs && FastMul) begin : g_mul_wake
    assign early_wake[2] = md_start && !md_p.funct3[2] && md_p.rd_alloc;
    assign early_tag[2] = md_p.pd;
    assign md_wake = early_wake[2] || (prf_we[1] && md_div_q);
    assign md_wake_tag = md_start ? md_p.pd : md_pd_q;
  end else begin : g_md_wake
    assign early_wake[2] = 1'b0;
    assign early_tag[2] = '0;
    assign md_wake = prf_we[1];
    assign md_wake_tag = prf_waddr[1];
    logic unused_md_div;
    assign unused_md_div = md_div_q;
  end

  // =============================================================================================
  // The ROB head: commit, and execution of the instructions that wait for it.
  logic        h_valid, h_done;
  logic        commit;  // the head leaves the ROB this cycle (retiring or trapping)
  logic        head_first_q;  // the head's first cycle there (below)
  decoded_t    h_dec;
  logic [31:0] h_pc, h_a, h_b;
  // (in the flush's cycle nothing happens at the head)
  assign h_valid = rob_tail_q != rob_head_q && !flush;
  assign h_done = rob_done_q[head];
  assign h_pc = rob_cr[0].pc;
  logic [31:0] h_pc4, h_target, h_tval;
  assign h_pc4 = h_pc + 32'd4;
  assign h_target = rob_ex_q[head] ? rob_ex_target_q[head] : h_pc4;
  // Rename's trap values: the pc (fetch fault, ebreak), the instruction (illegal), 0 (ecall).
  assign h_tval = rob_ex_q[head] ? rob_ex_target_q[head] :
                  rob_hr.cause == 4'd2 ? rob_cr[0].insn :
                  rob_hr.cause == 4'd11 ? 32'd0 : h_pc;
`ifndef SYNTHESIS
  // Everything older than the head has committed, so its source registers are written: nothing
  // at the head waits for its operands.
  always_ff @(posedge clk_i) begin
    if (rst_ni && h_valid && !(preg_ready[rob_hr.ps1] && preg_ready[rob_hr.ps2]))
      $error("ooo_core: the head's source registers p%0d, p%0d not ready", rob_hr.ps1, rob_hr.ps2);
  end
`endif
  assign h_a = prf_rdata[4];
  assign h_b = prf_rdata[5];
  // Re-decoding the instruction word costs less than keeping its decoded form in every entry.
  rv_decoder u_head_decoder (.insn_i(rob_cr[0].insn), .dec_o(h_dec));

  // Loads and stores. A RAM store (the common case) commits from what the ALU port recorded in
  // its ROB entry when it computed the address (word, bytes, data, whether it is in RAM and
  // aligned: rob_st_buf_q), so the head's commit never waits on an address adder. The rest (an
  // MMIO access, a load the load port left to the head, a store or load that faults; without
  // SpecLoads every load and store) go from the head's own address, computed from the register
  // file into a register (h_addr_q) in the instruction's first cycle at the head and checked in
  // the next: a cycle more for those, none on the RAM stores.
  logic        h_is_mem, h_misaligned, h_access_ok, h_mem_exc;
  logic [31:0] h_addr_q;
  logic        h_addr_ok;   // h_addr_q holds the head's address (from its second cycle there on)
  logic [3:0]  h_mask;
  logic        h_spec;      // a load the load port owns: the head only waits for it
  logic        port_busy_q; // a data request was accepted; its response is due
  logic        port_spec_q; // ... and it is the load port's
  logic        port_sb_q;   // ... and it is the store buffer's (neither: the head's)
  logic        port_fwd_q;  // ... no: the load port forwards from a store (no D$ access)
  logic        port_rsp;    // the response (the D$'s, or the forwarded word) is here
  logic        sl_fwd;      // the load slot that goes next forwards from a store
  logic        hd_wait, hd_req, sl_req, sb_req;
  logic        sl_rsp;      // the load port's response arrives
  logic        sb_full, sb_empty, sb_valid, h_buffered;
  logic [31:0] sb_addr, sb_wdata;
  logic [3:0]  sb_be;
  assign h_spec = rob_spec_q[head];
  assign hd_wait = port_busy_q && !port_spec_q && !port_sb_q;
  assign h_is_mem = h_dec.is_load || h_dec.is_store;
  assign h_addr_ok = !head_first_q;
  always_ff @(posedge clk_i) begin
    h_addr_q <= h_a + h_dec.imm;
  end
  always_comb begin
    h_misaligned = access_misaligned(h_dec.funct3[1:0], h_addr_q[1:0]);
    h_mask = access_be(h_dec.funct3[1:0], h_addr_q[1:0]);
    h_access_ok = addr_map_pkg::in_ram(h_addr_q, RamBase, RamSize) ||
                  (h_dec.funct3[1:0] == 2'd2 && addr_map_pkg::mmio_reg_exists(h_addr_q));
  end
  assign h_mem_exc = h_misaligned || !h_access_ok;
  // A store leaves only when its data is known: its last issue has left the issue queue, so it
  // can never write the ROB entry of a later instruction. What it writes is that captured data
  // (in its byte lanes; without SpecLoads the head reads the register).
  logic        h_sta_pending;
  logic [31:0] h_st_wdata, h_st_addr;  // a buffered store's word address, its bytes and data
  logic [3:0]  h_st_be;
  assign h_sta_pending = rob_st_q[head] && !rob_std_q[head];
  if (SpecLoads) begin : g_st_captured
    assign h_buffered = rob_st_q[head] && rob_std_q[head] && rob_st_buf_q[head];
    assign h_st_addr = ram_word_addr(rob_st_word_q[head]);
    assign h_st_be = rob_st_be_q[head];
    assign h_st_wdata = rob_st_data_q[head];
    logic unused_h_b;  // (so synthesis drops the head's second register-file read port)
    assign unused_h_b = ^h_b;
  end else begin : g_st_head
    assign h_buffered = h_addr_ok && h_dec.is_store && !h_misaligned &&
                        addr_map_pkg::in_ram(h_addr_q, RamBase, RamSize);
    assign h_st_addr = {h_addr_q[31:2], 2'b00};
    assign h_st_be = h_mask;
    assign h_st_wdata = h_b << {h_addr_q[1:0], 3'b000};
  end

  // The head's load: its response is formatted with h_addr_q's low bits (it waits at the head).
  logic [31:0] load_value, load_raw;
  assign load_raw = dmem_rsp_rdata_i >> {h_addr_q[1:0], 3'b000};
  assign load_value = load_format(dmem_rsp_rdata_i, h_dec.funct3, h_addr_q[1:0]);

  // CSRs
  logic [31:0] csr_rdata, csr_operand, csr_wdata, exc_vector, irq_vector, trap_vector, mepc;
  logic        csr_exists, csr_illegal;
  logic        irq_pending, irq_enabled, irq_take;
  logic [31:0] irq_cause;
  logic        trap_commit, mret_commit, csr_commit;
  logic [31:0] trap_cause, trap_tval;

  assign csr_operand = h_dec.csr_imm ? h_dec.imm : h_a;
  always_comb begin
    unique case (h_dec.csr_op)
      CsrRs: csr_wdata = csr_rdata | csr_operand;
      CsrRc: csr_wdata = csr_rdata & ~csr_operand;
      default: csr_wdata = csr_operand;
    endcase
  end
  assign csr_illegal = h_dec.is_csr &&
                       (!csr_exists || (h_dec.csr_write && h_dec.csr_addr[11:10] == 2'b11));

  csr_unit u_csr (
    .clk_i, .rst_ni,
    .addr_i(h_dec.csr_addr), .rdata_o(csr_rdata), .exists_o(csr_exists),
    .we_i(csr_commit), .wdata_i(csr_wdata),
    .trap_i(trap_commit), .trap_cause_i(trap_cause), .trap_tval_i(trap_tval),
    .trap_epc_i(h_pc), .mret_i(mret_commit), .exc_vector_o(exc_vector),
    .irq_vector_o(irq_vector), .mepc_o(mepc),
    .irq_software_i, .irq_timer_i, .irq_external_i,
    .irq_pending_o(irq_pending), .irq_enabled_o(irq_enabled), .irq_take_o(irq_take),
    .irq_cause_o(irq_cause),
    .cnt_addr_o, .cnt_hit_i, .cnt_rdata_i, .cnt_we_o, .cnt_wdata_o
  );

  // Interrupts go to their (vectored) entry, exceptions to the base (csr_unit).
  assign trap_vector = trap_cause[31] ? irq_vector : exc_vector;

  // An interrupt replaces the head instruction in its first cycle at the head (as pipe_core does
  // in EX), so it never interrupts one whose side effect has started, and a waiting wfi retires
  // before the handler runs.
  logic take_irq;
  assign take_irq = irq_take && h_valid && head_first_q && !hd_wait;

  // The head's exception, whichever unit found it.
  logic h_exc;
  always_comb begin
    h_exc = 1'b0;
    trap_cause = 32'd0;
    trap_tval = 32'd0;
    if (h_done) begin
      h_exc = rob_exc_q[head];
      trap_cause = rob_ex_q[head] ? 32'd0 : 32'(rob_hr.cause);
      trap_tval = h_tval;
    end else if (h_is_mem && !h_buffered && h_mem_exc) begin
      h_exc = 1'b1;
      trap_cause = h_dec.is_load ? (h_misaligned ? 32'd4 : 32'd5) : (h_misaligned ? 32'd6 : 32'd7);
      trap_tval = h_addr_q;
    end else if (csr_illegal) begin
      h_exc = 1'b1;
      trap_cause = 32'd2;
      trap_tval = rob_cr[0].insn;
    end
    if (take_irq) begin
      trap_cause = irq_cause;
      trap_tval = 32'd0;
    end
  end

  // A load marked for a memory-order violation does not commit: it and everything younger are
  // flushed and fetched again (it has no exception: it was a RAM load the load port did).
  logic replay;
  assign replay = h_valid && rob_replay_q[head] && !take_irq;

  // Whether the head leaves the ROB this cycle.
  always_comb begin
    commit = 1'b0;
    if (!h_valid || take_irq || replay) commit = 1'b0;
    else if (h_done) commit = 1'b1;
    else if (h_is_mem)
      commit = h_buffered ? !sb_full :
               !h_spec && !h_sta_pending && h_addr_ok &&
               (h_mem_exc || (hd_wait && dmem_rsp_valid_i));
    else if (h_dec.is_csr) commit = !sl_rsp;  // (sl_rsp: the shared PRF port)
    else if (h_dec.is_wfi) commit = irq_pending || !irq_enabled;  // nothing to wait for: no-op
    else if (h_dec.is_fencei) commit = fencei_req_o && fencei_done_i;
    else if (h_dec.is_mret) commit = 1'b1;
    else commit = 1'b0;  // waits for its unit
  end

  // The data port: one access at a time. The head's accesses (MMIO, and loads left to it) wait
  // until the store buffer has drained, so they stay in order with the stores before them; then
  // the load port (a load that forwards takes the port's turn without a D$ access), then the
  // store buffer.
  logic [31:2] ld_req_addr;  // the word a waiting load reads
  assign hd_req = h_valid && !h_done && h_is_mem && !h_spec && !h_sta_pending && h_addr_ok &&
                  !h_mem_exc && !h_buffered && sb_empty && !port_busy_q && !take_irq;
  // The load port and the store buffer may send in the cycle the previous response arrives (the
  // port's rule), so they reach one access per cycle. Nothing goes out of the load port while the
  // head's fence.i has the caches write back.
  logic port_free;
  assign port_rsp = port_busy_q && (port_fwd_q || dmem_rsp_valid_i);
  assign port_free = !port_busy_q || port_rsp;
  assign sl_req = ld_req_valid && !hd_req && port_free && !fencei_req_o;
  assign sb_req = sb_valid && !hd_req && !sl_req && port_free;
  assign dmem_req_valid_o = hd_req || (sl_req && !sl_fwd) || sb_req;
  always_comb begin
    if (hd_req) begin
      dmem_req_o.addr = {h_addr_q[31:2], 2'b00};
      dmem_req_o.we = h_dec.is_store;
      dmem_req_o.be = h_mask;  // loads too: the SoC takes only word accesses to MMIO registers
      dmem_req_o.wdata = h_st_wdata;
    end else if (sl_req) begin
      dmem_req_o.addr = {ld_req_addr, 2'b00};
      dmem_req_o.we = 1'b0;
      dmem_req_o.be = 4'b0000;
      dmem_req_o.wdata = 32'd0;
    end else begin
      dmem_req_o.addr = sb_addr;
      dmem_req_o.we = 1'b1;
      dmem_req_o.be = sb_be;
      dmem_req_o.wdata = sb_wdata;
    end
  end

  ooo_store_buffer #(.Entries(StoreBufEntries), .WordW(WordW)) u_store_buffer (
    .clk_i, .rst_ni, .push_i(retire && h_buffered), .push_addr_i(h_st_addr),
    .push_be_i(h_st_be), .push_wdata_i(h_st_wdata), .full_o(sb_full),
    .empty_o(sb_empty), .head_valid_o(sb_valid), .head_addr_o(sb_addr), .head_be_o(sb_be),
    .head_wdata_o(sb_wdata), .pop_i(sb_req && dmem_req_ready_i),
    .query_addr_i(lq_addr_q[lq_pick_q][WordW-1:2]), .query_be_i(lq_be),
    .hit_o(lq_sb_hit), .cover_o(lq_sb_cover), .data_o(lq_sb_data)
  );
  assign fencei_req_o = h_valid && !h_done && h_dec.is_fencei && sb_empty && !take_irq;

  assign retire = commit && !h_exc;
  assign trap_commit = (commit && h_exc) || take_irq;
  assign mret_commit = retire && h_dec.is_mret;
  assign csr_commit = retire && h_dec.is_csr && h_dec.csr_write;
  assign commit_alloc = rob_alloc_q[head];
  assign commit_rd = rob_cr[0].insn[11:7];
  assign commit_pd = rob_cr[0].pd;
  assign commit_old_pd = rob_cr[0].old_pd;

  logic [31:0] h_next_pc;  // the architectural next pc
  always_comb begin
    if (trap_commit) h_next_pc = trap_vector;
    else if (replay) h_next_pc = h_pc;
    else if (h_dec.is_mret) h_next_pc = mepc;
    else h_next_pc = rob_ex_q[head] ? rob_ex_next_q[head] : h_pc4;
  end
  assign flush_req = trap_commit || replay ||
                     (retire && (h_dec.is_mret || h_dec.is_fencei || rob_mispredict_q[head]));
  // The flush leaves the head's commit decision out of fetch, the rename map and the queues'
  // cycle. Meanwhile the younger instructions may rename and execute: the flush drops them all.
  logic [31:0] flush_pc_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) flush <= 1'b0;
    else flush <= flush_req;
  end
  always_ff @(posedge clk_i) begin
    if (flush_req) flush_pc_q <= h_next_pc;
  end
  assign flush_pc = flush_pc_q;

  // The second commit slot: the instruction after the head also leaves when the head retires
  // without a redirect and it is done, with no exception and nothing left to redirect: an ALU or
  // M instruction, a load the load port did (unless a store's address has marked it, or marks it
  // at this edge: it replays at the head), or a branch or jump when the head is none (the
  // predictor learns from one a cycle). Not a store: the store buffer takes one a cycle, from
  // the head.
  decoded_t        h1_dec;
  logic            h_ctrl, h1_ctrl;
  rv_decoder u_head1_decoder (.insn_i(rob_cr[1].insn), .dec_o(h1_dec));
  assign h_ctrl = h_dec.is_branch || h_dec.is_jal || h_dec.is_jalr;
  assign h1_ctrl = h1_dec.is_branch || h1_dec.is_jal || h1_dec.is_jalr;
  // Only beside a head that a unit did or a RAM store, not beside what the head executes itself:
  // a CSR instruction (a counter or interrupt-enable write takes effect before the next
  // instruction retires), a wfi (the interrupt that wakes it is taken right after it), an MMIO
  // access (a write to the SoC's exit register ends the program with it), as on the ISS.
  assign retire1 = retire && !flush_req && (h_done || h_buffered) &&
                   (rob_tail_q - rob_head_q) > (RobW + 1)'(1) && rob_done_q[head1] &&
                   !rob_exc_q[head1] && !rob_mispredict_q[head1] && !(h_ctrl && h1_ctrl) &&
                   !(h1_dec.is_load && (rob_replay_q[head1] || vc_hit[head1])) &&
                   !h1_dec.is_store && !(recover && head == recover_rob);
  assign commit1_alloc = rob_alloc_q[head1];
  assign commit1_rd = rob_cr[1].insn[11:7];
  assign commit1_pd = rob_cr[1].pd;
  assign commit1_old_pd = rob_cr[1].old_pd;

  // Head results go to the register file when the instruction commits.
  logic [31:0] h_result;
  assign h_result = h_dec.is_csr ? csr_rdata : load_value;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      head_first_q <= 1'b1;
    end else begin
      if (flush || commit) head_first_q <= 1'b1;
      else if (h_valid) head_first_q <= 1'b0;
    end
  end

  // ---------------------------------------------------------------------------------------------
  // The load port: a load from the issue queue computes its address; a RAM load waits in one of
  // two request slots (two, so a new load can enter while one waits, without the issue queue
  // having to see the port's ready); one that is MMIO, misaligned or outside RAM goes back to the
  // head (which raises its exception or does the MMIO access in order). Every cycle a slot looks
  // up the older stores that write some of its bytes, in the ROB (those whose address is known)
  // and then in the store buffer; the youngest of them decides. If it writes all of the load's
  // bytes and its data is known, the load takes them from it (forwarding: no D$ access, the value
  // comes through the port's response path a cycle later, byte lanes and extension as for a D$
  // word); if it writes only some, or its data is not known yet, the load waits. Without one the
  // load reads the D$. Older stores whose address is unknown do not hold a load up (speculation:
  // the check when their address resolves is below), unless the store-wait predictor says so.
  // Squashed loads still take their response, which is then dropped.
  logic [31:0] ld_addr;
  logic        ld_ok, ld_take, ld_store_wait;
  logic [1:0]       lq_drop;
  logic [RobW-1:0]  lq_rob_q    [2];
  logic [PregW-1:0] lq_pd_q     [2];
  logic [1:0]       lq_alloc_q;
  logic [2:0]       lq_funct3_q [2];
  logic [1:0]       lq_wait_q;         // the predictor: wait until older store addresses are known
  logic             lq_free;           // the slot a load enters
  logic [1:0]       lq_wait_seen_q;    // the slot's last search found it waiting
  logic             lq_ok;             // lq_pick_q's load may go: it forwards or reads the D$
  logic             lq_fwd;            // ... from a store (in the ROB or the store buffer)
  logic             lq_st_any, lq_st_cover;  // an older store in the ROB writes some / all bytes
  logic [RobW-1:0]  lq_st_idx;         // the youngest such store
  logic [31:0]      fwd_word, fwd_word_q;
  logic [RobW-1:0]  sl_rob_q;
  logic [PregW-1:0] sl_pd_q;
  logic             sl_alloc_q, sl_killed_q, sl_drop, sl_write;
  logic [2:0]       sl_funct3_q;
  logic [1:0]       sl_offset_q;
  logic [31:0]      sl_value;
  logic             ld_req_send, port_go;
  // The request the data port is asked for: the searched slot's load, or (LoadReqReg) the request
  // register's, which took a search's result in an earlier cycle (req_*). lq_move: the searched
  // slot's load goes on (its ROB flags are written then: the memory-order check sees it from the
  // next cycle on, whether it has been sent yet or not).
  logic             lq_move;
  logic [RobW-1:0]  req_rob;
  logic [PregW-1:0] req_pd;
  logic             req_alloc, req_drop;
  logic [2:0]       req_funct3;
  logic [1:0]       req_offset;
  logic [31:0]      req_fwd_word;
  assign ld_addr = prf_rdata[7] + ld_p.imm;
  assign ld_ok = addr_map_pkg::in_ram(ld_addr, RamBase, RamSize) &&
                 !access_misaligned(ld_p.funct3[1:0], ld_addr[1:0]);
  assign ld_kill = flush || recovery_squashes(ld_p.rob_idx);
  assign ld_take = ld_issue && !ld_hold && !ld_kill;
  // One search a cycle, for the slot lq_pick_q (the port takes one load a cycle at most): the
  // slot that entered first while it may go, else the other one in the next cycle.
  assign lq_be = access_be(lq_funct3_q[lq_pick_q][1:0], lq_addr_q[lq_pick_q][1:0]);
  always_comb begin
    logic [RobEntries-1:0] hit, below;
    logic                  older, unknown, lo_found;
    logic [RobW-1:0]       lo, hi;
    hit = '0;
    unknown = 1'b0;
    for (int e = 0; e < RobEntries; e++) begin
      older = rob_st_q[e] && rob_age(RobW'(e), head) < rob_age(lq_rob_q[lq_pick_q], head);
      hit[e] = older && rob_st_known_q[e] && rob_st_buf_q[e] &&
               rob_st_word_q[e] == lq_addr_q[lq_pick_q][WordW-1:2] && |(rob_st_be_q[e] & lq_be);
      unknown |= older && !rob_st_known_q[e];
    end
    // The youngest hit: the highest index below the load's, else (the older entries wrap
    // around the end of the ROB) the highest index of all.
    lo_found = 1'b0;
    lo = '0;
    hi = '0;
    below = ~({RobEntries{1'b1}} << lq_rob_q[lq_pick_q]);  // the entries with a lower index
    for (int e = 0; e < RobEntries; e++) begin
      if (hit[e]) begin
        hi = RobW'(e);
        if (below[e]) begin
          lo_found = 1'b1;
          lo = RobW'(e);
        end
      end
    end
    lq_st_any = |hit;
    lq_st_idx = lo_found ? lo : hi;
    lq_st_cover = rob_std_q[lq_st_idx] && (rob_st_be_q[lq_st_idx] & lq_be) == lq_be;
    lq_ok = (lq_st_any ? lq_st_cover : (!lq_sb_hit || lq_sb_cover)) &&
            !(lq_wait_q[lq_pick_q] && unknown);
    lq_fwd = lq_st_any || lq_sb_hit;
  end
  // Both slots stuck behind older stores (this one now, the other at its last search): this one
  // goes back to the head (it runs there in order), so a load the older stores wait for can still
  // get a slot.
  logic lq_release;
  assign lq_release = &lq_valid_q && !lq_ok && lq_wait_seen_q[!lq_pick_q] && !lq_drop[lq_pick_q];
  // A load enters the searched slot if that is free, else the other (the issue queue sends none
  // when both are taken), so the search stays on the load that came first.
  assign lq_free = lq_valid_q[lq_pick_q] ? !lq_pick_q : lq_pick_q;
  assign fwd_word = lq_st_any ? rob_st_data_q[lq_st_idx] : lq_sb_data;
  if (LoadReqReg) begin : g_ld_req_reg
    logic             rq_valid_q, rq_fwd_q, rq_alloc_q;
    logic [31:0]      rq_addr_q, rq_fwd_word_q;
    logic [RobW-1:0]  rq_rob_q;
    logic [PregW-1:0] rq_pd_q;
    logic [2:0]       rq_funct3_q;
    // (a slot the squash or flush drops this cycle does not move)
    assign lq_move = lq_valid_q[lq_pick_q] && lq_ok && !lq_drop[lq_pick_q] &&
                     (!rq_valid_q || ld_req_send);
    assign req_drop = rq_valid_q &&
                      (flush || recovery_squashes(rq_rob_q));
    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) rq_valid_q <= 1'b0;
      else if (lq_move) rq_valid_q <= 1'b1;
      else if (ld_req_send || req_drop) rq_valid_q <= 1'b0;
    end
    always_ff @(posedge clk_i) begin
      if (lq_move) begin
        rq_addr_q <= lq_addr_q[lq_pick_q];
        rq_rob_q <= lq_rob_q[lq_pick_q];
        rq_pd_q <= lq_pd_q[lq_pick_q];
        rq_alloc_q <= lq_alloc_q[lq_pick_q];
        rq_funct3_q <= lq_funct3_q[lq_pick_q];
        rq_fwd_q <= lq_fwd;
        rq_fwd_word_q <= fwd_word;
      end
    end
    assign ld_req_valid = rq_valid_q;
    assign ld_req_addr = rq_addr_q[31:2];
    assign sl_fwd = rq_fwd_q;
    assign req_rob = rq_rob_q;
    assign req_pd = rq_pd_q;
    assign req_alloc = rq_alloc_q;
    assign req_funct3 = rq_funct3_q;
    assign req_offset = rq_addr_q[1:0];
    assign req_fwd_word = rq_fwd_word_q;
    // The load's users wake as its request goes out: the value is written in the next cycle
    // when the D$ hits (or the load forwards); if it does not, they hold in their issue
    // registers until it is (g_hold).
    assign early_wake[3] = ld_req_send && rq_alloc_q;
    assign early_tag[3] = rq_pd_q;
  end else begin : g_ld_req_direct
    assign lq_move = ld_req_send;
    assign ld_req_valid = lq_valid_q[lq_pick_q] && lq_ok;
    assign ld_req_addr = lq_addr_q[lq_pick_q][31:2];
    assign sl_fwd = lq_fwd;
    assign req_rob = lq_rob_q[lq_pick_q];
    assign req_pd = lq_pd_q[lq_pick_q];
    assign req_alloc = lq_alloc_q[lq_pick_q];
    assign req_drop = lq_drop[lq_pick_q];
    assign req_funct3 = lq_funct3_q[lq_pick_q];
    assign req_offset = lq_addr_q[lq_pick_q][1:0];
    assign req_fwd_word = fwd_word;
    assign early_wake[3] = 1'b0;
    assign early_tag[3] = '0;
  end
  // The search moves to the other slot when this one empties (nothing enters it) or waits while
  // the other holds a load.
  logic lq_pick_stays;
  assign lq_pick_stays = lq_valid_q[lq_pick_q] ?
                         !(lq_move || lq_drop[lq_pick_q] || lq_release) &&
                         (lq_ok || !lq_valid_q[!lq_pick_q]) :
                         ld_take && ld_ok;
  always_comb begin
    for (int i = 0; i < 2; i++)
      lq_drop[i] = lq_valid_q[i] &&
                   (flush || recovery_squashes(lq_rob_q[i]));
  end
  // A forwarding load takes the port's turn without a request; its response is due next cycle.
  assign ld_req_send = sl_req && (sl_fwd || dmem_req_ready_i);
  assign port_go = (dmem_req_valid_o && dmem_req_ready_i) || (sl_req && sl_fwd);
  assign sl_drop = sl_killed_q || flush ||
                   recovery_squashes(sl_rob_q);
  assign sl_rsp = port_spec_q && port_rsp;
  assign sl_write = sl_rsp && !sl_drop;
  assign sl_value = load_format(port_fwd_q ? fwd_word_q : dmem_rsp_rdata_i, sl_funct3_q,
                                sl_offset_q);

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      lq_valid_q <= '0;
      lq_pick_q <= 1'b0;
      lq_wait_seen_q <= '0;
      port_busy_q <= 1'b0;
      port_spec_q <= 1'b0;
      port_sb_q <= 1'b0;
      port_fwd_q <= 1'b0;
      sl_killed_q <= 1'b0;
    end else begin
      for (int i = 0; i < 2; i++) begin
        if (lq_drop[i] || (lq_move && lq_pick_q == 1'(i))) lq_valid_q[i] <= 1'b0;
      end
      if (lq_release) lq_valid_q[lq_pick_q] <= 1'b0;
      if (ld_take && ld_ok) lq_valid_q[lq_free] <= 1'b1;
      if (!lq_pick_stays) lq_pick_q <= !lq_pick_q;
      if (lq_valid_q[lq_pick_q]) lq_wait_seen_q[lq_pick_q] <= !lq_ok;
      if (ld_take && ld_ok) lq_wait_seen_q[lq_free] <= 1'b0;
      if (port_go) begin
        port_busy_q <= 1'b1;
        port_spec_q <= sl_req;
        port_sb_q <= sb_req;
        port_fwd_q <= sl_req && sl_fwd;
        sl_killed_q <= req_drop;
      end else if (port_rsp) begin
        port_busy_q <= 1'b0;
      end else if (sl_drop) begin
        sl_killed_q <= 1'b1;
      end
    end
  end
  always_ff @(posedge clk_i) begin
    if (ld_take && ld_ok) begin
      lq_addr_q[lq_free] <= ld_addr;
      lq_rob_q[lq_free] <= ld_p.rob_idx;
      lq_pd_q[lq_free] <= ld_p.pd;
      lq_alloc_q[lq_free] <= ld_p.rd_alloc;
      lq_funct3_q[lq_free] <= ld_p.funct3;
      lq_wait_q[lq_free] <= ld_store_wait;
    end
    if (ld_req_send) begin
      sl_rob_q <= req_rob;
      sl_pd_q <= req_pd;
      sl_alloc_q <= req_alloc;
      sl_funct3_q <= req_funct3;
      sl_offset_q <= req_offset;
      fwd_word_q <= req_fwd_word;
    end
  end

  // Memory-order violations. A store's address resolves (its first issue); a cycle later, when
  // the loads searched in that same cycle have their flags, every younger load in the ROB
  // that has its value, reads some of the store's bytes and did not take them from a store
  // younger than this one is marked. The oldest marked load replays when it reaches the head
  // (the younger ones go with it). The store itself commits a cycle after its address at the
  // earliest, and a load only in the first commit slot, so the mark is there in time. (An entry
  // beyond the ROB's tail may be marked too, from a squashed load's flags: harmless, allocation
  // clears the mark.)
  logic             vc_valid_q;
  logic [RobW-1:0]  vc_rob_q;
  logic [WordW-1:2] vc_word_q;
  logic [3:0]       vc_be_q;
  always_comb begin
    logic [RobW-1:0] age, fwd_age, st_age;
    st_age = rob_age(vc_rob_q, head);
    for (int e = 0; e < RobEntries; e++) begin
      age = rob_age(RobW'(e), head);
      fwd_age = rob_age(rob_ld_fwd_idx_q[e], head);
      vc_hit[e] = vc_valid_q && rob_ld_exec_q[e] && age > st_age &&
                  rob_ld_word_q[e] == vc_word_q && |(rob_ld_be_q[e] & vc_be_q) &&
                  // forwarded by a store younger than this one, still in the ROB
                  !(rob_ld_fwd_q[e] && fwd_age > st_age && fwd_age < age);
    end
  end
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) vc_valid_q <= 1'b0;
    else vc_valid_q <= ex_sta && ex_sta_first &&
                       addr_map_pkg::in_ram(ex_sta_addr, RamBase, RamSize);
  end
  always_ff @(posedge clk_i) begin
    vc_rob_q <= alu_p.rob_idx;
    vc_word_q <= ex_sta_addr[WordW-1:2];
    vc_be_q <= ex_st_be;
  end

  // The store-wait predictor (StoreWaitEntries): a bit per load pc hash, set when the load
  // replays, all cleared now and then so a load that stopped aliasing speculates again.
  if (StoreWaitEntries > 0) begin : g_store_wait
    localparam int unsigned SwW = $clog2(StoreWaitEntries);
    logic [StoreWaitEntries-1:0]   sw_bits_q;
    logic [StoreWaitClearLog2-1:0] sw_clear_q;
    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        sw_bits_q <= '0;
        sw_clear_q <= '0;
      end else begin
        sw_clear_q <= sw_clear_q + 1'b1;
        if (sw_clear_q == '1) sw_bits_q <= '0;
        else if (replay) sw_bits_q[h_pc[SwW+1:2]] <= 1'b1;
      end
    end
    assign ld_store_wait = sw_bits_q[ld_p.pc[SwW+1:2]];
  end else begin : g_no_store_wait
    assign ld_store_wait = 1'b0;
  end

  // Branch predictor, trained at commit in program order: by the head, or by the second commit
  // slot's branch or jump (the head is then none: its update would change nothing, since a head
  // that the BTB took for a branch flushes and has no second slot).
  logic       upd1;
  decoded_t   u_dec;
  logic       is_call, is_return;
  logic [RobW-1:0] u_rob;
  assign upd1 = retire1 && h1_ctrl;
  assign u_dec = upd1 ? h1_dec : h_dec;
  assign u_rob = upd1 ? head1 : head;
  assign is_call = ras_call(u_dec.is_jal, u_dec.is_jalr, u_dec.rd);
  assign is_return = ras_return(u_dec.is_jalr, u_dec.rd, u_dec.rs1);
  if (BtbEntries > 0) begin : g_bpred
    bpred #(
      .BtbEntries(BtbEntries), .BhtEntries(BhtEntries), .RasEntries(RasEntries), .Lookups(3 * FW),
      .SyncLookup(PredictorBram ? {FW{3'b110}} : '0), .SpecRas(SpecRas),
      .RedirectLookup({FW{3'b001}})
    ) u_bpred (
      .clk_i, .rst_ni, .pc_i(pred_pc), .taken_o(pred_taken), .target_o(pred_target),
      .bht_idx_o(pred_bht_idx),
      .upd_valid_i(retire), .upd_pc_i(upd1 ? rob_cr[1].pc : h_pc),
      .upd_is_branch_i(u_dec.is_branch), .upd_is_jump_i(u_dec.is_jal || u_dec.is_jalr),
      .upd_is_call_i(is_call), .upd_is_return_i(is_return), .upd_taken_i(rob_taken_q[u_rob]),
      // (a taken branch's or a jump's target is its next pc; the target matters only then)
      .upd_target_i(upd1 ? rob_ex_next_q[head1] : h_target),
      .upd_bht_idx_i(rob_cr[upd1].bht),
      // (a head other than a branch or jump still marked mispredicted was predicted taken)
      .upd_clear_i(!upd1 && !h_ctrl && rob_mispredict_q[head]),
      .call_o(pred_call), .return_o(pred_return), .ras_push_i(ras_push),
      .ras_push_addr_i(ras_push_addr), .ras_pop_i(ras_pop),
      .ras_restore_i(flush || recover_late || early_redirect),
      .ras_restore_state_i(ras_restore_state), .ras_state_o(ras_state),
      .ras_commit_state_o(ras_commit_state)
    );
  end else begin : g_no_bpred
    assign pred_taken = '0;
    assign pred_target = '0;
    assign pred_bht_idx = '0;
    assign pred_call = '0;
    assign pred_return = '0;
    assign ras_state = '0;
    assign ras_commit_state = '0;
    logic unused_bpred;
    assign unused_bpred = ^{pred_pc, is_call, is_return, ras_push, ras_push_addr, ras_pop,
                            ras_restore_state};
  end

  // =============================================================================================
  // Register file
  assign prf_raddr[0] = alu_ps1;
  assign prf_raddr[1] = alu_ps2;
  assign prf_raddr[2] = md_issue ? md_ps1 : alu1_ps1;
  assign prf_raddr[3] = md_issue ? md_ps2 : alu1_ps2;
  assign prf_raddr[4] = rob_hr.ps1;
  assign prf_raddr[5] = rob_hr.ps2;
  assign prf_raddr[6] = rob_cr[0].pd;
  assign prf_raddr[7] = ld_ps1;
  assign prf_raddr[8] = rob_cr[1].pd;
  assign prf_we[0] = ex_valid && alu_p.rd_alloc;
  assign prf_waddr[0] = alu_p.pd;
  assign prf_wdata[0] = ex_result;
  assign prf_we[1] = md_done && md_alloc_q;  // (see ex1_valid)
  assign prf_waddr[1] = md_pd_q;
  assign prf_wdata[1] = md_result;
  logic h_write;  // the head writes its result (a load it did, a CSR's old value)
  assign h_write = retire && commit_alloc && !h_done && (h_dec.is_load || h_dec.is_csr);
  assign prf_we[2] = h_write || (sl_write && sl_alloc_q);
  assign prf_waddr[2] = h_write ? rob_cr[0].pd : sl_pd_q;
  assign prf_wdata[2] = h_write ? h_result : sl_value;
  assign prf_we[3] = ex1_valid && alu1_p.rd_alloc;
  assign prf_waddr[3] = alu1_p.pd;
  assign prf_wdata[3] = ex1_result;

`ifndef SYNTHESIS
  // A register is written in the cycle rename hands it out only by a squashed instruction (the
  // second ALU's or the M unit's, whose writes the recovery does not stop): the allocation wins.
  logic [NumWrite-1:0] prf_stale;
  assign prf_stale = {ex1_squashed, 1'b0,
                      recovery_squashes(md_rob_q), 1'b0};
  always_ff @(posedge clk_i) begin
    for (int w = 0; w < NumWrite; w++)
      for (int a = 0; a < 2; a++)
        if (rst_ni && !flush && go[a] && d_alloc[a] && prf_we[w] && prf_waddr[w] == d_pd[a] &&
            !prf_stale[w])
          $error("ooo_core: register p%0d written by port %0d as it is allocated", d_pd[a], w);
  end
`endif
  ooo_prf #(.NumPregs(NumPregs), .NumRead(NumRead), .NumWrite(NumWrite)) u_prf (
    .clk_i, .rst_ni, .raddr_i(prf_raddr), .rdata_o(prf_rdata), .we_i(prf_we), .waddr_i(prf_waddr),
    .wdata_i(prf_wdata), .alloc_i(go & d_alloc), .alloc_preg_i(d_pd), .flush_i(flush),
    .ready_o(preg_ready)
  );

  // =============================================================================================
  // ROB updates: allocate at the tail, complete from the units, free at the head.
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rob_head_q <= '0;
      rob_tail_q <= '0;
      rob_done_q <= '0;
    end else if (flush) begin
      rob_head_q <= '0;
      rob_tail_q <= '0;
      rob_done_q <= '0;
    end else begin
      if (commit) rob_head_q <= rob_head_q + 1'b1 + (RobW + 1)'(retire1);
      rob_tail_q <= rob_tail + (RobW + 1)'(go[0]) + (RobW + 1)'(go[1]);
      if (ex_valid) rob_done_q[alu_p.rob_idx] <= 1'b1;
      if (ex1_valid) rob_done_q[alu1_p.rob_idx] <= 1'b1;
      if (md_done) rob_done_q[md_rob_q] <= 1'b1;
      if (sl_write) rob_done_q[sl_rob_q] <= 1'b1;
      // (last: in a recovery's cycle a squashed instruction's unit may still mark the entry
      // that rename hands out anew)
      for (int i = 0; i < 2; i++) if (go[i]) rob_done_q[rn_idx[i]] <= d_done[i];
    end
  end

  // The stores' data: LUT RAM with the ALU port's one write port.
  always_ff @(posedge clk_i) begin
    if (ex_sta && ex_std) rob_st_data_q[alu_p.rob_idx] <= ex_st_wdata;
  end
  always_ff @(posedge clk_i) begin
    // (before allocation, below, which clears the mark of an entry it takes)
    for (int e = 0; e < RobEntries; e++) if (vc_hit[e]) rob_replay_q[e] <= 1'b1;
    if (ld_take && !ld_ok) rob_spec_q[ld_p.rob_idx] <= 1'b0;
    if (lq_release) rob_spec_q[lq_rob_q[lq_pick_q]] <= 1'b0;
    if (ex_sta) begin
      rob_st_known_q[alu_p.rob_idx] <= 1'b1;
      rob_st_word_q[alu_p.rob_idx] <= ex_sta_addr[WordW-1:2];
      rob_st_be_q[alu_p.rob_idx] <= ex_st_be;
      rob_st_buf_q[alu_p.rob_idx] <= addr_map_pkg::in_ram(ex_sta_addr, RamBase, RamSize) &&
                                     !access_misaligned(alu_p.funct3[1:0], ex_sta_addr[1:0]);
      if (ex_std) rob_std_q[alu_p.rob_idx] <= 1'b1;
    end
    if (lq_move) begin
      rob_ld_exec_q[lq_rob_q[lq_pick_q]] <= 1'b1;
      rob_ld_fwd_q[lq_rob_q[lq_pick_q]] <= lq_st_any;
      rob_ld_fwd_idx_q[lq_rob_q[lq_pick_q]] <= lq_st_idx;
      rob_ld_word_q[lq_rob_q[lq_pick_q]] <= lq_addr_q[lq_pick_q][WordW-1:2];
      rob_ld_be_q[lq_rob_q[lq_pick_q]] <= lq_be;
      rob_ld_addr_q[lq_rob_q[lq_pick_q]] <= lq_addr_q[lq_pick_q];
    end
    if (ex_valid) begin
      rob_exc_q[alu_p.rob_idx] <= ex_transfer && ex_target[1];
      rob_ex_q[alu_p.rob_idx] <= 1'b1;
      rob_ex_target_q[alu_p.rob_idx] <= ex_target;
      rob_ex_next_q[alu_p.rob_idx] <= ex_next;
      // A branch or jump recovered already (or it traps): nothing left for commit to redirect.
      if (ex_ctrl) rob_mispredict_q[alu_p.rob_idx] <= 1'b0;
      rob_mispredicted_q[alu_p.rob_idx] <= ex_wrong;
      rob_taken_q[alu_p.rob_idx] <= ex_transfer;
    end
    // Allocation last: in a recovery's cycle a squashed load or store may still mark the entry
    // that rename hands out anew.
    for (int i = 0; i < 2; i++) begin
      if (go[i]) begin
        rob_alloc_q[rn_idx[i]] <= d_alloc[i];
        rob_spec_q[rn_idx[i]] <= d_spec_ld[i];
        rob_st_q[rn_idx[i]] <= d_sta[i];
        rob_st_known_q[rn_idx[i]] <= 1'b0;
        rob_std_q[rn_idx[i]] <= 1'b0;
        rob_ld_exec_q[rn_idx[i]] <= 1'b0;
        rob_replay_q[rn_idx[i]] <= 1'b0;
        rob_exc_q[rn_idx[i]] <= d_exc[i];
        rob_ex_q[rn_idx[i]] <= 1'b0;
        rob_mispredict_q[rn_idx[i]] <= rn_pred_next[i] != rn_pc[i] + 32'd4;
        rob_mispredicted_q[rn_idx[i]] <= rn_pred_next[i] != rn_pc[i] + 32'd4;
        rob_taken_q[rn_idx[i]] <= 1'b0;
      end
    end
  end

  // =============================================================================================
  // Retire ports (channel 0 the head, channel 1 the second commit slot) and interrupt trace.
  rvfi_t       rvfi_q, rvfi1_q;  // valid kept apart: it is reset, the rest is not
  logic        rvfi_valid_q, rvfi1_valid_q;
  logic [63:0] order_q;
  logic        intr_pending_q;  // the next instruction to leave the ROB is a handler's first
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      order_q <= 64'd0;
      intr_pending_q <= 1'b0;
      irq_trace_o <= '0;
      rvfi_valid_q <= 1'b0;
      rvfi1_valid_q <= 1'b0;
    end else begin
      if (commit) order_q <= order_q + 64'd1 + 64'(retire1);
      if (take_irq) intr_pending_q <= 1'b1;
      else if (commit) intr_pending_q <= 1'b0;
      irq_trace_o.valid <= take_irq;
      irq_trace_o.cause <= irq_cause;
      irq_trace_o.epc <= h_pc;
      rvfi_valid_q <= commit;
      rvfi1_valid_q <= retire1;
    end
  end
  always_ff @(posedge clk_i) begin
    rvfi1_q <= '0;
    rvfi1_q.order <= order_q + 64'd1;
    rvfi1_q.insn <= rob_cr[1].insn;
    rvfi1_q.rs1_addr <= h1_dec.rs1_used ? h1_dec.rs1 : 5'd0;
    rvfi1_q.rs2_addr <= h1_dec.rs2_used ? h1_dec.rs2 : 5'd0;
    rvfi1_q.rd_addr <= h1_dec.rd_write ? h1_dec.rd : 5'd0;
    rvfi1_q.rd_wdata <= (h1_dec.rd_write && h1_dec.rd != 5'd0) ? prf_rdata[8] : 32'd0;
    rvfi1_q.pc_rdata <= rob_cr[1].pc;
    rvfi1_q.pc_wdata <= rob_ex_q[head1] ? rob_ex_next_q[head1] : rob_cr[1].pc + 32'd4;
    if (h1_dec.is_load) begin  // a load the load port did: its register value holds the bytes
      rvfi1_q.mem_addr <= rob_ld_addr_q[head1];
      rvfi1_q.mem_rmask <= access_be(h1_dec.funct3[1:0], rob_ld_addr_q[head1][1:0]) >>
                           rob_ld_addr_q[head1][1:0];
      rvfi1_q.mem_rdata <= prf_rdata[8];
    end
  end
  // The trace's address is the one the access used: a load port's load its recorded address, a
  // buffered store its recorded word and bytes (the lowest byte is the address's offset, as it is
  // aligned), the rest the head's address register.
  logic [31:0] t_addr;
  logic [3:0]  t_mask;
  always_comb begin
    if (h_done) t_addr = rob_ld_addr_q[head];
    else if (h_buffered) t_addr = {h_st_addr[31:2], low_byte(h_st_be[2:0])};
    else t_addr = h_addr_q;
    t_mask = access_be(h_dec.funct3[1:0], t_addr[1:0]) >> t_addr[1:0];
  end
  always_ff @(posedge clk_i) begin
    rvfi_q.valid <= 1'b0;
    rvfi_q.order <= order_q;
    rvfi_q.insn <= rob_cr[0].insn;
    rvfi_q.trap <= h_exc;
    rvfi_q.intr <= intr_pending_q;
    rvfi_q.rs1_addr <= h_dec.rs1_used ? h_dec.rs1 : 5'd0;
    rvfi_q.rs2_addr <= h_dec.rs2_used ? h_dec.rs2 : 5'd0;
    rvfi_q.rs1_rdata <= 32'd0;  // not kept (the co-simulation does not compare them)
    rvfi_q.rs2_rdata <= 32'd0;
    rvfi_q.rd_addr <= (retire && h_dec.rd_write) ? h_dec.rd : 5'd0;
    rvfi_q.rd_wdata <= (retire && h_dec.rd_write && h_dec.rd != 5'd0)
                       ? ((!h_done && (h_dec.is_load || h_dec.is_csr)) ? h_result : prf_rdata[6])
                       : 32'd0;
    rvfi_q.pc_rdata <= h_pc;
    rvfi_q.pc_wdata <= h_next_pc;
    rvfi_q.mem_addr <= 32'd0;
    rvfi_q.mem_rmask <= 4'd0;
    rvfi_q.mem_wmask <= 4'd0;
    rvfi_q.mem_rdata <= 32'd0;
    rvfi_q.mem_wdata <= 32'd0;
    if (retire && h_is_mem) begin
      rvfi_q.mem_addr <= t_addr;
      rvfi_q.mem_rmask <= h_dec.is_load ? t_mask : 4'b0;
      rvfi_q.mem_wmask <= h_dec.is_store ? t_mask : 4'b0;
      // A load done by the load port: its register value holds the bytes rmask selects.
      rvfi_q.mem_rdata <= !h_dec.is_load ? 32'd0 : h_done ? prf_rdata[6] : load_raw;
      rvfi_q.mem_wdata <= h_st_wdata >> {t_addr[1:0], 3'b000};  // the data the store captured
    end
  end
  always_comb begin
    rvfi_o = '0;
    rvfi_o[0] = rvfi_q;
    rvfi_o[0].valid = rvfi_valid_q;
    rvfi_o[1] = rvfi1_q;
    rvfi_o[1].valid = rvfi1_valid_q;
  end

  // Rename needs the decoded form's register and class fields, the head its system and memory
  // fields, the M unit and the load port their operation and destination; the rest is for others.
  logic unused_fields;
  assign unused_fields = ^{d_dec, h_dec, h1_dec, u_dec, md_p, ld_p, alu1_p};

  // =============================================================================================
  // Events
  // Rename: an instruction waits at the fetch queue's output for a resource (not in the cycles a
  // flush or recovery blocks it on purpose). The causes can hold together; RENAME_STALL counts
  // the cycles any of them does.
  logic rn_wait, mp_redirect, mp_refill_q;
  assign rn_wait = f_valid && !flush && !recover_late;
  // A mispredict's cost at the front: from the recovery (the cycle after execute, or at commit
  // for a non-branch the BTB predicted taken) up to, not including, the cycle the right path
  // renames (after an early redirect that may be the recovery's own: then nothing counts).
  assign mp_redirect = (recover && !dispatch) || (retire && rob_mispredict_q[head]);
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) mp_refill_q <= 1'b0;
    else if (mp_redirect) mp_refill_q <= 1'b1;
    else if (dispatch || flush) mp_refill_q <= 1'b0;  // renamed, or an exception took over
  end
  // The memory queues that exist: both load request slots taken (the issue queue sends no load),
  // or the head's RAM store waits for a store-buffer entry.
  logic lsq_full;
  assign lsq_full = &lq_valid_q ||
                    (h_valid && !h_done && h_buffered && sb_full && !take_irq);

  always_comb begin
    events_o = '0;
    events_o[HPM_EV_INSTRET] = EventCountW'(retire) + EventCountW'(retire1);
    events_o[HPM_EV_BRANCH] = EventCountW'(retire && h_dec.is_branch) +
                              EventCountW'(retire1 && h1_dec.is_branch);
    events_o[HPM_EV_JUMP] = EventCountW'(retire && (h_dec.is_jal || h_dec.is_jalr)) +
                            EventCountW'(retire1 && (h1_dec.is_jal || h1_dec.is_jalr));
    events_o[HPM_EV_MISPREDICT] = EventCountW'(retire && rob_mispredicted_q[head]) +
                                  EventCountW'(retire1 && rob_mispredicted_q[head1]);
    events_o[HPM_EV_LOAD] = EventCountW'(retire && h_dec.is_load) +
                            EventCountW'(retire1 && h1_dec.is_load);
    events_o[HPM_EV_STORE] = EventCountW'(retire && h_dec.is_store);
    events_o[HPM_EV_TRAP] = EventCountW'(commit && h_exc);
    events_o[HPM_EV_INTERRUPT] = EventCountW'(take_irq);
    events_o[HPM_EV_FRONTEND_MEM_STALL] = EventCountW'(!h_valid && !f_valid && !imem_req_ready_i);
    events_o[HPM_EV_BACKEND_MEM_STALL] = EventCountW'((port_busy_q && !port_rsp) ||
                                                      (dmem_req_valid_o && !dmem_req_ready_i));
    events_o[HPM_EV_MULDIV_BUSY] = EventCountW'(md_busy);
    events_o[HPM_EV_ROB_FULL] = EventCountW'(rn_wait && rob_full);
    events_o[HPM_EV_IQ_FULL] = EventCountW'(rn_wait && need_iq[0]);
    events_o[HPM_EV_LSQ_FULL] = EventCountW'(lsq_full);
    events_o[HPM_EV_NO_FREE_PREG] = EventCountW'(rn_wait && need_preg[0]);
    events_o[HPM_EV_CKPT_FULL] = EventCountW'(rn_wait && d_ctrl[0] && ckpt_full);
    events_o[HPM_EV_RENAME_STALL] = EventCountW'(rn_wait && !f_ready);
    events_o[HPM_EV_MISPREDICT_FLUSH] = EventCountW'(mp_redirect ||
                                                     (mp_refill_q && !dispatch && !flush));
    // A load replayed at the head: it ran ahead of an older store that writes its bytes.
    events_o[HPM_EV_MEM_ORDER_VIOLATION] = EventCountW'(replay);
    events_o[HPM_EV_COMMIT0] = EventCountW'(!retire);
    events_o[HPM_EV_COMMIT1] = EventCountW'(retire && !retire1);
    events_o[HPM_EV_COMMIT2] = EventCountW'(retire1);
  end

`ifndef SYNTHESIS
  // =============================================================================================
  // Pipeline trace for `coresim --kanata` (docs/coresim.md): what each cycle did, by ROB entry,
  // handed to the simulator, which keeps the instruction ids (it mirrors the fetch queue) and
  // writes the log. Only with the plusarg +corelab_kanata, so other runs pay nothing.
  import "DPI-C" context function void corelab_ooo_trace(
    input longint unsigned cycle, input bit fetch, input int unsigned fetch_pc,
    input bit fetch_pair, input bit redirect, input bit rename_wait, input bit rename,
    input int unsigned rename_rob, input int unsigned rename_pc, input int unsigned rename_insn,
    input bit rename1, input int unsigned rename1_rob, input int unsigned rename1_pc,
    input int unsigned rename1_insn, input longint unsigned issue,
    input longint unsigned complete, input longint unsigned retired, input longint unsigned trapped,
    input longint unsigned squashed, input int unsigned head_rob, input int unsigned rob_entries);

  bit              trace_on;
  bit              tr_rename1;  // rename slot 1 (the younger of a pair)
  int unsigned     tr_rename1_rob, tr_rename1_pc, tr_rename1_insn;
  assign tr_rename1 = go[1];
  assign tr_rename1_rob = 32'(rn_idx[1]);
  assign tr_rename1_pc = rn_pc[1];
  assign tr_rename1_insn = rn_insn[1];
  longint unsigned trace_cycle_q;
  logic [RobEntries-1:0] tr_issue, tr_complete, tr_retire, tr_trap, tr_squash;
  initial begin
    trace_on = $test$plusargs("corelab_kanata");
    if (RobEntries > 64) $fatal(1, "ooo_core: the pipeline trace keeps ROB entries in 64 bits");
  end
  always_comb begin
    tr_issue = '0;
    tr_complete = '0;
    tr_retire = '0;
    tr_trap = '0;
    tr_squash = '0;
    // A store's first issue (its address; its data may issue again later)
    if (alu_issue && !alu_hold && !flush && !ex_squashed && (!alu_p.is_sta || ex_sta_first))
      tr_issue[alu_p.rob_idx] = 1'b1;
    if (md_start) tr_issue[md_p.rob_idx] = 1'b1;
    if (ex1_valid && !ex1_squashed) tr_issue[alu1_p.rob_idx] = 1'b1;
    if (ex1_valid && !ex1_squashed) tr_complete[alu1_p.rob_idx] = 1'b1;
    if (ld_take) tr_issue[ld_p.rob_idx] = 1'b1;
    if (ex_valid) tr_complete[alu_p.rob_idx] = 1'b1;
    if (md_done && !md_squash && !flush) tr_complete[md_rob_q] = 1'b1;
    if (sl_write) tr_complete[sl_rob_q] = 1'b1;
    if (retire) tr_retire[head] = 1'b1;
    if (retire1) tr_retire[head1] = 1'b1;
    if (commit && h_exc) tr_trap[head] = 1'b1;
    for (int e = 0; e < RobEntries; e++) begin
      // (the entries held before this cycle's recovery: rob_full is the recovered ROB's)
      if (rob_age(RobW'(e), head) < RobW'(rob_tail_q - rob_head_q) ||
          rob_tail_q - rob_head_q == (RobW + 1)'(RobEntries)) begin
        if (flush && !(commit && RobW'(e) == head)) tr_squash[e] = 1'b1;
        if (recovery_squashes(RobW'(e))) tr_squash[e] = 1'b1;
      end
    end
  end
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) trace_cycle_q <= '0;
    else trace_cycle_q <= trace_cycle_q + 1;
  end
  // Sampled at the falling edge, when the cycle's values have settled: the simulator counts the
  // events of the same state after each rising edge, so the log and the counters agree.
  always_ff @(negedge clk_i) begin
    if (trace_on && rst_ni) begin
      corelab_ooo_trace(trace_cycle_q, imem_req_valid_o && imem_req_ready_i, imem_req_addr_o,
                        imem_req_valid_o && imem_req_ready_i && f_req_pair,
                        flush || recover_late || early_redirect, f_valid && !dispatch, dispatch,
                        32'(tail),
                        f_pc, f_insn, tr_rename1, tr_rename1_rob, tr_rename1_pc, tr_rename1_insn,
                        64'(tr_issue), 64'(tr_complete), 64'(tr_retire), 64'(tr_trap),
                        64'(tr_squash), 32'(head), RobEntries);
    end
  end
`endif
endmodule
