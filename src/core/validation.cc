#include "core/validation.h"

#include <chrono>

#include "core/clock.h"

namespace fugong {
namespace {

constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr int kUsccWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
constexpr int kIdWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kIdChecks = "10X98765432";

}  // namespace

char UsccCheckChar(std::string_view first17) {
  if (first17.size() != 17) return '\0';
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    size_t v = kUsccAlphabet.find(first17[i]);
    if (v == std::string_view::npos) return '\0';
    sum += int(v) * kUsccWeights[i];
  }
  int check = 31 - sum % 31;
  if (check == 31) check = 0;
  return kUsccAlphabet[check];
}

bool IsValidUscc(std::string_view uscc) {
  if (uscc.size() != 18) return false;
  char c = UsccCheckChar(uscc.substr(0, 17));
  return c != '\0' && c == uscc[17];
}

std::string NormalizeUscc(std::string_view s) {
  std::string out = Trim(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
  return out;
}

Status ValidateUscc(std::string_view field, std::string_view uscc) {
  if (uscc.empty())
    return InvalidArgument(std::string(field), "required", "统一社会信用代码不能为空",
                           "unified social credit code is required");
  if (uscc.size() != 18)
    return InvalidArgument(std::string(field), "invalid_uscc", "统一社会信用代码应为18位",
                           "unified social credit code must have 18 characters");
  if (UsccCheckChar(uscc.substr(0, 17)) == '\0')
    return InvalidArgument(std::string(field), "invalid_uscc", "统一社会信用代码含有非法字符",
                           "unified social credit code contains an invalid character");
  if (!IsValidUscc(uscc))
    return InvalidArgument(std::string(field), "invalid_uscc", "统一社会信用代码校验位错误",
                           "unified social credit code has a wrong check character");
  return Status::Ok();
}

char IdNumberCheckChar(std::string_view first17) {
  if (first17.size() != 17) return '\0';
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    if (first17[i] < '0' || first17[i] > '9') return '\0';
    sum += (first17[i] - '0') * kIdWeights[i];
  }
  return kIdChecks[sum % 11];
}

bool IsValidIdNumber(std::string_view id) {
  if (id.size() != 18) return false;
  char c = IdNumberCheckChar(id.substr(0, 17));
  if (c == '\0' || c != (id[17] == 'x' ? 'X' : id[17])) return false;
  std::string birth = std::string(id.substr(6, 4)) + "-" + std::string(id.substr(10, 2)) + "-" +
                      std::string(id.substr(12, 2));
  auto d = ParseDate(birth);
  return d.has_value() && *d <= Today();
}

Status ValidateIdNumber(std::string_view field, std::string_view id) {
  if (id.empty())
    return InvalidArgument(std::string(field), "required", "身份证号码不能为空",
                           "ID number is required");
  if (!IsValidIdNumber(id))
    return InvalidArgument(std::string(field), "invalid_id_number",
                           "身份证号码无效（长度、出生日期或校验位错误）",
                           "invalid ID number (length, birth date or check digit)");
  return Status::Ok();
}

bool IsValidMobile(std::string_view p) {
  if (p.size() != 11 || p[0] != '1' || p[1] < '3' || p[1] > '9') return false;
  for (char c : p)
    if (c < '0' || c > '9') return false;
  return true;
}

Status ValidateMobile(std::string_view field, std::string_view phone) {
  if (!IsValidMobile(phone))
    return InvalidArgument(std::string(field), "invalid_mobile", "手机号码应为11位且以13–19开头",
                           "mobile number must be 11 digits starting with 13–19");
  return Status::Ok();
}

std::string Trim(std::string_view s) {
  auto is_space_at = [&](size_t i, size_t* len) -> bool {
    unsigned char c = s[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      *len = 1;
      return true;
    }
    // U+3000 ideographic space: E3 80 80
    if (c == 0xE3 && i + 2 < s.size() + 0 && (unsigned char)s[i + 1] == 0x80 &&
        (unsigned char)s[i + 2] == 0x80) {
      *len = 3;
      return true;
    }
    return false;
  };
  size_t b = 0, len = 0;
  while (b < s.size() && is_space_at(b, &len)) b += len;
  size_t e = s.size();
  while (e > b) {
    if (e - b >= 3 && (unsigned char)s[e - 3] == 0xE3 && (unsigned char)s[e - 2] == 0x80 &&
        (unsigned char)s[e - 1] == 0x80) {
      e -= 3;
      continue;
    }
    char c = s[e - 1];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      --e;
      continue;
    }
    break;
  }
  return std::string(s.substr(b, e - b));
}

long Utf8Length(std::string_view s) {
  long n = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return -1;
    for (size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return -1;
    i += len;
    ++n;
  }
  return n;
}

}  // namespace fugong
