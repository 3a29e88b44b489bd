// Tests of the storage layer, run on SQLite always and on PostgreSQL when
// FUGONG_TEST_PG names a server (scripts/lib/pg.sh starts a throwaway one).
// Each PostgreSQL test works in its own schema, so tests may run in parallel
// and nothing is left behind.
#include "db/database.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <thread>

#include "db/migrator.h"
#include "db/pg_database.h"

namespace fugong::db {

// Readable test names in failure messages ("Sqlite", not "4-byte object").
void PrintTo(Engine engine, std::ostream* os) {
  *os << (engine == Engine::kSqlite ? "Sqlite" : "Postgres");
}

namespace {

std::string RandomSuffix() {
  std::random_device rd;
  std::uniform_int_distribution<uint64_t> dist;
  char buf[17];
  snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(dist(rd)));
  return buf;
}

// Runs every connection of `url` with `search_path` set to `schema`.
std::string WithSearchPath(const std::string& url, const std::string& schema) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
         schema;
}

class DatabaseTest : public testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    if (GetParam() == Engine::kSqlite) {
      std::string tmpl = testing::TempDir() + "fugong_db_XXXXXX";
      ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
      dir_ = tmpl;
      url_ = "sqlite:" + dir_ + "/test.db";
    } else {
      const char* pg = std::getenv("FUGONG_TEST_PG");
      if (pg == nullptr || *pg == '\0') GTEST_SKIP() << "FUGONG_TEST_PG is not set";
      auto admin = Database::Open(pg, 1);
      ASSERT_TRUE(admin.ok()) << admin.status().ToString();
      admin_ = std::move(admin).value();
      schema_ = "test_" + RandomSuffix();
      ASSERT_TRUE(Run(*admin_, "CREATE SCHEMA " + schema_).ok());
      url_ = WithSearchPath(pg, schema_);
    }
    auto db = Database::Open(url_, 8);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
  }

  void TearDown() override {
    db_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
    if (admin_) {
      EXPECT_TRUE(Run(*admin_, "DROP SCHEMA " + schema_ + " CASCADE").ok());
    }
  }

  static Status Run(Database& db, const std::string& sql, const Params& params = {}) {
    return db.WithConnection([&](Connection& c) { return c.Exec(sql, params); });
  }
  Status Exec(const std::string& sql, const Params& params = {}) { return Run(*db_, sql, params); }
  Result<QueryResult> Query(const std::string& sql, const Params& params = {}) {
    Result<QueryResult> out = Status();
    Status st = db_->WithConnection([&](Connection& c) {
      out = c.Query(sql, params);
      return out.status();
    });
    return st.ok() ? std::move(out) : Result<QueryResult>(st);
  }
  int64_t Count(const std::string& table) {
    auto r = Query("SELECT COUNT(*) FROM " + table);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->rows.at(0).Int(0) : -1;
  }
  // DDL through the migrator's token expansion, as migrations write it.
  void Schema(const std::string& sql) {
    Status st = db_->WithConnection(
        [&](Connection& c) { return c.ExecScript(ExpandTokens(sql, c.engine())); });
    ASSERT_TRUE(st.ok()) << st.ToString();
  }

  std::string dir_;
  std::string schema_;
  std::string url_;
  std::unique_ptr<Database> admin_;
  std::unique_ptr<Database> db_;
};

INSTANTIATE_TEST_SUITE_P(Engines, DatabaseTest, testing::Values(Engine::kSqlite, Engine::kPostgres),
                         [](const testing::TestParamInfo<Engine>& info) {
                           return info.param == Engine::kSqlite ? "Sqlite" : "Postgres";
                         });

