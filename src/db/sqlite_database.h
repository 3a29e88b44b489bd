// The SQLite engine: a pool of sqlite3 connections on one database file,
// each in WAL mode (readers never block the writer) with synchronous=NORMAL,
// foreign keys on, a 10 s busy timeout and a cache of prepared statements
// keyed by SQL text.
//
// Writers are serialised twice: inside the process by a write gate (a waiting
// writer is woken as soon as the previous one commits, instead of polling
// in SQLite's busy handler with sleeps of up to 100 ms), and across processes
// (a CLI import next to the server) by `BEGIN IMMEDIATE` plus the busy
// timeout. Taking the write lock at BEGIN means a transaction never fails
// half-way with SQLITE_BUSY when it upgrades from reading to writing.
//
// ":memory:" opens one private in-memory database served by a single
// connection (a shared-cache database would fail concurrent writers with
// SQLITE_LOCKED, which the busy timeout does not cover); nested Acquire()
// calls on it wait and then fail with kUnavailable.
//
// Errors: constraint violations -> kConflict "conflict"; SQLITE_BUSY/LOCKED
// after the timeout -> kUnavailable "db_busy"; everything else -> kInternal
// with SQLite's message, which names tables and columns but never values.
//
// Thread-safety: as for Database; SqliteDatabase is thread-safe, each
// connection is used by one thread at a time.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "db/database.h"

namespace fugong::db {

// Opens (creating if needed) the SQLite database at `path`.
Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path, int pool_size);

}  // namespace fugong::db
