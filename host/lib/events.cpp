// The event table, expanded from spec/hpm_events.h.
#include "corelab/host/events.hpp"

#include <array>
#include <fmt/format.h>

#include "hpm_events.h"

namespace corelab::host {
namespace {

constexpr bool is_arch(std::string_view meaning) { return meaning.starts_with("[arch]"); }

#define CORELAB_EVENT_ROW(num, name, text) EventInfo{num, #name, text, is_arch(text)},
constexpr std::array<EventInfo, HPM_EVENT_COUNT> kEvents{{HPM_EVENT_LIST(CORELAB_EVENT_ROW)}};
#undef CORELAB_EVENT_ROW

static_assert([] {
  for (size_t i = 0; i < kEvents.size(); ++i)
    if (kEvents[i].number != i) return false;
  return true;
}(), "spec/hpm_events.h numbers its events 0, 1, 2, ... in order");

}  // namespace

std::span<const EventInfo> event_table() { return kEvents; }

const EventInfo* find_event(uint8_t number) { return number < kEvents.size() ? &kEvents[number] : nullptr; }

const EventInfo* find_event(std::string_view name) {
  for (const auto& e : kEvents)
    if (e.name == name) return &e;
  return nullptr;
}

std::string event_name(uint8_t number) {
  if (const EventInfo* e = find_event(number)) return std::string(e->name);
  return fmt::format("event {}", number);
}

uint16_t events_version() { return HPM_EVENTS_VERSION; }

}  // namespace corelab::host
