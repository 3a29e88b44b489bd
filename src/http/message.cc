#include "http/message.h"

#include <algorithm>
#include <cstdlib>

namespace fugong::http {
namespace {

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; }

std::string Lower(std::string s) {
  for (char& c : s) c = AsciiLower(c);
  return s;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && EqualsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

std::string_view TrimView(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Splits "a; b=c; d=\"e;f\"" at top-level semicolons, honouring quotes.
std::vector<std::string_view> SplitParams(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  bool quoted = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (quoted && c == '\\' && i + 1 < s.size()) {
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ';' && !quoted) {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  out.push_back(s.substr(start));
  return out;
}

// Value of a parameter: quoted-string (only \" and \\ are escapes, so old
// browsers' "C:\dir\file" paths survive) or token.
std::string ParamValue(std::string_view v) {
  v = TrimView(v);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') {
    v = v.substr(1, v.size() - 2);
    std::string out;
    out.reserve(v.size());
    for (size_t i = 0; i < v.size(); ++i) {
      if (v[i] == '\\' && i + 1 < v.size() && (v[i + 1] == '"' || v[i + 1] == '\\')) ++i;
      out.push_back(v[i]);
    }
    return out;
  }
  return std::string(v);
}

// Parameters of a header value after its first token: {lower-case name → value}.
std::map<std::string, std::string> HeaderParams(std::string_view value) {
  std::map<std::string, std::string> params;
  auto parts = SplitParams(value);
  for (size_t i = 1; i < parts.size(); ++i) {
    std::string_view p = TrimView(parts[i]);
    size_t eq = p.find('=');
    if (eq == std::string_view::npos) continue;
    std::string name = Lower(std::string(TrimView(p.substr(0, eq))));
    if (name.empty() || params.count(name)) continue;  // first one wins
    params.emplace(std::move(name), ParamValue(p.substr(eq + 1)));
  }
  return params;
}

// RFC 5987 ext-value: charset'language'percent-encoded.
std::string DecodeExtValue(std::string_view v) {
  size_t q1 = v.find('\'');
  if (q1 == std::string_view::npos) return UrlDecode(v, false);
  size_t q2 = v.find('\'', q1 + 1);
  if (q2 == std::string_view::npos) return UrlDecode(v.substr(q1 + 1), false);
  return UrlDecode(v.substr(q2 + 1), false);
}

// A client-supplied file name: keep the last path component only.
std::string BaseName(std::string name) {
  size_t slash = name.find_last_of("/\\");
  if (slash != std::string::npos) name.erase(0, slash + 1);
  return name;
}

bool IsAttrChar(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '&':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
      return true;
    default:
      return false;
  }
}

// ASCII stand-in for a UTF-8 name: one '_' per non-ASCII code point, and no
// characters that would break the quoted-string or the header.
std::string AsciiFallback(std::string_view name) {
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    if (c >= 0x80) {
      if ((c & 0xC0) != 0x80) out.push_back('_');  // lead byte only
    } else if (c < 0x20 || c == 0x7F || c == '"' || c == '\\' || c == '/') {
      out.push_back('_');
    } else {
      out.push_back(char(c));
    }
  }
  return out;
}

std::string PercentEncodeAttr(std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (IsAttrChar(c)) {
      out.push_back(char(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

// Finds the next line end at or after `pos`: returns the index of the line
// terminator and sets *len to 2 (CRLF) or 1 (bare LF); npos when none.
size_t FindLineEnd(std::string_view s, size_t pos, size_t* len) {
  size_t lf = s.find('\n', pos);
  if (lf == std::string_view::npos) return lf;
  if (lf > pos && s[lf - 1] == '\r') {
    *len = 2;
    return lf - 1;
  }
  *len = 1;
  return lf;
}

}  // namespace

// ---------------------------------------------------------------------------
// Headers

void Headers::Set(std::string name, std::string value) {
  name = Lower(std::move(name));
  auto it =
      std::find_if(items_.begin(), items_.end(), [&](const auto& p) { return p.first == name; });
  if (it == items_.end()) {
    items_.emplace_back(std::move(name), std::move(value));
    return;
  }
  it->second = std::move(value);
  // Drop any later duplicates so Get() and the wire agree.
  items_.erase(
      std::remove_if(std::next(it), items_.end(), [&](const auto& p) { return p.first == name; }),
      items_.end());
}

void Headers::Add(std::string name, std::string value) {
  items_.emplace_back(Lower(std::move(name)), std::move(value));
}

std::string Headers::Get(std::string_view name) const {
  for (const auto& [k, v] : items_) {
    if (EqualsIgnoreCase(k, name)) return v;
  }
  return "";
}

bool Headers::Has(std::string_view name) const {
  for (const auto& item : items_) {
    if (EqualsIgnoreCase(item.first, name)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------
// Request

std::string Request::Query(std::string_view name, std::string_view fallback) const {
  auto it = query.find(std::string(name));
  return it == query.end() ? std::string(fallback) : it->second;
}

bool Request::HasQuery(std::string_view name) const { return query.count(std::string(name)) > 0; }

std::string Request::PathParam(std::string_view name) const {
  auto it = path_params.find(std::string(name));
  return it == path_params.end() ? std::string() : it->second;
}

std::string Request::Cookie(std::string_view name) const {
  for (const auto& [k, header] : headers.all()) {
    if (k != "cookie") continue;
    std::string_view rest = header;
    while (!rest.empty()) {
      size_t semi = rest.find(';');
      std::string_view pair = TrimView(rest.substr(0, semi));
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      size_t eq = pair.find('=');
      if (eq == std::string_view::npos) continue;
      if (TrimView(pair.substr(0, eq)) != name) continue;
      std::string_view value = TrimView(pair.substr(eq + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
      }
      return std::string(value);
    }
  }
  return "";
}

std::string Request::Language() const {
  std::string lang = Lower(Query("lang"));
  if (StartsWithIgnoreCase(lang, "en")) return "en";
  if (StartsWithIgnoreCase(lang, "zh")) return "zh";
  // Accept-Language: the range with the highest q wins; ties go to the first.
  std::string accept = headers.Get("accept-language");
  std::string_view rest = accept;
  std::string_view best;
  double best_q = 0;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    size_t semi = item.find(';');
    std::string_view range = TrimView(item.substr(0, semi));
    double q = 1.0;
    if (semi != std::string_view::npos) {
      auto params = HeaderParams(item);
      auto it = params.find("q");
      if (it != params.end()) q = std::strtod(it->second.c_str(), nullptr);
    }
    if (range.empty() || range == "*" || q <= 0) continue;
    if (q > best_q) {
      best_q = q;
      best = range;
    }
  }
  if (StartsWithIgnoreCase(best, "en") && (best.size() == 2 || best[2] == '-' || best[2] == '_')) {
    return "en";
  }
  return "zh";
}

// ---------------------------------------------------------------------------
// Response

Response Response::Json(int status, std::string json_text) {
  Response r;
  r.status = status;
  r.headers.Set("content-type", "application/json; charset=utf-8");
  // API answers carry personal data: never let a shared cache keep them.
  r.headers.Set("cache-control", "no-store");
  r.body = std::move(json_text);
  return r;
}

Response Response::Text(int status, std::string text, std::string content_type) {
  Response r;
  r.status = status;
  r.headers.Set("content-type", std::move(content_type));
  r.body = std::move(text);
  return r;
}

Response Response::File(std::string path, std::string content_type, std::string download_name,
                        bool delete_after) {
  Response r;
  r.status = 200;
  r.headers.Set("content-type", std::move(content_type));
  if (!download_name.empty()) {
    download_name = BaseName(std::move(download_name));
    r.headers.Set("content-disposition", "attachment; filename=\"" + AsciiFallback(download_name) +
                                             "\"; filename*=UTF-8''" +
                                             PercentEncodeAttr(download_name));
  }
  r.file_path = std::move(path);
  r.delete_file_after = delete_after;
  return r;
}

// ---------------------------------------------------------------------------
// Free functions

std::string UrlDecode(std::string_view s, bool plus_as_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%' && i + 2 < s.size()) {
      int hi = HexValue(s[i + 1]);
      int lo = HexValue(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(char(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(plus_as_space && c == '+' ? ' ' : c);
  }
  return out;
}

std::multimap<std::string, std::string> ParseQuery(std::string_view qs) {
  std::multimap<std::string, std::string> out;
  if (!qs.empty() && qs.front() == '?') qs.remove_prefix(1);
  while (!qs.empty()) {
    size_t amp = qs.find('&');
    std::string_view pair = qs.substr(0, amp);
    qs = amp == std::string_view::npos ? std::string_view() : qs.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string key = UrlDecode(pair.substr(0, eq), true);
    std::string value =
        eq == std::string_view::npos ? std::string() : UrlDecode(pair.substr(eq + 1), true);
    if (key.empty()) continue;
    out.emplace(std::move(key), std::move(value));
  }
  return out;
}

std::optional<std::vector<FormPart>> ParseMultipart(std::string_view content_type,
                                                    std::string_view body) {
  if (!StartsWithIgnoreCase(TrimView(content_type), "multipart/")) return std::nullopt;
  auto params = HeaderParams(content_type);
  auto b = params.find("boundary");
  if (b == params.end()) return std::nullopt;
  const std::string& boundary = b->second;
  // RFC 2046 allows 1..70 characters; be a little generous.
  if (boundary.empty() || boundary.size() > 200) return std::nullopt;
  const std::string dash_boundary = "--" + boundary;

  // Finds the next delimiter line at or after `from`: "--boundary" at the
  // start of the body or right after a line break, followed by "--",
  // whitespace or a line break. Returns its index (of the "--"), and in
  // *data_end where the preceding part's data ends (before CRLF / LF).
  auto find_delimiter = [&](size_t from, size_t* data_end) -> size_t {
    size_t pos = from;
    while (pos <= body.size()) {
      size_t hit = body.find(dash_boundary, pos);
      if (hit == std::string_view::npos) return hit;
      bool at_line_start = hit == 0 || body[hit - 1] == '\n';
      size_t after = hit + dash_boundary.size();
      bool good_end = after == body.size() || body[after] == '-' || body[after] == '\r' ||
                      body[after] == '\n' || body[after] == ' ' || body[after] == '\t';
      if (at_line_start && good_end && hit >= from) {
        size_t end = hit;
        if (end > from && body[end - 1] == '\n') {
          --end;
          if (end > from && body[end - 1] == '\r') --end;
        }
        *data_end = end;
        return hit;
      }
      pos = hit + 1;
    }
    return std::string_view::npos;
  };

  std::vector<FormPart> parts;
  size_t ignored;
  size_t delim = find_delimiter(0, &ignored);  // skips any preamble
  if (delim == std::string_view::npos) return std::nullopt;
  for (;;) {
    size_t pos = delim + dash_boundary.size();
    if (body.substr(pos, 2) == "--") return parts;  // close delimiter; epilogue ignored
    // Transport padding, then the line break that ends the delimiter line.
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
    size_t eol_len = 0;
    size_t eol = FindLineEnd(body, pos, &eol_len);
    if (eol != pos) return std::nullopt;  // junk after the boundary or truncated
    pos = eol + eol_len;

    FormPart part;
    bool has_disposition = false;
    // Part headers up to an empty line.
    for (;;) {
      size_t len = 0;
      size_t end = FindLineEnd(body, pos, &len);
      if (end == std::string_view::npos) return std::nullopt;
      std::string_view line = body.substr(pos, end - pos);
      pos = end + len;
      if (line.empty()) break;
      size_t colon = line.find(':');
      if (colon == std::string_view::npos || colon == 0) return std::nullopt;
      std::string_view name = TrimView(line.substr(0, colon));
      std::string_view value = TrimView(line.substr(colon + 1));
      if (EqualsIgnoreCase(name, "content-disposition")) {
        std::string_view kind = TrimView(value.substr(0, value.find(';')));
        if (!EqualsIgnoreCase(kind, "form-data") && !EqualsIgnoreCase(kind, "attachment") &&
            !EqualsIgnoreCase(kind, "inline")) {
          return std::nullopt;
        }
        has_disposition = true;
        auto p = HeaderParams(value);
        if (auto it = p.find("name"); it != p.end()) part.name = it->second;
        if (auto it = p.find("filename*"); it != p.end()) {
          part.filename = BaseName(DecodeExtValue(it->second));
        } else if (auto f = p.find("filename"); f != p.end()) {
          part.filename = BaseName(f->second);
        }
      } else if (EqualsIgnoreCase(name, "content-type")) {
        part.content_type = std::string(value);
      }
    }
    if (!has_disposition || part.name.empty()) return std::nullopt;

    size_t data_end = 0;
    size_t next = find_delimiter(pos, &data_end);
    if (next == std::string_view::npos) return std::nullopt;  // no closing boundary
    part.data = body.substr(pos, data_end - pos);
    parts.push_back(std::move(part));
    delim = next;
  }
}

}  // namespace fugong::http
