// The byte pipe between the host and a device. A Session speaks the protocol over any Transport:
// a serial port (SerialTransport), an FTDI chip through libusb (FtdiTransport), or a pair of file
// descriptors (FdTransport: sockets and pipes, used by tests and by simulated boards).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace corelab::host {

class Transport {
 public:
  Transport() = default;
  Transport(const Transport&) = delete;
  Transport& operator=(const Transport&) = delete;
  virtual ~Transport() = default;

  // Sends every byte or throws HostError (Io when the port fails, Timeout when it stalls).
  virtual void write(std::span<const uint8_t> bytes) = 0;
  // Waits up to `timeout` for data and returns how many bytes it read into `buffer` (0: none came).
  // Throws HostError(Io) when the port fails or the other end closed it.
  virtual size_t read(std::span<uint8_t> buffer, std::chrono::milliseconds timeout) = 0;
  // For messages: "/dev/ttyUSB1", "FTDI FT2232H serial FT4ABC interface B".
  virtual std::string name() const = 0;
  // The line rate in baud, or 0 for a link without one; sizes the waits for responses.
  virtual uint32_t baud() const = 0;
};

// An owned file descriptor.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& o) noexcept : fd_(o.release()) {}
  UniqueFd& operator=(UniqueFd&& o) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { reset(); }

  int get() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }
  int release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }
  void reset(int fd = -1);

 private:
  int fd_ = -1;
};

// A transport over one descriptor (a socket, a tty) or two (the ends of two pipes). Sets them
// non-blocking; waits with poll(). Writing to a pipe whose reader is gone raises SIGPIPE unless
// the program ignores it (corectl does); on a socket it is reported as an Io error.
class FdTransport : public Transport {
 public:
  FdTransport(UniqueFd fd, std::string name, uint32_t baud = 0);
  FdTransport(UniqueFd in, UniqueFd out, std::string name, uint32_t baud = 0);

  void write(std::span<const uint8_t> bytes) override;
  size_t read(std::span<uint8_t> buffer, std::chrono::milliseconds timeout) override;
  std::string name() const override { return name_; }
  uint32_t baud() const override { return baud_; }

  // How long write() waits for the port to take more bytes before it reports a Timeout.
  void set_write_timeout(std::chrono::milliseconds t) { write_timeout_ = t; }

 protected:
  int in_fd() const { return in_.get(); }
  int out_fd() const { return out_ ? out_.get() : in_.get(); }
  void set_baud(uint32_t baud) { baud_ = baud; }

 private:
  UniqueFd in_;
  UniqueFd out_;  // empty when `in_` serves both directions
  std::string name_;
  uint32_t baud_;
  std::chrono::milliseconds write_timeout_{2000};
  bool out_is_socket_ = false;
};

}  // namespace corelab::host
