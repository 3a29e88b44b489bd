// `fugong backup` and `fugong restore` (SPEC §5.1, issue 7): one archive
// (zip, mode 0600) holding the database — a SQLite online backup
// (sqlite3_backup_*, taken while the server runs) or a PostgreSQL pg_dump in
// custom format — the key file that opens its personal data, and a manifest
// (engine, schema version, time). Restore refuses a database in use or an
// existing database or key unless --force, and verifies the result
// (integrity_check on SQLite, the schema version on both).
#pragma once

#include <string>

#include "core/status.h"

namespace fugong::app {

struct BackupInfo {
  std::string engine;  // sqlite | postgresql
  int schema_version = 0;
  int64_t bytes = 0;  // of the database part
};

// Writes the archive `out` of the database at `db_url` and its key file.
Result<BackupInfo> BackupDatabase(const std::string& db_url, const std::string& out);
// Restores `archive` into `db_url` (and its key file).
Result<BackupInfo> RestoreDatabase(const std::string& archive, const std::string& db_url,
                                   bool force);

}  // namespace fugong::app
