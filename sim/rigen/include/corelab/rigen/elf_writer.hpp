// Writing a program image as a 32-bit RISC-V executable ELF (libelf), so a generated program can be
// saved, disassembled with objdump and rerun with `coresim --core iss prog.elf`.
#pragma once

#include <string>

#include "corelab/iss/elf_image.hpp"

namespace corelab::rigen {

// One PT_LOAD segment and one section per image segment (.text for the one holding the entry,
// .data for the others) plus a symbol table with the image's symbols. Throws ElfError with a
// one-line reason when the file cannot be written.
void write_elf(const ElfImage& image, const std::string& path);

}  // namespace corelab::rigen