TEST(RewritePlaceholdersTest, NumbersPlaceholdersOutsideQuotesAndComments) {
  EXPECT_EQ(RewritePlaceholders("SELECT * FROM t WHERE a = ? AND b = ?"),
            "SELECT * FROM t WHERE a = $1 AND b = $2");
  EXPECT_EQ(RewritePlaceholders("SELECT '?', 'it''s ?', ? FROM t"),
            "SELECT '?', 'it''s ?', $1 FROM t");
  EXPECT_EQ(RewritePlaceholders("SELECT \"odd?col\" FROM t WHERE x = ?"),
            "SELECT \"odd?col\" FROM t WHERE x = $1");
  EXPECT_EQ(RewritePlaceholders("SELECT ? -- why?\n, ? /* what? */, ?"),
            "SELECT $1 -- why?\n, $2 /* what? */, $3");
  EXPECT_EQ(RewritePlaceholders("SELECT E'\\'?', ?"), "SELECT E'\\'?', $1");
  EXPECT_EQ(RewritePlaceholders("SELECT '', ?, ''''"), "SELECT '', $1, ''''");
  EXPECT_EQ(RewritePlaceholders("SELECT 1 -- trailing ?"), "SELECT 1 -- trailing ?");
  EXPECT_EQ(RewritePlaceholders("SELECT '未闭合 ?"), "SELECT '未闭合 ?");
}

TEST(RowTest, ConversionsAreLenient) {
  Row row({Value(nullptr), Value(int64_t{42}), Value(2.5), Value(std::string("17")),
           Value(std::string("t")), Value(std::string("12.75")),
           Value(Blob{std::string("a\0b", 3)})});
  EXPECT_TRUE(row.IsNull(0));
  EXPECT_EQ(row.Int(0), 0);
  EXPECT_EQ(row.Text(0), "");
  EXPECT_EQ(row.OptText(0), std::nullopt);
  EXPECT_EQ(row.Text(1), "42");
  EXPECT_EQ(row.Real(1), 42.0);
  EXPECT_EQ(row.Int(2), 2);
  EXPECT_EQ(row.Text(2), "2.5");
  EXPECT_EQ(row.Int(3), 17);
  EXPECT_EQ(row.Real(3), 17.0);
  EXPECT_TRUE(row.Bool(4));
  EXPECT_EQ(row.Int(5), 12);
  EXPECT_EQ(row.Real(5), 12.75);
  EXPECT_EQ(row.Bytes(6), std::string("a\0b", 3));
  EXPECT_EQ(row.Bytes(3), "17");
}

TEST(RedactTest, DropsPasswords) {
  EXPECT_EQ(RedactPostgresUrl("postgresql://app:s3cret@db.example:5432/fugong?sslmode=require"),
            "postgresql://app@db.example:5432/fugong?sslmode=require");
  EXPECT_EQ(RedactPostgresUrl("postgres://host/db?password=x&application_name=y"),
            "postgres://host/db?application_name=y");
  EXPECT_EQ(RedactPostgresUrl("postgresql://postgres@127.0.0.1:5433/fugong_test"),
            "postgresql://postgres@127.0.0.1:5433/fugong_test");
}

TEST(OpenTest, SqliteUrlsAndMemory) {
  auto mem = Database::Open(":memory:");
  ASSERT_TRUE(mem.ok()) << mem.status().ToString();
  Database& db = **mem;
  EXPECT_EQ(db.engine(), Engine::kSqlite);
  EXPECT_EQ(db.Describe(), "sqlite::memory:");
  ASSERT_TRUE(db.WithConnection([](Connection& c) {
                  return c.ExecScript("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (7);");
                }).ok());
  // A second acquisition sees the same in-memory database.
  ASSERT_TRUE(db.WithConnection([](Connection& c) -> Status {
                  ASSIGN_OR_RETURN(Row row, c.One("SELECT x FROM t"));
                  EXPECT_EQ(row.Int(0), 7);
                  return Status();
                }).ok());

  std::string tmpl = testing::TempDir() + "fugong_open_XXXXXX";
  ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
  auto file = Database::Open("sqlite:" + tmpl + "/a.db");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ((*file)->Describe(), "sqlite:" + tmpl + "/a.db");
  auto plain = Database::Open(tmpl + "/b.db");
  ASSERT_TRUE(plain.ok());
  EXPECT_TRUE(std::filesystem::exists(tmpl + "/b.db"));
  auto bad = Database::Open(tmpl + "/missing/dir/c.db");
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().kind(), ErrorKind::kUnavailable);
  std::filesystem::remove_all(tmpl);
}

