#include "db/pg_database.h"

#include <libpq-fe.h>
#include <poll.h>
#include <spdlog/spdlog.h>

#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>
#include <string_view>

#include "db/pool.h"

namespace fugong::db {
namespace {

// How long Acquire() waits for a free connection before answering "busy".
constexpr std::chrono::milliseconds kPoolWait{30000};
// Rows read and dropped after a ForEach stops early before the connection is
// reset instead (about 10 ms of reading).
constexpr int64_t kMaxDrainRows = 10000;

// Type OIDs from pg_type.h (server headers are not a dependency).
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;

std::string_view Head(std::string_view sql) { return sql.substr(0, 200); }

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

// The parameter arrays PQexecParams wants, pointing into the caller's Params
// where the bytes can be used as they are.
class PgParams {
 public:
  Status Build(const Params& params) {
    const size_t n = params.size();
    numbers_.reserve(n);  // never reallocated below: values_ points into it
    values_.resize(n);
    lengths_.resize(n);
    formats_.resize(n);
    types_.resize(n);
    for (size_t i = 0; i < n; ++i) {
      const Value& v = params[i];
      if (auto* p = std::get_if<int64_t>(&v)) {
        numbers_.push_back(std::to_string(*p));
        values_[i] = numbers_.back().c_str();
        types_[i] = kInt8Oid;
      } else if (auto* p = std::get_if<double>(&v)) {
        numbers_.push_back(FormatDouble(*p));
        values_[i] = numbers_.back().c_str();
        types_[i] = kFloat8Oid;
      } else if (auto* p = std::get_if<std::string>(&v)) {
        // Text parameters travel NUL-terminated; an embedded NUL would cut
        // the value silently (SQLite refuses it the same way).
        if (p->find('\0') != std::string::npos) return NulInText();
        values_[i] = p->c_str();
      } else if (auto* p = std::get_if<Blob>(&v)) {
        values_[i] = p->bytes.data();
        lengths_[i] = static_cast<int>(p->bytes.size());
        formats_[i] = 1;
        types_[i] = kByteaOid;
      }  // NULL: nullptr, untyped
    }
    return Status();
  }

  int size() const { return static_cast<int>(values_.size()); }
  const Oid* types() const { return types_.data(); }
  const char* const* values() const { return values_.data(); }
  const int* lengths() const { return lengths_.data(); }
  const int* formats() const { return formats_.data(); }

 private:
  static std::string FormatDouble(double d) {
    if (std::isnan(d)) return "NaN";
    if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);  // shortest exact round trip
    return std::string(buf, end);
  }
  static Status NulInText() {
    return InvalidArgument("", "invalid_text", "文本含有不允许的空字符",
                           "text contains a NUL character");
  }

  std::vector<std::string> numbers_;
  std::vector<const char*> values_;
  std::vector<int> lengths_;
  std::vector<int> formats_;
  std::vector<Oid> types_;
};

int64_t ParseInt64(const char* s, int len) {
  int64_t v = 0;
  std::from_chars(s, s + len, v);
  return v;
}

Value ReadValue(const PGresult* res, int row, int col) {
  if (PQgetisnull(res, row, col)) return nullptr;
  const char* s = PQgetvalue(res, row, col);
  const int len = PQgetlength(res, row, col);
  switch (PQftype(res, col)) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
      return ParseInt64(s, len);
    case kBoolOid:
      return static_cast<int64_t>(len > 0 && s[0] == 't' ? 1 : 0);
    case kFloat4Oid:
    case kFloat8Oid: {
      // from_chars reads "Infinity", "-Infinity" and "NaN" as well.
      double d = 0;
      std::from_chars(s, s + len, d);
      return d;
    }
    case kByteaOid: {
      // PQunescapeBytea understands both the hex and the old escape output.
      size_t size = 0;
      unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(s), &size);
      if (bytes == nullptr) return Blob{};
      Blob blob{std::string(reinterpret_cast<const char*>(bytes), size)};
      PQfreemem(bytes);
      return blob;
    }
    default:
      return std::string(s, len);
  }
}

Row ReadRow(const PGresult* res, int row) {
  const int n = PQnfields(res);
  std::vector<Value> values;
  values.reserve(n);
  for (int c = 0; c < n; ++c) values.push_back(ReadValue(res, row, c));
  return Row(std::move(values));
}

