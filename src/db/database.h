// Database: the one interface every repository talks to, with two engines
// behind it (SQLite, the default file; PostgreSQL through libpq).
//
// SQL is written once, portably, with `?` placeholders; the PostgreSQL engine
// rewrites them to $1..$n (outside string literals). Values travel as
// db::Value (NULL, integer, double, text, blob). Booleans are 0/1 integers,
// times are UTC ISO-8601 text or integers bound from C++.
//
// Thread-safety: Database is thread-safe; it hands out pooled Connections.
// A Connection is used by one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/status.h"

namespace fugong::db {

struct Blob {
  std::string bytes;
  bool operator==(const Blob&) const = default;
};

using Value = std::variant<std::nullptr_t, int64_t, double, std::string, Blob>;
using Params = std::vector<Value>;

// Convenience constructors so call sites read `{Int(id), Text(name)}`.
inline Value Null() { return nullptr; }
inline Value Int(int64_t v) { return v; }
inline Value Real(double v) { return v; }
inline Value Text(std::string v) { return v; }
inline Value Bool(bool v) { return static_cast<int64_t>(v ? 1 : 0); }
inline Value OptText(const std::optional<std::string>& v) { return v ? Value(*v) : Value(nullptr); }

// One row of a result. Column access by index; conversions are lenient
// (PostgreSQL returns text, which is parsed on demand).
class Row {
 public:
  Row() = default;
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}

  size_t size() const { return values_.size(); }
  bool IsNull(size_t i) const;
  int64_t Int(size_t i) const;        // NULL -> 0
  double Real(size_t i) const;        // NULL -> 0
  std::string Text(size_t i) const;   // NULL -> ""
  std::string Bytes(size_t i) const;  // blob or text bytes
  bool Bool(size_t i) const { return Int(i) != 0; }
  std::optional<std::string> OptText(size_t i) const;
  const Value& at(size_t i) const { return values_.at(i); }

 private:
  std::vector<Value> values_;
};

struct QueryResult {
  std::vector<std::string> columns;
  std::vector<Row> rows;
  int64_t affected = 0;  // rows changed by INSERT/UPDATE/DELETE
};

enum class Engine { kSqlite, kPostgres };

class Connection {
 public:
  virtual ~Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one statement and materialises its rows.
  virtual Result<QueryResult> Query(std::string_view sql, const Params& params = {}) = 0;
  // Runs one statement, calling `on_row` for each row without materialising
  // them all (exports of 10^5 rows). Returning a non-OK status stops early.
  virtual Status ForEach(std::string_view sql, const Params& params,
                         const std::function<Status(const Row&)>& on_row) = 0;
  // Runs several statements with no parameters (migrations).
  virtual Status ExecScript(std::string_view sql) = 0;

  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;
  virtual Engine engine() const = 0;

  // Shorthands.
  Status Exec(std::string_view sql, const Params& params = {});
  // First row, or NotFound status when there is none.
  Result<Row> One(std::string_view sql, const Params& params = {});
  // First row if any.
  Result<std::optional<Row>> Optional(std::string_view sql, const Params& params = {});

 protected:
  Connection() = default;
};

// A pooled connection; returns itself to the pool when destroyed.
using ConnectionPtr = std::unique_ptr<Connection, std::function<void(Connection*)>>;

class Database {
 public:
  virtual ~Database() = default;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Opens `url`: "postgresql://..." or "postgres://..." for PostgreSQL; a file
  // path (optionally "sqlite:PATH") for SQLite. `pool_size` bounds the open
  // connections.
  static Result<std::unique_ptr<Database>> Open(const std::string& url, int pool_size = 8);

  virtual Result<ConnectionPtr> Acquire() = 0;
  virtual Engine engine() const = 0;
  // A printable description without password ("sqlite:fugong.db").
  virtual std::string Describe() const = 0;

  // Runs `fn` inside a transaction on a pooled connection: commits when it
  // returns OK, rolls back otherwise (or on exception, which is rethrown).
  Status Transact(const std::function<Status(Connection&)>& fn);
  // Same without a transaction (reads).
  Status WithConnection(const std::function<Status(Connection&)>& fn);

 protected:
  Database() = default;
};

// Rewrites `?` placeholders to $1..$n outside quoted strings (PostgreSQL).
std::string RewritePlaceholders(std::string_view sql);

}  // namespace fugong::db
