// Bit-level UART and pseudo-terminal bridge (see uart_link.hpp).
#include "corelab/rtl/uart_link.hpp"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>

namespace corelab::rtl {

int UartPins::tick(int tx_pin) {
  // device -> host: find the start bit, sample each bit in its middle.
  if (!rx_busy_) {
    if (!tx_pin) {
      rx_busy_ = true;
      rx_clk_ = clks_ / 2;
      rx_bit_ = 0;
    }
  } else if (rx_clk_ != 0) {
    --rx_clk_;
  } else {
    rx_clk_ = clks_ - 1;
    if (rx_bit_ == 0) {
      if (tx_pin) rx_busy_ = false;  // glitch
    } else if (rx_bit_ <= 8) {
      rx_byte_ = static_cast<uint8_t>((rx_byte_ >> 1) | (tx_pin ? 0x80 : 0));
    } else {
      if (tx_pin) from_device_.push_back(rx_byte_);  // stop bit high: a byte
      rx_busy_ = false;
    }
    ++rx_bit_;
  }
  // host -> device
  if (tx_bits_left_ == 0 && !to_device_.empty()) {
    tx_shift_ = static_cast<uint16_t>((1u << 9) | (uint16_t{to_device_.front()} << 1));  // stop, data, start
    to_device_.pop_front();
    tx_bits_left_ = 10;
    tx_clk_ = 0;
  }
  if (tx_bits_left_ == 0) return 1;
  const int level = tx_shift_ & 1;
  if (++tx_clk_ == clks_) {
    tx_clk_ = 0;
    tx_shift_ >>= 1;
    --tx_bits_left_;
  }
  return level;
}

Pty::Pty(const LinkFaults& faults) : faults_(faults), rng_(faults.seed) {
  master_ = posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK);
  if (master_ < 0 || grantpt(master_) != 0 || unlockpt(master_) != 0)
    throw std::runtime_error(std::string("cannot create a pseudo-terminal: ") + std::strerror(errno));
  const char* name = ptsname(master_);
  if (!name) throw std::runtime_error("cannot name the pseudo-terminal");
  path_ = name;
  keep_slave_ = open(path_.c_str(), O_RDWR | O_NOCTTY);
  if (keep_slave_ >= 0) {
    termios t{};
    if (tcgetattr(keep_slave_, &t) == 0) {
      cfmakeraw(&t);
      tcsetattr(keep_slave_, TCSANOW, &t);
    }
  }
}

Pty::~Pty() {
  if (keep_slave_ >= 0) close(keep_slave_);
  if (master_ >= 0) close(master_);
}

void Pty::damage(std::deque<uint8_t>& bytes) {
  if (faults_.rate <= 0) return;
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::deque<uint8_t> out;
  for (uint8_t b : bytes) {
    const double r = u(rng_);
    if (r < faults_.rate) {
      out.push_back(static_cast<uint8_t>(b ^ (1u << (rng_() % 8))));  // corrupted
    } else if (r < 2 * faults_.rate) {
      // dropped
    } else if (r < 3 * faults_.rate) {
      out.push_back(b);
      out.push_back(static_cast<uint8_t>(rng_()));  // inserted
    } else {
      out.push_back(b);
    }
  }
  bytes.swap(out);
}

void Pty::pump(UartPins& pins, size_t room) {
  uint8_t buf[256];
  while (room > 0) {
    const ssize_t n = read(master_, buf, room < sizeof buf ? room : sizeof buf);
    if (n <= 0) break;
    std::deque<uint8_t> in(buf, buf + n);
    damage(in);
    for (uint8_t b : in) pins.send(b);
    room -= static_cast<size_t>(n);
  }
  damage(pins.received());
  to_host_.insert(to_host_.end(), pins.received().begin(), pins.received().end());
  pins.received().clear();
  auto& out = to_host_;
  while (!out.empty()) {
    uint8_t chunk[256];
    size_t k = 0;
    while (k < sizeof chunk && k < out.size()) chunk[k] = out[k], ++k;
    const ssize_t n = write(master_, chunk, k);
    if (n <= 0) {
      if (n < 0 && errno == EAGAIN) {  // host not reading: keep the bytes, within reason
        if (out.size() > 65536) out.erase(out.begin(), out.end() - 65536);
        break;
      }
      out.clear();                          // nobody there: the bytes are gone, as on a wire
      break;
    }
    out.erase(out.begin(), out.begin() + n);
  }
}

}  // namespace corelab::rtl
