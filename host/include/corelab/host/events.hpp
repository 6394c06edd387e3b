// The performance-counter events as the host tool names them: one row per entry of
// spec/hpm_events.h (generated from its X-macro, so the two cannot drift apart).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace corelab::host {

struct EventInfo {
  uint8_t number;
  std::string_view name;     // "DCACHE_MISS"
  std::string_view meaning;  // "data-cache misses"
  bool architectural;        // counted the same by every core and the ISS ("[arch]")
};

std::span<const EventInfo> event_table();
const EventInfo* find_event(uint8_t number);
const EventInfo* find_event(std::string_view name);
// "DCACHE_MISS", or "event 42" for a number this build does not know.
std::string event_name(uint8_t number);
// HPM_EVENTS_VERSION of the header this build uses; IDENTIFY reports the device's.
uint16_t events_version();

}  // namespace corelab::host
