// A simulated board for the length of a command: starts `coresim --core CORE --uart pty` (the
// Verilated SoC with its debug unit, the UART on a pseudo-terminal) and stops it when destroyed.
// corectl then talks to the PTY exactly as to a board's USB-UART.
#pragma once

#include <sys/types.h>

#include <string>

namespace corelab::host {

class SimBoard {
 public:
  // `coresim` is found next to the running executable, or at $CORESIM when set.
  explicit SimBoard(const std::string& core);
  ~SimBoard();
  SimBoard(const SimBoard&) = delete;
  SimBoard& operator=(const SimBoard&) = delete;

  const std::string& port() const { return port_; }
  const std::string& core() const { return core_; }
  // Waits until the simulator ends (it runs until stopped); returns its exit status.
  int wait();

 private:
  std::string core_;
  std::string port_;
  pid_t pid_ = -1;
};

}  // namespace corelab::host
