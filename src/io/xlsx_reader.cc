// XLSX reader (ReadXlsx in table_reader.h): opens the OOXML zip with libzip and
// streams each XML part through expat in 64 KiB zip_fread chunks, so the sheet
// is never in memory; only the shared-strings table is held (one text blob
// plus an offset per string).
//
// Steps: xl/workbook.xml + xl/_rels/workbook.xml.rels give the first worksheet
// (fallback xl/worksheets/sheet1.xml) and the sharedStrings and styles parts;
// styles.xml tells which cell styles carry a date number format; the sheet is
// then streamed row by row.
//
// Cell text: shared and inline strings resolved (rich-text runs joined,
// phonetic runs dropped); t="str" the formula's cached text; t="b" "TRUE" or
// "FALSE"; t="e" the error text ("#N/A"); numbers their shortest exact text
// (FormatNumber); numbers with a date style "YYYY-MM-DD", plus " HH:MM:SS" when
// there is a time of day, or just "HH:MM:SS" for a time under one day (1900
// date system with Lotus's phantom 1900-02-29, or 1904 when the workbook says
// so). Formulas themselves are never returned.
//
// Everything malformed (not a zip, no worksheet, bad XML, CRC errors, a
// shared-string index out of range) gives InvalidArgument "bad_xlsx", as do the
// zip-bomb guards: 1 GiB uncompressed for the sheet, 256 MiB for shared
// strings, 64 MiB for the other parts, 16384 columns, 16 MiB per row, 1 MiB
// per XML token; a DOCTYPE is refused outright.
#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/number_text.h"
#include "io/table_reader.h"

namespace fugong::io {
namespace {

constexpr size_t kChunk = 64 * 1024;
constexpr uint64_t kMaxSheetBytes = uint64_t{1} << 30;
constexpr uint64_t kMaxSharedStringsBytes = uint64_t{256} << 20;
constexpr uint64_t kMaxOtherPartBytes = uint64_t{64} << 20;
constexpr size_t kMaxColumns = 16384;
constexpr size_t kMaxRowBytes = 16u << 20;
// The largest unfinished XML token (tag, attribute value, comment) expat may
// buffer: legitimate ones are tiny, and expat 2.5 rescans a pending token on
// every chunk, so a huge one is both a memory and a CPU attack.
constexpr uint64_t kMaxTokenBytes = 1u << 20;
constexpr int kMaxRows = 1048576;

Status BadXlsx(const std::string& zh, const std::string& en) {
  return InvalidArgument("file", "bad_xlsx", "文件不是有效的 XLSX 表格：" + zh,
                         "the file is not a valid XLSX workbook: " + en);
}

// "x:row" -> "row". Parts are parsed without namespace processing (much
// faster in expat); elements are matched by local name, whatever the prefix.
std::string_view LocalName(const XML_Char* name) {
  const char* sep = std::strrchr(name, ':');
  return sep ? std::string_view(sep + 1) : std::string_view(name);
}

// Attribute by local name, or nullptr.
const char* Attr(const XML_Char** attrs, std::string_view local) {
  for (; *attrs != nullptr; attrs += 2) {
    if (LocalName(attrs[0]) == local) return attrs[1];
  }
  return nullptr;
}

template <typename T>
bool ParseUint(std::string_view s, T& out) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

// ---------------------------------------------------------------------------
// Streaming an XML part through expat.

class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void Start(std::string_view name, const XML_Char** attrs) = 0;
  virtual void End(std::string_view name) = 0;
  virtual void Text(const char* s, int len) {}

  // Stops the parse with `status` (a semantic error or the row callback's).
  void Fail(Status status) {
    if (error_.ok()) error_ = std::move(status);
    XML_StopParser(parser_, XML_FALSE);
  }
  const Status& error() const { return error_; }
  void set_parser(XML_Parser p) { parser_ = p; }

