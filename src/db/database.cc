#include "db/database.h"

#include <spdlog/spdlog.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

#include "db/pg_database.h"
#include "db/sqlite_database.h"

namespace fugong::db {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

std::optional<double> ParseDouble(std::string_view s) {
  s = Trim(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);  // from_chars refuses '+'
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

// Truncates toward zero like SQL CAST, saturating instead of the undefined
// behaviour of an out-of-range static_cast.
int64_t DoubleToInt(double d) {
  if (std::isnan(d)) return 0;
  if (d >= 9223372036854775807.0) return std::numeric_limits<int64_t>::max();
  if (d <= -9223372036854775808.0) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(d);
}

int64_t ParseInt(std::string_view s) {
  s = Trim(s);
  std::string_view digits = s;
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  int64_t v = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec == std::errc() && end == digits.data() + digits.size() && !digits.empty()) return v;
  // PostgreSQL booleans and numerics arrive as text ("t", "12.0").
  if (s == "t" || s == "true") return 1;
  if (s == "f" || s == "false") return 0;
  if (auto d = ParseDouble(s)) return DoubleToInt(*d);
  return 0;
}

std::string FormatDouble(double d) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);  // shortest exact round trip
  return ec == std::errc() ? std::string(buf, end) : std::string();
}

}  // namespace

bool Row::IsNull(size_t i) const { return std::holds_alternative<std::nullptr_t>(values_.at(i)); }

int64_t Row::Int(size_t i) const {
  const Value& v = values_.at(i);
  if (auto* p = std::get_if<int64_t>(&v)) return *p;
  if (auto* p = std::get_if<double>(&v)) return DoubleToInt(*p);
  if (auto* p = std::get_if<std::string>(&v)) return ParseInt(*p);
  if (auto* p = std::get_if<Blob>(&v)) return ParseInt(p->bytes);
  return 0;
}

double Row::Real(size_t i) const {
  const Value& v = values_.at(i);
  if (auto* p = std::get_if<double>(&v)) return *p;
  if (auto* p = std::get_if<int64_t>(&v)) return static_cast<double>(*p);
  if (auto* p = std::get_if<std::string>(&v)) return ParseDouble(*p).value_or(0);
  if (auto* p = std::get_if<Blob>(&v)) return ParseDouble(p->bytes).value_or(0);
  return 0;
}

std::string Row::Text(size_t i) const {
  const Value& v = values_.at(i);
  if (auto* p = std::get_if<std::string>(&v)) return *p;
  if (auto* p = std::get_if<int64_t>(&v)) return std::to_string(*p);
  if (auto* p = std::get_if<double>(&v)) return FormatDouble(*p);
  if (auto* p = std::get_if<Blob>(&v)) return p->bytes;
  return {};
}

std::string Row::Bytes(size_t i) const {
  const Value& v = values_.at(i);
  if (auto* p = std::get_if<Blob>(&v)) return p->bytes;
  return Text(i);
}

std::optional<std::string> Row::OptText(size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Text(i);
}

Status Connection::Exec(std::string_view sql, const Params& params) {
  auto r = Query(sql, params);
  return r.ok() ? Status() : r.status();
}

Result<Row> Connection::One(std::string_view sql, const Params& params) {
  ASSIGN_OR_RETURN(QueryResult r, Query(sql, params));
  if (r.rows.empty()) return NotFound("not_found", "记录不存在", "no such record");
  return std::move(r.rows.front());
}

Result<std::optional<Row>> Connection::Optional(std::string_view sql, const Params& params) {
  ASSIGN_OR_RETURN(QueryResult r, Query(sql, params));
  if (r.rows.empty()) return std::optional<Row>();
  return std::optional<Row>(std::move(r.rows.front()));
}

Result<std::unique_ptr<Database>> Database::Open(const std::string& url, int pool_size) {
  std::string_view u = url;
  if (u.starts_with("postgresql://") || u.starts_with("postgres://")) {
    return OpenPostgres(url, pool_size);
  }
  if (u.starts_with("sqlite:")) {
    u.remove_prefix(7);
    // "sqlite://relative" and "sqlite:///absolute" are accepted too.
    if (u.starts_with("//")) u.remove_prefix(2);
  }
  if (u.empty()) {
    return InvalidArgument("db", "invalid_db_url", "数据库地址为空", "empty database URL");
  }
  return OpenSqlite(std::string(u), pool_size);
}

Status Database::Transact(const std::function<Status(Connection&)>& fn) {
  ASSIGN_OR_RETURN(ConnectionPtr conn, Acquire());
  RETURN_IF_ERROR(conn->Begin());
  Status st;
  try {
    st = fn(*conn);
  } catch (...) {
    (void)conn->Rollback();
    throw;
  }
  if (!st.ok()) {
    Status rb = conn->Rollback();
    if (!rb.ok()) spdlog::warn("rollback failed: {}", rb.ToString());
    return st;
  }
  Status committed = conn->Commit();
  if (!committed.ok()) {
    // SQLite keeps the transaction open when COMMIT fails (busy); end it so
    // the pooled connection comes back clean. PostgreSQL has ended it already.
    (void)conn->Rollback();
    return committed;
  }
  return Status();
}

Status Database::WithConnection(const std::function<Status(Connection&)>& fn) {
  ASSIGN_OR_RETURN(ConnectionPtr conn, Acquire());
  return fn(*conn);
}

std::string RewritePlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  size_t i = 0;
  const size_t len = sql.size();
  // Copies sql[i] up to and including the closing `quote`; a doubled quote is
  // an escaped one and simply reopens the literal on the next pass. In E'...'
  // strings a backslash escapes the next character.
  auto copy_quoted = [&](char quote, bool backslash_escapes) {
    out += sql[i++];
    while (i < len) {
      char c = sql[i];
      if (backslash_escapes && c == '\\' && i + 1 < len) {
        out += c;
        out += sql[i + 1];
        i += 2;
        continue;
      }
      out += c;
      ++i;
      if (c == quote) return;
    }
  };
  while (i < len) {
    char c = sql[i];
    if (c == '\'') {
      bool escape_string =
          i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') &&
          (i < 2 || !(std::isalnum(static_cast<unsigned char>(sql[i - 2])) || sql[i - 2] == '_'));
      copy_quoted('\'', escape_string);
    } else if (c == '"') {
      copy_quoted('"', false);
    } else if (c == '-' && i + 1 < len && sql[i + 1] == '-') {
      size_t end = sql.find('\n', i);
      if (end == std::string_view::npos) end = len;
      out.append(sql.substr(i, end - i));
      i = end;
    } else if (c == '/' && i + 1 < len && sql[i + 1] == '*') {
      size_t end = sql.find("*/", i + 2);
      end = end == std::string_view::npos ? len : end + 2;
      out.append(sql.substr(i, end - i));
      i = end;
    } else if (c == '?') {
      out += '$';
      out += std::to_string(++n);
      ++i;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

}  // namespace fugong::db