// libpq messages span lines ("...\n\tThis probably means..."); logs want one.
std::string OneLine(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n' || c == '\t') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

Status Busy(std::string en) {
  return Status(ErrorKind::kUnavailable, "db_busy", "数据库繁忙，请稍后重试", std::move(en));
}

Status Lost(std::string en) {
  return Status(ErrorKind::kUnavailable, "db_unavailable", "数据库连接中断，请稍后重试",
                std::move(en));
}

void IgnoreNotice(void*, const char* message) { spdlog::debug("postgres: {}", message); }

class PgConnection : public Connection {
 public:
  explicit PgConnection(PGconn* conn) : conn_(conn) {}
  ~PgConnection() override { PQfinish(conn_); }

  Result<QueryResult> Query(std::string_view sql, const Params& params) override {
    RETURN_IF_ERROR(CheckIdle());
    std::string text = RewritePlaceholders(sql);
    PgParams p;
    RETURN_IF_ERROR(p.Build(params));
    PgResult res(PQexecParams(conn_, text.c_str(), p.size(), p.types(), p.values(), p.lengths(),
                              p.formats(), /*resultFormat=*/0));
    ExecStatusType status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      return MapError(res.get(), sql);
    }
    QueryResult result;
    const int ncols = PQnfields(res.get());
    result.columns.reserve(ncols);
    for (int c = 0; c < ncols; ++c) result.columns.emplace_back(PQfname(res.get(), c));
    const int nrows = PQntuples(res.get());
    result.rows.reserve(nrows);
    for (int r = 0; r < nrows; ++r) result.rows.push_back(ReadRow(res.get(), r));
    result.affected = Affected(res.get());
    return result;
  }

  Status ForEach(std::string_view sql, const Params& params,
                 const std::function<Status(const Row&)>& on_row) override {
    RETURN_IF_ERROR(CheckIdle());
    std::string text = RewritePlaceholders(sql);
    PgParams p;
    RETURN_IF_ERROR(p.Build(params));
    // Checked before sending: while the query runs the status is ACTIVE.
    const bool abandonable = PQtransactionStatus(conn_) == PQTRANS_IDLE && IsSelect(sql);
    if (!PQsendQueryParams(conn_, text.c_str(), p.size(), p.types(), p.values(), p.lengths(),
                           p.formats(), 0)) {
      return MapError(nullptr, sql);
    }
    // Must follow the send immediately, before any result is read.
    PQsetSingleRowMode(conn_);
    Status outcome;
    bool stopped = false;
    int64_t dropped = 0;
    // Every result must be read before the connection can run its next
    // statement, unless the connection is abandoned (see below).
    while (PGresult* raw = PQgetResult(conn_)) {
      PgResult res(raw);
      if (stopped) {
        if (abandonable && ++dropped > kMaxDrainRows) {
          Abandon();
          break;
        }
        continue;
      }
      ExecStatusType status = PQresultStatus(raw);
      if (status == PGRES_SINGLE_TUPLE || status == PGRES_TUPLES_OK) {
        for (int r = 0, n = PQntuples(raw); r < n && !stopped; ++r) {
          Row row = ReadRow(raw, r);
          streaming_ = true;
          try {
            outcome = on_row(row);
          } catch (...) {
            // Leave the connection able to run ROLLBACK for Transact.
            streaming_ = false;
            res.reset();
            while (PGresult* rest = PQgetResult(conn_)) PQclear(rest);
            throw;
          }
          streaming_ = false;
          stopped = !outcome.ok();
        }
      } else if (status != PGRES_COMMAND_OK) {
        outcome = MapError(raw, sql);
        stopped = true;
      }
    }
    return outcome;
  }

  Status ExecScript(std::string_view sql) override {
    RETURN_IF_ERROR(CheckIdle());
    std::string script(sql);
    // PQexec uses the simple protocol, which runs several statements.
    PgResult res(PQexec(conn_, script.c_str()));
    ExecStatusType status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
    // EMPTY_QUERY: a script of comments only, which SQLite accepts too.
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK && status != PGRES_EMPTY_QUERY) {
      return MapError(res.get(), sql);
    }
    return Status();
  }

  Status Begin() override {
    RETURN_IF_ERROR(CheckIdle());
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE) return Internal("transaction already open");
    RETURN_IF_ERROR(ExecScript("BEGIN"));
    return Status();
  }

  Status Commit() override {
    RETURN_IF_ERROR(CheckIdle());
    PgResult res(PQexec(conn_, "COMMIT"));
    if (!res || PQresultStatus(res.get()) != PGRES_COMMAND_OK) return MapError(res.get(), "COMMIT");
    // COMMIT of a transaction that an earlier error aborted "succeeds" with
    // the tag ROLLBACK. That happens when a caller swallows an error and goes
    // on; SQLite would have let it continue, so make it loud.
    if (std::strcmp(PQcmdStatus(res.get()), "ROLLBACK") == 0) {
      spdlog::error("COMMIT of an aborted transaction: an error inside it was ignored");
      return Internal("transaction aborted by an earlier error; rolled back");
    }
    return Status();
  }

  Status Rollback() override {
    RETURN_IF_ERROR(CheckIdle());
    // IDLE: ended already (COMMIT failed). UNKNOWN: the connection is gone,
    // and the server rolled the transaction back when it went.
    PGTransactionStatusType tx = PQtransactionStatus(conn_);
    if (tx == PQTRANS_IDLE || tx == PQTRANS_UNKNOWN) return Status();
    return ExecScript("ROLLBACK");
  }

  Engine engine() const override { return Engine::kPostgres; }

  // Called on an idle pooled connection before it is handed out. Reading
  // pending input notices a connection the server closed (restart,
  // pg_terminate_backend, idle timeout) without a round trip; a dead one
  // is reset once. A connection that dies without a word (network cut) is
  // only noticed by the next statement, which fails with kUnavailable.
  bool Revive() {
    // An idle connection has nothing to read unless the server sent a
    // notice before closing it; the read after the message meets EOF, which
    // turns the status to CONNECTION_BAD. Bounded: each pass consumes input.
    while (PQstatus(conn_) == CONNECTION_OK) {
      pollfd fd{PQsocket(conn_), POLLIN, 0};
      if (poll(&fd, 1, 0) <= 0) break;
      if (!PQconsumeInput(conn_)) break;
    }
    if (PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE) {
      return true;
    }
    spdlog::info("postgres connection lost; reconnecting");
    PQreset(conn_);
    return PQstatus(conn_) == CONNECTION_OK;
  }

  bool PrepareForReuse() {
    switch (PQtransactionStatus(conn_)) {
      case PQTRANS_IDLE:
        return true;
      case PQTRANS_INTRANS:
      case PQTRANS_INERROR: {
        spdlog::warn("postgres connection returned with an open transaction; rolling back");
        PgResult res(PQexec(conn_, "ROLLBACK"));
        return res && PQresultStatus(res.get()) == PGRES_COMMAND_OK;
      }
      case PQTRANS_UNKNOWN:
        return true;  // broken: Revive() resets it on the next Acquire
      default:
        return false;  // a command still running: not worth saving
    }
  }

 private:
  Status CheckIdle() const {
    if (streaming_) {
      return Internal("statement issued on a connection inside its own ForEach callback");
    }
    return Status();
  }

  // After an early stop, the rest of a result is read and dropped; past
  // kMaxDrainRows the connection is reset instead, which ends the query on
  // the server (it fails writing to the closed socket) at the cost of a
  // reconnect. A cancel request would be cheaper but can land on the *next*
  // statement when the query has just finished. Only a plain SELECT outside a
  // transaction may be abandoned: a reset would roll back the caller's
  // transaction or a writing statement (INSERT ... RETURNING), which SQLite
  // keeps.
  static bool IsSelect(std::string_view sql) {
    size_t start = sql.find_first_not_of(" \t\r\n(");
    if (start == std::string_view::npos || sql.size() - start < 6) return false;
    std::string word(sql.substr(start, 6));
    for (char& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return word == "SELECT";
  }

  void Abandon() {
    spdlog::debug("ForEach stopped early on a long result; resetting the connection");
    PQreset(conn_);
    if (PQstatus(conn_) != CONNECTION_OK) {
      spdlog::warn("postgres reconnect failed: {}", OneLine(PQerrorMessage(conn_)));
    }
  }

  static int64_t Affected(const PGresult* res) {
    // PQcmdTuples also counts SELECT rows; the interface means changed rows.
    std::string_view tag = PQcmdStatus(const_cast<PGresult*>(res));
    if (tag.starts_with("INSERT") || tag.starts_with("UPDATE") || tag.starts_with("DELETE") ||
        tag.starts_with("MERGE")) {
      const char* n = PQcmdTuples(const_cast<PGresult*>(res));
      return ParseInt64(n, static_cast<int>(std::strlen(n)));
    }
    return 0;
  }

  Status MapError(const PGresult* res, std::string_view sql) {
    const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    std::string client_msg = OneLine(PQerrorMessage(conn_));
    if (PQstatus(conn_) != CONNECTION_OK || (state && std::string_view(state).starts_with("08"))) {
      spdlog::warn("postgres connection error: {}", client_msg);
      return Lost("postgres: connection lost");
    }
    if (state == nullptr) {  // refused by libpq itself (too many parameters, ...)
      spdlog::error("libpq error: {} in: {}", client_msg, Head(sql));
      return Internal("libpq: " + client_msg);
    }
    std::string_view code = state;
    const char* primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
    std::string message = primary ? primary : "";
    if (code.starts_with("23")) {
      return Status(ErrorKind::kConflict, "conflict", "数据冲突：记录已存在或违反约束",
                    std::move(message));
    }
    if (code.starts_with("40") || code == "55P03" || code == "57014") {
      return Busy("postgres " + std::string(code) + ": " + message);
    }
    // Data exceptions quote the offending value after a colon
    // (invalid input syntax for type integer: "abc").
    if (code.starts_with("22")) message = message.substr(0, message.find(':'));
    spdlog::error("postgres error {}: {} in: {}", code, message, Head(sql));
    return Internal("postgres " + std::string(code) + ": " + message);
  }

  PGconn* const conn_;
  bool streaming_ = false;
};

