// A simulated board behind an FtdiPort, the way to practise flashing without hardware
// (`corectl --model DIR`). Its state lives in a directory across runs:
//   DIR/flash.bin    the configuration flash, byte for byte (created erased, all 0xFF)
//   DIR/model.json   the parts and the FPGA's state, for example
//     {"board": "icebreaker",
//      "flash": {"jedec_id": "0xef4018", "size": 16777216, "busy_polls": 3,
//                "stuck_bit": {"address": 4096, "mask": 1, "level": 1}},      <- optional fault
//      "fpga": {"idcode": "0x41113043", "configured": true, "status": "0x00000100", "last_error": ""}}
// Edit the JSON to model another flash chip (an unknown JEDEC ID), another ECP5 part or a stuck bit.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "corelab/host/boards.hpp"
#include "corelab/host/ftdi_port.hpp"

namespace corelab::host::model {

class ModelBoard {
 public:
  // Loads DIR, or creates it with the defaults (the board's ECP5 part, a Winbond W25Q128JV).
  // Throws HostError(Usage) when DIR models another board or its JSON is malformed.
  ModelBoard(const BoardInfo& board, const ProgramLink& link, const std::filesystem::path& dir);
  ~ModelBoard();
  ModelBoard(const ModelBoard&) = delete;
  ModelBoard& operator=(const ModelBoard&) = delete;

  FtdiPort& port();
  // Writes flash.bin and model.json back. Throws HostError(Io).
  void save() const;

  std::vector<uint8_t>& flash_memory();
  bool fpga_configured() const;  // iCE40 CDONE, ECP5 DONE
  uint32_t ecp5_status() const;  // 0 for an iCE40
  std::string fpga_error() const;  // why the last configuration failed, "" when it did not

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace corelab::host::model