TEST(ExpandTokensTest, PerEngine) {
  EXPECT_EQ(ExpandTokens("id {{id}}, b {{blob}}, r {{real}}, {{other}}", Engine::kSqlite),
            "id INTEGER PRIMARY KEY AUTOINCREMENT, b BLOB, r REAL, {{other}}");
  EXPECT_EQ(ExpandTokens("{{id}}{{blob}}{{real}}", Engine::kPostgres),
            "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEYBYTEADOUBLE PRECISION");
}

TEST_P(DatabaseTest, RoundTripsEveryValueType) {
  Schema("CREATE TABLE vals (id {{id}}, i BIGINT, r {{real}}, s TEXT, b {{blob}})");
  std::string all_bytes;
  for (int c = 0; c < 256; ++c) all_bytes += static_cast<char>(c);
  const std::vector<Params> cases = {
      {Int(0), Real(0.0), Text(""), Value(Blob{})},
      {Int(INT64_MIN), Real(0.1 + 0.2), Text("复工复产：企业✓ 'quoted' \"double\" ?"),
       Value(Blob{all_bytes})},
      {Int(INT64_MAX), Real(-1.7976931348623157e308), Text("a"), Value(Blob{std::string(3, '\0')})},
      {Int(-1), Real(5e-324), Text(std::string(100000, 'x')), Value(Blob{"\\x00"})},
      {Null(), Null(), Null(), Null()},
  };
  for (const Params& p : cases) {
    auto inserted = Query("INSERT INTO vals (i, r, s, b) VALUES (?, ?, ?, ?) RETURNING id", p);
    ASSERT_TRUE(inserted.ok()) << inserted.status().ToString();
    ASSERT_EQ(inserted->rows.size(), 1u);
    int64_t id = inserted->rows[0].Int(0);
    auto got = Query("SELECT i, r, s, b FROM vals WHERE id = ?", {Int(id)});
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    ASSERT_EQ(got->rows.size(), 1u);
    const Row& row = got->rows[0];
    for (size_t c = 0; c < p.size(); ++c) EXPECT_EQ(row.at(c), p[c]) << "column " << c;
  }
  auto cols = Query("SELECT i AS first, s AS second FROM vals WHERE 0 = 1");
  ASSERT_TRUE(cols.ok());
  EXPECT_EQ(cols->columns, (std::vector<std::string>{"first", "second"}));
  EXPECT_TRUE(cols->rows.empty());

  // Untyped expressions come back readable through the lenient accessors.
  auto loose = Query("SELECT ?, ?, ?, ? IS NULL", {Text("42"), Text("2.5"), Int(7), Int(1)});
  ASSERT_TRUE(loose.ok()) << loose.status().ToString();
  EXPECT_EQ(loose->rows[0].Int(0), 42);
  EXPECT_EQ(loose->rows[0].Real(1), 2.5);
  EXPECT_EQ(loose->rows[0].Text(2), "7");
  EXPECT_FALSE(loose->rows[0].Bool(3));
}

