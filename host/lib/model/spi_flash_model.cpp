// The SPI NOR flash model. Commands and their header lengths are a table; what a command does
// happens where the part does it: reads stream out during the transaction, writes and erases act
// when CS# rises on a byte boundary, and only after WRITE ENABLE.
#include "corelab/host/model/spi_flash_model.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace corelab::host::model {
namespace {

enum class Op { JedecId, ReadStatus, WriteEnable, WriteDisable, PageProgram, Erase, ChipErase, Read, PowerDown, Release };

struct Command {
  uint8_t opcode;
  Op op;
  unsigned header;      // bytes before data: opcode, address, dummy
  uint32_t erase_size;  // Erase only
};

// Winbond W25Q128JV datasheet, "Instructions" (the common SPI NOR subset).
constexpr std::array kCommands{
    Command{0x9F, Op::JedecId, 1, 0},          Command{0x05, Op::ReadStatus, 1, 0},
    Command{0x06, Op::WriteEnable, 1, 0},      Command{0x04, Op::WriteDisable, 1, 0},
    Command{0x02, Op::PageProgram, 4, 0},      Command{0x20, Op::Erase, 4, 4096},
    Command{0x52, Op::Erase, 4, 32768},        Command{0xD8, Op::Erase, 4, 65536},
    Command{0xC7, Op::ChipErase, 1, 0},        Command{0x60, Op::ChipErase, 1, 0},
    Command{0x03, Op::Read, 4, 0},             Command{0x0B, Op::Read, 5, 0},  // fast read: one dummy byte
    Command{0xB9, Op::PowerDown, 1, 0},        Command{0xAB, Op::Release, 1, 0},
};

constexpr uint8_t kStatusBusy = 0x01;
constexpr uint8_t kStatusWel = 0x02;
constexpr uint32_t kPageSize = 256;

const Command* find_command(uint8_t opcode) {
  for (const auto& c : kCommands)
    if (c.opcode == opcode) return &c;
  return nullptr;
}

// The command of the transaction so far (nullptr: none, unknown or ignored).
const Command* current(const std::vector<uint8_t>& frame) { return frame.empty() ? nullptr : find_command(frame[0]); }

}  // namespace

SpiFlashModel::SpiFlashModel(std::vector<uint8_t> memory, SpiFlashConfig config)
    : mem_(std::move(memory)), config_(config) {}

uint8_t SpiFlashModel::status() const {
  return static_cast<uint8_t>((busy_left_ ? kStatusBusy : 0) | (wel_ ? kStatusWel : 0));
}

bool SpiFlashModel::step(bool cs_n, bool sck, bool mosi) {
  if (cs_n != cs_n_) {
    cs_n_ = cs_n;
    if (cs_n)
      on_deselect();
    else
      on_select();
  }
  if (!cs_n_ && sck && !sck_) {  // rising edge: sample MOSI, MSB first
    in_shift_ = static_cast<uint8_t>((in_shift_ << 1) | (mosi ? 1 : 0));
    if (++in_bits_ == 8) {
      in_bits_ = 0;
      on_byte(in_shift_);
    }
  }
  if (!cs_n_ && !sck && sck_ && output_) {  // falling edge: the next output bit
    if (out_bits_ == 0) {
      out_byte_ = next_output();
      out_bits_ = 8;
    }
    miso_ = ((out_byte_ >> --out_bits_) & 1u) != 0;
  }
  sck_ = sck;
  return cs_n_ ? true : miso_;
}

void SpiFlashModel::on_select() {
  frame_.clear();
  in_bits_ = 0;
  output_ = false;
  out_bits_ = 0;
  id_index_ = 0;
  miso_ = true;
}

