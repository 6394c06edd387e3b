// ELF reading through libelf: checks that the file is a 32-bit little-endian RISC-V executable and
// collects its PT_LOAD segments and symbol table.
#include "corelab/iss/elf_image.hpp"

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <memory>

namespace corelab {
namespace {

struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) close(fd);
  }
};
struct ElfDeleter {
  void operator()(Elf* e) const { elf_end(e); }
};

}  // namespace

std::optional<uint32_t> ElfImage::symbol(const std::string& name) const {
  auto it = symbols.find(name);
  if (it == symbols.end()) return std::nullopt;
  return it->second;
}

void ElfImage::check_fits(uint32_t base, uint32_t size) const {
  for (const auto& s : segments) {
    uint64_t lo = s.addr, hi = uint64_t{s.addr} + s.bytes.size();
    if (lo < base || hi > uint64_t{base} + size)
      throw ElfError(fmt::format("{}: segment 0x{:08x}..0x{:08x} lies outside RAM 0x{:08x}..0x{:08x}",
                                 path, lo, hi, base, uint64_t{base} + size));
  }
}

ElfImage read_elf(const std::string& path) {
  if (elf_version(EV_CURRENT) == EV_NONE) throw ElfError("libelf is unusable");
  Fd f{open(path.c_str(), O_RDONLY)};
  if (f.fd < 0) throw ElfError(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  struct stat st {};
  if (fstat(f.fd, &st) != 0 || !S_ISREG(st.st_mode))
    throw ElfError(fmt::format("{}: not a regular file", path));
  std::unique_ptr<Elf, ElfDeleter> elf(elf_begin(f.fd, ELF_C_READ, nullptr));
  if (!elf || elf_kind(elf.get()) != ELF_K_ELF) throw ElfError(fmt::format("{}: not an ELF file", path));

  GElf_Ehdr eh;
  if (!gelf_getehdr(elf.get(), &eh)) throw ElfError(fmt::format("{}: truncated ELF header", path));
  if (eh.e_ident[EI_CLASS] != ELFCLASS32)
    throw ElfError(fmt::format("{}: a 64-bit ELF; expected a 32-bit RV32 program", path));
  if (eh.e_ident[EI_DATA] != ELFDATA2LSB) throw ElfError(fmt::format("{}: big-endian ELF", path));
  if (eh.e_machine != EM_RISCV)
    throw ElfError(fmt::format("{}: not a RISC-V ELF (e_machine {})", path, eh.e_machine));
  if (eh.e_type != ET_EXEC) throw ElfError(fmt::format("{}: not an executable ELF", path));

  // libelf reads lazily and may not notice a file cut short; check every table and section fits.
  const uint64_t file_size = static_cast<uint64_t>(st.st_size);
  auto past_end = [&](uint64_t off, uint64_t len) { return off > file_size || len > file_size - off; };
  if (past_end(eh.e_phoff, uint64_t{eh.e_phnum} * eh.e_phentsize) ||
      past_end(eh.e_shoff, uint64_t{eh.e_shnum} * eh.e_shentsize))
    throw ElfError(fmt::format("{}: truncated (headers extend past the end of the file)", path));
  for (Elf_Scn* scn = nullptr; (scn = elf_nextscn(elf.get(), scn)) != nullptr;) {
    GElf_Shdr sh;
    if (!gelf_getshdr(scn, &sh)) throw ElfError(fmt::format("{}: truncated section headers", path));
    if (sh.sh_type != SHT_NOBITS && past_end(sh.sh_offset, sh.sh_size))
      throw ElfError(fmt::format("{}: truncated (a section extends past the end of the file)", path));
  }

  ElfImage img;
  img.path = path;
  img.entry = static_cast<uint32_t>(eh.e_entry);
  size_t nph = 0;
  if (elf_getphdrnum(elf.get(), &nph) != 0) throw ElfError(fmt::format("{}: truncated ELF", path));
  for (size_t i = 0; i < nph; ++i) {
    GElf_Phdr ph;
    if (!gelf_getphdr(elf.get(), static_cast<int>(i), &ph))
      throw ElfError(fmt::format("{}: truncated program headers", path));
    if (ph.p_type != PT_LOAD || ph.p_memsz == 0) continue;
    // No RAM of ours comes near 256 MiB; refusing larger segments keeps a damaged header from
    // making us allocate gigabytes.
    if (ph.p_memsz > (uint64_t{256} << 20))
      throw ElfError(fmt::format("{}: segment {} is implausibly large ({} bytes)", path, i, ph.p_memsz));
    if (ph.p_filesz > ph.p_memsz || past_end(ph.p_offset, ph.p_filesz))
      throw ElfError(fmt::format("{}: truncated (segment {} extends past the end of the file)", path, i));
    ElfSegment seg;
    seg.addr = static_cast<uint32_t>(ph.p_paddr);
    seg.bytes.assign(ph.p_memsz, 0);
    if (ph.p_filesz > 0) {
      if (pread(f.fd, seg.bytes.data(), ph.p_filesz, static_cast<off_t>(ph.p_offset)) !=
          static_cast<ssize_t>(ph.p_filesz))
        throw ElfError(fmt::format("{}: truncated (cannot read segment {})", path, i));
    }
    img.segments.push_back(std::move(seg));
  }
  if (img.segments.empty()) throw ElfError(fmt::format("{}: no loadable segments", path));
  if (img.entry & 3u)
    throw ElfError(fmt::format("{}: entry point 0x{:08x} is not 4-byte aligned", path, img.entry));

  for (Elf_Scn* scn = nullptr; (scn = elf_nextscn(elf.get(), scn)) != nullptr;) {
    GElf_Shdr sh;
    if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB) continue;
    Elf_Data* data = elf_getdata(scn, nullptr);
    if (!data || sh.sh_entsize == 0) throw ElfError(fmt::format("{}: truncated symbol table", path));
    const size_t n = sh.sh_size / sh.sh_entsize;
    for (size_t k = 0; k < n; ++k) {
      GElf_Sym sym;
      if (!gelf_getsym(data, static_cast<int>(k), &sym)) break;
      const char* name = elf_strptr(elf.get(), sh.sh_link, sym.st_name);
      if (name && *name && sym.st_shndx != SHN_UNDEF)
        img.symbols.emplace(name, static_cast<uint32_t>(sym.st_value));
    }
  }
  return img;
}

}  // namespace corelab
