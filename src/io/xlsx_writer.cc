// XLSX export (OpenXlsxWriter in table_writer.h) through libxlsxwriter in
// constant_memory mode: each row is flushed to a temporary file as it is
// written, so memory stays flat however many rows there are. Text cells are
// always written as strings (never formulas), after the same formula
// neutralisation as CSV so both formats read the same; numbers as number cells
// (NaN and infinities, which XLSX cannot hold, as blank cells). The first row
// (the header the caller passes) is bold. Text longer than Excel's 32,767
// characters per cell is cut at that length.
#include <xlsxwriter.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

#include "io/table_writer.h"

namespace fugong::io {
namespace {

constexpr size_t kMaxCellChars = 32767;  // LXW_STR_MAX
constexpr size_t kMaxSheetNameChars = 31;

Status ExportFailed(const std::string& en) {
  return Status(ErrorKind::kInternal, "export_failed", "导出文件失败", "export failed: " + en);
}

size_t Utf8Length(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// The first `max` UTF-8 characters of `s`.
std::string Utf8Prefix(const std::string& s, size_t max) {
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && chars++ == max) return s.substr(0, i);
  }
  return s;
}

// Excel sheet names: 1-31 characters, none of []:*?/\, not starting or
// ending with an apostrophe.
std::string SanitiseSheetName(const std::string& name) {
  std::string out;
  for (char c : name) {
    out += std::strchr("[]:*?/\\", c) != nullptr ? '_' : c;  // NUL too (the terminator)
  }
  out = Utf8Prefix(out, kMaxSheetNameChars);
  if (!out.empty() && out.front() == '\'') out.front() = '_';
  if (!out.empty() && out.back() == '\'') out.back() = '_';
  return out.empty() ? "Sheet1" : out;
}

class XlsxWriter : public TableWriter {
 public:
  XlsxWriter(lxw_workbook* wb, lxw_worksheet* ws, lxw_format* bold, std::string path)
      : wb_(wb), ws_(ws), bold_(bold), path_(std::move(path)) {}
  ~XlsxWriter() override {
    if (wb_ != nullptr) {  // Close() not called: free everything, leave no half-written file
      lxw_workbook_free(wb_);
      std::remove(path_.c_str());
    }
  }

  Status WriteRow(const std::vector<Cell>& cells) override {
    if (wb_ == nullptr) return ExportFailed("writer is closed");
    if (row_ >= LXW_ROW_MAX) return ExportFailed("more than 1048576 rows");
    if (cells.size() > LXW_COL_MAX) return ExportFailed("more than 16384 columns");
    lxw_format* fmt = row_ == 0 ? bold_ : nullptr;
    for (size_t i = 0; i < cells.size(); ++i) {
      const auto col = static_cast<lxw_col_t>(i);
      lxw_error err = LXW_NO_ERROR;
      if (const auto* d = std::get_if<double>(&cells[i])) {
        if (std::isfinite(*d)) {
          err = worksheet_write_number(ws_, row_, col, *d, fmt);
        } else if (fmt != nullptr) {
          err = worksheet_write_blank(ws_, row_, col, fmt);
        }
      } else {
        std::string text = NeutraliseFormula(std::get<std::string>(cells[i]));
        if (text.size() > kMaxCellChars && Utf8Length(text) > kMaxCellChars) {
          text = Utf8Prefix(text, kMaxCellChars);
        }
        if (!text.empty()) {
          err = worksheet_write_string(ws_, row_, col, text.c_str(), fmt);
        } else if (fmt != nullptr) {
          err = worksheet_write_blank(ws_, row_, col, fmt);
        }
      }
      if (err != LXW_NO_ERROR) {
        return ExportFailed("row " + std::to_string(row_ + 1) + ": " + lxw_strerror(err));
      }
    }
    ++row_;
    return Status::Ok();
  }

  Status Close() override {
    if (wb_ == nullptr) return ExportFailed("writer is closed");
    const lxw_error err = workbook_close(wb_);  // also frees the workbook
    wb_ = nullptr;
    if (err != LXW_NO_ERROR) {
      std::remove(path_.c_str());
      return ExportFailed("cannot write " + path_ + ": " + lxw_strerror(err));
    }
    return Status::Ok();
  }

 private:
  lxw_workbook* wb_;
  lxw_worksheet* ws_;
  lxw_format* bold_;
  std::string path_;
  lxw_row_t row_ = 0;
};

}  // namespace

Result<std::unique_ptr<TableWriter>> OpenXlsxWriter(const std::string& path,
                                                    const std::string& sheet_name) {
  lxw_workbook_options options = {};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  if (wb == nullptr) return ExportFailed("cannot create workbook " + path);
  const std::string name = SanitiseSheetName(sheet_name);
  lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
  if (ws == nullptr) {
    lxw_workbook_free(wb);
    return ExportFailed("cannot add worksheet " + name);
  }
  lxw_format* bold = workbook_add_format(wb);
  if (bold != nullptr) format_set_bold(bold);
  return std::unique_ptr<TableWriter>(new XlsxWriter(wb, ws, bold, path));
}

}  // namespace fugong::io
