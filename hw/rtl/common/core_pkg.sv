// Types shared by the cores and the SoC: the decoded instruction, the memory-port payloads, the
// retire trace (RVFI names) and the event vector that feeds the performance counters.
package core_pkg;

  // ---- decoded instruction ----
  // (The subtracting operations, and only they, have bit 3 set: the ALU's adder takes it as its
  // subtract input straight from the operation register, with no decode in front of the carry.)
  typedef enum logic [3:0] {
    AluAdd = 4'd0, AluSll = 4'd1, AluXor = 4'd2, AluSrl = 4'd3, AluSra = 4'd4, AluOr = 4'd5,
    AluAnd = 4'd6, AluPassB = 4'd7, AluSub = 4'd8, AluSlt = 4'd9, AluSltu = 4'd10
  } alu_op_e;

  typedef enum logic [1:0] {CsrRw = 2'd1, CsrRs = 2'd2, CsrRc = 2'd3} csr_op_e;

  typedef struct packed {
    logic        illegal;
    logic [4:0]  rs1;
    logic [4:0]  rs2;
    logic [4:0]  rd;
    logic        rs1_used;
    logic        rs2_used;
    logic        rd_write;    // writes rd (rd may still be x0)
    logic [31:0] imm;
    alu_op_e     alu_op;
    logic        op_a_pc;     // ALU operand A is the pc (auipc)
    logic        op_b_imm;    // ALU operand B is the immediate
    logic        is_branch;
    logic        is_jal;
    logic        is_jalr;
    logic        is_load;
    logic        is_store;
    logic [2:0]  funct3;      // branch condition, memory size/sign, M operation, CSR form
    logic        is_muldiv;
    logic        is_csr;
    csr_op_e     csr_op;
    logic        csr_imm;     // operand is the 5-bit immediate in the rs1 field
    logic        csr_write;   // the CSR is written (csrrw, or set/clear with a nonzero operand field)
    logic [11:0] csr_addr;
    logic        is_ecall;
    logic        is_ebreak;
    logic        is_mret;
    logic        is_wfi;
    logic        is_fencei;
  } decoded_t;

  // ---- memory ports (core side of the caches) ----
  // Request: accepted when valid && ready. Response: exactly one per accepted request, in order,
  // at least one cycle later, never back-pressured.
  typedef struct packed {
    logic [31:0] addr;
    logic        we;
    logic [3:0]  be;     // byte enables of the aligned word (stores)
    logic [31:0] wdata;  // store data, already shifted to its byte lanes
  } mem_req_t;

  // ---- retire trace (riscv-formal RVFI names, one channel) ----
  typedef struct packed {
    logic        valid;
    logic [63:0] order;
    logic [31:0] insn;
    logic        trap;
    logic        intr;      // first instruction of an interrupt handler
    logic [4:0]  rs1_addr;
    logic [4:0]  rs2_addr;
    logic [31:0] rs1_rdata;
    logic [31:0] rs2_rdata;
    logic [4:0]  rd_addr;
    logic [31:0] rd_wdata;
    logic [31:0] pc_rdata;
    logic [31:0] pc_wdata;
    logic [31:0] mem_addr;
    logic [3:0]  mem_rmask;
    logic [3:0]  mem_wmask;
    logic [31:0] mem_rdata;
    logic [31:0] mem_wdata;
  } rvfi_t;

  // Retire channels of a core's trace port (rvfi_t [RetireWidth-1:0]): one per commit slot, in
  // program order, channel 0 first. A one-wide core drives channel 0 only.
  localparam int unsigned RetireWidth = 2;

  // An interrupt the core took (not part of RVFI): the co-simulation makes the ISS take it too.
  typedef struct packed {
    logic        valid;
    logic [31:0] cause;
    logic [31:0] epc;
  } irq_trace_t;

  // Performance events: per event number (spec/hpm_events.h), how many happened this cycle.
  localparam int unsigned EventCountW = 2;

  // The bytes of its word that an aligned access of this size (funct3[1:0]) at this offset
  // touches (a misaligned one traps before it accesses anything).
  function automatic logic [3:0] access_be(logic [1:0] size, logic [1:0] offset);
    unique case (size)
      2'd0: return 4'b0001 << offset;
      2'd1: return 4'b0011 << offset;
      default: return 4'b1111;
    endcase
  endfunction

  // An access of this size (funct3[1:0]) at this offset is misaligned (it traps).
  function automatic logic access_misaligned(logic [1:0] size, logic [1:0] offset);
    unique case (size)
      2'd0: return 1'b0;
      2'd1: return offset[0];
      default: return offset != 2'b00;
    endcase
  endfunction

  // A call (a jump that links in ra or t0) and a return (a jalr through ra or t0 that is not a
  // call), as the return-address stack sees them (the RISC-V spec's hints for jal/jalr).
  function automatic logic ras_call(logic is_jal, logic is_jalr, logic [4:0] rd);
    return (is_jal || is_jalr) && (rd == 5'd1 || rd == 5'd5);
  endfunction
  function automatic logic ras_return(logic is_jalr, logic [4:0] rd, logic [4:0] rs1);
    return is_jalr && !(rd == 5'd1 || rd == 5'd5) && (rs1 == 5'd1 || rs1 == 5'd5);
  endfunction
endpackage
