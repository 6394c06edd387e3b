// ELF writing through libelf: sections first, then a layout pass (ELF_C_NULL) that gives every
// section its file offset, then program headers pointing at those offsets, then the write.
#include "corelab/rigen/elf_writer.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <gelf.h>
#include <libelf.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

namespace corelab::rigen {
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

// A string table under construction: offsets into it name sections and symbols.
struct StringTable {
  std::vector<char> bytes{'\0'};
  uint32_t add(const std::string& s) {
    const auto at = static_cast<uint32_t>(bytes.size());
    bytes.insert(bytes.end(), s.begin(), s.end());
    bytes.push_back('\0');
    return at;
  }
};

}  // namespace

void write_elf(const ElfImage& image, const std::string& path) {
  auto fail = [&](const std::string& what) {
    unlink(path.c_str());
    return ElfError(fmt::format("{}: cannot write ELF: {}", path, what));
  };
  if (elf_version(EV_CURRENT) == EV_NONE) throw ElfError("libelf is unusable");
  if (image.segments.empty()) throw ElfError(fmt::format("{}: the image has no segments", path));
  Fd f{open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644)};
  if (f.fd < 0) throw ElfError(fmt::format("{}: cannot create: {}", path, std::strerror(errno)));
  std::unique_ptr<Elf, ElfDeleter> elf(elf_begin(f.fd, ELF_C_WRITE, nullptr));
  if (!elf) throw fail(elf_errmsg(-1));

  Elf32_Ehdr* eh = elf32_newehdr(elf.get());
  if (!eh) throw fail(elf_errmsg(-1));
  eh->e_ident[EI_DATA] = ELFDATA2LSB;
  eh->e_machine = EM_RISCV;
  eh->e_type = ET_EXEC;
  eh->e_version = EV_CURRENT;
  eh->e_entry = image.entry;
  eh->e_flags = 0;  // soft-float ABI, no compressed instructions
  if (!elf32_newphdr(elf.get(), image.segments.size())) throw fail(elf_errmsg(-1));

  StringTable shstr, str;
  auto add_section = [&](const std::string& name, uint32_t type, uint32_t flags, uint32_t addr,
                         void* buf, size_t size, Elf_Type dtype, uint32_t align) {
    Elf_Scn* scn = elf_newscn(elf.get());
    Elf_Data* d = scn ? elf_newdata(scn) : nullptr;
    Elf32_Shdr* sh = scn ? elf32_getshdr(scn) : nullptr;
    if (!d || !sh) throw fail(elf_errmsg(-1));
    d->d_buf = buf;
    d->d_size = size;
    d->d_type = dtype;
    d->d_align = align;
    d->d_version = EV_CURRENT;
    sh->sh_name = shstr.add(name);
    sh->sh_type = type;
    sh->sh_flags = flags;
    sh->sh_addr = addr;
    sh->sh_addralign = align;
    return scn;
  };

  // Program bytes: libelf keeps pointers to them until the final write.
  std::vector<std::vector<uint8_t>> contents;
  std::vector<size_t> seg_scn;  // section index of each segment
  for (const auto& s : image.segments) contents.push_back(s.bytes);
  unsigned data_sections = 0;
  for (size_t k = 0; k < image.segments.size(); ++k) {
    const auto& s = image.segments[k];
    const bool text = image.entry - s.addr < s.bytes.size();
    const std::string name =
        text ? ".text"
             : (data_sections++ == 0 ? ".data" : fmt::format(".data{}", data_sections - 1));
    Elf_Scn* scn = add_section(name, SHT_PROGBITS, SHF_ALLOC | (text ? SHF_EXECINSTR : SHF_WRITE),
                               s.addr, contents[k].data(), contents[k].size(), ELF_T_BYTE, 4);
    seg_scn.push_back(elf_ndxscn(scn));
  }

  // Symbols: functions in the entry's segment, objects elsewhere; all global.
  std::vector<Elf32_Sym> syms(1);  // index 0: the null symbol
  for (const auto& [name, value] : image.symbols) {
    Elf32_Sym sym{};
    sym.st_name = str.add(name);
    sym.st_value = value;
    sym.st_shndx = SHN_ABS;
    bool text = false;
    for (size_t k = 0; k < image.segments.size(); ++k) {
      const auto& s = image.segments[k];
      if (value - s.addr < s.bytes.size()) {
        sym.st_shndx = static_cast<Elf32_Half>(seg_scn[k]);
        text = image.entry - s.addr < s.bytes.size();
      }
    }
    sym.st_info = ELF32_ST_INFO(STB_GLOBAL, text ? STT_FUNC : STT_OBJECT);
    syms.push_back(sym);
  }
  Elf_Scn* symtab = add_section(".symtab", SHT_SYMTAB, 0, 0, syms.data(),
                                syms.size() * sizeof(Elf32_Sym), ELF_T_SYM, 4);
  Elf_Scn* strtab = add_section(".strtab", SHT_STRTAB, 0, 0, nullptr, 0, ELF_T_BYTE, 1);
  Elf_Scn* shstrtab = add_section(".shstrtab", SHT_STRTAB, 0, 0, nullptr, 0, ELF_T_BYTE, 1);
  // The string tables are complete only now that every name is in.
  elf_getdata(strtab, nullptr)->d_buf = str.bytes.data();
  elf_getdata(strtab, nullptr)->d_size = str.bytes.size();
  elf_getdata(shstrtab, nullptr)->d_buf = shstr.bytes.data();
  elf_getdata(shstrtab, nullptr)->d_size = shstr.bytes.size();
  Elf32_Shdr* symsh = elf32_getshdr(symtab);
  symsh->sh_link = static_cast<Elf32_Word>(elf_ndxscn(strtab));
  symsh->sh_info = 1;  // first non-local symbol
  symsh->sh_entsize = sizeof(Elf32_Sym);
  eh->e_shstrndx = static_cast<Elf32_Half>(elf_ndxscn(shstrtab));

  if (elf_update(elf.get(), ELF_C_NULL) < 0) throw fail(elf_errmsg(-1));
  Elf32_Phdr* ph = elf32_getphdr(elf.get());
  if (!ph) throw fail(elf_errmsg(-1));
  for (size_t k = 0; k < image.segments.size(); ++k) {
    const auto& s = image.segments[k];
    const Elf32_Shdr* sh = elf32_getshdr(elf_getscn(elf.get(), seg_scn[k]));
    const bool text = image.entry - s.addr < s.bytes.size();
    ph[k] = Elf32_Phdr{};
    ph[k].p_type = PT_LOAD;
    ph[k].p_offset = sh->sh_offset;
    ph[k].p_vaddr = ph[k].p_paddr = s.addr;
    ph[k].p_filesz = ph[k].p_memsz = static_cast<Elf32_Word>(s.bytes.size());
    ph[k].p_flags = PF_R | (text ? PF_X : PF_W);
    ph[k].p_align = 4;
  }
  elf_flagphdr(elf.get(), ELF_C_SET, ELF_F_DIRTY);
  if (elf_update(elf.get(), ELF_C_WRITE) < 0) throw fail(elf_errmsg(-1));
}

}  // namespace corelab::rigen
