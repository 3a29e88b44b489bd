// CSV export (OpenCsvWriter in table_writer.h): UTF-8 with a BOM so Excel
// opens it as UTF-8, CRLF line ends, RFC 4180 quoting of fields containing a
// comma, quote, CR or LF. Text is formula-neutralised; numbers are written as
// their shortest exact text (FormatNumber; NaN and infinities as empty cells).
// Output goes through a 64 KiB buffer, so memory does not grow with rows.
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "io/number_text.h"
#include "io/table_writer.h"

namespace fugong::io {
namespace {

constexpr size_t kFlushAt = 64 * 1024;

Status ExportFailed(const std::string& en) {
  return Status(ErrorKind::kInternal, "export_failed", "导出文件失败", "export failed: " + en);
}

class CsvWriter : public TableWriter {
 public:
  CsvWriter(FILE* f, std::string path) : f_(f), path_(std::move(path)) {
    buf_.reserve(kFlushAt + 4096);
    buf_ = "\xEF\xBB\xBF";
  }
  ~CsvWriter() override {
    if (f_ != nullptr) std::fclose(f_);  // Close() not called: drop the partial file's tail
  }

  Status WriteRow(const std::vector<Cell>& cells) override {
    if (f_ == nullptr) return ExportFailed("writer is closed");
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) buf_ += ',';
      if (const auto* d = std::get_if<double>(&cells[i])) {
        buf_ += internal::FormatNumber(*d);
      } else {
        AppendText(NeutraliseFormula(std::get<std::string>(cells[i])));
      }
    }
    buf_ += "\r\n";
    if (buf_.size() >= kFlushAt) return Flush();
    return Status::Ok();
  }

  Status Close() override {
    if (f_ == nullptr) return ExportFailed("writer is closed");
    Status st = Flush();
    const bool close_failed = std::fclose(f_) != 0;
    f_ = nullptr;
    if (!st.ok()) return st;
    if (close_failed) return ExportFailed("cannot close " + path_ + ": " + std::strerror(errno));
    return Status::Ok();
  }

 private:
  void AppendText(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) {
      buf_ += s;
      return;
    }
    buf_ += '"';
    for (char c : s) {
      if (c == '"') buf_ += '"';
      buf_ += c;
    }
    buf_ += '"';
  }

  Status Flush() {
    if (!buf_.empty() && std::fwrite(buf_.data(), 1, buf_.size(), f_) != buf_.size()) {
      return ExportFailed("cannot write " + path_ + ": " + std::strerror(errno));
    }
    buf_.clear();
    return Status::Ok();
  }

  FILE* f_;
  std::string path_;
  std::string buf_;
};

}  // namespace

Result<std::unique_ptr<TableWriter>> OpenCsvWriter(const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return ExportFailed("cannot create " + path + ": " + std::strerror(errno));
  return std::unique_ptr<TableWriter>(new CsvWriter(f, path));
}

}  // namespace fugong::io