 private:
  XML_Parser parser_ = nullptr;
  Status error_;
};

void XMLCALL OnStart(void* ud, const XML_Char* name, const XML_Char** attrs) {
  static_cast<XmlHandler*>(ud)->Start(LocalName(name), attrs);
}
void XMLCALL OnEnd(void* ud, const XML_Char* name) {
  static_cast<XmlHandler*>(ud)->End(LocalName(name));
}
void XMLCALL OnText(void* ud, const XML_Char* s, int len) {
  static_cast<XmlHandler*>(ud)->Text(s, len);
}
// OOXML parts never have a DOCTYPE; refusing one rules out entity tricks.
void XMLCALL OnDoctype(void* ud, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  static_cast<XmlHandler*>(ud)->Fail(BadXlsx("XML 中含有 DOCTYPE", "DOCTYPE in a part"));
}

struct ParserDeleter {
  void operator()(XML_Parser p) const { XML_ParserFree(p); }
};
struct ZipFileDeleter {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};
struct ZipDeleter {
  void operator()(zip_t* z) const { zip_discard(z); }
};

std::optional<zip_uint64_t> Locate(zip_t* za, const std::string& name) {
  const zip_int64_t idx = zip_name_locate(za, name.c_str(), ZIP_FL_NOCASE);
  if (idx < 0) return std::nullopt;
  return static_cast<zip_uint64_t>(idx);
}

// Streams entry `index` through a fresh parser calling `h`.
Status ParsePart(zip_t* za, zip_uint64_t index, const std::string& name, uint64_t cap,
                 XmlHandler& h) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(za, index, 0, &st) != 0) {
    return BadXlsx("无法读取 " + name, "cannot stat " + name);
  }
  if ((st.valid & ZIP_STAT_SIZE) && st.size > cap) {
    return BadXlsx(name + " 解压后过大", name + " is too large uncompressed");
  }
  std::unique_ptr<zip_file_t, ZipFileDeleter> zf(zip_fopen_index(za, index, 0));
  if (!zf) {
    return BadXlsx("无法打开 " + name + "（可能已加密或压缩方式不受支持）",
                   "cannot open " + name + ": " + zip_strerror(za));
  }
  std::unique_ptr<XML_ParserStruct, ParserDeleter> parser(XML_ParserCreate(nullptr));
  if (!parser) return Internal("XML_ParserCreate failed");
  XML_Parser p = parser.get();
  h.set_parser(p);
  XML_SetUserData(p, &h);
  XML_SetElementHandler(p, OnStart, OnEnd);
  XML_SetCharacterDataHandler(p, OnText);
  XML_SetStartDoctypeDeclHandler(p, OnDoctype);
  uint64_t total = 0;
  for (;;) {
    void* buf = XML_GetBuffer(p, kChunk);
    if (buf == nullptr) return Internal("XML_GetBuffer failed");
    const zip_int64_t n = zip_fread(zf.get(), buf, kChunk);
    if (n < 0) {
      return BadXlsx(name + " 已损坏", name + " is corrupt: " + zip_file_strerror(zf.get()));
    }
    total += static_cast<uint64_t>(n);
    if (total > cap) return BadXlsx(name + " 解压后过大", name + " is too large uncompressed");
    if (XML_ParseBuffer(p, static_cast<int>(n), n == 0) != XML_STATUS_OK) {
      if (!h.error().ok()) return h.error();
      const std::string where = name + " line " + std::to_string(XML_GetCurrentLineNumber(p));
      return BadXlsx(where + " 的 XML 格式错误",
                     "malformed XML in " + where + ": " + XML_ErrorString(XML_GetErrorCode(p)));
    }
    if (!h.error().ok()) return h.error();
    if (n == 0) return Status::Ok();
    const XML_Index consumed = XML_GetCurrentByteIndex(p);
    if (consumed >= 0 && total - static_cast<uint64_t>(consumed) > kMaxTokenBytes) {
      return BadXlsx(name + " 中有超过 1 MiB 的 XML 标记", name + " has an XML token over 1 MiB");
    }
  }
}