// The spellings that work on both engines where PostgreSQL needs a type the
// context does not give (see pg_database.h).
TEST_P(DatabaseTest, PortableParameterIdioms) {
  Schema("CREATE TABLE regions (code TEXT PRIMARY KEY, level INTEGER NOT NULL)");
  ASSERT_TRUE(Exec("INSERT INTO regions (code, level) VALUES (?, ?), (?, ?)",
                   {Text("220000"), Int(1), Text("222401"), Int(3)})
                  .ok());
  // Optional filter: the parameter tested for NULL carries a cast.
  const char* filter =
      "SELECT COUNT(*) FROM regions WHERE (CAST(? AS TEXT) IS NULL OR code = ?) "
      "AND (CAST(? AS INTEGER) IS NULL OR level = ?)";
  auto all = Query(filter, {Null(), Null(), Null(), Null()});
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(all->rows[0].Int(0), 2);
  auto one = Query(filter, {Text("222401"), Text("222401"), Int(3), Int(3)});
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  EXPECT_EQ(one->rows[0].Int(0), 1);
  // Functions with int4 arguments: integers are sent as int8, so cast.
  auto prefix =
      Query("SELECT substr(code, 1, CAST(? AS INTEGER)) FROM regions ORDER BY code", {Int(2)});
  ASSERT_TRUE(prefix.ok()) << prefix.status().ToString();
  EXPECT_EQ(prefix->rows[0].Text(0), "22");
  // Integer arithmetic on big values stays 64-bit.
  auto big = Query("SELECT ? + 1, level FROM regions WHERE level = ? LIMIT ? OFFSET ?",
                   {Int(int64_t{1} << 40), Int(1), Int(10), Int(0)});
  ASSERT_TRUE(big.ok()) << big.status().ToString();
  EXPECT_EQ(big->rows[0].Int(0), (int64_t{1} << 40) + 1);
  // Case-insensitive search as the architecture spells it.
  auto like = Query("SELECT COUNT(*) FROM regions WHERE lower(code) LIKE lower(?)", {Text("22%")});
  ASSERT_TRUE(like.ok()) << like.status().ToString();
  EXPECT_EQ(like->rows[0].Int(0), 2);
}

TEST_P(DatabaseTest, RefusesNulInText) {
  Schema("CREATE TABLE t (s TEXT)");
  Status st = Exec("INSERT INTO t (s) VALUES (?)", {Text(std::string("a\0b", 3))});
  EXPECT_EQ(st.kind(), ErrorKind::kInvalidArgument) << st.ToString();
  EXPECT_EQ(st.code(), "invalid_text");
}

TEST_P(DatabaseTest, InsertReturningAndAffectedCounts) {
  Schema("CREATE TABLE items (id {{id}}, name TEXT NOT NULL, qty INTEGER NOT NULL DEFAULT 0)");
  int64_t last = 0;
  for (int i = 0; i < 3; ++i) {
    Status st = db_->WithConnection([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Row row, c.One("INSERT INTO items (name) VALUES (?) RETURNING id, name",
                                      {Text("口罩" + std::to_string(i))}));
      EXPECT_GT(row.Int(0), last);
      last = row.Int(0);
      EXPECT_EQ(row.Text(1), "口罩" + std::to_string(i));
      return Status();
    });
    ASSERT_TRUE(st.ok()) << st.ToString();
  }
  auto upd = Query("UPDATE items SET qty = qty + ? WHERE id <= ?", {Int(5), Int(last)});
  ASSERT_TRUE(upd.ok());
  EXPECT_EQ(upd->affected, 3);
  auto sel = Query("SELECT id FROM items");
  ASSERT_TRUE(sel.ok());
  EXPECT_EQ(sel->affected, 0);
  auto del = Query("DELETE FROM items WHERE id = ?", {Int(last)});
  ASSERT_TRUE(del.ok());
  EXPECT_EQ(del->affected, 1);

  Status none = db_->WithConnection([](Connection& c) -> Status {
    auto missing = c.One("SELECT id FROM items WHERE id = ?", {Int(-1)});
    EXPECT_EQ(missing.status().kind(), ErrorKind::kNotFound);
    ASSIGN_OR_RETURN(std::optional<Row> opt,
                     c.Optional("SELECT id FROM items WHERE id = ?", {Int(-1)}));
    EXPECT_FALSE(opt.has_value());
    return Status();
  });
  EXPECT_TRUE(none.ok()) << none.ToString();
}

TEST_P(DatabaseTest, OnConflictDoUpdate) {
  Schema("CREATE TABLE counters (name TEXT PRIMARY KEY, n INTEGER NOT NULL)");
  const char* upsert =
      "INSERT INTO counters (name, n) VALUES (?, ?) "
      "ON CONFLICT (name) DO UPDATE SET n = counters.n + excluded.n RETURNING n";
  for (int i = 1; i <= 3; ++i) {
    auto r = Query(upsert, {Text("打卡"), Int(10)});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->rows.at(0).Int(0), 10 * i);
    EXPECT_EQ(r->affected, 1);
  }
  EXPECT_EQ(Count("counters"), 1);
}

