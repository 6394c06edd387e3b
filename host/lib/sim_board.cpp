// Starting and stopping a simulated board (see sim_board.hpp).
#include "corelab/host/sim_board.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

#include "corelab/host/error.hpp"

extern char** environ;

namespace corelab::host {
namespace {

std::string coresim_path() {
  if (const char* env = std::getenv("CORESIM")) return env;
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto next_to_us = self.parent_path() / "coresim";
    if (std::filesystem::exists(next_to_us)) return next_to_us.string();
  }
  return "coresim";  // from PATH
}

}  // namespace

SimBoard::SimBoard(const std::string& core) : core_(core) {
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0)
    throw HostError(ErrorKind::Io, std::string("cannot start the simulator: ") + std::strerror(errno));
  const std::string exe = coresim_path();
  std::vector<std::string> args = {exe, "--core", core, "--uart", "pty"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);  // corectl blocks SIGINT/SIGTERM; the simulator must not
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
  const int rc = posix_spawn(&pid_, exe.c_str(), &actions, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  close(out[1]);
  if (rc != 0) {
    close(out[0]);
    throw HostError(ErrorKind::DeviceNotFound,
                    "cannot start the simulator " + exe + ": " + std::strerror(rc) + " (run make first)");
  }
  // The first line names the serial port: "coresim: serial port /dev/pts/N".
  std::string line;
  const std::string prefix = "coresim: serial port ";
  while (line.find('\n') == std::string::npos) {
    pollfd p{out[0], POLLIN, 0};
    if (poll(&p, 1, 30000) <= 0) break;
    char buf[256];
    const ssize_t n = read(out[0], buf, sizeof buf);
    if (n <= 0) break;
    line.append(buf, static_cast<size_t>(n));
  }
  close(out[0]);
  if (line.rfind(prefix, 0) != 0) {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
    throw HostError(ErrorKind::DeviceNotFound, "the simulator did not start a board (core '" + core + "')");
  }
  port_ = line.substr(prefix.size(), line.find('\n') - prefix.size());
}

int SimBoard::wait() {
  int status = 0;
  if (pid_ > 0 && waitpid(pid_, &status, 0) == pid_) pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

SimBoard::~SimBoard() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
}

}  // namespace corelab::host
