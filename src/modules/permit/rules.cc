#include "modules/permit/rules.h"

#include <sodium.h>

#include <algorithm>
#include <boost/json.hpp>

#include "core/clock.h"
#include "core/crypto.h"

namespace fugong::permit {
namespace {

namespace json = boost::json;

constexpr std::string_view kPrefix = "FGP1.";

// The provinces' one-character abbreviations used on plates.
constexpr std::string_view kProvinces[] = {
    "京", "津", "沪", "渝", "冀", "豫", "云", "辽", "黑", "湘", "皖", "鲁", "新", "苏", "浙", "赣",
    "鄂", "桂", "甘", "晋", "蒙", "陕", "吉", "闽", "贵", "粤", "青", "藏", "川", "宁", "琼"};

bool PlateChar(char c, bool letters_only) {
  if (c == 'I' || c == 'O') return false;
  if (c >= 'A' && c <= 'Z') return true;
  return !letters_only && c >= '0' && c <= '9';
}

// UTF-8 code point count of a prefix.
size_t FirstCharBytes(std::string_view s) {
  if (s.empty()) return 0;
  unsigned char c = static_cast<unsigned char>(s[0]);
  if (c < 0x80) return 1;
  if ((c >> 5) == 6) return 2;
  if ((c >> 4) == 14) return 3;
  return 4;
}

std::string Str(const json::object& o, const char* key) {
  auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

std::string NormalizePlate(std::string_view plate) {
  std::string out;
  for (size_t i = 0; i < plate.size();) {
    size_t n = FirstCharBytes(plate.substr(i));
    std::string_view ch = plate.substr(i, n);
    i += n;
    if (ch == " " || ch == "-" || ch == "." || ch == "\xC2\xB7" || ch == "\xE3\x80\x80" ||
        ch == "\xE2\x80\xA2")
      continue;
    if (ch.size() == 1 && ch[0] >= 'a' && ch[0] <= 'z') {
      out += char(ch[0] - 'a' + 'A');
      continue;
    }
    out += ch;
  }
  return out;
}

bool IsValidPlate(std::string_view plate) {
  size_t n = FirstCharBytes(plate);
  if (n != 3 || plate.size() < n) return false;
  std::string_view province = plate.substr(0, n);
  if (std::find(std::begin(kProvinces), std::end(kProvinces), province) == std::end(kProvinces))
    return false;
  std::string_view rest = plate.substr(n);
  if (rest.size() != 6 && rest.size() != 7) return false;
  if (!PlateChar(rest[0], true)) return false;
  return std::all_of(rest.begin() + 1, rest.end(), [](char c) { return PlateChar(c, false); });
}

Status ValidatePeriod(const std::string& from, const std::string& to, const std::string& today,
                      int max_days) {
  auto f = ParseDate(from);
  if (!f)
    return InvalidArgument("valid_from", "invalid_date", "起始日期格式应为 YYYY-MM-DD",
                           "valid_from must be a date YYYY-MM-DD");
  auto t = ParseDate(to);
  if (!t)
    return InvalidArgument("valid_to", "invalid_date", "截止日期格式应为 YYYY-MM-DD",
                           "valid_to must be a date YYYY-MM-DD");
  auto now = ParseDate(today);
  if (*t < *f)
    return InvalidArgument("valid_to", "invalid_range", "截止日期早于起始日期",
                           "valid_to is before valid_from");
  if (now && *t < *now)
    return InvalidArgument("valid_to", "in_the_past", "截止日期已过", "valid_to is in the past");
  if (now && (*f - *now).count() > 30)
    return InvalidArgument("valid_from", "too_far", "起始日期不能晚于今天起30天",
                           "valid_from must be within 30 days from today");
  int64_t days = (*t - *f).count() + 1;
  if (days > max_days)
    return InvalidArgument("valid_to", "too_long",
                           "有效期为 " + std::to_string(days) + " 天，超过政策允许的 " +
                               std::to_string(max_days) + " 天",
                           "the permit would be valid for " + std::to_string(days) +
                               " days, longer than the policy's " + std::to_string(max_days));
  return Status::Ok();
}

std::string MaskName(std::string_view name) {
  size_t n = FirstCharBytes(name);
  if (name.empty()) return "";
  size_t chars = 0;
  for (size_t i = n; i < name.size(); i += FirstCharBytes(name.substr(i))) ++chars;
  return std::string(name.substr(0, n)) + std::string(std::max<size_t>(chars, 1), '*');
}

SigningKey SigningKey::FromSeed(const std::string& seed) {
  SigningKey k;
  k.public_key.resize(crypto_sign_PUBLICKEYBYTES);
  k.secret_key.resize(crypto_sign_SECRETKEYBYTES);
  crypto_sign_seed_keypair(reinterpret_cast<unsigned char*>(k.public_key.data()),
                           reinterpret_cast<unsigned char*>(k.secret_key.data()),
                           reinterpret_cast<const unsigned char*>(seed.data()));
  return k;
}

std::string SignToken(const Payload& p, const SigningKey& key) {
  json::object o;
  o["n"] = p.permit_no;
  o["t"] = p.type;
  o["p"] = p.plate;
  o["h"] = p.holder;
  o["r"] = p.route;
  o["f"] = p.valid_from;
  o["u"] = p.valid_to;
  o["e"] = p.enterprise;
  std::string body = json::serialize(o);
  std::string sig(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(body.data()), body.size(),
                       reinterpret_cast<const unsigned char*>(key.secret_key.data()));
  return std::string(kPrefix) + crypto::Base64UrlEncode(body) + "." + crypto::Base64UrlEncode(sig);
}

Verification VerifyToken(std::string_view token, std::string_view public_key,
                         const std::string& today) {
  Verification v{"malformed", std::nullopt};
  while (!token.empty() && (token.back() == ' ' || token.back() == '\n' || token.back() == '\r'))
    token.remove_suffix(1);
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  if (token.substr(0, kPrefix.size()) != kPrefix) return v;
  token.remove_prefix(kPrefix.size());
  size_t dot = token.find('.');
  if (dot == std::string_view::npos || token.find('.', dot + 1) != std::string_view::npos) return v;
  // From here on the token has the shape of ours: anything wrong is tampering.
  v.result = "tampered";
  auto body = crypto::Base64UrlDecode(token.substr(0, dot));
  auto sig = crypto::Base64UrlDecode(token.substr(dot + 1));
  if (!body || !sig) return v;
  // Canonical encodings only: a changed unused bit of the last character is a change too.
  if (crypto::Base64UrlEncode(*body) != token.substr(0, dot) ||
      crypto::Base64UrlEncode(*sig) != token.substr(dot + 1))
    return v;
  if (sig->size() != crypto_sign_BYTES || public_key.size() != crypto_sign_PUBLICKEYBYTES) return v;
  if (crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig->data()),
                                  reinterpret_cast<const unsigned char*>(body->data()),
                                  body->size(),
                                  reinterpret_cast<const unsigned char*>(public_key.data())) != 0)
    return v;
  boost::system::error_code ec;
  json::value parsed = json::parse(*body, ec);
  if (ec || !parsed.is_object()) return v;  // signed garbage: never issued by us
  const auto& o = parsed.as_object();
  Payload p{Str(o, "n"), Str(o, "t"), Str(o, "p"), Str(o, "h"),
            Str(o, "r"), Str(o, "f"), Str(o, "u"), Str(o, "e")};
  v.payload = p;
  if (!today.empty() && today < p.valid_from) {
    v.result = "not_yet_valid";
  } else if (!today.empty() && today > p.valid_to) {
    v.result = "expired";
  } else {
    v.result = "valid";
  }
  return v;
}

}  // namespace fugong::permit
