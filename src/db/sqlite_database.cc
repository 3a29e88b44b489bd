#include "db/sqlite_database.h"

#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "db/pool.h"

namespace fugong::db {
namespace {

constexpr std::chrono::milliseconds kBusyTimeout{10000};
// How long Acquire() waits for a free connection before answering "busy".
constexpr std::chrono::milliseconds kPoolWait{30000};
// Statements built with a variable number of placeholders (IN lists) would
// otherwise grow the cache without bound.
constexpr size_t kStatementCacheLimit = 256;

std::string_view Head(std::string_view sql) { return sql.substr(0, 200); }

Status Busy(std::string en) {
  return Status(ErrorKind::kUnavailable, "db_busy", "数据库繁忙，请稍后重试", std::move(en));
}

// `rc` is an extended result code; the connection's message matches it.
Status MapError(sqlite3* db, int rc, std::string_view sql) {
  std::string msg = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
      return Status(ErrorKind::kConflict, "conflict", "数据冲突：记录已存在或违反约束",
                    std::move(msg));
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Busy("sqlite: " + msg);
    default:
      spdlog::error("sqlite error {}: {} in: {}", rc, msg, Head(sql));
      return Internal("sqlite: " + msg);
  }
}

// Only whitespace, semicolons and comments may follow the one statement of a
// Query: anything else would be silently ignored by sqlite3_prepare.
bool OnlyTrivia(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';') {
      ++i;
    } else if (s.substr(i, 2) == "--") {
      size_t end = s.find('\n', i);
      i = end == std::string_view::npos ? s.size() : end;
    } else if (s.substr(i, 2) == "/*") {
      size_t end = s.find("*/", i + 2);
      i = end == std::string_view::npos ? s.size() : end + 2;
    } else {
      return false;
    }
  }
  return true;
}

// One writer at a time within the process. Not a std::mutex because a
// transaction may begin on one thread and commit on another (the Connection
// moves between threads, it is only never used by two at once).
class WriteGate {
 public:
  bool Enter(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu_);
    if (!cv_.wait_for(lock, timeout, [&] { return !held_; })) return false;
    held_ = true;
    return true;
  }
  void Leave() {
    {
      std::lock_guard lock(mu_);
      held_ = false;
    }
    cv_.notify_one();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool held_ = false;
};

// Marks a connection as inside a ForEach callback for the callback's duration.
class StreamingScope {
 public:
  explicit StreamingScope(bool* flag) : flag_(flag) { *flag_ = true; }
  ~StreamingScope() { *flag_ = false; }
  StreamingScope(const StreamingScope&) = delete;
  StreamingScope& operator=(const StreamingScope&) = delete;

 private:
  bool* flag_;
};

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

