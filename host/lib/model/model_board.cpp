// ModelBoard: the device models wired as the board's [program] table says, state in a directory.
#include "corelab/host/model/model_board.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>

#include "corelab/host/error.hpp"
#include "corelab/host/model/ecp5_model.hpp"
#include "corelab/host/model/ftdi_model.hpp"
#include "corelab/host/model/ice40_model.hpp"
#include "corelab/host/spi_nor.hpp"

namespace corelab::host::model {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr uint32_t kDefaultJedecId = 0xEF4018;     // Winbond W25Q128JV, as on the iCEBreaker
constexpr uint32_t kDefaultEcp5Idcode = 0x41113043;  // LFE5U-85F

uint32_t number(const json& j) {
  return j.is_string() ? static_cast<uint32_t>(std::stoul(j.get<std::string>(), nullptr, 0)) : j.get<uint32_t>();
}
std::string hex(uint32_t v, int digits) { return fmt::format("0x{:0{}x}", v, digits); }

json default_config(const BoardInfo& board) {
  const SpiNorPart* part = find_spi_nor(kDefaultJedecId);
  json fpga{{"configured", false}, {"last_error", ""}};
  if (board.family == FpgaFamily::Ecp5) {
    fpga["idcode"] = hex(board.ecp5_idcode ? board.ecp5_idcode : kDefaultEcp5Idcode, 8);
    fpga["status"] = hex(0, 8);
  }
  return {{"board", board.name},
          {"flash", {{"jedec_id", hex(kDefaultJedecId, 6)}, {"size", part->size}, {"busy_polls", 3}}},
          {"fpga", fpga}};
}

std::vector<uint8_t> read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

struct ModelBoard::Impl {
  fs::path dir;
  json config;
  FpgaFamily family;
  std::optional<SpiFlashModel> flash;
  std::unique_ptr<Ice40Model> ice40;
  std::unique_ptr<Ecp5Model> ecp5;
  std::unique_ptr<FtdiModel> ftdi;
};

ModelBoard::ModelBoard(const BoardInfo& board, const ProgramLink& link, const fs::path& dir)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.dir = dir;
  m.family = board.family;
  if (board.method == ProgramMethod::None)
    throw HostError(ErrorKind::Usage, fmt::format("board {} has no programming method to model", board.name));
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw HostError(ErrorKind::Io, fmt::format("--model {}: cannot create it: {}", dir.string(), ec.message()));
  const fs::path json_path = dir / "model.json";
  try {
    m.config = fs::exists(json_path) ? json::parse(std::ifstream(json_path)) : default_config(board);
    if (m.config.at("board").get<std::string>() != board.name)
      throw HostError(ErrorKind::Usage, fmt::format("--model {} models board {}, not {}: use another directory",
                                                    dir.string(), m.config["board"].get<std::string>(), board.name));
    const json& f = m.config.at("flash");
    SpiFlashConfig fc{number(f.at("jedec_id")), f.value("busy_polls", 3u), std::nullopt};
    if (f.contains("stuck_bit") && !f["stuck_bit"].is_null()) {
      const json& s = f["stuck_bit"];
      fc.stuck = StuckBit{number(s.at("address")), static_cast<uint8_t>(number(s.value("mask", json(1)))),
                          s.value("level", 1) != 0};
    }
    std::vector<uint8_t> mem = read_bytes(dir / "flash.bin");
    mem.resize(number(f.at("size")), 0xFF);
    m.flash.emplace(std::move(mem), fc);
    const json& fpga = m.config.at("fpga");
    if (board.family == FpgaFamily::Ecp5)
      m.ecp5 = std::make_unique<Ecp5Model>(link.pins, number(fpga.at("idcode")), *m.flash, number(fpga.at("status")));
    else
      m.ice40 = std::make_unique<Ice40Model>(link.pins, *m.flash, fpga.value("configured", false));
  } catch (const json::exception& e) {
    throw HostError(ErrorKind::Usage, fmt::format("--model {}: model.json: {}", dir.string(), e.what()));
  } catch (const std::logic_error& e) {  // std::stoul
    throw HostError(ErrorKind::Usage, fmt::format("--model {}: model.json: a bad number ({})", dir.string(), e.what()));
  }
  PinTarget& target = m.ecp5 ? static_cast<PinTarget&>(*m.ecp5) : *m.ice40;
  m.ftdi = std::make_unique<FtdiModel>(target, fmt::format("model of {} in {}", board.name, dir.string()));
}

ModelBoard::~ModelBoard() = default;

FtdiPort& ModelBoard::port() { return *impl_->ftdi; }
std::vector<uint8_t>& ModelBoard::flash_memory() { return impl_->flash->memory(); }
bool ModelBoard::fpga_configured() const { return impl_->ecp5 ? impl_->ecp5->done() : impl_->ice40->cdone(); }
uint32_t ModelBoard::ecp5_status() const { return impl_->ecp5 ? impl_->ecp5->status() : 0; }
std::string ModelBoard::fpga_error() const {
  return impl_->ecp5 ? impl_->ecp5->last_error() : impl_->ice40->last_error();
}

void ModelBoard::save() const {
  Impl& m = *impl_;
  json& fpga = m.config["fpga"];
  fpga["configured"] = fpga_configured();
  fpga["last_error"] = fpga_error();
  if (m.ecp5) fpga["status"] = hex(m.ecp5->status(), 8);
  const auto& mem = m.flash->memory();
  std::ofstream bin(m.dir / "flash.bin", std::ios::binary | std::ios::trunc);
  bin.write(reinterpret_cast<const char*>(mem.data()), static_cast<std::streamsize>(mem.size()));
  std::ofstream js(m.dir / "model.json", std::ios::trunc);
  js << m.config.dump(2) << "\n";
  if (!bin || !js) throw HostError(ErrorKind::Io, fmt::format("--model {}: cannot save the model's state", m.dir.string()));
}

}  // namespace corelab::host::model
