// The two spreadsheet formats read by imports and written by exports.
#pragma once

namespace fugong::io {

enum class TableFormat { kCsv, kXlsx };

}  // namespace fugong::io
