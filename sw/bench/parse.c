/* A tokenizer as a switch-driven state machine: scans a ~2 KiB script in a small made-up language
 * (identifiers, keywords, decimal and hex numbers, strings with escapes, line and block comments,
 * one- and two-character operators) and folds every token into counts and a checksum. Mostly
 * multi-way branches on the state and on the character class. */
#include "bench.h"

#ifndef ITERATIONS
#define ITERATIONS 50
#endif

/* Computed on the host with an independent tokenizer, and checked against parse_reference(). */
#define PARSE_EXPECTED 0x7b18742au
#define PARSE_EXPECTED_TOKENS 446u

/* The script: written for this benchmark; the '@' and '$' are there to exercise the error path. */
static const char parse_text[] =
    "# lab.cfg -- settings for a soft-core lab session\n"
    "let board = \"ulx3s\";   let clock_hz = 25000000;\n"
    "let ram_size = 0x10000; let uart_base = 0x10000000;\n"
    "/* The cache is direct mapped:\n"
    "   line size and way count come from the core's build. */\n"
    "let cache = { lines: 64, line_bytes: 16, ways: 1 };\n"
    "fn clamp(v, lo, hi) {\n"
    "  if v < lo { return lo; } else if v > hi { return hi; }\n"
    "  return v;\n"
    "}\n"
    "fn baud_divisor(clk, baud) -> int {\n"
    "  let d = (clk + baud / 2) / baud;\n"
    "  return clamp(d, 1, 0xFFFF);\n"
    "}\n"
    "let banner = \"corelab\\tready\\n\\\"hello\\\", said the core\\\\\";\n"
    "for core in [\"iss\", \"pipe\", \"ooo\"] {\n"
    "  let runs = 0; let failures = 0;\n"
    "  while runs < 10 && failures == 0 {\n"
    "    runs += 1;\n"
    "    if result(core, runs) != 0 || timeout(core) >= 3 { failures = failures + 1; }\n"
    "  }\n"
    "  report(core, runs, failures, runs * 100 / 10);\n"
    "}\n"
    "let masks = [0xff, 0x0F0F, 0xDEADBEEF, 0x7fffffff, 255, 4095];\n"
    "let weights = { alu: 3, load: 5, store: 4, branch: 2, mul: 7, div: 33 };\n"
    "fn score(counts) {\n"
    "  let total = 0;\n"
    "  for k in keys(counts) { total += counts[k] * weights[k]; }\n"
    "  return total % 1000003;\n"
    "}\n"
    "# operators that the tokenizer must pair up: <= >= == != -> && || += -=\n"
    "let cmp = (a <= b) == !(a > b); let x = a - -b; x -= 2;\n"
    "let path = \"sw/bench/parse.c\"; let empty = \"\";\n"
    "@error_marker $ 12abc 0x 007 _under_score9 TRUE true false\n"
    "/* A block comment with * stars ** inside and / slashes */ let done = true;\n"
    "fn fib(n) { if n < 2 { return n; } return fib(n - 1) + fib(n - 2); }\n"
    "let table = [1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987];\n"
    "let message = \"line one\\nline two\\tand a tab\";\n"
    "fn checksum(s) { let h = 2166136261; for c in s { h = (h ^ c) * 16777619; } return h; }\n"
    "report(\"done\", score(weights), checksum(banner), fib(10));\n"
    "/* end of script */\n";

enum { TOK_IDENT, TOK_KEYWORD, TOK_NUMBER, TOK_STRING, TOK_OP, TOK_ERROR, TOK_KINDS };

typedef struct {
  uint32_t count[TOK_KINDS];
  uint32_t hash;
} parse_result_t;

static parse_result_t parse_last;

static void parse_emit(parse_result_t *r, unsigned kind, uint32_t value) {
  r->count[kind]++;
  r->hash = bench_hash(bench_hash(r->hash, kind), value);
}

/* Whether s[0 .. len) spells word (identifier characters are never 0, so a shorter word stops the
 * loop at its terminator). */