TEST_P(DatabaseTest, RollbackLeavesNothing) {
  Schema("CREATE TABLE t (x INTEGER)");
  Status failed = db_->Transact([](Connection& c) -> Status {
    RETURN_IF_ERROR(c.Exec("INSERT INTO t (x) VALUES (?)", {Int(1)}));
    RETURN_IF_ERROR(c.Exec("INSERT INTO t (x) VALUES (?)", {Int(2)}));
    return InvalidArgument("x", "nope", "不行", "nope");
  });
  EXPECT_EQ(failed.code(), "nope");
  EXPECT_EQ(Count("t"), 0);

  EXPECT_THROW(db_->Transact([](Connection& c) -> Status {
    EXPECT_TRUE(c.Exec("INSERT INTO t (x) VALUES (?)", {Int(3)}).ok());
    throw std::runtime_error("boom");
  }),
               std::runtime_error);
  EXPECT_EQ(Count("t"), 0);

  Status ok =
      db_->Transact([](Connection& c) { return c.Exec("INSERT INTO t (x) VALUES (?)", {Int(4)}); });
  EXPECT_TRUE(ok.ok()) << ok.ToString();
  EXPECT_EQ(Count("t"), 1);

  // A connection handed back with its transaction open is cleaned up.
  {
    auto conn = db_->Acquire();
    ASSERT_TRUE(conn.ok());
    ASSERT_TRUE((*conn)->Begin().ok());
    ASSERT_TRUE((*conn)->Exec("INSERT INTO t (x) VALUES (?)", {Int(5)}).ok());
  }
  EXPECT_EQ(Count("t"), 1);
  EXPECT_TRUE(Exec("INSERT INTO t (x) VALUES (?)", {Int(6)}).ok());  // the write lock was freed
  EXPECT_EQ(Count("t"), 2);
}

TEST_P(DatabaseTest, ConstraintViolationsAreConflicts) {
  Schema(
      "CREATE TABLE users (id {{id}}, username TEXT NOT NULL UNIQUE);"
      "CREATE TABLE roles (user_id BIGINT NOT NULL REFERENCES users(id), role TEXT NOT NULL)");
  ASSERT_TRUE(Exec("INSERT INTO users (username) VALUES (?)", {Text("alice-13904319810")}).ok());
  Status dup = Exec("INSERT INTO users (username) VALUES (?)", {Text("alice-13904319810")});
  EXPECT_EQ(dup.kind(), ErrorKind::kConflict) << dup.ToString();
  EXPECT_EQ(dup.code(), "conflict");
  // The message names the constraint, never the value (personal data).
  EXPECT_EQ(dup.message_en().find("13904319810"), std::string::npos) << dup.message_en();

  Status fk = Exec("INSERT INTO roles (user_id, role) VALUES (?, ?)", {Int(999), Text("admin")});
  EXPECT_EQ(fk.kind(), ErrorKind::kConflict) << fk.ToString();
  Status not_null = Exec("INSERT INTO users (username) VALUES (?)", {Null()});
  EXPECT_EQ(not_null.kind(), ErrorKind::kConflict) << not_null.ToString();

  // Inside a transaction the conflict comes back and everything is undone.
  Status tx = db_->Transact([](Connection& c) -> Status {
    RETURN_IF_ERROR(c.Exec("INSERT INTO users (username) VALUES (?)", {Text("bob")}));
    return c.Exec("INSERT INTO users (username) VALUES (?)", {Text("alice-13904319810")});
  });
  EXPECT_EQ(tx.kind(), ErrorKind::kConflict);
  EXPECT_EQ(Count("users"), 1);

  Status syntax = Exec("SELEKT 1");
  EXPECT_EQ(syntax.kind(), ErrorKind::kInternal);
}

