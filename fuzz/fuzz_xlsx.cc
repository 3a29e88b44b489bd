// Fuzz target: the XLSX reader (libzip + expat, streaming).
//
// Raw zip bytes rarely survive mutation, so an input that does not start with
// "PK" is taken as parts separated by the line "\n--part--\n" (workbook,
// workbook rels, shared strings, styles, first sheet) and zipped in memory
// with libzip first: the mutations then reach the XML handlers, shared
// strings, number formats and cell references. Inputs starting with "PK" go
// to the reader as they are (the zip layer). A refusal must be
// InvalidArgument; cells are delivered with increasing row numbers.
#include <zip.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_util.h"
#include "io/table_reader.h"

namespace {

constexpr const char* kParts[] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                  "xl/sharedStrings.xml", "xl/styles.xml",
                                  "xl/worksheets/sheet1.xml"};

// Builds the zip of the parts in `text`; false when libzip refuses.
bool BuildZip(std::string_view text, const std::string& path) {
  std::vector<std::string> parts;
  const std::string_view sep = "\n--part--\n";
  while (parts.size() + 1 < std::size(kParts)) {
    size_t at = text.find(sep);
    if (at == std::string_view::npos) break;
    parts.emplace_back(text.substr(0, at));
    text.remove_prefix(at + sep.size());
  }
  parts.emplace_back(text);
  int err = 0;
  zip_t* za = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (za == nullptr) return false;
  for (size_t i = 0; i < parts.size(); ++i) {
    // The last part is always the sheet, so a one-part input is a bare sheet.
    const char* name = i + 1 == parts.size() ? kParts[std::size(kParts) - 1] : kParts[i];
    zip_source_t* src = zip_source_buffer(za, parts[i].data(), parts[i].size(), 0);
    if (src == nullptr || zip_file_add(za, name, src, ZIP_FL_OVERWRITE) < 0) {
      if (src != nullptr) zip_source_free(src);
      zip_discard(za);
      return false;
    }
  }
  return zip_close(za) == 0;  // the buffers (parts) are read here
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string& path = fugong::fuzz::ScratchPath(".xlsx");
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (text.substr(0, 2) == "PK") {
    fugong::fuzz::WriteFile(path, data, size);
  } else if (!BuildZip(text, path)) {
    return 0;
  }
  int last_row = 0;
  fugong::Status st =
      fugong::io::ReadXlsx(path, [&](int row, const std::vector<std::string>& cells) {
        if (row <= last_row) std::abort();
        last_row = row;
        return fugong::Status::Ok();
      });
  if (!st.ok() && st.kind() != fugong::ErrorKind::kInvalidArgument) std::abort();
  return 0;
}