static int parse_word_is(const char *s, unsigned len, const char *word) {
  for (unsigned i = 0; i < len; i++)
    if (s[i] != word[i]) return 0;
  return word[len] == 0;
}

/* Keyword number (1 ..) or 0, by a switch on the first letter. */
static uint32_t parse_keyword(const char *s, unsigned len) {
  switch (s[0]) {
    case 'e': return parse_word_is(s, len, "else") ? 1 : 0;
    case 'f':
      if (parse_word_is(s, len, "fn")) return 2;
      if (parse_word_is(s, len, "for")) return 3;
      return parse_word_is(s, len, "false") ? 4 : 0;
    case 'i':
      if (parse_word_is(s, len, "if")) return 5;
      return parse_word_is(s, len, "in") ? 6 : 0;
    case 'l': return parse_word_is(s, len, "let") ? 7 : 0;
    case 'r': return parse_word_is(s, len, "return") ? 8 : 0;
    case 't': return parse_word_is(s, len, "true") ? 9 : 0;
    case 'w': return parse_word_is(s, len, "while") ? 10 : 0;
    default: return 0;
  }
}

enum {
  PS_START,
  PS_IDENT,
  PS_ZERO,    /* a leading 0: decimal or the start of 0x */
  PS_DECIMAL,
  PS_HEX,
  PS_STRING,
  PS_ESCAPE,  /* after a backslash in a string */
  PS_OP,      /* after a character that may start a two-character operator */
  PS_SLASH,   /* after '/': division or a block comment */
  PS_LINE_COMMENT,
  PS_BLOCK,
  PS_BLOCK_STAR,
};