void SpiFlashModel::on_byte(uint8_t byte) {
  frame_.push_back(byte);
  const Command* c = current(frame_);
  // A part in deep power-down answers only RELEASE; a busy one only READ STATUS.
  if (!c || (powered_down_ && c->op != Op::Release) || (busy_left_ && c->op != Op::ReadStatus)) {
    frame_.resize(1);
    frame_[0] = 0x00;  // an opcode no command has: the rest of the frame is ignored
    return;
  }
  const bool reads = c->op == Op::JedecId || c->op == Op::ReadStatus || c->op == Op::Read;
  if (reads && frame_.size() == c->header) {
    output_ = true;
    read_addr_ = c->op == Op::Read ? address() : 0;
  }
}

uint32_t SpiFlashModel::address() const {
  return (uint32_t{frame_[1]} << 16 | uint32_t{frame_[2]} << 8 | frame_[3]) % static_cast<uint32_t>(mem_.size());
}

uint8_t SpiFlashModel::next_output() {
  switch (current(frame_)->op) {
    case Op::JedecId:
      return id_index_ < 3 ? static_cast<uint8_t>(config_.jedec_id >> (8 * (2 - id_index_++))) : 0xFF;
    case Op::ReadStatus: {
      const uint8_t s = status();
      if (busy_left_ && --busy_left_ == 0) wel_ = false;  // the operation ends: WEL clears with BUSY
      return s;
    }
    case Op::Read: {
      const uint8_t b = mem_[read_addr_];
      read_addr_ = (read_addr_ + 1) % static_cast<uint32_t>(mem_.size());
      return b;
    }
    default:
      return 0xFF;
  }
}

void SpiFlashModel::on_deselect() {
  miso_ = true;
  const Command* c = current(frame_);
  if (!c || in_bits_ != 0) return;  // nothing, or CS# rose inside a byte: the part ignores it
  switch (c->op) {
    case Op::WriteEnable: wel_ = true; return;
    case Op::WriteDisable: wel_ = false; return;
    case Op::PowerDown: powered_down_ = true; return;
    case Op::Release: powered_down_ = false; return;
    default: break;
  }
  if (!wel_) return;  // programs and erases need WRITE ENABLE first
  if (c->op == Op::PageProgram && frame_.size() > c->header)
    program_page(c->header);
  else if (c->op == Op::Erase && frame_.size() == c->header)
    erase(address() - address() % c->erase_size, c->erase_size);
  else if (c->op == Op::ChipErase && frame_.size() == 1)
    erase(0, static_cast<uint32_t>(mem_.size()));
  else
    return;
  start_busy();
}

// Bytes past the end of the page wrap to its start; the last one sent for an address wins.
void SpiFlashModel::program_page(size_t header) {
  const uint32_t addr = address();
  const uint32_t page = addr - addr % kPageSize;
  std::array<std::optional<uint8_t>, kPageSize> latch;
  for (size_t i = header; i < frame_.size(); ++i) latch[(addr + i - header) % kPageSize] = frame_[i];
  for (uint32_t i = 0; i < kPageSize; ++i)
    if (latch[i]) program(page + i, *latch[i]);
}

void SpiFlashModel::start_busy() {
  busy_left_ = config_.busy_polls;
  if (busy_left_ == 0) wel_ = false;
}

void SpiFlashModel::program(uint32_t addr, uint8_t data) {
  mem_[addr] &= data;  // programming only clears bits
  if (config_.stuck && config_.stuck->address == addr && config_.stuck->level) mem_[addr] |= config_.stuck->mask;
}

void SpiFlashModel::erase(uint32_t addr, uint32_t size) {
  const auto end = std::min<size_t>(mem_.size(), size_t{addr} + size);
  std::fill(mem_.begin() + addr, mem_.begin() + static_cast<std::ptrdiff_t>(end), 0xFF);
  if (config_.stuck && !config_.stuck->level && config_.stuck->address >= addr && config_.stuck->address < end)
    mem_[config_.stuck->address] &= static_cast<uint8_t>(~config_.stuck->mask);
}

}  // namespace corelab::host::model