// Parses the part at `name` if it exists; returns false in `found` otherwise.
Status ParseOptionalPart(zip_t* za, const std::string& name, uint64_t cap, XmlHandler& h,
                         bool* found) {
  const auto idx = Locate(za, name);
  *found = idx.has_value();
  if (!idx) return Status::Ok();
  return ParsePart(za, *idx, name, cap, h);
}

// ---------------------------------------------------------------------------
// Workbook, relationships, styles, shared strings.

class WorkbookHandler : public XmlHandler {
 public:
  std::vector<std::string> sheet_rel_ids;  // in workbook order
  bool date1904 = false;

  void Start(std::string_view name, const XML_Char** attrs) override {
    if (name == "sheet") {
      const char* id = Attr(attrs, "id");
      if (id != nullptr) sheet_rel_ids.emplace_back(id);
    } else if (name == "workbookPr") {
      const char* v = Attr(attrs, "date1904");
      date1904 = v != nullptr && (std::strcmp(v, "1") == 0 || std::strcmp(v, "true") == 0);
    }
  }
  void End(std::string_view) override {}
};

struct Relationship {
  std::string type;
  std::string target;
};

class RelsHandler : public XmlHandler {
 public:
  std::map<std::string, Relationship> by_id;
  std::vector<Relationship> all;

  void Start(std::string_view name, const XML_Char** attrs) override {
    if (name != "Relationship") return;
    const char* id = Attr(attrs, "Id");
    const char* type = Attr(attrs, "Type");
    const char* target = Attr(attrs, "Target");
    const char* mode = Attr(attrs, "TargetMode");
    if (target == nullptr || (mode != nullptr && std::strcmp(mode, "External") == 0)) return;
    Relationship rel{type ? type : "", target};
    if (id != nullptr) by_id.emplace(id, rel);
    all.push_back(std::move(rel));
  }
  void End(std::string_view) override {}
};

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Resolves a relationship target relative to xl/ ("worksheets/sheet1.xml",
// "/xl/worksheets/sheet1.xml", "../xl/x.xml") to a zip entry name.
std::string ResolveTarget(const std::string& target) {
  std::string path = target.starts_with('/') ? target.substr(1) : "xl/" + target;
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    const std::string seg = path.substr(start, slash - start);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    start = slash + 1;
  }
  std::string out;
  for (const auto& seg : parts) {
    if (!out.empty()) out += '/';
    out += seg;
  }
  return out;
}

// Whether a number format code shows a date or time: y, m, d, h or s outside
// quoted text, [brackets] and escaped (\x), padding (_x) or fill (*x) chars.
bool IsDateFormatCode(std::string_view code) {
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {
      const size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos) return false;
      i = close;
    } else if (c == '[') {
      const size_t close = code.find(']', i + 1);
      if (close == std::string_view::npos) return false;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c != '\0' && std::strchr("yYmMdDhHsS", c) != nullptr) {
      return true;
    }
  }
  return false;
}

// Built-in number formats that are dates or times: 14-22 and 45-47 in every
// locale, 27-36 and 50-58 in the East Asian (zh-CN: 'yyyy"年"m"月"d"日"' etc.).
bool IsBuiltinDateFormat(unsigned id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}

class StylesHandler : public XmlHandler {
 public:
  // Per cellXfs index: whether the style is a date format.
  std::vector<bool> xf_is_date;

  void Start(std::string_view name, const XML_Char** attrs) override {
    if (name == "numFmts") {
      in_num_fmts_ = true;
    } else if (name == "cellXfs") {
      in_cell_xfs_ = true;
    } else if (name == "numFmt" && in_num_fmts_) {
      const char* id = Attr(attrs, "numFmtId");
      const char* code = Attr(attrs, "formatCode");
      unsigned v;
      if (id != nullptr && code != nullptr && ParseUint(id, v)) custom_[v] = IsDateFormatCode(code);
    } else if (name == "xf" && in_cell_xfs_) {
      const char* id = Attr(attrs, "numFmtId");
      unsigned v = 0;
      if (id == nullptr || !ParseUint(id, v)) v = 0;
      xf_fmt_.push_back(v);
    }
  }
  void End(std::string_view name) override {
    if (name == "numFmts") in_num_fmts_ = false;
    if (name == "cellXfs") in_cell_xfs_ = false;
  }