static void parse_dfa(const char *text, parse_result_t *r) {
  unsigned state = PS_START;
  uint32_t value = 0;
  const char *start = text;
  char first = 0;
  for (const char *p = text;; p++) {
    char c = *p;
  again:
    switch (state) {
      case PS_START:
        switch (c) {
          case 0: return;
          case ' ': case '\t': case '\r': case '\n': break;
          case '#': state = PS_LINE_COMMENT; break;
          case '/': state = PS_SLASH; break;
          case '"': value = BENCH_HASH_INIT; state = PS_STRING; break;
          case '0': value = 0; state = PS_ZERO; break;
          case '1' ... '9': value = (uint32_t)(c - '0'); state = PS_DECIMAL; break;
          case 'a' ... 'z': case 'A' ... 'Z': case '_': start = p; state = PS_IDENT; break;
          case '=': case '!': case '<': case '>': case '-': case '+': case '&': case '|':
            first = c;
            state = PS_OP;
            break;
          case '(': case ')': case '{': case '}': case '[': case ']': case ';': case ',':
          case '.': case ':': case '*': case '%': case '^':
            parse_emit(r, TOK_OP, (uint8_t)c);
            break;
          default: parse_emit(r, TOK_ERROR, (uint8_t)c); break;
        }
        break;
      case PS_IDENT:
        switch (c) {
          case 'a' ... 'z': case 'A' ... 'Z': case '0' ... '9': case '_': break;
          default: {
            unsigned len = (unsigned)(p - start);
            uint32_t kw = parse_keyword(start, len);
            if (kw) {
              parse_emit(r, TOK_KEYWORD, kw);
            } else {
              uint32_t h = BENCH_HASH_INIT;
              for (const char *q = start; q < p; q++) h = bench_hash(h, (uint8_t)*q);
              parse_emit(r, TOK_IDENT, h);
            }
            state = PS_START;
            goto again;
          }
        }
        break;
      case PS_ZERO:
        switch (c) {
          case 'x': case 'X': state = PS_HEX; break;
          case '0' ... '9': value = (uint32_t)(c - '0'); state = PS_DECIMAL; break;
          default: parse_emit(r, TOK_NUMBER, 0); state = PS_START; goto again;
        }
        break;
      case PS_DECIMAL:
        switch (c) {
          case '0' ... '9': value = value * 10 + (uint32_t)(c - '0'); break;
          default: parse_emit(r, TOK_NUMBER, value); state = PS_START; goto again;
        }
        break;
      case PS_HEX:
        switch (c) {
          case '0' ... '9': value = value << 4 | (uint32_t)(c - '0'); break;
          case 'a' ... 'f': value = value << 4 | (uint32_t)(c - 'a' + 10); break;
          case 'A' ... 'F': value = value << 4 | (uint32_t)(c - 'A' + 10); break;
          default: parse_emit(r, TOK_NUMBER, value); state = PS_START; goto again;
        }
        break;
      case PS_STRING:
        switch (c) {
          case 0: parse_emit(r, TOK_STRING, value); return; /* unterminated: ends at the end */
          case '"': parse_emit(r, TOK_STRING, value); state = PS_START; break;
          case '\\': state = PS_ESCAPE; break;
          default: value = bench_hash(value, (uint8_t)c); break;
        }
        break;
      case PS_ESCAPE:
        switch (c) {
          case 0: parse_emit(r, TOK_STRING, value); return;
          case 'n': value = bench_hash(value, '\n'); break;
          case 't': value = bench_hash(value, '\t'); break;
          default: value = bench_hash(value, (uint8_t)c); break; /* \" \\ and the rest */
        }
        state = PS_STRING;
        break;
      case PS_OP: {
        /* Pairs: == != <= >= -> && || += -= */
        uint32_t pair = 0;
        switch (first) {
          case '=': case '!': case '<': case '>': case '+': pair = c == '='; break;
          case '-': pair = c == '=' || c == '>'; break;
          case '&': pair = c == '&'; break;
          case '|': pair = c == '|'; break;
        }
        state = PS_START;
        if (pair) {
          parse_emit(r, TOK_OP, (uint8_t)first | (uint32_t)(uint8_t)c << 8);
          break;
        }
        parse_emit(r, TOK_OP, (uint8_t)first);
        goto again;
      }
      case PS_SLASH:
        if (c == '*') {
          state = PS_BLOCK;
          break;
        }
        parse_emit(r, TOK_OP, '/');
        state = PS_START;
        goto again;
      case PS_LINE_COMMENT:
        switch (c) {
          case 0: return;
          case '\n': state = PS_START; break;
          default: break;
        }
        break;
      case PS_BLOCK:
        switch (c) {
          case 0: return;
          case '*': state = PS_BLOCK_STAR; break;
          default: break;
        }
        break;
      case PS_BLOCK_STAR:
        switch (c) {
          case 0: return;
          case '/': state = PS_START; break;
          case '*': break;
          default: state = PS_BLOCK; break;
        }
        break;
    }
  }
}

static uint32_t parse_run(void) {
  parse_result_t r = {{0}, BENCH_HASH_INIT};
  parse_dfa(parse_text, &r);
  parse_last = r;
  uint32_t h = r.hash;
  for (int k = 0; k < TOK_KINDS; k++) h = bench_hash(h, r.count[k]);
  return h;
}

/* ---- reference: the same language scanned token by token with plain tests and loops ---- */

