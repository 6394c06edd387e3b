// rigen: writes a seeded random RV32IM test program as an ELF (`--out`), or, with `--check-iss`,
// generates programs for a range of seeds and checks each on the golden ISS (run() against
// step(), exit status 0) for long fuzzing runs; `--stats` tells what a program does when it runs.
// Exit codes are listed in docs/rigen.md.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "corelab/rigen/elf_writer.hpp"
#include "corelab/rigen/generator.hpp"
#include "corelab/rigen/iss_check.hpp"
#include "corelab/rigen/program_stats.hpp"

namespace {

constexpr int kExitCheckFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kExitWriteFailed = 3;
constexpr int kExitInternal = 4;

using namespace corelab;

// "NAME=W" into the weights; false with a message when NAME or W is bad.
bool apply_weight(const std::string& spec, rigen::Weights& w, std::string& error) {
  const auto eq = spec.find('=');
  const std::string name = spec.substr(0, eq);
  const auto cls = rigen::insn_class_by_name(name);
  unsigned long value = 0;
  try {
    size_t used = 0;
    if (eq == std::string::npos) throw std::invalid_argument("no =");
    value = std::stoul(spec.substr(eq + 1), &used);
    if (used != spec.size() - eq - 1 || value > 1000000) throw std::invalid_argument("bad number");
  } catch (const std::exception&) {
    error =
        fmt::format("--weight {}: expected NAME=WEIGHT with WEIGHT a number up to 1000000", spec);
    return false;
  }
  if (!cls) {
    std::string names;
    for (const auto& c : rigen::kInsnClasses) names += fmt::format(" {}", c.name);
    error = fmt::format("--weight {}: unknown class '{}'; classes:{}", spec, name, names);
    return false;
  }
  w[static_cast<size_t>(*cls)] = static_cast<unsigned>(value);
  return true;
}

int check_seeds(rigen::Options opt, uint64_t count) {
  const auto t0 = std::chrono::steady_clock::now();
  uint64_t total = 0;
  for (uint64_t k = 0; k < count; ++k, ++opt.seed) {
    const ElfImage img = rigen::generate(opt);
    const auto res = rigen::check_run_matches_step(img, 40 * opt.instructions + 1000000, opt.seed);
    total += res.retired;
    if (!res.consistent || !res.exited || res.exit_code != 0) {
      const std::string what = !res.consistent ? "ISS run() and step() disagree " + res.difference
                               : !res.exited
                                   ? std::string("the program did not exit")
                                   : fmt::format("the program exited with {}", res.exit_code);
      std::fprintf(stderr, "rigen: seed %llu (profile %s): FAIL: %s\n",
                   static_cast<unsigned long long>(opt.seed), std::string(opt.profile.name).c_str(),
                   what.c_str());
      return kExitCheckFailed;
    }
    std::printf("rigen: seed %llu: ok, %llu retired, %llu exceptions, %llu interrupts\n",
                static_cast<unsigned long long>(opt.seed),
                static_cast<unsigned long long>(res.retired),
                static_cast<unsigned long long>(res.exceptions),
                static_cast<unsigned long long>(res.interrupts));
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("rigen: %llu programs, %llu instructions checked in %.2f s\n",
              static_cast<unsigned long long>(count), static_cast<unsigned long long>(total), s);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"rigen: seeded random RV32IM instruction-stream generator"};
  rigen::Options opt;
  std::string out, profile = "mixed";
  std::vector<std::string> weights;
  bool no_traps = false, no_interrupts = false, no_csr = false, check = false, stats = false;
  uint64_t count = 1;
  auto* seed = app.add_option("--seed", opt.seed, "random seed (default: a fresh one, printed)");
  app.add_option("--instructions", opt.instructions, "about how many instructions to retire")
      ->capture_default_str();
  std::string profiles = "what the program stresses (its class weights are the base of --weight):";
  for (const auto& p : rigen::kProfiles) profiles += fmt::format("\n  {}: {}", p.name, p.what);
  app.add_option("--profile", profile, profiles)->capture_default_str();
  app.add_flag("--no-traps", no_traps, "no synchronous exceptions");
  app.add_flag("--no-interrupts", no_interrupts, "no interrupts");
  app.add_flag("--no-csr", no_csr, "no CSR accesses in the body");
  app.add_option("--weight", weights, "NAME=W: weight of an instruction class (repeatable)");
  app.add_option("--out", out, "the ELF file to write");
  app.add_flag("--check-iss", check, "check programs on the ISS (run() vs step()) instead");
  app.add_option("--count", count, "with --check-iss: how many seeds, from --seed on")
      ->capture_default_str();
  app.add_flag("--stats", stats,
               "run the program on the ISS and print what it does (dependencies, aliasing, "
               "branches, calls); --out is optional then");
  try {
    app.parse(argc, argv);
    if (!check && !stats && out.empty()) throw CLI::RequiredError("--out");
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : kExitUsage;
  }
  if (seed->count() == 0)
    opt.seed = (uint64_t{std::random_device{}()} << 32) | std::random_device{}();
  opt.traps = !no_traps;
  opt.interrupts = !no_interrupts;
  opt.csr = !no_csr;
  const rigen::Profile* chosen = rigen::profile_by_name(profile);
  if (!chosen) {
    std::string names;
    for (const auto& p : rigen::kProfiles) names += fmt::format(" {}", p.name);
    std::fprintf(stderr, "rigen: --profile %s: unknown; profiles:%s\n", profile.c_str(),
                 names.c_str());
    return kExitUsage;
  }
  opt.profile = *chosen;
  opt.weights = chosen->weights;
  for (const auto& w : weights) {
    std::string error;
    if (!apply_weight(w, opt.weights, error)) {
      std::fprintf(stderr, "rigen: %s\n", error.c_str());
      return kExitUsage;
    }
  }

  try {
    if (check) return check_seeds(opt, count);
    const ElfImage img = rigen::generate(opt);
    if (!out.empty()) rigen::write_elf(img, out);
    std::printf("rigen: seed %llu, profile %s, about %llu instructions, %zu bytes of code%s%s\n",
                static_cast<unsigned long long>(opt.seed), profile.c_str(),
                static_cast<unsigned long long>(opt.instructions),
                img.segments.front().bytes.size(), out.empty() ? "" : " -> ", out.c_str());
    if (stats)
      std::printf(
          "%s", rigen::format_stats(rigen::measure(img, 40 * opt.instructions + 1000000)).c_str());
  } catch (const rigen::OptionsError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return kExitUsage;
  } catch (const ElfError& e) {
    std::fprintf(stderr, "rigen: %s\n", e.what());
    return kExitWriteFailed;
  } catch (const std::exception& e) {  // a generator bug: say which seed
    std::fprintf(stderr, "rigen: seed %llu: internal error: %s\n",
                 static_cast<unsigned long long>(opt.seed), e.what());
    return kExitInternal;
  }
  return 0;
}
