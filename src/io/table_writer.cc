// Shared pieces of table_writer.h: formula neutralisation (the writers are
// csv_writer.cc and xlsx_writer.cc).
#include "io/table_writer.h"

namespace fugong::io {

std::string NeutraliseFormula(const std::string& text) {
  if (text.empty()) return text;
  switch (text.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      return "'" + text;
    default:
      return text;
  }
}

}  // namespace fugong::io
