// Protocol-v1 messages: every request, response and notification survives encode/decode, the
// byte layouts follow docs/protocol.md, malformed frames are refused, and the name tables agree
// with the spec headers.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <set>

#include "corelab/host/error.hpp"
#include "corelab/host/events.hpp"
#include "corelab/host/protocol.hpp"
#include "hpm_events.h"
#include "test_util.hpp"

namespace corelab::host::test {
namespace {

uint32_t word(std::mt19937_64& rng) { return static_cast<uint32_t>(rng()) & ~3u; }

std::vector<Request> random_requests(std::mt19937_64& rng) {
  return {
      IdentifyRequest{},
      WriteMemRequest{word(rng), random_bytes(rng, 4 * (1 + rng() % 255))},
      ReadMemRequest{word(rng), static_cast<uint16_t>(4 * (1 + rng() % 256))},
      CoreCtrlRequest{static_cast<CoreAction>(rng() % 4)},
      SetStartRequest{word(rng)},
      StatusRequest{},
      ReadCountersRequest{},
      CountersCtrlRequest{static_cast<CountersAction>(rng() % 3)},
      AttachRequest{},
      DetachRequest{},
      ConsoleInRequest{random_bytes(rng, 1 + rng() % 64)},
  };
}

std::vector<ResponseBody> random_bodies(std::mt19937_64& rng) {
  Identity id;
  id.descriptor_version = static_cast<uint16_t>(rng());
  id.core_kind = static_cast<uint8_t>(rng() % 3);
  id.num_hpm = 8;
  id.events_version = 1;
  id.misa = static_cast<uint32_t>(rng());
  id.clock_hz = static_cast<uint32_t>(rng());
  id.ram_base = static_cast<uint32_t>(rng());
  id.ram_size = static_cast<uint32_t>(rng());
  id.baud = static_cast<uint32_t>(rng());
  id.line_words = static_cast<uint8_t>(rng());
  id.flags = static_cast<uint8_t>(rng());
  CounterSnapshot snap{rng(), rng(), {}};
  for (unsigned i = 0; i < rng() % 30; ++i) snap.hpm.push_back({static_cast<uint8_t>(rng()), rng()});
  return {
      id,
      WriteMemResult{},
      ReadMemResult{random_bytes(rng, 4 * (1 + rng() % 256))},
      CoreCtrlResult{static_cast<CoreState>(rng() % 4)},
      SetStartResult{},
      StatusResult{static_cast<CoreState>(rng() % 4), static_cast<uint32_t>(rng()), rng()},
      snap,
      CountersCtrlResult{},
      AttachResult{},
      DetachResult{},
      ConsoleInResult{static_cast<uint8_t>(rng() % 65)},
  };
}

TEST(Protocol, EveryRequestRoundTrips) {
  const uint64_t seed = test_seed(21);
  CORELAB_SEED_TRACE(seed);
  std::mt19937_64 rng(seed);
  for (int round = 0; round < 200; ++round) {
    for (const Request& r : random_requests(rng)) {
      const uint8_t seq = static_cast<uint8_t>(rng());
      const Frame f = encode_request(r, seq);
      ASSERT_EQ(f.seq, seq);
      ASSERT_EQ(f.cmd, static_cast<uint8_t>(request_cmd(r)));
      const DecodedRequest d = decode_request(f);
      ASSERT_EQ(d.status, DeviceStatus::Ok) << describe(r);
      ASSERT_EQ(d.request, r) << describe(r);
    }
  }
}

TEST(Protocol, EveryResponseRoundTrips) {
  const uint64_t seed = test_seed(22);
  CORELAB_SEED_TRACE(seed);
  std::mt19937_64 rng(seed);
  for (int round = 0; round < 200; ++round) {
    for (const ResponseBody& b : random_bodies(rng)) {
      const uint8_t seq = static_cast<uint8_t>(rng());
      const Response r = decode_response(encode_response(seq, b));
      ASSERT_TRUE(r.ok());
      ASSERT_EQ(r.seq, seq);
      ASSERT_EQ(r.cmd, b.index() + 1);
      ASSERT_EQ(*r.body, b) << command_name(r.cmd);
    }
    const uint8_t cmd = static_cast<uint8_t>(1 + rng() % 11);
    const auto st = static_cast<DeviceStatus>(1 + rng() % 4);
    const Response e = decode_response(encode_error_response(cmd, 5, st));
    ASSERT_EQ(e.status, static_cast<uint8_t>(st));
    ASSERT_EQ(e.cmd, cmd);
    ASSERT_FALSE(e.body.has_value());
  }
}

TEST(Protocol, NotificationsRoundTrip) {
  const Notification c = ConsoleOutput{{'h', 'i', 0xC0}};
  const Notification e = ExitNotice{0xDEADBEEF};
  EXPECT_EQ(decode_notification(encode_notification(c)), c);
  EXPECT_EQ(decode_notification(encode_notification(e)), e);
  EXPECT_EQ(encode_notification(e).seq, 0);
  EXPECT_TRUE(is_notification(encode_notification(c)));
  EXPECT_THROW(decode_notification(Frame{0x41, 0, {1, 2, 3}}), HostError);
  EXPECT_THROW(decode_notification(Frame{0x40, 0, {}}), HostError);
}

TEST(Protocol, ByteLayoutsFollowTheDoc) {
  const Frame w = encode_request(WriteMemRequest{0x80000010u, {1, 2, 3, 4}}, 9);
  EXPECT_EQ(w.cmd, 0x02);
  EXPECT_EQ(w.payload, (std::vector<uint8_t>{0x10, 0x00, 0x00, 0x80, 1, 2, 3, 4}));
  const Frame r = encode_request(ReadMemRequest{0x80000400u, 0x0400}, 1);
  EXPECT_EQ(r.cmd, 0x03);
  EXPECT_EQ(r.payload, (std::vector<uint8_t>{0x00, 0x04, 0x00, 0x80, 0x00, 0x04}));
  EXPECT_EQ(encode_request(CoreCtrlRequest{CoreAction::Halt}, 1).payload, std::vector<uint8_t>{2});
  EXPECT_EQ(encode_request(CountersCtrlRequest{CountersAction::Unfreeze}, 1).payload, std::vector<uint8_t>{2});
  EXPECT_EQ(encode_request(DetachRequest{}, 1).cmd, 0x0A);
  EXPECT_EQ(encode_request(ConsoleInRequest{{'a'}}, 1).cmd, 0x0B);

  Identity id;
  id.proto_version = 1;
  id.descriptor_version = 0x0302;
  id.core_kind = 2;
  id.num_hpm = 8;
  id.events_version = 0x0504;
  id.misa = 0x40001100;
  id.clock_hz = 12000000;
  id.ram_base = 0x80000000;
  id.ram_size = 0x10000;
  id.baud = 115200;
  id.line_words = 4;
  id.flags = 1;
  const Frame f = encode_response(7, id);
  EXPECT_EQ(f.cmd, 0x81);
  const std::vector<uint8_t> expect{0,                        // status
                                    0x01, 0x00, 0x02, 0x03,   // proto_version, descriptor_version
                                    0x02, 0x08, 0x04, 0x05,   // core_kind, num_hpm, events_version
                                    0x00, 0x11, 0x00, 0x40,   // misa
                                    0x00, 0x1B, 0xB7, 0x00,   // clock_hz
                                    0x00, 0x00, 0x00, 0x80,   // ram_base
                                    0x00, 0x00, 0x01, 0x00,   // ram_size
                                    0x00, 0xC2, 0x01, 0x00,   // baud
                                    0x04, 0x01};              // line_words, flags
  EXPECT_EQ(f.payload, expect);

  const Frame s = encode_response(3, StatusResult{CoreState::Exited, 0x2A, 0x0102030405060708ull});
  EXPECT_EQ(s.payload, (std::vector<uint8_t>{0, 3, 0x2A, 0, 0, 0, 8, 7, 6, 5, 4, 3, 2, 1}));
  const Frame c = encode_response(3, CounterSnapshot{1, 2, {{6, 3}}});
  EXPECT_EQ(c.payload.size(), 1u + 16 + 9);
  EXPECT_EQ(c.payload[17], 6);
  EXPECT_EQ(c.payload[18], 3);
}

TEST(Protocol, DeviceSideRefusesMalformedRequests) {
  EXPECT_EQ(decode_request(Frame{0x0C, 1, {}}).status, DeviceStatus::UnknownCommand);
  EXPECT_EQ(decode_request(Frame{0x40, 1, {1}}).status, DeviceStatus::UnknownCommand);
  EXPECT_EQ(decode_request(Frame{0x01, 1, {0}}).status, DeviceStatus::BadArguments);
  EXPECT_EQ(decode_request(Frame{0x02, 1, {0, 0, 0, 0x80}}).status, DeviceStatus::BadArguments) << "no data";
  EXPECT_EQ(decode_request(Frame{0x02, 1, {0, 0, 0, 0x80, 1, 2, 3}}).status, DeviceStatus::BadArguments);
  EXPECT_EQ(decode_request(Frame{0x02, 1, std::vector<uint8_t>(4 + 1024)}).status, DeviceStatus::BadArguments)
      << "over 1020 data bytes";
  EXPECT_EQ(decode_request(Frame{0x03, 1, {0, 0, 0, 0x80, 0, 0}}).status, DeviceStatus::BadArguments) << "len 0";
  EXPECT_EQ(decode_request(Frame{0x03, 1, {0, 0, 0, 0x80, 2, 0}}).status, DeviceStatus::BadArguments) << "len 2";
  EXPECT_EQ(decode_request(Frame{0x03, 1, {0, 0, 0, 0x80, 0x04, 0x04}}).status, DeviceStatus::BadArguments);
  EXPECT_EQ(decode_request(Frame{0x04, 1, {4}}).status, DeviceStatus::BadArguments);
  EXPECT_EQ(decode_request(Frame{0x08, 1, {3}}).status, DeviceStatus::BadArguments);
  EXPECT_EQ(decode_request(Frame{0x0B, 1, {}}).status, DeviceStatus::BadArguments);
  EXPECT_EQ(decode_request(Frame{0x0B, 1, std::vector<uint8_t>(65)}).status, DeviceStatus::BadArguments);
  EXPECT_THROW(encode_request(WriteMemRequest{0x80000002u, {1, 2, 3, 4}}, 1), std::invalid_argument);
  EXPECT_THROW(encode_request(ReadMemRequest{0x80000000u, 1026}, 1), std::invalid_argument);
}

TEST(Protocol, HostSideRefusesMalformedResponses) {
  auto kind_of = [](const Frame& f) {
    try {
      decode_response(f);
    } catch (const HostError& e) {
      return e.kind();
    }
    return ErrorKind::Usage;  // no error: the test reads this as a failure
  };
  EXPECT_EQ(kind_of(Frame{0x81, 1, {}}), ErrorKind::ProtocolMismatch) << "no status byte";
  EXPECT_EQ(kind_of(Frame{0x81, 1, {0, 1, 0, 2}}), ErrorKind::ProtocolMismatch) << "short IDENTIFY";
  EXPECT_EQ(kind_of(Frame{0x86, 1, {0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}}), ErrorKind::ProtocolMismatch)
      << "core state 9";
  EXPECT_EQ(kind_of(Frame{0x87, 1, std::vector<uint8_t>(1 + 16 + 5)}), ErrorKind::ProtocolMismatch);
  EXPECT_EQ(kind_of(Frame{0x82, 1, {0, 1}}), ErrorKind::ProtocolMismatch) << "WRITE_MEM answers nothing";
  EXPECT_EQ(kind_of(Frame{0x02, 1, {0}}), ErrorKind::ProtocolMismatch) << "not a response";

  Identity v2;
  v2.proto_version = 2;
  try {
    decode_response(encode_response(1, v2));
    FAIL() << "a version-2 device was accepted";
  } catch (const HostError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::ProtocolMismatch);
    EXPECT_NE(std::string(e.what()).find("version 2"), std::string::npos) << e.what();
  }
}

TEST(Tables, NamesAreCompleteAndDistinct) {
  std::set<std::string_view> names;
  for (const auto& c : command_table()) EXPECT_TRUE(names.insert(c.name).second) << c.name;
  EXPECT_EQ(command_table().size(), 13u);
  EXPECT_EQ(command_name(0x02), "WRITE_MEM");
  EXPECT_EQ(command_name(0x82), "WRITE_MEM response");
  EXPECT_EQ(command_name(0x41), "EXITED");
  EXPECT_EQ(status_text(3), "address outside RAM or not word aligned");
  EXPECT_EQ(status_text(4), "not allowed in the current core state");
  EXPECT_EQ(core_kind_name(1), "pipe");
  EXPECT_EQ(core_kind_name(9), "unknown (0x09)");
  EXPECT_EQ(core_state_name(3), "exited");
}

TEST(Tables, EventsComeFromTheSpecHeader) {
  ASSERT_EQ(event_table().size(), static_cast<size_t>(HPM_EVENT_COUNT));
  EXPECT_EQ(find_event("DCACHE_MISS")->number, HPM_EV_DCACHE_MISS);
  EXPECT_EQ(find_event(uint8_t{HPM_EV_MISPREDICT})->name, "MISPREDICT");
  EXPECT_TRUE(find_event(uint8_t{HPM_EV_INSTRET})->architectural);
  EXPECT_FALSE(find_event(uint8_t{HPM_EV_ICACHE_MISS})->architectural);
  EXPECT_EQ(event_name(200), "event 200");
  EXPECT_EQ(events_version(), HPM_EVENTS_VERSION);
}

TEST(Tables, ErrorKindsHaveDistinctDocumentedExitCodes) {
  std::set<int> codes;
  size_t i = 0;
  for (const auto& k : error_kind_table()) {
    EXPECT_EQ(static_cast<size_t>(k.kind), i++) << "rows in enum order";
    EXPECT_TRUE(codes.insert(k.exit_code).second) << k.name;
    EXPECT_GT(k.exit_code, kExitProgramMax) << k.name << " would read as a program's exit status";
    EXPECT_NE(k.exit_code, kExitInterrupted);
    EXPECT_NE(k.exit_code, kExitInternal);
  }
  EXPECT_EQ(HostError(ErrorKind::PortBusy, "x").exit_code(), 69);
}

TEST(Tables, TheUsersGuideListsEveryExitCode) {
  std::ifstream in(std::string(CORELAB_SOURCE_DIR) + "/docs/corectl.md");
  ASSERT_TRUE(in) << "docs/corectl.md is missing";
  const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const auto& k : error_kind_table()) {
    const std::string row = "| " + std::to_string(k.exit_code) + " | `" + std::string(k.name) + "`";
    EXPECT_NE(doc.find(row), std::string::npos) << "docs/corectl.md has no row " << row;
  }
  EXPECT_NE(doc.find("| " + std::to_string(kExitInterrupted) + " |"), std::string::npos);
  EXPECT_NE(doc.find("| " + std::to_string(kExitInternal) + " |"), std::string::npos);
}

}  // namespace
}  // namespace corelab::host::test
