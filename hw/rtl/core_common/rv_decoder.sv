// RV32IM + Zicsr + Zifencei + mret/wfi decoder (combinational). Illegal encodings set `illegal`;
// which CSRs exist is decided later by the CSR unit. Mirrors sim/iss/decode.cpp.
module rv_decoder
  import core_pkg::*;
(
  input  logic [31:0] insn_i,
  output decoded_t    dec_o
);
  logic [6:0] opcode;
  logic [2:0] f3;
  logic [6:0] f7;
  logic [31:0] imm_i, imm_s, imm_b, imm_u, imm_j;

  assign opcode = insn_i[6:0];
  assign f3 = insn_i[14:12];
  assign f7 = insn_i[31:25];
  assign imm_i = {{20{insn_i[31]}}, insn_i[31:20]};
  assign imm_s = {{20{insn_i[31]}}, insn_i[31:25], insn_i[11:7]};
  assign imm_b = {{19{insn_i[31]}}, insn_i[31], insn_i[7], insn_i[30:25], insn_i[11:8], 1'b0};
  assign imm_u = {insn_i[31:12], 12'b0};
  assign imm_j = {{11{insn_i[31]}}, insn_i[31], insn_i[19:12], insn_i[20], insn_i[30:21], 1'b0};

  always_comb begin
    dec_o = '0;
    dec_o.illegal = 1'b1;
    dec_o.rs1 = insn_i[19:15];
    dec_o.rs2 = insn_i[24:20];
    dec_o.rd = insn_i[11:7];
    dec_o.funct3 = f3;
    dec_o.alu_op = AluAdd;
    dec_o.csr_op = CsrRw;
    dec_o.csr_addr = insn_i[31:20];
    unique case (opcode)
      7'h37: begin  // lui
        dec_o.illegal = 1'b0;
        dec_o.rd_write = 1'b1;
        dec_o.imm = imm_u;
        dec_o.alu_op = AluPassB;
        dec_o.op_b_imm = 1'b1;
      end
      7'h17: begin  // auipc
        dec_o.illegal = 1'b0;
        dec_o.rd_write = 1'b1;
        dec_o.imm = imm_u;
        dec_o.op_a_pc = 1'b1;
        dec_o.op_b_imm = 1'b1;
      end
      7'h6f: begin  // jal
        dec_o.illegal = 1'b0;
        dec_o.rd_write = 1'b1;
        dec_o.imm = imm_j;
        dec_o.is_jal = 1'b1;
      end
      7'h67: begin  // jalr
        dec_o.illegal = (f3 != 3'd0);
        dec_o.rd_write = 1'b1;
        dec_o.rs1_used = 1'b1;
        dec_o.imm = imm_i;
        dec_o.is_jalr = 1'b1;
      end
      7'h63: begin  // branches
        dec_o.illegal = (f3 == 3'd2) || (f3 == 3'd3);
        dec_o.rs1_used = 1'b1;
        dec_o.rs2_used = 1'b1;
        dec_o.imm = imm_b;
        dec_o.is_branch = 1'b1;
      end
      7'h03: begin  // loads
        dec_o.illegal = (f3 == 3'd3) || (f3 == 3'd6) || (f3 == 3'd7);
        dec_o.rd_write = 1'b1;
        dec_o.rs1_used = 1'b1;
        dec_o.imm = imm_i;
        dec_o.is_load = 1'b1;
      end
      7'h23: begin  // stores
        dec_o.illegal = (f3 > 3'd2);
        dec_o.rs1_used = 1'b1;
        dec_o.rs2_used = 1'b1;
        dec_o.imm = imm_s;
        dec_o.is_store = 1'b1;
      end
      7'h13: begin  // ALU with immediate
        dec_o.illegal = 1'b0;
        dec_o.rd_write = 1'b1;
        dec_o.rs1_used = 1'b1;
        dec_o.op_b_imm = 1'b1;
        dec_o.imm = imm_i;
        unique case (f3)
          3'd0: dec_o.alu_op = AluAdd;
          3'd2: dec_o.alu_op = AluSlt;
          3'd3: dec_o.alu_op = AluSltu;
          3'd4: dec_o.alu_op = AluXor;
          3'd6: dec_o.alu_op = AluOr;
          3'd7: dec_o.alu_op = AluAnd;
          3'd1: begin
            dec_o.alu_op = AluSll;
            dec_o.illegal = (f7 != 7'h00);
          end
          default: begin  // 3'd5
            dec_o.alu_op = f7[5] ? AluSra : AluSrl;
            dec_o.illegal = (f7 != 7'h00) && (f7 != 7'h20);
          end
        endcase
      end
      7'h33: begin  // register-register ALU and M extension
        dec_o.rd_write = 1'b1;
        dec_o.rs1_used = 1'b1;
        dec_o.rs2_used = 1'b1;
        if (f7 == 7'h01) begin
          dec_o.illegal = 1'b0;
          dec_o.is_muldiv = 1'b1;
        end else if (f7 == 7'h00) begin
          dec_o.illegal = 1'b0;
          unique case (f3)
            3'd0: dec_o.alu_op = AluAdd;
            3'd1: dec_o.alu_op = AluSll;
            3'd2: dec_o.alu_op = AluSlt;
            3'd3: dec_o.alu_op = AluSltu;
            3'd4: dec_o.alu_op = AluXor;
            3'd5: dec_o.alu_op = AluSrl;
            3'd6: dec_o.alu_op = AluOr;
            default: dec_o.alu_op = AluAnd;
          endcase
        end else if (f7 == 7'h20 && f3 == 3'd0) begin
          dec_o.illegal = 1'b0;
          dec_o.alu_op = AluSub;
        end else if (f7 == 7'h20 && f3 == 3'd5) begin
          dec_o.illegal = 1'b0;
          dec_o.alu_op = AluSra;
        end
      end
      7'h0f: begin  // fence (a no-op in order) and fence.i
        dec_o.illegal = (f3 > 3'd1);
        dec_o.is_fencei = (f3 == 3'd1);
      end
      7'h73: begin  // SYSTEM
        if (f3 == 3'd0) begin
          dec_o.is_ecall = (insn_i == 32'h0000_0073);
          dec_o.is_ebreak = (insn_i == 32'h0010_0073);
          dec_o.is_mret = (insn_i == 32'h3020_0073);
          dec_o.is_wfi = (insn_i == 32'h1050_0073);
          dec_o.illegal = !(dec_o.is_ecall || dec_o.is_ebreak || dec_o.is_mret || dec_o.is_wfi);
        end else if (f3 != 3'd4) begin
          dec_o.illegal = 1'b0;
          dec_o.is_csr = 1'b1;
          dec_o.rd_write = 1'b1;
          dec_o.csr_op = csr_op_e'(f3[1:0]);
          dec_o.csr_imm = f3[2];
          dec_o.rs1_used = !f3[2];
          dec_o.imm = {27'b0, insn_i[19:15]};
          dec_o.csr_write = (f3[1:0] == 2'd1) || (insn_i[19:15] != 5'd0);
        end
      end
      default: ;
    endcase
    if (dec_o.illegal) begin
      dec_o.rd_write = 1'b0;
      dec_o.rs1_used = 1'b0;
      dec_o.rs2_used = 1'b0;
      dec_o.is_branch = 1'b0;
      dec_o.is_jal = 1'b0;
      dec_o.is_jalr = 1'b0;
      dec_o.is_load = 1'b0;
      dec_o.is_store = 1'b0;
      dec_o.is_muldiv = 1'b0;
      dec_o.is_csr = 1'b0;
      dec_o.is_fencei = 1'b0;
    end
  end
endmodule