  void Resolve() {
    xf_is_date.clear();
    for (unsigned id : xf_fmt_) {
      const auto it = custom_.find(id);
      xf_is_date.push_back(it != custom_.end() ? it->second : IsBuiltinDateFormat(id));
    }
  }

 private:
  bool in_num_fmts_ = false;
  bool in_cell_xfs_ = false;
  std::map<unsigned, bool> custom_;
  std::vector<unsigned> xf_fmt_;
};

// The shared-strings table: every string's text in one blob.
class SharedStrings : public XmlHandler {
 public:
  size_t size() const { return ends_.size(); }
  std::string_view at(size_t i) const {
    const uint32_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(blob_).substr(begin, ends_[i] - begin);
  }

  void Start(std::string_view name, const XML_Char**) override {
    if (name == "si") {
      in_si_ = true;
    } else if (name == "rPh") {
      in_rph_ = true;  // phonetic guide: not part of the text
    } else if (name == "t" && in_si_ && !in_rph_) {
      capture_ = true;
    }
  }
  void End(std::string_view name) override {
    if (name == "t") {
      capture_ = false;
    } else if (name == "rPh") {
      in_rph_ = false;
    } else if (name == "si") {
      in_si_ = false;
      ends_.push_back(static_cast<uint32_t>(blob_.size()));
      // Bounded by the part cap too, but a table of empty <si/> costs 4 bytes each.
      if (ends_.size() * sizeof(uint32_t) > kMaxSharedStringsBytes) {
        Fail(BadXlsx("共享字符串过多", "too many shared strings"));
      }
    }
  }
  void Text(const char* s, int len) override {
    if (capture_) blob_.append(s, static_cast<size_t>(len));
  }

 private:
  std::string blob_;  // at most kMaxSharedStringsBytes, so offsets fit 32 bits
  std::vector<uint32_t> ends_;
  bool in_si_ = false;
  bool in_rph_ = false;
  bool capture_ = false;
};

// ---------------------------------------------------------------------------
// Dates.

// Howard Hinnant's civil_from_days: days since 1970-01-01 -> y, m, d.
void CivilFromDays(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

void AppendPadded(std::string& out, int64_t v, int width) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  for (int pad = width - static_cast<int>(r.ptr - buf); pad > 0; --pad) out += '0';
  out.append(buf, r.ptr);
}

// Excel serial -> "YYYY-MM-DD[ HH:MM:SS]" or "HH:MM:SS"; nullopt when out of range.
std::optional<std::string> SerialToDate(double serial, bool date1904) {
  if (!(serial >= 0) || serial >= 2958466) return std::nullopt;  // past 9999-12-31
  int64_t day = static_cast<int64_t>(std::floor(serial));
  int64_t secs = std::llround((serial - static_cast<double>(day)) * 86400.0);
  if (secs >= 86400) {
    ++day;
    secs -= 86400;
  }
  std::string out;
  if (day > 0) {
    int64_t y;
    unsigned m, d;
    if (date1904) {
      CivilFromDays(day - 24107, y, m, d);  // 1904-01-01 = day 0
    } else if (day == 60) {
      y = 1900, m = 2, d = 29;  // Lotus 1-2-3's phantom leap day, kept by Excel
    } else {
      CivilFromDays(day - (day < 60 ? 25568 : 25569), y, m, d);  // serial 1 = 1900-01-01
    }
    AppendPadded(out, y, 4);
    out += '-';
    AppendPadded(out, m, 2);
    out += '-';
    AppendPadded(out, d, 2);
    if (secs == 0) return out;
    out += ' ';
  }
  AppendPadded(out, secs / 3600, 2);
  out += ':';
  AppendPadded(out, secs / 60 % 60, 2);
  out += ':';
  AppendPadded(out, secs % 60, 2);
  return out;
}

