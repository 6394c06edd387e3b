// FdTransport: non-blocking descriptors, poll() for the waits.
#include "corelab/host/transport.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fmt/format.h>

#include "corelab/host/error.hpp"

namespace corelab::host {
namespace {

bool is_socket(int fd) {
  struct stat st {};
  return ::fstat(fd, &st) == 0 && S_ISSOCK(st.st_mode);
}

void set_nonblocking(int fd) {
  const int flags = fcntl(fd, F_GETFL);
  if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
    throw HostError(ErrorKind::Io, fmt::format("cannot make descriptor {} non-blocking: {}", fd, std::strerror(errno)));
}

}  // namespace

UniqueFd& UniqueFd::operator=(UniqueFd&& o) noexcept {
  if (this != &o) reset(o.release());
  return *this;
}

void UniqueFd::reset(int fd) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
}

FdTransport::FdTransport(UniqueFd fd, std::string name, uint32_t baud)
    : in_(std::move(fd)), name_(std::move(name)), baud_(baud) {
  set_nonblocking(in_.get());
  out_is_socket_ = is_socket(in_.get());
}

FdTransport::FdTransport(UniqueFd in, UniqueFd out, std::string name, uint32_t baud)
    : in_(std::move(in)), out_(std::move(out)), name_(std::move(name)), baud_(baud) {
  set_nonblocking(in_.get());
  set_nonblocking(out_.get());
  out_is_socket_ = is_socket(out_.get());
}

void FdTransport::write(std::span<const uint8_t> bytes) {
  using Clock = std::chrono::steady_clock;
  auto deadline = Clock::now() + write_timeout_;
  while (!bytes.empty()) {
    // On a socket, send() without SIGPIPE: a closed peer is an error to report, not a signal.
    const ssize_t n = out_is_socket_ ? ::send(out_fd(), bytes.data(), bytes.size(), MSG_NOSIGNAL)
                                     : ::write(out_fd(), bytes.data(), bytes.size());
    if (n > 0) {
      bytes = bytes.subspan(static_cast<size_t>(n));
      deadline = Clock::now() + write_timeout_;
      continue;
    }
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
      throw HostError(ErrorKind::Io, fmt::format("{}: write failed: {}{}", name_, std::strerror(errno),
                                                 errno == EPIPE ? " (the other end closed the link)" : ""));
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0)
      throw HostError(ErrorKind::Timeout,
                      fmt::format("{}: the port took no data for {} ms (is flow control holding it?)", name_,
                                  write_timeout_.count()));
    pollfd p{out_fd(), POLLOUT, 0};
    ::poll(&p, 1, static_cast<int>(left.count()));
  }
}

size_t FdTransport::read(std::span<uint8_t> buffer, std::chrono::milliseconds timeout) {
  pollfd p{in_fd(), POLLIN, 0};
  const int r = ::poll(&p, 1, static_cast<int>(std::max<int64_t>(0, timeout.count())));
  if (r < 0) {
    if (errno == EINTR) return 0;
    throw HostError(ErrorKind::Io, fmt::format("{}: poll failed: {}", name_, std::strerror(errno)));
  }
  if (r == 0) return 0;
  const ssize_t n = ::read(in_fd(), buffer.data(), buffer.size());
  if (n > 0) return static_cast<size_t>(n);
  if (n == 0) throw HostError(ErrorKind::Io, fmt::format("{}: the other end closed the link", name_));
  if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return 0;
  throw HostError(ErrorKind::Io, fmt::format("{}: read failed: {} (was the board unplugged?)", name_,
                                             std::strerror(errno)));
}

}  // namespace corelab::host
