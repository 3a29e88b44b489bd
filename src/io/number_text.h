// Internal to io/: the text form of numbers shared by the readers and writers,
// so that a number read from an XLSX and one written to a CSV look the same.
#pragma once

#include <string>

namespace fugong::io::internal {

// Shortest text that parses back to exactly `value`, in plain decimal notation
// ("222401", "13904319810", "36.5", "0.1", "1000000"; never "2.22401e+05" or
// "13904319810.0"). Magnitudes of 1e21 and above or below 1e-6 use scientific
// notation ("1e+21", "1.5e-07") as JavaScript does. -0 gives "0"; NaN and
// infinities give "".
std::string FormatNumber(double value);

}  // namespace fugong::io::internal
