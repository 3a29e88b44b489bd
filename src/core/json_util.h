// JSON request parsing with errors that name the field.
//
// JsonReader wraps a parsed object; each getter checks presence and type and
// returns InvalidArgument("field", ...) in zh and en when the value is wrong.
// Unknown fields can be refused with RejectUnknown.
#pragma once

#include <boost/json.hpp>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace fugong {

namespace json = boost::json;

// Parses a request body that must be a JSON object.
Result<json::object> ParseJsonObject(std::string_view body);

class JsonReader {
 public:
  explicit JsonReader(const json::object& obj) : obj_(obj) {}

  bool Has(std::string_view key) const;
  // Text: trimmed; `max_chars` counts code points. Absent or null leaves `out` untouched
  // unless `required`.
  Status String(std::string_view key, std::string* out, bool required,
                size_t max_chars = 200) const;
  Status OptionalString(std::string_view key, std::optional<std::string>* out,
                        size_t max_chars = 200) const;
  Status Int(std::string_view key, int64_t* out, bool required, int64_t min, int64_t max) const;
  Status Number(std::string_view key, double* out, bool required, double min, double max) const;
  Status Bool(std::string_view key, bool* out, bool required) const;
  Status StringArray(std::string_view key, std::vector<std::string>* out, bool required) const;
  // Refuses any key not in `known`.
  Status RejectUnknown(std::initializer_list<std::string_view> known) const;

  const json::object& object() const { return obj_; }

 private:
  const json::object& obj_;
};

// Serialises a JSON value.
std::string ToJson(const json::value& v);

}  // namespace fugong
