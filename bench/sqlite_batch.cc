// Ceiling for the gate check-in benchmark (bench/checkin.mjs): raw SQLite
// inserts into a table shaped like entry_logs (same columns, same index),
// batched in transactions, WAL mode with synchronous=NORMAL as the server
// runs it. Prints rows per second.
//
//   g++ -O2 -std=c++20 bench/sqlite_batch.cc -lsqlite3 -o /tmp/sqlite_batch
//   /tmp/sqlite_batch DB_PATH [ROWS] [BATCH]
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

void Check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    std::fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
    std::exit(1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DB_PATH [ROWS] [BATCH]\n", argv[0]);
    return 2;
  }
  const long rows = argc > 2 ? std::atol(argv[2]) : 1'000'000;
  const long batch = argc > 3 ? std::atol(argv[3]) : 1000;
  sqlite3* db = nullptr;
  Check(sqlite3_open(argv[1], &db), db, "open");
  Check(
      sqlite3_exec(db,
                   "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                   "CREATE TABLE IF NOT EXISTS entry_logs (id INTEGER PRIMARY KEY AUTOINCREMENT,"
                   " enterprise_id BIGINT NOT NULL, region_code TEXT NOT NULL,"
                   " province_code TEXT NOT NULL, city_code TEXT, county_code TEXT, town_code TEXT,"
                   " site_id BIGINT NOT NULL, day TEXT NOT NULL, at TEXT NOT NULL,"
                   " person_kind TEXT NOT NULL, employee_id BIGINT, visitor_name TEXT,"
                   " visitor_phone_cipher BLOB, visitor_phone_masked TEXT, visitor_id_cipher BLOB,"
                   " visitor_id_masked TEXT, visitor_host TEXT, visitor_reason TEXT,"
                   " temperature REAL NOT NULL, decision TEXT NOT NULL,"
                   " reasons TEXT NOT NULL DEFAULT '', verifier_id BIGINT);"
                   "CREATE INDEX IF NOT EXISTS entry_logs_site_day ON entry_logs(site_id, day);",
                   nullptr, nullptr, nullptr),
      db, "schema");
  sqlite3_stmt* stmt = nullptr;
  Check(sqlite3_prepare_v2(db,
                           "INSERT INTO entry_logs (enterprise_id, region_code, province_code,"
                           " city_code, county_code, town_code, site_id, day, at, person_kind,"
                           " employee_id, temperature, decision, reasons, verifier_id)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           -1, &stmt, nullptr),
        db, "prepare");
  auto start = std::chrono::steady_clock::now();
  for (long done = 0; done < rows;) {
    Check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
    for (long i = 0; i < batch && done < rows; ++i, ++done) {
      sqlite3_bind_int64(stmt, 1, 1);
      sqlite3_bind_text(stmt, 2, "220202", -1, SQLITE_STATIC);
      sqlite3_bind_text(stmt, 3, "220000", -1, SQLITE_STATIC);
      sqlite3_bind_text(stmt, 4, "220200", -1, SQLITE_STATIC);
      sqlite3_bind_text(stmt, 5, "220202", -1, SQLITE_STATIC);
      sqlite3_bind_null(stmt, 6);
      sqlite3_bind_int64(stmt, 7, 1);
      sqlite3_bind_text(stmt, 8, "2020-02-10", -1, SQLITE_STATIC);
      sqlite3_bind_text(stmt, 9, "2020-02-10T08:00:00+08:00", -1, SQLITE_STATIC);
      sqlite3_bind_text(stmt, 10, "employee", -1, SQLITE_STATIC);
      sqlite3_bind_int64(stmt, 11, done % 50000 + 1);
      sqlite3_bind_double(stmt, 12, 36.5);
      sqlite3_bind_text(stmt, 13, "admit", -1, SQLITE_STATIC);
      sqlite3_bind_text(stmt, 14, "", -1, SQLITE_STATIC);
      sqlite3_bind_int64(stmt, 15, 3);
      Check(sqlite3_step(stmt), db, "insert");
      sqlite3_reset(stmt);
    }
    Check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%.0f\n", rows / seconds);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return 0;
}
