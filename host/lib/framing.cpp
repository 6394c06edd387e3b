// SLIP framing with a CRC-32 per frame, and the streaming decoder.
#include "corelab/host/framing.hpp"

#include <stdexcept>

#include "corelab/host/crc32.hpp"

namespace corelab::host {

void slip_stuff(std::span<const uint8_t> body, std::vector<uint8_t>& out) {
  for (uint8_t b : body) {
    if (b == kSlipEnd) {
      out.push_back(kSlipEsc);
      out.push_back(kSlipEscEnd);
    } else if (b == kSlipEsc) {
      out.push_back(kSlipEsc);
      out.push_back(kSlipEscEsc);
    } else {
      out.push_back(b);
    }
  }
}

std::optional<std::vector<uint8_t>> slip_unstuff(std::span<const uint8_t> stuffed) {
  std::vector<uint8_t> out;
  out.reserve(stuffed.size());
  for (size_t i = 0; i < stuffed.size(); ++i) {
    const uint8_t b = stuffed[i];
    if (b == kSlipEnd) return std::nullopt;
    if (b != kSlipEsc) {
      out.push_back(b);
      continue;
    }
    if (++i == stuffed.size()) return std::nullopt;
    if (stuffed[i] == kSlipEscEnd)
      out.push_back(kSlipEnd);
    else if (stuffed[i] == kSlipEscEsc)
      out.push_back(kSlipEsc);
    else
      return std::nullopt;
  }
  return out;
}

std::vector<uint8_t> encode_frame(const Frame& frame) {
  if (frame.payload.size() > kMaxPayload) throw std::length_error("frame payload over 1024 bytes");
  std::vector<uint8_t> body;
  body.reserve(frame.payload.size() + kMinBody);
  body.push_back(frame.cmd);
  body.push_back(frame.seq);
  body.insert(body.end(), frame.payload.begin(), frame.payload.end());
  const uint32_t crc = crc32(body);
  for (int i = 0; i < 4; ++i) body.push_back(static_cast<uint8_t>(crc >> (8 * i)));

  std::vector<uint8_t> out;
  out.reserve(body.size() + body.size() / 8 + 4);
  out.push_back(kSlipEnd);
  slip_stuff(body, out);
  out.push_back(kSlipEnd);
  return out;
}

void FrameDecoder::feed(std::span<const uint8_t> bytes) {
  for (uint8_t b : bytes) {
    if (b == kSlipEnd) {
      const bool had_body = !body_.empty() || escaped_ || bad_escape_ || overflow_;
      if (had_body) end_of_body();
      // In pass-through mode an END that closed a frame leads outside; any other END opens one.
      in_frame_ = passthrough_ ? !(in_frame_ && had_body) : true;
      continue;
    }
    if (!in_frame_) {
      if (passthrough_) {
        text_.push_back(b);
        ++stats_.text_bytes;
        continue;
      }
      in_frame_ = true;
    }
    if (bad_escape_ || overflow_) continue;  // the frame is lost; wait for the next END
    if (escaped_) {
      escaped_ = false;
      if (b == kSlipEscEnd) {
        body_.push_back(kSlipEnd);
      } else if (b == kSlipEscEsc) {
        body_.push_back(kSlipEsc);
      } else {
        bad_escape_ = true;
        body_.clear();
        continue;
      }
    } else if (b == kSlipEsc) {
      escaped_ = true;
      continue;
    } else {
      body_.push_back(b);
    }
    if (body_.size() > kMaxBody) {
      overflow_ = true;
      body_.clear();
    }
  }
}

void FrameDecoder::end_of_body() {
  if (bad_escape_ || escaped_) {
    ++stats_.bad_escape;
  } else if (overflow_ || body_.size() < kMinBody) {
    ++stats_.bad_length;
  } else {
    const size_t n = body_.size() - 4;
    uint32_t got = 0;
    for (int i = 0; i < 4; ++i) got |= uint32_t{body_[n + i]} << (8 * i);
    if (crc32(std::span(body_).first(n)) != got) {
      ++stats_.bad_crc;
    } else {
      frames_.push_back(Frame{body_[0], body_[1], std::vector<uint8_t>(body_.begin() + 2, body_.begin() + n)});
      ++stats_.frames;
    }
  }
  body_.clear();
  escaped_ = bad_escape_ = overflow_ = false;
}

std::optional<Frame> FrameDecoder::next() {
  if (frames_.empty()) return std::nullopt;
  Frame f = std::move(frames_.front());
  frames_.pop_front();
  return f;
}

std::vector<uint8_t> FrameDecoder::take_text() {
  std::vector<uint8_t> t;
  t.swap(text_);
  return t;
}

}  // namespace corelab::host
