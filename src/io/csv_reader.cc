// CSV reader (ReadCsv in table_reader.h): a streaming RFC 4180 parser that
// reads the file in 64 KiB chunks and never holds more than one record.
//
// Encoding: a UTF-8 BOM means UTF-8. Without a BOM the whole file is first
// scanned (streaming, stopping at the first bad byte) and is UTF-8 if it all
// validates; otherwise it is GBK, decoded as GB18030 (a superset of GBK and
// GB2312) with glibc iconv, plus CP936's single byte 0x80 for "€". Bytes that
// decode in neither give InvalidArgument "bad_encoding" naming the row.
//
// Rows are numbered by record (the header is row 1; a quoted field spanning
// lines is still one row; empty records are counted but not delivered). CR,
// LF and CRLF all end a record. Leniencies, as Excel reads: a quote inside an
// unquoted field is literal, and text after a closing quote is appended. A
// quote left open at the end of the file gives InvalidArgument "bad_csv".
#include <iconv.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "io/table_reader.h"

namespace fugong::io {
namespace {

constexpr size_t kChunk = 64 * 1024;
// Guards against an unterminated quote swallowing a huge file into one row.
constexpr size_t kMaxRecordBytes = 16u << 20;
constexpr size_t kMaxColumns = 16384;  // as XLSX (column XFD)

Status BadEncoding(int row) {
  const std::string n = std::to_string(row);
  return InvalidArgument("file", "bad_encoding",
                         "第 " + n + " 行含有无法识别的字符（文件既不是 UTF-8 也不是 GBK 编码），" +
                             "请将表格另存为 UTF-8 编码的 CSV 或 XLSX 后重试",
                         "row " + n +
                             " contains bytes that are neither UTF-8 nor GBK; save the sheet as "
                             "UTF-8 CSV or XLSX and try again");
}

Status BadCsv(int row, const std::string& zh, const std::string& en) {
  const std::string n = std::to_string(row);
  return InvalidArgument("file", "bad_csv", "CSV 文件第 " + n + " 行格式错误：" + zh,
                         "CSV row " + n + " is malformed: " + en);
}

Status ReadError(const std::string& path) {
  return Internal("cannot read " + path + ": " + std::strerror(errno));
}

class File {
 public:
  explicit File(const std::string& path) : f_(std::fopen(path.c_str(), "rb")) {}
  ~File() {
    if (f_ != nullptr) std::fclose(f_);
  }
  File(const File&) = delete;
  File& operator=(const File&) = delete;
  FILE* get() const { return f_; }

 private:
  FILE* f_;
};

// Validates UTF-8 (Unicode table 3-7: no overlongs, surrogates or values
// above U+10FFFF) fed in arbitrary pieces.
class Utf8Validator {
 public:
  // Returns the offset of the first byte that makes the input invalid, or n.
  size_t Feed(const unsigned char* p, size_t n) {
    size_t i = 0;
    while (i < n) {
      if (need_ == 0) {
        // ASCII fast path, eight bytes at a time.
        while (i + 8 <= n) {
          uint64_t w;
          std::memcpy(&w, p + i, 8);
          if (w & 0x8080808080808080ull) break;
          i += 8;
        }
        if (i >= n) break;
        const unsigned char c = p[i];
        if (c < 0x80) {
          ++i;
          continue;
        }
        lo_ = 0x80;
        hi_ = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
          need_ = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
          need_ = 2;
          if (c == 0xE0) lo_ = 0xA0;
          if (c == 0xED) hi_ = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
          need_ = 3;
          if (c == 0xF0) lo_ = 0x90;
          if (c == 0xF4) hi_ = 0x8F;
        } else {
          return i;
        }
        ++i;
      } else {
        const unsigned char c = p[i];
        if (c < lo_ || c > hi_) return i;
        lo_ = 0x80;
        hi_ = 0xBF;
        --need_;
        ++i;
      }
    }
    return n;
  }
  // True when the input did not end inside a sequence.
  bool Complete() const { return need_ == 0; }

 private:
  int need_ = 0;
  unsigned char lo_ = 0x80, hi_ = 0xBF;
};

// The RFC 4180 state machine over UTF-8 bytes.
class CsvParser {
 public:
  explicit CsvParser(const RowCallback& on_row) : on_row_(on_row) {}