Result<std::unique_ptr<PgConnection>> Connect(const std::string& url) {
  // Keywords after the expanded dbname override the URL, those before it are
  // defaults the URL may override.
  const char* keys[] = {"application_name", "connect_timeout", "dbname", "client_encoding",
                        nullptr};
  const char* values[] = {"fugong", "10", url.c_str(), "UTF8", nullptr};
  PGconn* conn = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
    std::string msg = conn ? OneLine(PQerrorMessage(conn)) : "out of memory";
    PQfinish(conn);
    return Status(ErrorKind::kUnavailable, "db_unavailable", "无法连接数据库",
                  "cannot connect to " + RedactPostgresUrl(url) + ": " + msg);
  }
  // libpq prints NOTICEs ("relation already exists, skipping") to stderr by
  // default.
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
  return std::make_unique<PgConnection>(conn);
}

class PgDatabase : public Database {
 public:
  PgDatabase(std::string url, std::shared_ptr<internal::Pool<PgConnection>> pool)
      : url_(std::move(url)), pool_(std::move(pool)) {}

  Result<ConnectionPtr> Acquire() override { return pool_->Acquire(); }
  Engine engine() const override { return Engine::kPostgres; }
  std::string Describe() const override { return RedactPostgresUrl(url_); }

 private:
  const std::string url_;
  const std::shared_ptr<internal::Pool<PgConnection>> pool_;
};

}  // namespace