class SqliteConnection : public Connection {
 public:
  SqliteConnection(sqlite3* db, std::shared_ptr<WriteGate> gate)
      : db_(db), gate_(std::move(gate)) {}
  ~SqliteConnection() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
    if (holds_gate_) gate_->Leave();
  }

  Result<QueryResult> Query(std::string_view sql, const Params& params) override {
    QueryResult result;
    RETURN_IF_ERROR(Run(sql, params, nullptr, &result));
    return result;
  }

  Status ForEach(std::string_view sql, const Params& params,
                 const std::function<Status(const Row&)>& on_row) override {
    return Run(sql, params, &on_row, nullptr);
  }

  Status ExecScript(std::string_view sql) override {
    RETURN_IF_ERROR(CheckIdle());
    GateHold hold(this);
    RETURN_IF_ERROR(hold.EnterIfNeeded(true));
    std::string script(sql);  // sqlite3_exec wants a terminated string
    int rc = sqlite3_exec(db_, script.c_str(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return MapError(db_, sqlite3_extended_errcode(db_), sql);
    return Status();
  }

  Status Begin() override {
    RETURN_IF_ERROR(CheckIdle());
    if (!sqlite3_get_autocommit(db_)) return Internal("transaction already open");
    if (!holds_gate_) {
      if (!gate_->Enter(kBusyTimeout)) return Busy("timed out waiting for the write lock");
      holds_gate_ = true;
    }
    int rc = sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
      Status st = MapError(db_, sqlite3_extended_errcode(db_), "BEGIN IMMEDIATE");
      ReleaseGate();
      return st;
    }
    return Status();
  }

  Status Commit() override {
    RETURN_IF_ERROR(CheckIdle());
    int rc = sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
    // A failed COMMIT (busy) leaves the transaction open and the gate held;
    // the caller rolls back.
    if (rc != SQLITE_OK) return MapError(db_, sqlite3_extended_errcode(db_), "COMMIT");
    ReleaseGate();
    return Status();
  }

  Status Rollback() override {
    RETURN_IF_ERROR(CheckIdle());
    Status st;
    // SQLite rolls back by itself after some errors (disk full, I/O); then
    // there is nothing left to end.
    if (!sqlite3_get_autocommit(db_)) {
      int rc = sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      if (rc != SQLITE_OK) st = MapError(db_, sqlite3_extended_errcode(db_), "ROLLBACK");
    }
    ReleaseGate();
    return st;
  }

  Engine engine() const override { return Engine::kSqlite; }

  bool Revive() { return true; }

  // Always reusable: for ":memory:" this connection *is* the database.
  bool PrepareForReuse() {
    if (!sqlite3_get_autocommit(db_)) {
      spdlog::warn("sqlite connection returned with an open transaction; rolling back");
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    ReleaseGate();
    return true;
  }

 private:
  // Holds the write gate for one autocommit write statement.
  class GateHold {
   public:
    explicit GateHold(SqliteConnection* c) : c_(c) {}
    ~GateHold() {
      if (entered_) c_->ReleaseGate();
    }
    // Inside a transaction the gate is already held from Begin(); readers
    // never need it (WAL lets them run beside the writer).
    Status EnterIfNeeded(bool writes) {
      if (!writes || c_->holds_gate_ || !sqlite3_get_autocommit(c_->db_)) return Status();
      if (!c_->gate_->Enter(kBusyTimeout)) return Busy("timed out waiting for the write lock");
      c_->holds_gate_ = entered_ = true;
      return Status();
    }

   private:
    SqliteConnection* c_;
    bool entered_ = false;
  };

  // Resets a statement after use: cached ones are kept, one-offs finalised.
  class StatementUse {
   public:
    StatementUse(sqlite3_stmt* stmt, bool cached) : stmt_(stmt), cached_(cached) {}
    ~StatementUse() {
      if (cached_) {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);  // bound text points into the caller's Params
      } else {
        sqlite3_finalize(stmt_);
      }
    }
    sqlite3_stmt* get() const { return stmt_; }

   private:
    sqlite3_stmt* stmt_;
    bool cached_;
  };

  // The re-entrancy guard makes the engines behave alike: libpq cannot run a
  // second statement on a connection that is streaming rows, so neither may
  // SQLite, or code tested only on SQLite would break on PostgreSQL.
  Status CheckIdle() const {
    if (streaming_) {
      return Internal("statement issued on a connection inside its own ForEach callback");
    }
    return Status();
  }

  void ReleaseGate() {
    if (holds_gate_) {
      holds_gate_ = false;
      gate_->Leave();
    }
  }

  Status Prepare(std::string_view sql, sqlite3_stmt** out, bool* cached) {
    if (auto it = cache_.find(sql); it != cache_.end() && !sqlite3_stmt_busy(it->second)) {
      *out = it->second;
      *cached = true;
      return Status();
    }
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
    if (rc != SQLITE_OK) return MapError(db_, sqlite3_extended_errcode(db_), sql);
    if (stmt == nullptr) return Internal("empty SQL statement");
    if (!OnlyTrivia(std::string_view(tail, sql.data() + sql.size() - tail))) {
      sqlite3_finalize(stmt);
      spdlog::error("several statements passed to Query: {}", Head(sql));
      return Internal("Query runs one statement; use ExecScript for several");
    }
    if (cache_.size() >= kStatementCacheLimit) {
      for (auto it = cache_.begin(); it != cache_.end();) {
        if (sqlite3_stmt_busy(it->second)) {
          ++it;
        } else {
          sqlite3_finalize(it->second);
          it = cache_.erase(it);
        }
      }
    }
    *cached = cache_.emplace(std::string(sql), stmt).second;
    *out = stmt;
    return Status();
  }

  Status Bind(sqlite3_stmt* stmt, const Params& params, std::string_view sql) {
    int expected = sqlite3_bind_parameter_count(stmt);
    if (expected != static_cast<int>(params.size())) {
      spdlog::error("statement wants {} parameters, got {}: {}", expected, params.size(),
                    Head(sql));
      return Internal("wrong number of SQL parameters");
    }
    for (int i = 0; i < expected; ++i) {
      const Value& v = params[i];
      int rc = SQLITE_OK;
      if (auto* p = std::get_if<int64_t>(&v)) {
        rc = sqlite3_bind_int64(stmt, i + 1, *p);
      } else if (auto* p = std::get_if<double>(&v)) {
        rc = sqlite3_bind_double(stmt, i + 1, *p);
      } else if (auto* p = std::get_if<std::string>(&v)) {
        // PostgreSQL cannot store a NUL in text; refuse it here as well so
        // both engines accept the same data.
        if (p->find('\0') != std::string::npos) {
          return InvalidArgument("", "invalid_text", "文本含有不允许的空字符",
                                 "text contains a NUL character");
        }
        // SQLITE_STATIC: Params outlive the statement's use, and the
        // bindings are cleared before returning.
        rc = sqlite3_bind_text64(stmt, i + 1, p->data(), p->size(), SQLITE_STATIC, SQLITE_UTF8);
      } else if (auto* p = std::get_if<Blob>(&v)) {
        // A zero-length blob with a null pointer would bind NULL.
        rc = p->bytes.empty() ? sqlite3_bind_zeroblob(stmt, i + 1, 0)
                              : sqlite3_bind_blob64(stmt, i + 1, p->bytes.data(), p->bytes.size(),
                                                    SQLITE_STATIC);
      } else {
        rc = sqlite3_bind_null(stmt, i + 1);
      }
      if (rc != SQLITE_OK) return MapError(db_, rc, sql);
    }
    return Status();
  }

  static Row ReadRow(sqlite3_stmt* stmt) {
    int n = sqlite3_column_count(stmt);
    std::vector<Value> values;
    values.reserve(n);
    for (int i = 0; i < n; ++i) {
      switch (sqlite3_column_type(stmt, i)) {
        case SQLITE_INTEGER:
          values.emplace_back(static_cast<int64_t>(sqlite3_column_int64(stmt, i)));
          break;
        case SQLITE_FLOAT:
          values.emplace_back(sqlite3_column_double(stmt, i));
          break;
        case SQLITE_TEXT: {
          auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
          values.emplace_back(std::string(text, sqlite3_column_bytes(stmt, i)));
          break;
        }
        case SQLITE_BLOB: {
          auto* data = static_cast<const char*>(sqlite3_column_blob(stmt, i));
          int size = sqlite3_column_bytes(stmt, i);
          values.emplace_back(Blob{size > 0 ? std::string(data, size) : std::string()});
          break;
        }
        default:
          values.emplace_back(nullptr);
      }
    }
    return Row(std::move(values));
  }

  // Runs one statement; rows go to `on_row` when given, else into `result`.
  Status Run(std::string_view sql, const Params& params,
             const std::function<Status(const Row&)>* on_row, QueryResult* result) {
    RETURN_IF_ERROR(CheckIdle());
    sqlite3_stmt* raw = nullptr;
    bool cached = false;
    RETURN_IF_ERROR(Prepare(sql, &raw, &cached));
    StatementUse stmt(raw, cached);
    RETURN_IF_ERROR(Bind(raw, params, sql));
    const bool writes = !sqlite3_stmt_readonly(raw);
    GateHold hold(this);
    RETURN_IF_ERROR(hold.EnterIfNeeded(writes));
    if (result != nullptr) {
      int n = sqlite3_column_count(raw);
      for (int i = 0; i < n; ++i) result->columns.emplace_back(sqlite3_column_name(raw, i));
    }
    for (;;) {
      int rc = sqlite3_step(raw);
      if (rc == SQLITE_ROW) {
        if (result != nullptr) {
          result->rows.push_back(ReadRow(raw));
        } else {
          Row row = ReadRow(raw);
          Status st;
          {
            StreamingScope scope(&streaming_);  // reset even if on_row throws
            st = (*on_row)(row);
          }
          if (!st.ok()) return st;
        }
      } else if (rc == SQLITE_DONE) {
        break;
      } else {
        return MapError(db_, rc, sql);
      }
    }
    if (result != nullptr && writes) result->affected = sqlite3_changes64(db_);
    return Status();
  }

  sqlite3* const db_;
  const std::shared_ptr<WriteGate> gate_;
  bool holds_gate_ = false;
  bool streaming_ = false;
  std::unordered_map<std::string, sqlite3_stmt*, StringHash, std::equal_to<>> cache_;
};