// t="d" cells hold ISO 8601 text: "2020-02-10T08:30:00Z" -> "2020-02-10 08:30:00".
std::string IsoDateText(std::string_view v) {
  std::string s(v.substr(0, std::min<size_t>(v.size(), 19)));
  if (s.size() > 10 && s[10] == 'T') s[10] = ' ';
  if (s.size() == 19 && s.substr(10) == " 00:00:00") s.resize(10);
  return s;
}

// ---------------------------------------------------------------------------
// The worksheet.

// "B12" -> column 1 (0-based); nullopt when malformed or past XFD.
std::optional<size_t> ColumnOf(const char* ref) {
  size_t col = 0;
  int letters = 0;
  for (; *ref != '\0'; ++ref) {
    char c = *ref;
    if (c == '$') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    if (++letters > 3) return std::nullopt;
    col = col * 26 + static_cast<size_t>(c - 'A' + 1);
  }
  if (letters == 0 || col > kMaxColumns) return std::nullopt;
  return col - 1;
}

class SheetHandler : public XmlHandler {
 public:
  SheetHandler(const SharedStrings& sst, const std::vector<bool>& xf_is_date, bool date1904,
               const RowCallback& on_row)
      : sst_(sst), xf_is_date_(xf_is_date), date1904_(date1904), on_row_(on_row) {}

  void Start(std::string_view name, const XML_Char** attrs) override {
    if (name == "c" && in_row_) {
      StartCell(attrs);
    } else if (name == "v" && in_cell_) {
      value_.clear();
      capture_ = true;
    } else if (name == "is" && in_cell_) {
      value_.clear();
      in_is_ = true;
    } else if (name == "rPh") {
      in_rph_ = true;
    } else if (name == "t" && in_is_ && !in_rph_) {
      capture_ = true;
    } else if (name == "row") {
      StartRow(attrs);
    }
  }

  void End(std::string_view name) override {
    if (name == "v" || name == "t") {
      capture_ = false;
    } else if (name == "c" && in_cell_) {
      EndCell();
    } else if (name == "is") {
      in_is_ = false;
    } else if (name == "rPh") {
      in_rph_ = false;
    } else if (name == "row" && in_row_) {
      EndRow();
    }
  }

  void Text(const char* s, int len) override {
    if (!capture_) return;
    row_bytes_ += static_cast<size_t>(len);
    if (row_bytes_ > kMaxRowBytes) {
      return Fail(BadXlsx("第 " + std::to_string(row_) + " 行内容超过 16 MiB",
                          "row " + std::to_string(row_) + " is larger than 16 MiB"));
    }
    value_.append(s, static_cast<size_t>(len));
  }

 private:
  void StartRow(const XML_Char** attrs) {
    int r = 0;
    const char* ra = Attr(attrs, "r");
    if (ra == nullptr || !ParseUint(ra, r) || r < 1 || r > kMaxRows) {
      r = row_ + 1;
    } else if (r <= row_) {
      // Rows must ascend (ECMA-376): a repeated or earlier row number would
      // deliver two rows under one number and make row-level reports wrong.
      // Found by fuzz/fuzz_xlsx (corpus: regress_row_order).
      Fail(BadXlsx("工作表第 " + std::to_string(r) + " 行重复或顺序颠倒",
                   "worksheet row " + std::to_string(r) + " is repeated or out of order"));
    }
    row_ = r;
    in_row_ = true;
    ncells_ = 0;
    next_col_ = 0;
    row_bytes_ = 0;
  }

