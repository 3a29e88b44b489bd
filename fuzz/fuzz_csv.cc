// Fuzz target: the streaming CSV reader (UTF-8, BOM, GBK; RFC 4180 quoting).
// Every delivered cell must be valid UTF-8 (the reader converts GBK), row
// numbers must increase, and a refusal must be InvalidArgument naming "file".
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "fuzz/fuzz_util.h"
#include "io/table_reader.h"

namespace {

bool ValidUtf8(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = s[i];
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
    i += n;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string& path = fugong::fuzz::ScratchPath(".csv");
  fugong::fuzz::WriteFile(path, data, size);
  int last_row = 0;
  fugong::Status st =
      fugong::io::ReadCsv(path, [&](int row, const std::vector<std::string>& cells) {
        if (row <= last_row) std::abort();
        last_row = row;
        for (const auto& c : cells)
          if (!ValidUtf8(c)) std::abort();
        return fugong::Status::Ok();
      });
  if (!st.ok() && st.kind() != fugong::ErrorKind::kInvalidArgument) std::abort();
  return 0;
}
