// Test harness top for the cache unit test: the cache with flat ports, so the C++ testbench
// drives plain signals instead of the packed request struct. Parameters as in cache.sv (ReadOnly
// is an integer here so that Verilator's -G can set it; 2: read-only with PairRead).
module cache_tb_top #(
  parameter int unsigned SizeBytes = 4096,
  parameter int unsigned Ways = 2,
  parameter int unsigned LineBytes = 16,
  parameter int unsigned ReadOnly = 0,
  parameter int unsigned AddrBits = 32   // the testbench's addresses lie at 0x8000_0000 + ...
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        req_valid_i,
  output logic        req_ready_o,
  input  logic [31:0] req_addr_i,
  input  logic        req_we_i,
  input  logic [3:0]  req_be_i,
  input  logic [31:0] req_wdata_i,
  output logic        rsp_valid_o,
  output logic [31:0] rsp_rdata_o,
  output logic [31:0] rsp_rdata1_o,
  input  logic        flush_req_i,
  output logic        flush_done_o,
  output logic        mem_req_valid_o,
  input  logic        mem_req_ready_i,
  output logic [31:0] mem_req_addr_o,
  output logic        mem_req_we_o,
  output logic        mem_wvalid_o,
  input  logic        mem_wready_i,
  output logic [31:0] mem_wdata_o,
  input  logic        mem_rvalid_i,
  input  logic [31:0] mem_rdata_i,
  output logic        access_o,
  output logic        miss_o,
  output logic        writeback_o
);
  core_pkg::mem_req_t req;
  assign req.addr = req_addr_i;
  assign req.we = req_we_i;
  assign req.be = req_be_i;
  assign req.wdata = req_wdata_i;

  cache #(
    .SizeBytes(SizeBytes), .Ways(Ways), .LineBytes(LineBytes), .ReadOnly(ReadOnly != 0),
    .PairRead(ReadOnly == 2), .AddrBits(AddrBits), .AddrBase(32'h8000_0000)
  ) u_cache (
    .clk_i, .rst_ni, .req_valid_i, .req_ready_o, .req_i(req), .rsp_valid_o, .rsp_rdata_o,
    .rsp_rdata1_o, .flush_req_i, .flush_done_o, .mem_req_valid_o, .mem_req_ready_i, .mem_req_addr_o,
    .mem_req_we_o, .mem_wvalid_o, .mem_wready_i, .mem_wdata_o, .mem_rvalid_i, .mem_rdata_i,
    .access_o, .miss_o, .writeback_o
  );
endmodule
