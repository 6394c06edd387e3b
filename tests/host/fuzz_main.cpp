// libFuzzer entry points (built only where the compiler has -fsanitize=fuzzer): one binary per
// target, chosen with CORELAB_FUZZ_TARGET_<name>. Run e.g. `host_fuzz_decoder -max_total_time=60`.
#include <unistd.h>

#include <string>

#include "fuzz_targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::span<const uint8_t> in(data, size);
#if defined(CORELAB_FUZZ_TARGET_decoder)
  corelab::host::fuzz::frame_decoder(in);
#elif defined(CORELAB_FUZZ_TARGET_messages)
  corelab::host::fuzz::messages(in);
#elif defined(CORELAB_FUZZ_TARGET_elf)
  static const std::string scratch = "/tmp/corelab_fuzz_elf_" + std::to_string(::getpid());
  corelab::host::fuzz::read_elf_file(in, scratch);
#endif
  return 0;
}
