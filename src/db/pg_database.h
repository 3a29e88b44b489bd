// The PostgreSQL engine: a pool of libpq connections to one server.
//
// Statements are rewritten from `?` to $1..$n and sent with PQexecParams
// (parse, bind and execute in one round trip, and a plan fitted to the actual
// values). Parameters: integers as int8 and doubles as float8 in exact
// shortest text form, text as type "unknown" so the server takes the type
// from the context (a TEXT, DATE or INTEGER column alike), NULL untyped, blobs
// as binary bytea. Results arrive as text and are converted by column type:
// int2/4/8 and bool -> int64, float4/8 -> double, bytea -> Blob, anything else
// (numeric, text, ...) stays text, which Row parses on demand.
//
// ForEach streams in single-row mode. After an early stop the remaining rows
// are read and dropped; a plain SELECT outside a transaction with more than
// 10^4 rows left is ended by resetting the connection instead (the caller can
// go on using it).
//
// Errors: SQLSTATE class 23 (unique, foreign key, check, not null) ->
// kConflict "conflict"; class 40 (serialisation failure, deadlock), 55P03 and
// 57014 -> kUnavailable "db_busy"; a lost connection -> kUnavailable
// "db_unavailable" (the pool reconnects on the next Acquire); anything else ->
// kInternal. Messages carry the server's primary message only: its DETAIL
// repeats the offending values, which may be personal data.
//
// Portability notes for SQL authors (both spellings work on SQLite too):
//   - a parameter whose type the context does not fix needs a cast:
//     `(CAST(? AS TEXT) IS NULL OR code = ?)`;
//   - integers are int8, so functions taking int4 need
//     `substr(code, 1, CAST(? AS INTEGER))`;
//   - after an error inside a transaction PostgreSQL refuses every further
//     statement until ROLLBACK, and COMMIT then fails: do not try a statement
//     and recover from its failure inside a transaction, use ON CONFLICT;
//   - SELECT then UPDATE of the same row loses updates under concurrency (READ
//     COMMITTED); write `UPDATE ... SET n = n + 1 ... RETURNING n`.
//
// Thread-safety: as for Database; PgDatabase is thread-safe, each connection
// is used by one thread at a time.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "db/database.h"

namespace fugong::db {

// Connects to the server named by `url` ("postgresql://user@host:port/db").
Result<std::unique_ptr<Database>> OpenPostgres(const std::string& url, int pool_size);

// `url` with any password removed, for logs and Describe().
std::string RedactPostgresUrl(const std::string& url);

}  // namespace fugong::db
