#include "core/json_util.h"

#include <cmath>

#include "core/validation.h"

namespace fugong {
namespace {

Status TypeError(std::string_view key, const char* zh_type, const char* en_type) {
  return InvalidArgument(std::string(key), "invalid_type",
                         std::string("字段 ") + std::string(key) + " 应为" + zh_type,
                         std::string("field ") + std::string(key) + " must be " + en_type);
}

Status Missing(std::string_view key) {
  return InvalidArgument(std::string(key), "required",
                         std::string("缺少必填字段 ") + std::string(key),
                         std::string("field ") + std::string(key) + " is required");
}

}  // namespace

namespace {

// Whether every number in `v` is finite (the parser's depth limit bounds the recursion).
bool AllFinite(const json::value& v) {
  if (v.is_double()) return std::isfinite(v.get_double());
  if (v.is_array()) {
    for (const auto& e : v.get_array())
      if (!AllFinite(e)) return false;
  } else if (v.is_object()) {
    for (const auto& kv : v.get_object())
      if (!AllFinite(kv.value())) return false;
  }
  return true;
}

}  // namespace

Result<json::object> ParseJsonObject(std::string_view body) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec)
    return InvalidArgument("body", "bad_json", "请求体不是合法的 JSON",
                           "request body is not valid JSON");
  if (!v.is_object())
    return InvalidArgument("body", "bad_json", "请求体应为 JSON 对象",
                           "request body must be a JSON object");
  // A number beyond the double range (1e999) parses to infinity, which no
  // answer can carry back (it would serialise as the invalid token Infinity
  // wherever a stored body is echoed). Found by fuzz/fuzz_json.
  if (!AllFinite(v))
    return InvalidArgument("body", "bad_json", "请求体中的数字超出范围",
                           "a number in the request body is out of range");
  return std::move(v.as_object());
}

bool JsonReader::Has(std::string_view key) const {
  auto it = obj_.find(key);
  return it != obj_.end() && !it->value().is_null();
}

Status JsonReader::String(std::string_view key, std::string* out, bool required,
                          size_t max_chars) const {
  auto it = obj_.find(key);
  if (it == obj_.end() || it->value().is_null()) return required ? Missing(key) : Status::Ok();
  if (!it->value().is_string()) return TypeError(key, "字符串", "a string");
  std::string v = Trim(std::string_view(it->value().as_string()));
  long n = Utf8Length(v);
  if (n < 0) return TypeError(key, "UTF-8 文本", "UTF-8 text");
  if (required && v.empty()) return Missing(key);
  if (size_t(n) > max_chars)
    return InvalidArgument(
        std::string(key), "too_long",
        "字段 " + std::string(key) + " 超过 " + std::to_string(max_chars) + " 个字符",
        "field " + std::string(key) + " is longer than " + std::to_string(max_chars) +
            " characters");
  *out = std::move(v);
  return Status::Ok();
}

Status JsonReader::OptionalString(std::string_view key, std::optional<std::string>* out,
                                  size_t max_chars) const {
  if (!Has(key)) return Status::Ok();
  std::string v;
  RETURN_IF_ERROR(String(key, &v, false, max_chars));
  *out = std::move(v);
  return Status::Ok();
}

Status JsonReader::Int(std::string_view key, int64_t* out, bool required, int64_t min,
                       int64_t max) const {
  auto it = obj_.find(key);
  if (it == obj_.end() || it->value().is_null()) return required ? Missing(key) : Status::Ok();
  const json::value& v = it->value();
  int64_t n;
  if (v.is_int64()) {
    n = v.as_int64();
  } else if (v.is_uint64() && v.as_uint64() <= uint64_t(INT64_MAX)) {
    n = int64_t(v.as_uint64());
  } else if (v.is_double() && std::floor(v.as_double()) == v.as_double() &&
             std::fabs(v.as_double()) < 9e15) {
    n = int64_t(v.as_double());
  } else {
    return TypeError(key, "整数", "an integer");
  }
  if (n < min || n > max)
    return InvalidArgument(std::string(key), "out_of_range",
                           "字段 " + std::string(key) + " 应在 " + std::to_string(min) + " 到 " +
                               std::to_string(max) + " 之间",
                           "field " + std::string(key) + " must be between " + std::to_string(min) +
                               " and " + std::to_string(max));
  *out = n;
  return Status::Ok();
}

Status JsonReader::Number(std::string_view key, double* out, bool required, double min,
                          double max) const {
  auto it = obj_.find(key);
  if (it == obj_.end() || it->value().is_null()) return required ? Missing(key) : Status::Ok();
  const json::value& v = it->value();
  if (!v.is_number()) return TypeError(key, "数字", "a number");
  double d = v.to_number<double>();
  if (!std::isfinite(d) || d < min || d > max) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%g – %g", min, max);
    return InvalidArgument(std::string(key), "out_of_range",
                           "字段 " + std::string(key) + " 超出范围 " + buf,
                           "field " + std::string(key) + " is outside " + buf);
  }
  *out = d;
  return Status::Ok();
}

Status JsonReader::Bool(std::string_view key, bool* out, bool required) const {
  auto it = obj_.find(key);
  if (it == obj_.end() || it->value().is_null()) return required ? Missing(key) : Status::Ok();
  if (!it->value().is_bool()) return TypeError(key, "布尔值", "true or false");
  *out = it->value().as_bool();
  return Status::Ok();
}

Status JsonReader::StringArray(std::string_view key, std::vector<std::string>* out,
                               bool required) const {
  auto it = obj_.find(key);
  if (it == obj_.end() || it->value().is_null()) return required ? Missing(key) : Status::Ok();
  if (!it->value().is_array()) return TypeError(key, "字符串数组", "an array of strings");
  std::vector<std::string> v;
  for (const auto& e : it->value().as_array()) {
    if (!e.is_string()) return TypeError(key, "字符串数组", "an array of strings");
    v.emplace_back(e.as_string());
  }
  *out = std::move(v);
  return Status::Ok();
}

Status JsonReader::RejectUnknown(std::initializer_list<std::string_view> known) const {
  for (const auto& kv : obj_) {
    bool found = false;
    for (auto k : known) found = found || k == kv.key();
    if (!found)
      return InvalidArgument(std::string(kv.key()), "unknown_field",
                             "未知字段 " + std::string(kv.key()),
                             "unknown field " + std::string(kv.key()));
  }
  return Status::Ok();
}

std::string ToJson(const json::value& v) { return json::serialize(v); }

}  // namespace fugong
