// ISA test: the register-register logic instructions xor, or, and (bit patterns, rd equal to a
// source, x0 as a source and as the destination), and the register file itself: every register as
// destination and as either source, and 28 registers holding 28 different values at once.
#include "test_macros.h"

TEST_BEGIN

  // xor: bit patterns
  TEST_RR(1, xor, 0xf00ff00f, 0xff00ff00, 0x0f0f0f0f)
  TEST_RR(2, xor, 0xf00ff00f, 0x00ff00ff, 0xf0f0f0f0)
  TEST_RR(3, xor, 0xffffffff, 0xaaaaaaaa, 0x55555555)
  TEST_RR(4, xor, 0xedcba987, 0xffffffff, 0x12345678)
  TEST_RR(5, xor, 0x87654321, 0x00000000, 0x87654321)
  TEST_RR(6, xor, 0x00000000, 0xffffffff, 0xffffffff)
  TEST_RR(7, xor, 0x00000000, 0x00000000, 0x00000000)
  TEST_RR_DEST_SRC1(8, xor, 0x0ff00ff0, 0xff00ff00, 0xf0f0f0f0)
  TEST_RR_DEST_SRC2(9, xor, 0x0f0ff0f0, 0x0ff00ff0, 0x00ffff00)
  TEST_RR_DEST_SRC12(10, xor, 0x00000000, 0xc3c3c3c3)
  TEST_RR_SRC12(11, xor, 0x00000000, 0x3c3c3c3c)
  TEST_RR_ZERO_SRC1(12, xor, 0x89abcdef, 0x89abcdef)
  TEST_RR_ZERO_SRC2(13, xor, 0x89abcdef, 0x89abcdef)
  TEST_RR_ZERO_DEST(14, xor, 0xffffffff, 0xffffffff)

  // or: bit patterns
  TEST_RR(15, or, 0xff0fff0f, 0xff00ff00, 0x0f0f0f0f)
  TEST_RR(16, or, 0xf0fff0ff, 0x00ff00ff, 0xf0f0f0f0)
  TEST_RR(17, or, 0xffffffff, 0xaaaaaaaa, 0x55555555)
  TEST_RR(18, or, 0xffffffff, 0xffffffff, 0x12345678)
  TEST_RR(19, or, 0x87654321, 0x00000000, 0x87654321)
  TEST_RR(20, or, 0xffffffff, 0xffffffff, 0xffffffff)
  TEST_RR(21, or, 0x00000000, 0x00000000, 0x00000000)
  TEST_RR_DEST_SRC1(22, or, 0xfff0fff0, 0xff00ff00, 0xf0f0f0f0)
  TEST_RR_DEST_SRC2(23, or, 0x0ffffff0, 0x0ff00ff0, 0x00ffff00)
  TEST_RR_DEST_SRC12(24, or, 0xc3c3c3c3, 0xc3c3c3c3)
  TEST_RR_SRC12(25, or, 0x3c3c3c3c, 0x3c3c3c3c)
  TEST_RR_ZERO_SRC1(26, or, 0x89abcdef, 0x89abcdef)
  TEST_RR_ZERO_SRC2(27, or, 0x89abcdef, 0x89abcdef)
  TEST_RR_ZERO_DEST(28, or, 0xffffffff, 0xffffffff)

  // and: bit patterns
  TEST_RR(29, and, 0x0f000f00, 0xff00ff00, 0x0f0f0f0f)
  TEST_RR(30, and, 0x00f000f0, 0x00ff00ff, 0xf0f0f0f0)
  TEST_RR(31, and, 0x00000000, 0xaaaaaaaa, 0x55555555)
  TEST_RR(32, and, 0x12345678, 0xffffffff, 0x12345678)
  TEST_RR(33, and, 0x00000000, 0x00000000, 0x87654321)
  TEST_RR(34, and, 0xffffffff, 0xffffffff, 0xffffffff)
  TEST_RR(35, and, 0x00000000, 0x00000000, 0x00000000)
  TEST_RR_DEST_SRC1(36, and, 0xf000f000, 0xff00ff00, 0xf0f0f0f0)
  TEST_RR_DEST_SRC2(37, and, 0x00f00f00, 0x0ff00ff0, 0x00ffff00)
  TEST_RR_DEST_SRC12(38, and, 0xc3c3c3c3, 0xc3c3c3c3)
  TEST_RR_SRC12(39, and, 0x3c3c3c3c, 0x3c3c3c3c)
  TEST_RR_ZERO_SRC1(40, and, 0x00000000, 0x89abcdef)
  TEST_RR_ZERO_SRC2(41, and, 0x00000000, 0x89abcdef)
  TEST_RR_ZERO_DEST(42, and, 0xffffffff, 0xffffffff)

  // the whole register file: every register as destination and as either source
  TEST_RR_REGS(43, add, 0x01010201, x1, x6, 0x00000100, x12, 0x01010101)
  TEST_RR_REGS(44, add, 0x02020403, x2, x7, 0x00000201, x13, 0x02020202)
  TEST_RR_REGS(45, add, 0x03030605, x3, x8, 0x00000302, x14, 0x03030303)
  TEST_RR_REGS(46, add, 0x04040807, x4, x9, 0x00000403, x15, 0x04040404)
  TEST_RR_REGS(47, add, 0x05050a09, x5, x10, 0x00000504, x16, 0x05050505)
  TEST_RR_REGS(48, add, 0x06060c0b, x6, x11, 0x00000605, x17, 0x06060606)
  TEST_RR_REGS(49, add, 0x07070e0d, x7, x12, 0x00000706, x18, 0x07070707)
  TEST_RR_REGS(50, add, 0x01010908, x8, x13, 0x00000807, x19, 0x01010101)
  TEST_RR_REGS(51, add, 0x02020b0a, x9, x14, 0x00000908, x20, 0x02020202)
  TEST_RR_REGS(52, add, 0x03030d0c, x10, x15, 0x00000a09, x21, 0x03030303)
  TEST_RR_REGS(53, add, 0x04040f0e, x11, x16, 0x00000b0a, x22, 0x04040404)
  TEST_RR_REGS(54, add, 0x05051110, x12, x17, 0x00000c0b, x23, 0x05050505)
  TEST_RR_REGS(55, add, 0x06061312, x13, x18, 0x00000d0c, x24, 0x06060606)
  TEST_RR_REGS(56, add, 0x07071514, x14, x19, 0x00000e0d, x25, 0x07070707)
  TEST_RR_REGS(57, add, 0x0101100f, x15, x20, 0x00000f0e, x26, 0x01010101)
  TEST_RR_REGS(58, add, 0x02021211, x16, x21, 0x0000100f, x27, 0x02020202)
  TEST_RR_REGS(59, add, 0x03031413, x17, x22, 0x00001110, x28, 0x03030303)
  TEST_RR_REGS(60, add, 0x04041615, x18, x23, 0x00001211, x1, 0x04040404)
  TEST_RR_REGS(61, add, 0x05051817, x19, x24, 0x00001312, x2, 0x05050505)
  TEST_RR_REGS(62, add, 0x06061a19, x20, x25, 0x00001413, x3, 0x06060606)
  TEST_RR_REGS(63, add, 0x07071c1b, x21, x26, 0x00001514, x4, 0x07070707)
  TEST_RR_REGS(64, add, 0x01011716, x22, x27, 0x00001615, x5, 0x01010101)
  TEST_RR_REGS(65, add, 0x02021918, x23, x28, 0x00001716, x6, 0x02020202)
  TEST_RR_REGS(66, add, 0x03031b1a, x24, x1, 0x00001817, x7, 0x03030303)
  TEST_RR_REGS(67, add, 0x04041d1c, x25, x2, 0x00001918, x8, 0x04040404)
  TEST_RR_REGS(68, add, 0x05051f1e, x26, x3, 0x00001a19, x9, 0x05050505)
  TEST_RR_REGS(69, add, 0x06062120, x27, x4, 0x00001b1a, x10, 0x06060606)
  TEST_RR_REGS(70, add, 0x07072322, x28, x5, 0x00001c1b, x11, 0x07070707)

  // 28 registers hold 28 different values at once: no two registers share storage.
  TEST_CASE(71)
  li x1, 0x5ad1e806
  li x2, 0x59d1eab3
  li x3, 0x58d1ed2c
  li x4, 0x5fd1efd9
  li x5, 0x5ed1ee4a
  li x6, 0x5dd1e0e7
  li x7, 0x5cd1e290
  li x8, 0x53d1e50d
  li x9, 0x52d1e7be
  li x10, 0x51d1e62b
  li x11, 0x50d1f8c4
  li x12, 0x57d1fb71
  li x13, 0x56d1fde2
  li x14, 0x55d1ff9f
  li x15, 0x54d1fe08
  li x16, 0x4bd1f0a5
  li x17, 0x4ad1f356
  li x18, 0x49d1f5c3
  li x19, 0x48d1f47c
  li x20, 0x4fd1f6e9
  li x21, 0x4ed1c89a
  li x22, 0x4dd1cb37
  li x23, 0x4cd1cda0
  li x24, 0x43d1cc5d
  li x25, 0x42d1cece
  li x26, 0x41d1c17b
  li x27, 0x40d1c314
  li x28, 0x47d1c581
  CHECK(x1, 0x5ad1e806)
  CHECK(x2, 0x59d1eab3)
  CHECK(x3, 0x58d1ed2c)
  CHECK(x4, 0x5fd1efd9)
  CHECK(x5, 0x5ed1ee4a)
  CHECK(x6, 0x5dd1e0e7)
  CHECK(x7, 0x5cd1e290)
  CHECK(x8, 0x53d1e50d)
  CHECK(x9, 0x52d1e7be)
  CHECK(x10, 0x51d1e62b)
  CHECK(x11, 0x50d1f8c4)
  CHECK(x12, 0x57d1fb71)
  CHECK(x13, 0x56d1fde2)
  CHECK(x14, 0x55d1ff9f)
  CHECK(x15, 0x54d1fe08)
  CHECK(x16, 0x4bd1f0a5)
  CHECK(x17, 0x4ad1f356)
  CHECK(x18, 0x49d1f5c3)
  CHECK(x19, 0x48d1f47c)
  CHECK(x20, 0x4fd1f6e9)
  CHECK(x21, 0x4ed1c89a)
  CHECK(x22, 0x4dd1cb37)
  CHECK(x23, 0x4cd1cda0)
  CHECK(x24, 0x43d1cc5d)
  CHECK(x25, 0x42d1cece)
  CHECK(x26, 0x41d1c17b)
  CHECK(x27, 0x40d1c314)
  CHECK(x28, 0x47d1c581)

TEST_END