  void StartCell(const XML_Char** attrs) {
    in_cell_ = true;
    value_.clear();
    type_.clear();
    is_date_ = false;
    col_ = next_col_;
    for (const XML_Char** a = attrs; *a != nullptr; a += 2) {
      const std::string_view n = LocalName(a[0]);
      if (n == "r") {
        const auto c = ColumnOf(a[1]);
        if (!c) {
          return Fail(BadXlsx("单元格引用 " + std::string(a[1]) + " 无效",
                              "bad cell reference " + std::string(a[1])));
        }
        col_ = *c;
      } else if (n == "t") {
        type_ = a[1];
      } else if (n == "s") {
        size_t s;
        is_date_ = ParseUint(a[1], s) && s < xf_is_date_.size() && xf_is_date_[s];
      }
    }
    if (col_ >= kMaxColumns) {
      Fail(BadXlsx("列数超过 16384", "more than 16384 columns"));
    }
  }

  void EndCell() {
    in_cell_ = false;
    in_is_ = false;
    next_col_ = col_ + 1;
    if (!error().ok()) return;
    while (ncells_ <= col_) {
      if (ncells_ < cells_.size()) {
        cells_[ncells_].clear();
      } else {
        cells_.emplace_back();
      }
      ++ncells_;
    }
    std::string& out = cells_[col_];
    if (type_ == "s") {
      if (value_.empty()) return out.clear();
      size_t idx;
      if (!ParseUint(value_, idx) || idx >= sst_.size()) {
        return Fail(BadXlsx("共享字符串索引 " + value_ + " 无效",
                            "shared string index " + value_ + " out of range"));
      }
      out.assign(sst_.at(idx));
    } else if (type_ == "inlineStr" || type_ == "str" || type_ == "e") {
      out.swap(value_);
    } else if (type_ == "b") {
      out = value_.empty() ? "" : (value_ == "1" || value_ == "true") ? "TRUE" : "FALSE";
    } else if (type_ == "d") {
      out = IsoDateText(value_);
    } else {
      out = NumberText();
    }
  }

  std::string NumberText() {
    std::string_view v = value_;
    while (!v.empty() && (v.front() == ' ' || v.front() == '\n' || v.front() == '\t')) {
      v.remove_prefix(1);
    }
    while (!v.empty() && (v.back() == ' ' || v.back() == '\n' || v.back() == '\t')) {
      v.remove_suffix(1);
    }
    if (v.empty()) return {};
    double d;
    const char* begin = v.data();
    if (*begin == '+') ++begin;
    const auto r = std::from_chars(begin, v.data() + v.size(), d);
    if (r.ec != std::errc() || r.ptr != v.data() + v.size() || !std::isfinite(d)) {
      return std::string(v);  // not a number after all: keep the text
    }
    if (is_date_) {
      if (auto s = SerialToDate(d, date1904_)) return *std::move(s);
    }
    return internal::FormatNumber(d);
  }

  void EndRow() {
    in_row_ = false;
    in_cell_ = false;
    if (!error().ok()) return;
    while (ncells_ > 0 && cells_[ncells_ - 1].empty()) --ncells_;
    if (ncells_ == 0) return;
    cells_.resize(ncells_);
    Status st = on_row_(row_, cells_);
    if (!st.ok()) Fail(std::move(st));
  }

  const SharedStrings& sst_;
  const std::vector<bool>& xf_is_date_;
  const bool date1904_;
  const RowCallback& on_row_;

  int row_ = 0;
  bool in_row_ = false;
  bool in_cell_ = false;
  bool in_is_ = false;
  bool in_rph_ = false;
  bool capture_ = false;
  bool is_date_ = false;
  size_t col_ = 0;
  size_t next_col_ = 0;
  size_t row_bytes_ = 0;
  std::string type_;
  std::string value_;
  std::vector<std::string> cells_;
  size_t ncells_ = 0;  // cells of the current row (cells_ may hold more, reused)
};