static int ref_is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
static int ref_is_digit(char c) { return c >= '0' && c <= '9'; }
static int ref_hex_value(char c) {
  if (ref_is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static uint32_t ref_keyword(const char *s, unsigned len) {
  static const char *const words[] = {"else", "fn", "for", "false", "if", "in", "let", "return",
                                      "true", "while"};
  for (unsigned w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
    unsigned i = 0;
    while (i < len && words[w][i] == s[i]) i++;
    if (i == len && words[w][len] == 0) return w + 1;
  }
  return 0;
}

static void parse_reference(const char *p, parse_result_t *r) {
  static const char singles[] = "(){}[];,.:*%^";
  static const char *const pairs[] = {"==", "!=", "<=", ">=", "->", "&&", "||", "+=", "-="};
  static const char pair_starts[] = "=!<>-+&|";
  for (;;) {
    char c = *p;
    if (c == 0) return;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      p++;
    } else if (c == '#') {
      while (*p && *p != '\n') p++;
    } else if (c == '/' && p[1] == '*') {
      p += 2;
      while (*p && !(p[0] == '*' && p[1] == '/')) p++;
      if (!*p) return;
      p += 2;
    } else if (ref_is_letter(c)) {
      const char *s = p;
      while (ref_is_letter(*p) || ref_is_digit(*p)) p++;
      uint32_t kw = ref_keyword(s, (unsigned)(p - s));
      if (kw) {
        parse_emit(r, TOK_KEYWORD, kw);
      } else {
        uint32_t h = BENCH_HASH_INIT;
        for (; s < p; s++) h = bench_hash(h, (uint8_t)*s);
        parse_emit(r, TOK_IDENT, h);
      }
    } else if (c == '0' && (p[1] == 'x' || p[1] == 'X')) {
      uint32_t v = 0;
      for (p += 2; ref_hex_value(*p) >= 0; p++) v = v * 16 + (uint32_t)ref_hex_value(*p);
      parse_emit(r, TOK_NUMBER, v);
    } else if (ref_is_digit(c)) {
      uint32_t v = 0;
      for (; ref_is_digit(*p); p++) v = v * 10 + (uint32_t)(*p - '0');
      parse_emit(r, TOK_NUMBER, v);
    } else if (c == '"') {
      uint32_t h = BENCH_HASH_INIT;
      for (p++; *p && *p != '"'; p++) {
        char e = *p;
        if (e == '\\') {
          p++;
          if (!*p) break;
          e = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p;
        }
        h = bench_hash(h, (uint8_t)e);
      }
      parse_emit(r, TOK_STRING, h);
      if (!*p) return;
      p++;
    } else {
      unsigned matched = 0;
      for (unsigned i = 0; i < sizeof(pairs) / sizeof(pairs[0]) && !matched; i++)
        matched = pairs[i][0] == c && pairs[i][1] == p[1];
      unsigned single = 0, starts_pair = 0;
      for (const char *q = singles; *q; q++) single |= *q == c;
      for (const char *q = pair_starts; *q; q++) starts_pair |= *q == c;
      if (matched) {
        parse_emit(r, TOK_OP, (uint8_t)c | (uint32_t)(uint8_t)p[1] << 8);
        p += 2;
      } else {
        parse_emit(r, single || starts_pair || c == '/' ? TOK_OP : TOK_ERROR, (uint8_t)c);
        p++;
      }
    }
  }
}

static int parse_check(uint32_t checksum) {
  static const char *const kinds[TOK_KINDS] = {"identifiers", "keywords", "numbers", "strings",
                                                "operators", "errors"};
  int ok = 1;
  parse_result_t ref = {{0}, BENCH_HASH_INIT};
  parse_reference(parse_text, &ref);
  uint32_t tokens = 0;
  for (int k = 0; k < TOK_KINDS; k++) {
    tokens += ref.count[k];
    if (parse_last.count[k] != ref.count[k]) {
      bench_mismatch("parse", kinds[k], parse_last.count[k], ref.count[k]);
      ok = 0;
    }
  }
  if (tokens != PARSE_EXPECTED_TOKENS) {
    bench_mismatch("parse", "reference token count", tokens, PARSE_EXPECTED_TOKENS);
    ok = 0;
  }
  uint32_t want = ref.hash;
  for (int k = 0; k < TOK_KINDS; k++) want = bench_hash(want, ref.count[k]);
  if (want != PARSE_EXPECTED) {
    bench_mismatch("parse", "reference checksum", want, PARSE_EXPECTED);
    ok = 0;
  }
  if (checksum != PARSE_EXPECTED) {
    bench_mismatch("parse", "checksum", checksum, PARSE_EXPECTED);
    ok = 0;
  }
  return ok;
}

static const bench_t parse_bench = {"parse", 0, parse_run, parse_check};
BENCH_MAIN(parse_bench)
