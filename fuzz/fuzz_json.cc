// Fuzz target: request bodies as the routes read them — ParseJsonObject (the
// body must be one JSON object) then JsonReader getters for the field kinds
// the write endpoints use (the check-in, enterprise and employee bodies:
// strings with code-point limits, integers and numbers in ranges, booleans,
// string arrays, RejectUnknown) and the validators applied to what they
// return (USCC, ID number, mobile). A refusal must be InvalidArgument naming
// a field; an accepted string must be trimmed valid UTF-8 within its limit.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_util.h"
#include "core/validation.h"

namespace {

using fugong::ErrorKind;
using fugong::Status;

void ExpectFieldError(const Status& st) {
  if (st.ok()) return;
  if (st.kind() != ErrorKind::kInvalidArgument || st.field().empty()) std::abort();
}

void CheckString(const fugong::JsonReader& r, std::string_view key, size_t max_chars) {
  std::string out;
  Status st = r.String(key, &out, false, max_chars);
  ExpectFieldError(st);
  if (st.ok() && static_cast<size_t>(fugong::Utf8Length(out)) > max_chars) std::abort();
  if (st.ok() && out != fugong::Trim(out)) std::abort();
}

bool Equivalent(const fugong::json::value& a, const fugong::json::value& b) {
  if (a.is_double() && b.is_double()) {
    const double x = a.get_double(), y = b.get_double();
    return x == y || std::fabs(x - y) <= 1e-15 * std::max(std::fabs(x), std::fabs(y));
  }
  if (a.kind() != b.kind()) return false;
  if (a.is_array()) {
    const auto &p = a.get_array(), &q = b.get_array();
    if (p.size() != q.size()) return false;
    for (size_t i = 0; i < p.size(); ++i)
      if (!Equivalent(p[i], q[i])) return false;
    return true;
  }
  if (a.is_object()) {
    const auto &p = a.get_object(), &q = b.get_object();
    if (p.size() != q.size()) return false;
    for (const auto& kv : p) {
      auto it = q.find(kv.key());
      if (it == q.end() || !Equivalent(kv.value(), it->value())) return false;
    }
    return true;
  }
  return a == b;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  auto parsed = fugong::ParseJsonObject(body);
  if (!parsed.ok()) {
    if (parsed.status().kind() != ErrorKind::kInvalidArgument) std::abort();
    return 0;
  }
  const fugong::json::object& o = *parsed;
  fugong::JsonReader r(o);
  // An unknown key is named in the error (it may be "" for the key "").
  Status unknown = r.RejectUnknown({"token", "site_id", "temperature", "direction", "uscc", "name",
                                    "id_number", "mobile", "roles", "disabled", "count"});
  if (!unknown.ok() &&
      (unknown.kind() != ErrorKind::kInvalidArgument || !o.contains(unknown.field())))
    std::abort();
  // Check-in body: token, site, temperature, direction.
  CheckString(r, "token", 100);
  int64_t site = 0;
  ExpectFieldError(r.Int("site_id", &site, false, 1, 1'000'000'000'000LL));
  if (r.Has("site_id") && site != 0 && (site < 1 || site > 1'000'000'000'000LL)) std::abort();
  double t = 0;
  Status ts = r.Number("temperature", &t, false, 34.0, 43.0);
  ExpectFieldError(ts);
  if (ts.ok() && r.Has("temperature") && !(t >= 34.0 && t <= 43.0)) std::abort();
  CheckString(r, "direction", 8);
  // Enterprise and employee bodies: codes, names, personal numbers.
  CheckString(r, "name", 100);
  std::string uscc, id, mobile;
  if (r.String("uscc", &uscc, false, 18).ok() && !uscc.empty()) {
    ExpectFieldError(fugong::ValidateUscc("uscc", fugong::NormalizeUscc(uscc)));
  }
  if (r.String("id_number", &id, false, 18).ok() && !id.empty()) {
    ExpectFieldError(fugong::ValidateIdNumber("id_number", id));
  }
  if (r.String("mobile", &mobile, false, 11).ok() && !mobile.empty()) {
    ExpectFieldError(fugong::ValidateMobile("mobile", mobile));
  }
  std::optional<std::string> opt;
  ExpectFieldError(r.OptionalString("name", &opt, 50));
  std::vector<std::string> roles;
  ExpectFieldError(r.StringArray("roles", &roles, false));
  bool b = false;
  ExpectFieldError(r.Bool("disabled", &b, false));
  int64_t count = 0;
  ExpectFieldError(r.Int("count", &count, false, -5, 5));
  // The answer side: serialising what was parsed must parse back equal
  // (doubles within an ulp or two: Boost.JSON 1.81 parses numbers beyond 2^53
  // without correct rounding; corpus: regress_big_number).
  auto again = fugong::ParseJsonObject(fugong::ToJson(o));
  if (!again.ok() || !Equivalent(*again, o)) std::abort();
  return 0;
}
