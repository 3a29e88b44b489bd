// Shortest round-trip number text (see number_text.h).
#include "io/number_text.h"

#include <charconv>
#include <cmath>

namespace fugong::io::internal {

std::string FormatNumber(double value) {
  if (!std::isfinite(value)) return {};
  if (value == 0) return "0";  // also -0
  char buf[128];
  const double magnitude = std::fabs(value);
  // Fixed notation below 1e21 needs at most 21 integer digits plus the
  // shortest fraction (at most ~24 digits at 1e-6), so 128 bytes suffice.
  const std::to_chars_result r =
      (magnitude >= 1e21 || magnitude < 1e-6)
          ? std::to_chars(buf, buf + sizeof buf, value)
          : std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed);
  if (r.ec != std::errc()) return {};
  return std::string(buf, r.ptr);
}

}  // namespace fugong::io::internal
