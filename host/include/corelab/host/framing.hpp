// Frames of the host link (docs/protocol.md, "Framing"): END | SLIP-stuffed body | END, where the
// body is cmd, seq, payload and a CRC-32. The decoder takes bytes as they arrive and hands out the
// frames whose length, escapes and CRC check; everything else is dropped and counted.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <vector>

namespace corelab::host {

inline constexpr uint8_t kSlipEnd = 0xC0;
inline constexpr uint8_t kSlipEsc = 0xDB;
inline constexpr uint8_t kSlipEscEnd = 0xDC;  // ESC ESC_END stands for a body byte END
inline constexpr uint8_t kSlipEscEsc = 0xDD;  // ESC ESC_ESC stands for a body byte ESC

inline constexpr size_t kMaxPayload = 1024;
inline constexpr size_t kMinBody = 6;  // cmd, seq, crc32
inline constexpr size_t kMaxBody = kMaxPayload + kMinBody;

struct Frame {
  uint8_t cmd = 0;
  uint8_t seq = 0;
  std::vector<uint8_t> payload;
  friend bool operator==(const Frame&, const Frame&) = default;
};

// SLIP byte stuffing alone (no END bytes) and its inverse; unstuffing a bad escape gives nullopt.
void slip_stuff(std::span<const uint8_t> body, std::vector<uint8_t>& out);
std::optional<std::vector<uint8_t>> slip_unstuff(std::span<const uint8_t> stuffed);

// END, the stuffed body with its CRC, END. Throws std::length_error for a payload over kMaxPayload.
std::vector<uint8_t> encode_frame(const Frame& frame);

struct DecoderStats {
  uint64_t frames = 0;      // good frames handed out
  uint64_t bad_crc = 0;     // dropped: CRC mismatch
  uint64_t bad_length = 0;  // dropped: body shorter than 6 or longer than 1030 bytes
  uint64_t bad_escape = 0;  // dropped: ESC followed by something other than ESC_END / ESC_ESC
  uint64_t text_bytes = 0;  // bytes outside frames handed out as console text
  uint64_t dropped() const { return bad_crc + bad_length + bad_escape; }
};

class FrameDecoder {
 public:
  void feed(std::span<const uint8_t> bytes);
  // The oldest frame not yet taken.
  std::optional<Frame> next();
  // Console text seen outside frames since the last call (only in console pass-through mode).
  std::vector<uint8_t> take_text();

  // Pass-through mode is for a detached device, whose program output arrives unframed: bytes
  // after a frame's closing END and before the next END are text. Without it (an attached
  // device) every byte between two ENDs is a frame candidate, which resynchronises fastest.
  void set_console_passthrough(bool on) { passthrough_ = on; }
  bool console_passthrough() const { return passthrough_; }

  const DecoderStats& stats() const { return stats_; }

 private:
  void end_of_body();

  std::vector<uint8_t> body_;
  bool in_frame_ = false;
  bool escaped_ = false;
  bool bad_escape_ = false;
  bool overflow_ = false;
  bool passthrough_ = false;
  std::deque<Frame> frames_;
  std::vector<uint8_t> text_;
  DecoderStats stats_;
};

}  // namespace corelab::host