TEST_P(DatabaseTest, ForEachStreamsAndStopsEarly) {
  Schema("CREATE TABLE nums (n INTEGER NOT NULL)");
  ASSERT_TRUE(Exec("WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq "
                   "WHERE n < ?) INSERT INTO nums (n) SELECT n FROM seq",
                   {Int(20000)})
                  .ok());
  Status st = db_->WithConnection([](Connection& c) -> Status {
    int64_t count = 0, sum = 0;
    RETURN_IF_ERROR(
        c.ForEach("SELECT n FROM nums WHERE n > ? ORDER BY n", {Int(0)}, [&](const Row& row) {
          ++count;
          sum += row.Int(0);
          return Status();
        }));
    EXPECT_EQ(count, 20000);
    EXPECT_EQ(sum, int64_t{20000} * 20001 / 2);

    int seen = 0;
    Status stop = c.ForEach("SELECT n FROM nums ORDER BY n", {}, [&](const Row& row) {
      EXPECT_EQ(row.Int(0), ++seen);
      return seen == 10 ? Status(ErrorKind::kTooLarge, "stop", "停", "stop") : Status();
    });
    EXPECT_EQ(stop.code(), "stop");
    EXPECT_EQ(seen, 10);
    // The connection is usable right after an early stop, from a long result
    // (PostgreSQL resets the connection) or a short one (the rest is read).
    ASSIGN_OR_RETURN(Row row, c.One("SELECT COUNT(*) FROM nums"));
    EXPECT_EQ(row.Int(0), 20000);
    seen = 0;
    stop = c.ForEach("SELECT n FROM nums WHERE n <= ? ORDER BY n", {Int(100)}, [&](const Row&) {
      return ++seen == 3 ? Status(ErrorKind::kTooLarge, "stop", "停", "stop") : Status();
    });
    EXPECT_EQ(stop.code(), "stop");
    ASSIGN_OR_RETURN(row, c.One("SELECT COUNT(*) FROM nums WHERE n <= ?", {Int(100)}));
    EXPECT_EQ(row.Int(0), 100);

    // Re-entering the connection from its own callback is refused on both
    // engines (libpq cannot do it).
    Status nested =
        c.ForEach("SELECT n FROM nums", {}, [&](const Row&) { return c.Exec("SELECT 1"); });
    EXPECT_EQ(nested.kind(), ErrorKind::kInternal);
    return c.Exec("SELECT 1");
  });
  EXPECT_TRUE(st.ok()) << st.ToString();

  // Early stop inside a transaction keeps the transaction alive.
  Status tx = db_->Transact([](Connection& c) -> Status {
    int seen = 0;
    Status stop = c.ForEach("SELECT n FROM nums ORDER BY n", {}, [&](const Row&) {
      return ++seen == 5 ? Status(ErrorKind::kTooLarge, "stop", "停", "stop") : Status();
    });
    EXPECT_EQ(stop.code(), "stop");
    return c.Exec("DELETE FROM nums WHERE n <= ?", {Int(seen)});
  });
  EXPECT_TRUE(tx.ok()) << tx.ToString();
  EXPECT_EQ(Count("nums"), 19995);

  // An exception from the callback propagates, rolls back, and leaves the
  // pooled connections usable.
  EXPECT_THROW(db_->Transact([](Connection& c) -> Status {
    RETURN_IF_ERROR(c.Exec("DELETE FROM nums WHERE n > ?", {Int(100)}));
    return c.ForEach("SELECT n FROM nums ORDER BY n", {},
                     [](const Row&) -> Status { throw std::runtime_error("callback failed"); });
  }),
               std::runtime_error);
  EXPECT_EQ(Count("nums"), 19995);

  // Errors during the statement come back.
  Status bad = db_->WithConnection([](Connection& c) {
    return c.ForEach("SELECT n FROM no_such_table", {}, [](const Row&) { return Status(); });
  });
  EXPECT_EQ(bad.kind(), ErrorKind::kInternal);
}

std::vector<Migration> TestMigrations() {
  return {
      {2, "second", "CREATE TABLE m_b (x TEXT); INSERT INTO m_b (x) VALUES ('迁移 ''?''');"},
      {1, "first",
       "-- comment only line\nCREATE TABLE m_a (id {{id}}, data {{blob}}, r {{real}});"},
  };
}

