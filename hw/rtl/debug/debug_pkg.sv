// Constants of the host link protocol (docs/protocol.md) shared by the modules of the debug/loader
// unit: SLIP bytes, frame limits, command and status codes, core states.
package debug_pkg;
  // ---- SLIP framing ----
  localparam logic [7:0] SLIP_END = 8'hC0;
  localparam logic [7:0] SLIP_ESC = 8'hDB;
  localparam logic [7:0] SLIP_ESC_END = 8'hDC;  // ESC ESC_END stands for a body byte END
  localparam logic [7:0] SLIP_ESC_ESC = 8'hDD;  // ESC ESC_ESC stands for a body byte ESC

  // ---- frame limits (unstuffed body = cmd, seq, payload, crc32) ----
  localparam int unsigned MIN_BODY = 6;
  localparam int unsigned MAX_BODY = 1030;
  localparam int unsigned MAX_READ = 1020;  // READ_MEM: status + data fit the 1024-byte payload
  localparam int unsigned LEN_W = 11;  // body and response lengths (<= 1030)
  // What the CRC register holds after a body followed by its own (inverted, LSB-first) CRC.
  localparam logic [31:0] CRC_RESIDUE = 32'hDEBB_20E3;

  localparam logic [15:0] PROTO_VERSION = 16'd1;

  // ---- commands (host to device; the response is cmd | 0x80) ----
  localparam logic [7:0] CMD_IDENTIFY = 8'h01;
  localparam logic [7:0] CMD_WRITE_MEM = 8'h02;
  localparam logic [7:0] CMD_READ_MEM = 8'h03;
  localparam logic [7:0] CMD_CORE_CTRL = 8'h04;
  localparam logic [7:0] CMD_SET_START = 8'h05;
  localparam logic [7:0] CMD_STATUS = 8'h06;
  localparam logic [7:0] CMD_READ_COUNTERS = 8'h07;
  localparam logic [7:0] CMD_COUNTERS_CTRL = 8'h08;
  localparam logic [7:0] CMD_ATTACH = 8'h09;
  localparam logic [7:0] CMD_DETACH = 8'h0A;
  localparam logic [7:0] CMD_CONSOLE_IN = 8'h0B;
  // device-initiated frames (seq 0)
  localparam logic [7:0] CMD_CONSOLE = 8'h40;
  localparam logic [7:0] CMD_EXITED = 8'h41;
  localparam int unsigned CONSOLE_MAX = 64;  // payload bytes per CONSOLE / CONSOLE_IN frame

  // ---- response status ----
  localparam logic [7:0] ST_OK = 8'd0;
  localparam logic [7:0] ST_UNKNOWN = 8'd1;
  localparam logic [7:0] ST_BAD_LEN = 8'd2;
  localparam logic [7:0] ST_BAD_ADDR = 8'd3;
  localparam logic [7:0] ST_BAD_STATE = 8'd4;

  // ---- core control ----
  typedef enum logic [1:0] {
    CoreHeld = 2'd0, CoreRunning = 2'd1, CoreHalted = 2'd2, CoreExited = 2'd3
  } core_state_e;
  typedef enum logic [1:0] {
    ActHold = 2'd0, ActRelease = 2'd1, ActHalt = 2'd2, ActResume = 2'd3
  } core_action_e;
endpackage
