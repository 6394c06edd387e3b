// Fuzz targets: the frame decoder, the message decoders and the ELF reader, each taking one
// arbitrary input and aborting if an invariant breaks. libFuzzer drives them where clang has
// -fsanitize=fuzzer (fuzz_main.cpp); fuzz_driver_test.cpp drives them with seeded random inputs
// under AddressSanitizer and UBSan otherwise.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace corelab::host::fuzz {

// Feeds the bytes in pieces; every frame that comes out must re-encode and decode to itself and
// respect the size limits.
void frame_decoder(std::span<const uint8_t> data);
// The input as a frame (cmd, seq, payload): whatever decodes as a request, response or
// notification must encode back to the same frame; the rest must be refused with a HostError.
void messages(std::span<const uint8_t> data);
// The input as an ELF file at `scratch_path`: read_elf must return or throw ElfError.
void read_elf_file(std::span<const uint8_t> data, const std::string& scratch_path);

}  // namespace corelab::host::fuzz
