// CRC-32, SLIP stuffing, frame encoding, and the streaming decoder under garbage and link faults.
#include <gtest/gtest.h>

#include <set>

#include "corelab/host/crc32.hpp"
#include "corelab/host/framing.hpp"
#include "test_util.hpp"

namespace corelab::host::test {
namespace {

// Bit-at-a-time CRC-32, straight from the definition, to check the table-driven one against.
uint32_t reference_crc32(std::span<const uint8_t> bytes) {
  uint32_t c = 0xFFFFFFFFu;
  for (uint8_t b : bytes) {
    c ^= b;
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return ~c;
}

std::vector<uint8_t> bytes_of(std::string_view s) { return {s.begin(), s.end()}; }

TEST(Crc32, KnownValues) {
  EXPECT_EQ(crc32(bytes_of("123456789")), 0xCBF43926u) << "the check value of docs/protocol.md";
  EXPECT_EQ(crc32({}), 0x00000000u);
  EXPECT_EQ(crc32(bytes_of("The quick brown fox jumps over the lazy dog")), 0x414FA339u);
  EXPECT_EQ(crc32(std::vector<uint8_t>{0x00}), 0xD202EF8Du);
}

TEST(Crc32, MatchesBitwiseReferenceAndIsIncremental) {
  const uint64_t seed = test_seed(11);
  CORELAB_SEED_TRACE(seed);
  std::mt19937_64 rng(seed);
  for (int i = 0; i < 200; ++i) {
    const auto data = random_bytes(rng, rng() % 1100);
    ASSERT_EQ(crc32(data), reference_crc32(data));
    Crc32 inc;
    const size_t cut = data.empty() ? 0 : rng() % data.size();
    inc.update(std::span(data).first(cut));
    inc.update(std::span(data).subspan(cut));
    ASSERT_EQ(inc.value(), crc32(data));
  }
}

TEST(Slip, StuffUnstuffRoundTripsRandomPayloads) {
  const uint64_t seed = test_seed(12);
  CORELAB_SEED_TRACE(seed);
  std::mt19937_64 rng(seed);
  for (int i = 0; i < 2000; ++i) {
    const auto body = slip_heavy_bytes(rng, rng() % 1100);
    std::vector<uint8_t> stuffed;
    slip_stuff(body, stuffed);
    ASSERT_EQ(std::count(stuffed.begin(), stuffed.end(), kSlipEnd), 0) << "END must never appear inside a body";
    const auto back = slip_unstuff(stuffed);
    ASSERT_TRUE(back.has_value());
    ASSERT_EQ(*back, body);
  }
}

TEST(Slip, SpecialBytesAreEscapedAsTheProtocolSays) {
  std::vector<uint8_t> out;
  slip_stuff(std::vector<uint8_t>{0xC0, 0x01, 0xDB}, out);
  EXPECT_EQ(out, (std::vector<uint8_t>{0xDB, 0xDC, 0x01, 0xDB, 0xDD}));
  EXPECT_FALSE(slip_unstuff(std::vector<uint8_t>{0xDB, 0x01}).has_value()) << "a bad escape";
  EXPECT_FALSE(slip_unstuff(std::vector<uint8_t>{0x01, 0xDB}).has_value()) << "an escape at the end";
}

TEST(Frame, EncodingIsEndStuffedBodyCrcEnd) {
  // cmd 0x02, seq 0x07, payload C0 DB: body 02 07 C0 DB crc(LE), stuffed, between two ENDs.
  const Frame f{0x02, 0x07, {0xC0, 0xDB}};
  const std::vector<uint8_t> body{0x02, 0x07, 0xC0, 0xDB};
  const uint32_t crc = reference_crc32(body);
  std::vector<uint8_t> expect{0xC0, 0x02, 0x07, 0xDB, 0xDC, 0xDB, 0xDD};
  std::vector<uint8_t> crc_bytes;
  for (int i = 0; i < 4; ++i) crc_bytes.push_back(static_cast<uint8_t>(crc >> (8 * i)));
  slip_stuff(crc_bytes, expect);
  expect.push_back(0xC0);
  EXPECT_EQ(encode_frame(f), expect);
  EXPECT_THROW(encode_frame(Frame{1, 1, std::vector<uint8_t>(kMaxPayload + 1)}), std::length_error);
}

TEST(Frame, RoundTripsThroughTheDecoderInRandomPieces) {
  const uint64_t seed = test_seed(13);
  CORELAB_SEED_TRACE(seed);
  std::mt19937_64 rng(seed);
  std::vector<Frame> sent;
  std::vector<uint8_t> stream;
  for (int i = 0; i < 500; ++i) {
    Frame f{static_cast<uint8_t>(rng()), static_cast<uint8_t>(rng()), slip_heavy_bytes(rng, rng() % (kMaxPayload + 1))};
    const auto wire = encode_frame(f);
    stream.insert(stream.end(), wire.begin(), wire.end());
    sent.push_back(std::move(f));
  }
  FrameDecoder d;
  for (size_t pos = 0; pos < stream.size();) {
    const size_t n = std::min(stream.size() - pos, size_t{1} + rng() % 300);
    d.feed(std::span(stream).subspan(pos, n));
    pos += n;
  }
  for (const auto& f : sent) {
    const auto got = d.next();
    ASSERT_TRUE(got.has_value());
    ASSERT_EQ(*got, f);
  }
  EXPECT_FALSE(d.next().has_value());
  EXPECT_EQ(d.stats().dropped(), 0u);
}

TEST(Decoder, DropsAndCountsBadFrames) {
  FrameDecoder d;
  auto wire = encode_frame(Frame{0x81, 3, {0, 1, 2, 3}});
  wire[3] ^= 0x10;  // a payload bit
  d.feed(wire);
  EXPECT_FALSE(d.next().has_value());
  EXPECT_EQ(d.stats().bad_crc, 1u);

  d.feed(std::vector<uint8_t>{0xC0, 1, 2, 3, 0xC0});  // too short
  EXPECT_EQ(d.stats().bad_length, 1u);
  d.feed(std::vector<uint8_t>{0xC0, 1, 2, 0xDB, 0x05, 3, 4, 5, 6, 0xC0});  // bad escape
  d.feed(std::vector<uint8_t>{0xC0, 1, 2, 3, 4, 5, 0xDB, 0xC0});           // escape then END
  EXPECT_EQ(d.stats().bad_escape, 2u);
  std::vector<uint8_t> too_long(kMaxBody + 5, 0x11);
  too_long.insert(too_long.begin(), 0xC0);
  too_long.push_back(0xC0);
  d.feed(too_long);
  EXPECT_EQ(d.stats().bad_length, 2u);
  d.feed(std::vector<uint8_t>{0xC0, 0xC0, 0xC0});  // empty bodies are ignored
  EXPECT_EQ(d.stats().dropped(), 5u);
  EXPECT_FALSE(d.next().has_value());

  const Frame good{0x86, 9, {1, 2, 3}};
  d.feed(encode_frame(good));
  EXPECT_EQ(d.next(), good) << "the decoder resynchronises after bad frames";
}

TEST(Decoder, ResynchronisesAfterRandomGarbage) {
  const uint64_t seed = test_seed(14);
  CORELAB_SEED_TRACE(seed);
  std::mt19937_64 rng(seed);
  FrameDecoder d;
  for (int i = 0; i < 3000; ++i) {
    const auto garbage = slip_heavy_bytes(rng, rng() % 300);
    d.feed(garbage);
    while (d.next()) {
    }  // garbage may, with probability 2^-32 per body, look like a frame
    const Frame f{static_cast<uint8_t>(rng()), static_cast<uint8_t>(i), random_bytes(rng, rng() % 64)};
    d.feed(encode_frame(f));
    const auto got = d.next();
    ASSERT_TRUE(got.has_value()) << "no frame after " << garbage.size() << " bytes of garbage (round " << i << ")";
    ASSERT_EQ(*got, f);
  }
}

TEST(Decoder, NeverHandsOutADamagedFrameUnderLinkFaults) {
  const uint64_t seed = test_seed(15);
  CORELAB_SEED_TRACE(seed);
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  const double rate = 2e-3;  // per byte: a third corrupted, dropped, or preceded by a stray byte
  std::set<std::vector<uint8_t>> sent;
  std::vector<uint8_t> stream;
  const int n = 3000;
  for (int i = 0; i < n; ++i) {
    Frame f{0x40, 0, random_bytes(rng, 8 + rng() % 120)};
    f.payload[0] = static_cast<uint8_t>(i);
    f.payload[1] = static_cast<uint8_t>(i >> 8);  // every payload distinct
    sent.insert(f.payload);
    for (uint8_t b : encode_frame(f)) {
      const double x = u(rng);
      if (x >= rate) stream.push_back(b);
      else if (x < rate / 3) stream.push_back(static_cast<uint8_t>(b ^ (1 + rng() % 255)));
      else if (x < 2 * rate / 3) continue;
      else {
        stream.push_back(static_cast<uint8_t>(rng()));
        stream.push_back(b);
      }
    }
  }
  FrameDecoder d;
  d.feed(stream);
  int received = 0;
  while (auto f = d.next()) {
    ASSERT_TRUE(sent.count(f->payload)) << "a frame that was never sent came out of the decoder";
    ++received;
  }
  EXPECT_GT(received, n * 8 / 10) << "most frames must survive a fault rate of " << rate;
  EXPECT_GT(d.stats().dropped(), 0u) << "some frames must have been hit";
}

TEST(Decoder, PassesTextThroughOutsideFramesWhenDetached) {
  FrameDecoder d;
  d.set_console_passthrough(true);
  const Frame f{0x40, 0, {'x'}};
  std::vector<uint8_t> in = bytes_of("hello ");
  const auto wire = encode_frame(f);
  in.insert(in.end(), wire.begin(), wire.end());
  for (uint8_t c : bytes_of("world\n")) in.push_back(c);
  in.insert(in.end(), wire.begin(), wire.end());
  d.feed(in);
  EXPECT_EQ(d.take_text(), bytes_of("hello world\n"));
  EXPECT_EQ(d.next(), f);
  EXPECT_EQ(d.next(), f);
  EXPECT_FALSE(d.next().has_value());

  FrameDecoder attached;  // attached: bytes outside frames are not text
  attached.feed(in);
  EXPECT_TRUE(attached.take_text().empty());
}

}  // namespace
}  // namespace corelab::host::test