  // The row number of the record being read.
  int current_row() const { return records_ + 1; }

  Status Feed(const char* p, size_t n) {
    size_t i = 0;
    while (i < n) {
      if (pending_cr_) {  // a CR ended the last record; a LF right after it belongs to it
        pending_cr_ = false;
        if (p[i] == '\n') {
          ++i;
          continue;
        }
      }
      switch (state_) {
        case State::kFieldStart:
          RETURN_IF_ERROR(BeginField());
          if (p[i] == '"') {
            state_ = State::kQuoted;
            quote_row_ = current_row();
            ++i;
            break;
          }
          state_ = State::kUnquoted;
          [[fallthrough]];
        case State::kUnquoted: {
          size_t j = i;
          while (j < n && p[j] != ',' && p[j] != '\n' && p[j] != '\r') ++j;
          RETURN_IF_ERROR(Append(p + i, j - i));
          i = j;
          if (i < n) RETURN_IF_ERROR(Delimiter(p[i++]));
          break;
        }
        case State::kQuoted: {
          const void* q = std::memchr(p + i, '"', n - i);
          const size_t j = q ? static_cast<size_t>(static_cast<const char*>(q) - p) : n;
          RETURN_IF_ERROR(Append(p + i, j - i));
          i = j;
          if (i < n) {
            state_ = State::kQuoteInQuoted;
            ++i;
          }
          break;
        }
        case State::kQuoteInQuoted:
          if (p[i] == '"') {  // "" inside quotes is one quote
            RETURN_IF_ERROR(Append(p + i, 1));
            state_ = State::kQuoted;
            ++i;
          } else if (p[i] == ',' || p[i] == '\n' || p[i] == '\r') {
            RETURN_IF_ERROR(Delimiter(p[i++]));
          } else {  // text after the closing quote: keep it, as Excel does
            state_ = State::kUnquoted;
          }
          break;
      }
    }
    return Status::Ok();
  }

  // Delivers the last record when the file does not end with a line break.
  Status Finish() {
    if (state_ == State::kQuoted) {
      return BadCsv(quote_row_, "引号没有闭合", "a quoted field is never closed");
    }
    if (state_ == State::kFieldStart && ncells_ == 0) return Status::Ok();
    if (state_ == State::kFieldStart) RETURN_IF_ERROR(BeginField());  // "a,b," -> empty last cell
    ++ncells_;
    return EndRecord();
  }

 private:
  enum class State { kFieldStart, kUnquoted, kQuoted, kQuoteInQuoted };

  Status BeginField() {
    if (ncells_ >= kMaxColumns) {
      return BadCsv(current_row(), "列数超过 16384", "more than 16384 columns");
    }
    if (ncells_ < cells_.size()) {
      cells_[ncells_].clear();
    } else {
      cells_.emplace_back();
    }
    return Status::Ok();
  }

  Status Append(const char* p, size_t n) {
    if (n == 0) return Status::Ok();
    record_bytes_ += n;
    if (record_bytes_ > kMaxRecordBytes) {
      return BadCsv(current_row(), "单行内容超过 16 MiB（可能有未闭合的引号）",
                    "a row is larger than 16 MiB (an unclosed quote?)");
    }
    cells_[ncells_].append(p, n);
    return Status::Ok();
  }

  // Handles ',', '\n' or '\r' after a field.
  Status Delimiter(char c) {
    ++ncells_;
    state_ = State::kFieldStart;
    if (c == ',') return Status::Ok();
    if (c == '\r') pending_cr_ = true;
    return EndRecord();
  }

  Status EndRecord() {
    ++records_;
    while (ncells_ > 0 && cells_[ncells_ - 1].empty()) --ncells_;
    const size_t n = ncells_;
    ncells_ = 0;
    record_bytes_ = 0;
    if (n == 0) return Status::Ok();  // empty row: counted, not delivered
    cells_.resize(n);
    return on_row_(records_, cells_);
  }