TEST_P(DatabaseTest, MigrateIsIdempotentAndAtomic) {
  std::vector<Migration> migrations = TestMigrations();
  auto first = Migrate(*db_, migrations);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(*first, 2);
  auto again = Migrate(*db_, migrations);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(*again, 0);
  auto rows = Query("SELECT version, name, applied_at FROM schema_migrations ORDER BY version");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->rows.size(), 2u);
  EXPECT_EQ(rows->rows[0].Int(0), 1);
  EXPECT_EQ(rows->rows[0].Text(1), "first");
  EXPECT_EQ(rows->rows[1].Text(1), "second");
  EXPECT_FALSE(rows->rows[1].Text(2).empty());
  auto text = Query("SELECT x FROM m_b");
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text->rows.at(0).Text(0), "迁移 '?'");

  // A failing script is undone entirely and not recorded; later ones wait.
  migrations.push_back({3, "broken", "CREATE TABLE m_c (x TEXT); CREATE TABLE m_d (;"});
  migrations.push_back({4, "after", "CREATE TABLE m_e (x TEXT);"});
  auto broken = Migrate(*db_, migrations);
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.status().message_en().find("migration 3 broken"), std::string::npos)
      << broken.status().ToString();
  EXPECT_FALSE(Exec("SELECT * FROM m_c").ok());
  EXPECT_EQ(Count("schema_migrations"), 2);

  migrations[2].sql = "CREATE TABLE m_c (x TEXT);";
  auto fixed = Migrate(*db_, migrations);
  ASSERT_TRUE(fixed.ok()) << fixed.status().ToString();
  EXPECT_EQ(*fixed, 2);

  migrations.push_back({4, "duplicate", "SELECT 1;"});
  EXPECT_FALSE(Migrate(*db_, migrations).ok());
}

TEST_P(DatabaseTest, ConcurrentMigratorsApplyOnce) {
  // Several servers starting together, each with its own pool.
  std::vector<std::unique_ptr<Database>> servers;
  for (int i = 0; i < 3; ++i) {
    auto db = Database::Open(url_, 2);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    servers.push_back(std::move(db).value());
  }
  std::atomic<int> applied{0}, failures{0};
  std::vector<std::thread> threads;
  for (auto& server : servers) {
    threads.emplace_back([&, db = server.get()] {
      auto r = Migrate(*db, TestMigrations());
      if (r.ok()) {
        applied += *r;
      } else {
        ++failures;
        ADD_FAILURE() << r.status().ToString();
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(applied, 2);
  EXPECT_EQ(Count("schema_migrations"), 2);
}

TEST_P(DatabaseTest, BuiltinMigrationsApply) {
  auto first = Migrate(*db_);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(*first, static_cast<int>(BuiltinMigrations().size()));
  auto again = Migrate(*db_);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(*again, 0);
  for (size_t i = 1; i < BuiltinMigrations().size(); ++i) {
    EXPECT_LT(BuiltinMigrations()[i - 1].version, BuiltinMigrations()[i].version);
  }
}

TEST_P(DatabaseTest, ConcurrentWritersLoseNothing) {
  Schema(
      "CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);"
      "CREATE TABLE events (id {{id}}, thread INTEGER NOT NULL, seq INTEGER NOT NULL,"
      " counter_value INTEGER NOT NULL UNIQUE);"
      "CREATE TABLE singles (thread INTEGER NOT NULL, seq INTEGER NOT NULL);"
      "INSERT INTO counter (id, n) VALUES (1, 0);");
  constexpr int kThreads = 4;
  constexpr int kTransactions = 100;
  constexpr int kSingles = 50;
  std::atomic<int> errors{0};
  std::atomic<bool> done{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kTransactions; ++i) {
        // The portable read-modify-write: one UPDATE ... RETURNING. (SELECT
        // then UPDATE is safe on SQLite, whose writers are serialised, but
        // loses updates on PostgreSQL under READ COMMITTED.)
        Status st = db_->Transact([&](Connection& c) -> Status {
          ASSIGN_OR_RETURN(Row row, c.One("UPDATE counter SET n = n + 1 WHERE id = 1 RETURNING n"));
          int64_t next = row.Int(0);
          return c.Exec("INSERT INTO events (thread, seq, counter_value) VALUES (?, ?, ?)",
                        {Int(t), Int(i), Int(next)});
        });
        if (!st.ok()) {
          ++errors;
          ADD_FAILURE() << st.ToString();
        }
        if (i < kSingles) {  // autocommit writes between the transactions
          Status single =
              Run(*db_, "INSERT INTO singles (thread, seq) VALUES (?, ?)", {Int(t), Int(i)});
          if (!single.ok()) {
            ++errors;
            ADD_FAILURE() << single.ToString();
          }
        }
      }
    });
  }
  // A reader alongside: WAL lets it run while writers hold the lock.
  std::thread reader([&] {
    while (!done) {
      auto r = Query("SELECT COUNT(*) FROM events");
      if (!r.ok()) {
        ++errors;
        ADD_FAILURE() << r.status().ToString();
      }
    }
  });
  for (auto& th : threads) th.join();
  done = true;
  reader.join();
  EXPECT_EQ(errors, 0);
  EXPECT_EQ(Count("events"), kThreads * kTransactions);
  EXPECT_EQ(Count("singles"), kThreads * kSingles);
  auto n = Query("SELECT n FROM counter WHERE id = 1");
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->rows.at(0).Int(0), kThreads * kTransactions);
}

