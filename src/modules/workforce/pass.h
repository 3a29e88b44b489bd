// Personal pass codes (通行码, SPEC §3.3): the daily token, its colour, and the
// QR code as SVG.
//
// A token authenticates (enterprise id, employee id, business date, colour)
// with a keyed BLAKE2b MAC truncated to 128 bits: payload = version byte,
// three LEB128 varints (enterprise, employee, days since 1970-01-01) and the
// colour byte; token = base64url(payload || mac), about 36 characters, so the
// QR stays small and a gate verifies it in about a microsecond with no
// database read. Forged, altered (any byte), truncated and non-canonical
// tokens are refused; expiry (a date other than today) is the caller's check.
// Thread-safety: free functions over immutable inputs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/status.h"

namespace fugong::workforce {

enum class Colour : uint8_t { kGreen = 1, kYellow = 2, kRed = 3 };

std::string_view ColourName(Colour c);  // "green" | "yellow" | "red"

struct PassClaims {
  int64_t enterprise_id = 0;
  int64_t employee_id = 0;
  Days date;
  Colour colour = Colour::kGreen;
};

// The token of `claims` under the 32-byte `key`.
std::string IssuePass(const PassClaims& claims, std::string_view key);

// The claims of an authentic token, or InvalidArgument with code
// "malformed_pass" (not a token of ours) or "forged_pass" (the MAC does not
// match: forged or altered).
Result<PassClaims> VerifyPass(std::string_view token, std::string_view key);

// The QR code of `text` as a standalone SVG document, dark modules drawn in
// the colour of `colour`, with the standard 4-module quiet zone.
Result<std::string> QrSvg(std::string_view text, Colour colour);
// The same with dark modules in `fill` (a CSS colour such as "#000").
Result<std::string> QrSvg(std::string_view text, std::string_view fill);

// The code printed on a site's poster (12 base64url characters, a keyed
// BLAKE2b of the site id): self check-in at the site needs it, so a site's
// number alone is not enough to check in from anywhere.
std::string SitePosterCode(int64_t site_id, std::string_view key);
bool VerifySitePosterCode(int64_t site_id, std::string_view code, std::string_view key);

}  // namespace fugong::workforce