std::string RedactPostgresUrl(const std::string& url) {
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  size_t start = scheme + 3;
  size_t authority_end = url.find_first_of("/?", start);
  if (authority_end == std::string::npos) authority_end = url.size();
  std::string out = url.substr(0, start);
  std::string authority = url.substr(start, authority_end - start);
  size_t at = authority.rfind('@');
  if (at != std::string::npos) {
    size_t colon = authority.find(':');
    if (colon < at) authority.erase(colon, at - colon);
  }
  out += authority;
  std::string rest = url.substr(authority_end);
  size_t query = rest.find('?');
  if (query == std::string::npos) return out + rest;
  out += rest.substr(0, query);
  std::string kept;
  size_t pos = query + 1;
  while (pos <= rest.size()) {
    size_t amp = rest.find('&', pos);
    if (amp == std::string::npos) amp = rest.size();
    std::string_view param = std::string_view(rest).substr(pos, amp - pos);
    if (!param.empty() && !param.starts_with("password=")) {
      kept += kept.empty() ? "?" : "&";
      kept += param;
    }
    pos = amp + 1;
  }
  return out + kept;
}

Result<std::unique_ptr<Database>> OpenPostgres(const std::string& url, int pool_size) {
  // Connected here so a wrong URL or password fails at start-up.
  ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> first, Connect(url));
  auto pool = std::make_shared<internal::Pool<PgConnection>>(pool_size, kPoolWait,
                                                             [url]() { return Connect(url); });
  pool->AddIdle(std::move(first));
  return std::unique_ptr<Database>(new PgDatabase(url, std::move(pool)));
}

}  // namespace fugong::db