TEST_P(DatabaseTest, PostgresCommitOfAbortedTransactionFails) {
  if (GetParam() != Engine::kPostgres) GTEST_SKIP() << "PostgreSQL behaviour";
  Schema("CREATE TABLE t (x INTEGER PRIMARY KEY)");
  ASSERT_TRUE(Exec("INSERT INTO t (x) VALUES (1)").ok());
  Status st = db_->Transact([](Connection& c) -> Status {
    EXPECT_TRUE(c.Exec("INSERT INTO t (x) VALUES (2)").ok());
    Status dup = c.Exec("INSERT INTO t (x) VALUES (1)");
    EXPECT_EQ(dup.kind(), ErrorKind::kConflict);
    return Status();  // swallowed: PostgreSQL has aborted the transaction
  });
  EXPECT_EQ(st.kind(), ErrorKind::kInternal) << st.ToString();
  EXPECT_EQ(Count("t"), 1);
}

TEST_P(DatabaseTest, PostgresReconnectsAfterConnectionLoss) {
  if (GetParam() != Engine::kPostgres) GTEST_SKIP() << "PostgreSQL behaviour";
  auto single = Database::Open(url_, 1);
  ASSERT_TRUE(single.ok());
  Database& db = **single;
  int64_t pid = 0;
  ASSERT_TRUE(db.WithConnection([&](Connection& c) -> Status {
                  ASSIGN_OR_RETURN(Row row, c.One("SELECT pg_backend_pid()"));
                  pid = row.Int(0);
                  return Status();
                }).ok());
  // The server drops the idle pooled connection (restart, idle timeout, admin).
  ASSERT_TRUE(
      Run(*admin_, "SELECT pg_terminate_backend(CAST(? AS INTEGER), 5000)", {Int(pid)}).ok());
  Status st = db.WithConnection([&](Connection& c) -> Status {
    ASSIGN_OR_RETURN(Row row, c.One("SELECT pg_backend_pid()"));
    EXPECT_NE(row.Int(0), pid);
    return Status();
  });
  EXPECT_TRUE(st.ok()) << st.ToString();

  // Lost while in use: the statement fails as unavailable, the next works.
  ASSERT_TRUE(db.WithConnection([&](Connection& c) -> Status {
                  ASSIGN_OR_RETURN(Row row, c.One("SELECT pg_backend_pid()"));
                  pid = row.Int(0);
                  EXPECT_TRUE(Run(*admin_, "SELECT pg_terminate_backend(CAST(? AS INTEGER), 5000)",
                                  {Int(pid)})
                                  .ok());
                  Status lost = c.Exec("SELECT 1");
                  EXPECT_EQ(lost.kind(), ErrorKind::kUnavailable) << lost.ToString();
                  return Status();
                }).ok());
  EXPECT_TRUE(Run(db, "SELECT 1").ok());
}

}  // namespace
}  // namespace fugong::db
