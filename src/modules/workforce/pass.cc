#include "modules/workforce/pass.h"

#include <qrencode.h>

#include <memory>

#include "core/crypto.h"

namespace fugong::workforce {
namespace {

constexpr uint8_t kVersion = 1;
constexpr size_t kMacBytes = 16;

void PutVarint(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

// Reads a canonical LEB128 varint (no redundant trailing zero groups).
bool GetVarint(std::string_view* in, uint64_t* v) {
  uint64_t result = 0;
  for (int shift = 0; shift < 63 && !in->empty(); shift += 7) {
    auto byte = static_cast<uint8_t>(in->front());
    in->remove_prefix(1);
    result |= uint64_t(byte & 0x7f) << shift;
    if (!(byte & 0x80)) {
      if (byte == 0 && shift > 0) return false;
      *v = result;
      return true;
    }
  }
  return false;
}

std::string Mac(std::string_view payload, std::string_view key) {
  return crypto::Blake2b(payload, key).substr(0, kMacBytes);
}

Status Malformed() {
  return InvalidArgument("pass", "malformed_pass", "通行码无效", "not a valid pass code");
}

}  // namespace

std::string_view ColourName(Colour c) {
  switch (c) {
    case Colour::kGreen:
      return "green";
    case Colour::kYellow:
      return "yellow";
    case Colour::kRed:
      return "red";
  }
  return "red";
}

std::string IssuePass(const PassClaims& claims, std::string_view key) {
  std::string payload;
  payload.push_back(static_cast<char>(kVersion));
  PutVarint(&payload, static_cast<uint64_t>(claims.enterprise_id));
  PutVarint(&payload, static_cast<uint64_t>(claims.employee_id));
  PutVarint(&payload, static_cast<uint64_t>(claims.date.time_since_epoch().count()));
  payload.push_back(static_cast<char>(claims.colour));
  return crypto::Base64UrlEncode(payload + Mac(payload, key));
}

Result<PassClaims> VerifyPass(std::string_view token, std::string_view key) {
  if (token.size() < 24 || token.size() > 80) return Malformed();
  auto raw = crypto::Base64UrlDecode(token);
  // Re-encoding must give the same text: base64 has spare bits in its last
  // character, and a token with them changed must not pass as the original.
  if (!raw || raw->size() <= kMacBytes + 1 || crypto::Base64UrlEncode(*raw) != token)
    return Malformed();
  std::string_view payload(raw->data(), raw->size() - kMacBytes);
  std::string_view mac(raw->data() + payload.size(), kMacBytes);
  if (!crypto::Equal(Mac(payload, key), mac))
    return InvalidArgument("pass", "forged_pass", "通行码校验失败（伪造或被篡改）",
                           "pass code failed verification (forged or altered)");
  std::string_view in = payload;
  if (static_cast<uint8_t>(in.front()) != kVersion) return Malformed();
  in.remove_prefix(1);
  uint64_t ent = 0, emp = 0, day = 0;
  if (!GetVarint(&in, &ent) || !GetVarint(&in, &emp) || !GetVarint(&in, &day) || in.size() != 1)
    return Malformed();
  auto colour = static_cast<uint8_t>(in.front());
  if (colour < 1 || colour > 3 || ent > uint64_t(INT64_MAX) || emp > uint64_t(INT64_MAX) ||
      day > 1'000'000)
    return Malformed();
  PassClaims c;
  c.enterprise_id = static_cast<int64_t>(ent);
  c.employee_id = static_cast<int64_t>(emp);
  c.date = Days(std::chrono::days(static_cast<int>(day)));
  c.colour = static_cast<Colour>(colour);
  return c;
}

Result<std::string> QrSvg(std::string_view text, Colour colour) {
  return QrSvg(text, colour == Colour::kGreen    ? "#1a7f37"
                     : colour == Colour::kYellow ? "#b58100"
                                                 : "#c62828");
}

std::string SitePosterCode(int64_t site_id, std::string_view key) {
  std::string mac = crypto::Blake2b("fugong-site-poster:" + std::to_string(site_id), key);
  return crypto::Base64UrlEncode(std::string_view(mac).substr(0, 9));
}

bool VerifySitePosterCode(int64_t site_id, std::string_view code, std::string_view key) {
  return crypto::Equal(SitePosterCode(site_id, key), code);
}

Result<std::string> QrSvg(std::string_view text, std::string_view fill_colour) {
  std::string input(text);
  std::unique_ptr<QRcode, void (*)(QRcode*)> qr(
      QRcode_encodeString(input.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), QRcode_free);
  if (!qr) return Internal("QR encoding failed");
  const int n = qr->width, quiet = 4, size = n + 2 * quiet;
  std::string fill(fill_colour);
  std::string path;
  path.reserve(size_t(n) * n * 4);
  for (int y = 0; y < n; ++y) {
    for (int x = 0; x < n;) {
      if (!(qr->data[y * n + x] & 1)) {
        ++x;
        continue;
      }
      int run = 1;  // horizontal runs of dark modules as one rectangle
      while (x + run < n && (qr->data[y * n + x + run] & 1)) ++run;
      path += "M" + std::to_string(x + quiet) + " " + std::to_string(y + quiet) + "h" +
              std::to_string(run) + "v1h-" + std::to_string(run) + "z";
      x += run;
    }
  }
  std::string s = std::to_string(size);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + s + " " + s +
         "\" shape-rendering=\"crispEdges\"><rect width=\"" + s + "\" height=\"" + s +
         "\" fill=\"#fff\"/><path fill=\"" + fill + "\" d=\"" + path + "\"/></svg>";
}

}  // namespace fugong::workforce