Result<std::unique_ptr<SqliteConnection>> Connect(const std::string& path,
                                                  const std::shared_ptr<WriteGate>& gate) {
  sqlite3* db = nullptr;
  // NOMUTEX: a connection is never used by two threads at once, so SQLite's
  // own per-connection mutex would only cost time.
  int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return Status(ErrorKind::kUnavailable, "db_unavailable", "无法打开数据库",
                  "cannot open SQLite database " + path + ": " + msg);
  }
  auto conn = std::make_unique<SqliteConnection>(db, gate);
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, static_cast<int>(kBusyTimeout.count()));
  // Plain sqlite3_exec, not ExecScript: opening a connection must not wait
  // for the write gate. journal_mode=WAL is persistent in the file (only the
  // first connection changes it), the others are per connection.
  // wal_autocheckpoint=0: the committing writer never runs the checkpoint
  // (with its fsync) inside its transaction; SqliteDatabase's checkpointer
  // thread does it in the background.
  rc = sqlite3_exec(
      db, "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA wal_autocheckpoint=0;",
      nullptr, nullptr, nullptr);
  std::string mode;
  if (rc == SQLITE_OK) {
    rc = sqlite3_exec(
        db, "PRAGMA journal_mode=WAL",
        [](void* out, int, char** values, char**) {
          *static_cast<std::string*>(out) = values[0] != nullptr ? values[0] : "";
          return 0;
        },
        &mode, nullptr);
  }
  if (rc != SQLITE_OK) {
    return Status(ErrorKind::kUnavailable, "db_unavailable", "无法打开数据库",
                  "cannot configure SQLite database " + path + ": " + sqlite3_errmsg(db));
  }
  if (mode != "wal" && mode != "memory") {
    spdlog::warn("SQLite database {} stays in journal mode {}, not WAL", path, mode);
  }
  return conn;
}