  const RowCallback& on_row_;
  State state_ = State::kFieldStart;
  bool pending_cr_ = false;
  int records_ = 0;    // records completed so far
  int quote_row_ = 0;  // where the open quoted field started
  std::vector<std::string> cells_;
  size_t ncells_ = 0;  // completed cells of the current record
  size_t record_bytes_ = 0;
};

enum class Encoding { kUtf8, kGbk };

// Scans the whole file as UTF-8 and stops at the first invalid byte.
Result<Encoding> DetectEncoding(const std::string& path) {
  File f(path);
  if (f.get() == nullptr) return ReadError(path);
  std::vector<unsigned char> buf(kChunk);
  Utf8Validator v;
  for (;;) {
    const size_t n = std::fread(buf.data(), 1, buf.size(), f.get());
    if (n == 0) break;
    if (v.Feed(buf.data(), n) != n) return Encoding::kGbk;
  }
  if (std::ferror(f.get())) return ReadError(path);
  return v.Complete() ? Encoding::kUtf8 : Encoding::kGbk;
}

Status ReadUtf8(FILE* f, const std::string& path, CsvParser& parser) {
  std::vector<char> buf(kChunk);
  Utf8Validator v;
  bool first = true;
  for (;;) {
    const size_t n = std::fread(buf.data(), 1, buf.size(), f);
    if (n == 0) break;
    const char* p = buf.data();
    size_t len = n;
    if (first && len >= 3 && std::memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
      p += 3;
      len -= 3;
    }
    first = false;
    const size_t good = v.Feed(reinterpret_cast<const unsigned char*>(p), len);
    RETURN_IF_ERROR(parser.Feed(p, good));
    if (good != len) return BadEncoding(parser.current_row());
  }
  if (std::ferror(f)) return ReadError(path);
  if (!v.Complete()) return BadEncoding(parser.current_row());
  return parser.Finish();
}

class Iconv {
 public:
  Iconv() : cd_(iconv_open("UTF-8", "GB18030")) {}
  ~Iconv() {
    if (ok()) iconv_close(cd_);
  }
  Iconv(const Iconv&) = delete;
  Iconv& operator=(const Iconv&) = delete;
  bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }
  iconv_t get() const { return cd_; }

 private:
  iconv_t cd_;
};

Status ReadGbk(FILE* f, const std::string& path, CsvParser& parser) {
  Iconv cd;
  if (!cd.ok()) return Internal("iconv GB18030 -> UTF-8 unavailable");
  // `in` holds up to 3 bytes of a sequence cut at the previous chunk's end.
  std::vector<char> in(kChunk + 8);
  std::vector<char> out(kChunk * 2);
  size_t carry = 0;
  for (;;) {
    const size_t n = std::fread(in.data() + carry, 1, kChunk, f);
    if (n == 0) break;
    char* ip = in.data();
    size_t ileft = carry + n;
    carry = 0;
    while (ileft > 0) {
      char* op = out.data();
      size_t oleft = out.size();
      const size_t r = iconv(cd.get(), &ip, &ileft, &op, &oleft);
      const int err = errno;
      RETURN_IF_ERROR(parser.Feed(out.data(), out.size() - oleft));
      if (r != static_cast<size_t>(-1)) break;
      if (err == E2BIG) continue;
      if (err == EINVAL) {  // incomplete sequence at the chunk's end
        std::memmove(in.data(), ip, ileft);
        carry = ileft;
        break;
      }
      if (err == EILSEQ && static_cast<unsigned char>(*ip) == 0x80) {
        RETURN_IF_ERROR(parser.Feed("\xE2\x82\xAC", 3));  // CP936 0x80 = "€"
        ++ip;
        --ileft;
        continue;
      }
      return BadEncoding(parser.current_row());
    }
  }
  if (std::ferror(f)) return ReadError(path);
  if (carry > 0) return BadEncoding(parser.current_row());
  return parser.Finish();
}

}  // namespace

Status ReadCsv(const std::string& path, const RowCallback& on_row) {
  File f(path);
  if (f.get() == nullptr) return ReadError(path);
  unsigned char bom[3];
  const size_t got = std::fread(bom, 1, 3, f.get());
  const bool has_bom = got == 3 && std::memcmp(bom, "\xEF\xBB\xBF", 3) == 0;
  std::rewind(f.get());
  Encoding enc = Encoding::kUtf8;
  if (!has_bom) {
    ASSIGN_OR_RETURN(enc, DetectEncoding(path));
  }
  CsvParser parser(on_row);
  return enc == Encoding::kUtf8 ? ReadUtf8(f.get(), path, parser) : ReadGbk(f.get(), path, parser);
}

}  // namespace fugong::io