// An OLE2 compound file: a legacy .xls, or an .xlsx encrypted with a password.
bool IsOle2File(const std::string& path) {
  unsigned char head[8] = {};
  size_t n = 0;
  if (FILE* f = std::fopen(path.c_str(), "rb")) {
    n = std::fread(head, 1, sizeof head, f);
    std::fclose(f);
  }
  return n == 8 && std::memcmp(head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0;
}

}  // namespace

Status ReadXlsx(const std::string& path, const RowCallback& on_row) {
  int zerr = 0;
  std::unique_ptr<zip_t, ZipDeleter> za(zip_open(path.c_str(), ZIP_RDONLY, &zerr));
  if (!za) {
    zip_error_t e;
    zip_error_init_with_code(&e, zerr);
    const std::string why = zip_error_strerror(&e);
    const int sys = zip_error_code_system(&e);
    zip_error_fini(&e);
    // A file we cannot read is our problem; a readable file libzip refuses
    // (even with NOENT: a corrupt archive can name a missing part) is a bad
    // workbook. Found by fuzz/fuzz_xlsx.
    const bool readable = std::ifstream(path, std::ios::binary).good();
    if (zerr == ZIP_ER_MEMORY ||
        (!readable && (zerr == ZIP_ER_OPEN || zerr == ZIP_ER_NOENT || zerr == ZIP_ER_READ))) {
      return Internal("cannot open " + path + ": " + why + " (" + std::to_string(sys) + ")");
    }
    if (IsOle2File(path)) {
      return BadXlsx("这是旧版 .xls 或加密的工作簿，请在 Excel 中另存为 .xlsx（不加密码）后重试",
                     "this is a legacy .xls or a password-protected workbook; save it as .xlsx "
                     "without a password and try again");
    }
    return BadXlsx("不是 zip 压缩包或文件已损坏", "not a zip archive or truncated (" + why + ")");
  }

  // Workbook and its relationships: which part is the first worksheet.
  WorkbookHandler wb;
  bool have_workbook = false;
  RETURN_IF_ERROR(
      ParseOptionalPart(za.get(), "xl/workbook.xml", kMaxOtherPartBytes, wb, &have_workbook));
  RelsHandler rels;
  bool have_rels = false;
  if (have_workbook) {
    RETURN_IF_ERROR(ParseOptionalPart(za.get(), "xl/_rels/workbook.xml.rels", kMaxOtherPartBytes,
                                      rels, &have_rels));
  }
  std::optional<zip_uint64_t> sheet;
  std::string sheet_name;
  for (const auto& id : wb.sheet_rel_ids) {
    const auto it = rels.by_id.find(id);
    if (it == rels.by_id.end() || !EndsWith(it->second.type, "/worksheet")) continue;
    sheet_name = ResolveTarget(it->second.target);
    sheet = Locate(za.get(), sheet_name);
    break;
  }
  if (!sheet) {
    sheet_name = "xl/worksheets/sheet1.xml";
    sheet = Locate(za.get(), sheet_name);
  }
  if (!sheet) {
    return BadXlsx("找不到工作表（是否为 Excel 工作簿？）", "no worksheet found");
  }
  std::string sst_name = "xl/sharedStrings.xml";
  std::string styles_name = "xl/styles.xml";
  for (const auto& rel : rels.all) {
    if (EndsWith(rel.type, "/sharedStrings")) sst_name = ResolveTarget(rel.target);
    if (EndsWith(rel.type, "/styles")) styles_name = ResolveTarget(rel.target);
  }

  SharedStrings sst;
  bool found = false;
  RETURN_IF_ERROR(ParseOptionalPart(za.get(), sst_name, kMaxSharedStringsBytes, sst, &found));
  StylesHandler styles;
  RETURN_IF_ERROR(ParseOptionalPart(za.get(), styles_name, kMaxOtherPartBytes, styles, &found));
  styles.Resolve();

  SheetHandler sh(sst, styles.xf_is_date, wb.date1904, on_row);
  return ParsePart(za.get(), *sheet, sheet_name, kMaxSheetBytes, sh);
}

}  // namespace fugong::io