// Checkpoints the WAL into the database file in the background: PASSIVE
// (never blocks readers or writers) every kCheckpointPeriod, so no commit
// pays for a checkpoint. A WAL that still grew past kWalTruncateFrames (a
// reader held it for long) is truncated with the writers briefly waiting.
class Checkpointer {
 public:
  explicit Checkpointer(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) !=
        SQLITE_OK) {
      spdlog::warn("SQLite checkpointer cannot open {}: {}", path,
                   db_ ? sqlite3_errmsg(db_) : "out of memory");
      sqlite3_close_v2(db_);
      db_ = nullptr;
      return;
    }
    sqlite3_busy_timeout(db_, static_cast<int>(kBusyTimeout.count()));
    thread_ = std::thread([this] { Run(); });
  }
  ~Checkpointer() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
    if (db_) {
      sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
      sqlite3_close_v2(db_);
    }
  }
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

 private:
  static constexpr auto kCheckpointPeriod = std::chrono::milliseconds(100);
  static constexpr int kWalTruncateFrames = 64000;  // about 256 MiB of 4 KiB pages

  void Run() {
    std::unique_lock lock(mu_);
    while (!cv_.wait_for(lock, kCheckpointPeriod, [this] { return stop_; })) {
      lock.unlock();
      int log = 0, done = 0;
      int rc = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &done);
      if (rc == SQLITE_OK && log > kWalTruncateFrames)
        sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
      lock.lock();
    }
  }

  sqlite3* db_ = nullptr;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

class SqliteDatabase : public Database {
 public:
  SqliteDatabase(std::string path, std::shared_ptr<internal::Pool<SqliteConnection>> pool)
      : path_(std::move(path)), pool_(std::move(pool)) {
    if (path_ != ":memory:") checkpointer_ = std::make_unique<Checkpointer>(path_);
  }

  Result<ConnectionPtr> Acquire() override { return pool_->Acquire(); }
  Engine engine() const override { return Engine::kSqlite; }
  std::string Describe() const override { return "sqlite:" + path_; }

 private:
  const std::string path_;
  const std::shared_ptr<internal::Pool<SqliteConnection>> pool_;
  std::unique_ptr<Checkpointer> checkpointer_;
};

}  // namespace

Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path, int pool_size) {
  auto gate = std::make_shared<WriteGate>();
  // Opened here so a bad path fails now and WAL is switched on before any
  // concurrent use.
  ASSIGN_OR_RETURN(std::unique_ptr<SqliteConnection> first, Connect(path, gate));
  if (path == ":memory:") pool_size = 1;  // each connection would be its own database
  auto pool = std::make_shared<internal::Pool<SqliteConnection>>(
      pool_size, kPoolWait, [path, gate]() { return Connect(path, gate); });
  pool->AddIdle(std::move(first));
  return std::unique_ptr<Database>(new SqliteDatabase(path, std::move(pool)));
}

}  // namespace fugong::db
