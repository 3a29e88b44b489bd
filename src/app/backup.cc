#include "app/backup.h"

#include <fcntl.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/json_util.h"
#include "db/database.h"
#include "db/migrator.h"
#include "modules/workforce/keys.h"

extern char** environ;

namespace fugong::app {
namespace {

constexpr const char* kFormat = "fugong-backup";
constexpr const char* kSqliteEntry = "fugong.db";
constexpr const char* kPgEntry = "fugong.pgdump";
constexpr const char* kKeyEntry = "fugong.key";
constexpr const char* kManifestEntry = "manifest.json";

Status Fail(const std::string& code, const std::string& zh, const std::string& en) {
  return Status(ErrorKind::kConflict, code, zh, en);
}

bool IsPostgres(const std::string& url) {
  return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

std::string SqlitePath(std::string url) {
  if (url.rfind("sqlite:", 0) == 0) url = url.substr(7);
  if (url.rfind("//", 0) == 0) url = url.substr(2);
  return url;
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail("file_unreadable", "无法读取 " + path, "cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Writes `data` to `path` with mode 0600 through a temporary file and rename.
Status WritePrivate(const std::string& path, const std::string& data) {
  std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Fail("file_unwritable", "无法写入 " + path, "cannot write " + path);
  bool ok = ::write(fd, data.data(), data.size()) == ssize_t(data.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return Fail("file_unwritable", "无法写入 " + path, "cannot write " + path);
  }
  return Status::Ok();
}

// Runs a program (no shell) and waits; its output goes to ours.
Status Run(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, args[0], nullptr, nullptr, args.data(), environ) != 0)
    return Fail("tool_missing", argv[0] + " 无法运行", "cannot run " + argv[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return Fail("tool_failed", argv[0] + " 执行失败", argv[0] + " failed");
  return Status::Ok();
}

int BuiltinSchemaVersion() {
  const auto& m = db::BuiltinMigrations();
  return m.empty() ? 0 : m.back().version;
}

// ---- SQLite ----

// Owns one connection; moves hand it over (a copy would close it twice).
struct SqliteHandle {
  sqlite3* db = nullptr;
  SqliteHandle() = default;
  SqliteHandle(SqliteHandle&& o) noexcept : db(std::exchange(o.db, nullptr)) {}
  SqliteHandle& operator=(SqliteHandle&&) = delete;
  SqliteHandle(const SqliteHandle&) = delete;
  ~SqliteHandle() {
    if (db) sqlite3_close_v2(db);
  }
};

Status SqliteError(sqlite3* db, const std::string& what) {
  return Fail("sqlite_error", what + ": " + sqlite3_errmsg(db), what + ": " + sqlite3_errmsg(db));
}

Result<SqliteHandle> OpenSqliteFile(const std::string& path, int flags) {
  SqliteHandle h;
  if (sqlite3_open_v2(path.c_str(), &h.db, flags, nullptr) != SQLITE_OK)
    return SqliteError(h.db, "cannot open " + path);
  sqlite3_busy_timeout(h.db, 10000);
  return h;
}

// Copies the whole database `from` into `to` (sqlite3_backup in one step:
// one read transaction on the source, so concurrent writers in WAL mode
// neither block it nor make it restart).
Status SqliteCopy(sqlite3* from, sqlite3* to) {
  sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
  if (!b) return SqliteError(to, "backup");
  int rc;
  for (int tries = 0;; ++tries) {
    rc = sqlite3_backup_step(b, -1);
    if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && tries < 200) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      continue;
    }
    break;
  }
  int finish = sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE)
    return Fail("sqlite_error", std::string("备份失败：") + sqlite3_errstr(rc),
                std::string("backup failed: ") + sqlite3_errstr(rc));
  if (finish != SQLITE_OK) return SqliteError(to, "backup");
  return Status::Ok();
}

Result<std::string> SqliteScalar(sqlite3* db, const char* sql) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) return SqliteError(db, sql);
  std::string out;
  if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
    out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  return out;
}

// integrity_check and the schema version of an SQLite file.
Result<int> VerifySqlite(sqlite3* db) {
  ASSIGN_OR_RETURN(std::string check, SqliteScalar(db, "PRAGMA integrity_check"));
  if (check != "ok")
    return Fail("integrity_failed", "数据库完整性检查未通过：" + check,
                "integrity_check failed: " + check);
  ASSIGN_OR_RETURN(std::string v, SqliteScalar(db, "SELECT MAX(version) FROM schema_migrations"));
  return std::atoi(v.c_str());
}

// A server holds a shared lock on the DMS byte (offset 128) of the -shm file
// while it has the database open in WAL mode; nobody does otherwise.
bool SqliteInUse(const std::string& path) {
  int fd = ::open((path + "-shm").c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) return false;
  struct flock lk {};
  lk.l_type = F_WRLCK;
  lk.l_whence = SEEK_SET;
  lk.l_start = 128;
  lk.l_len = 1;
  bool busy = ::fcntl(fd, F_GETLK, &lk) == 0 && lk.l_type != F_UNLCK;
  ::close(fd);
  return busy;
}

// ---- PostgreSQL ----

Result<int> PgSchemaVersion(db::Connection& c) {
  ASSIGN_OR_RETURN(auto row, c.One("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  return int(row.Int(0));
}

// ---- the archive ----

struct ZipHandle {
  zip_t* z = nullptr;
  ZipHandle() = default;
  ZipHandle(const ZipHandle&) = delete;
  ZipHandle& operator=(const ZipHandle&) = delete;
  ~ZipHandle() {
    if (z) zip_discard(z);
  }
};

Result<std::string> ZipRead(zip_t* z, const char* name) {
  zip_stat_t st;
  if (zip_stat(z, name, 0, &st) != 0)
    return Fail("archive_incomplete", std::string("备份文件缺少 ") + name,
                std::string("the archive has no ") + name);
  zip_file_t* f = zip_fopen(z, name, 0);
  if (!f) return Fail("archive_unreadable", "备份文件无法读取", "cannot read the archive");
  std::string out(st.size, '\0');
  zip_int64_t n = zip_fread(f, out.data(), st.size);
  zip_fclose(f);
  if (n != zip_int64_t(st.size))
    return Fail("archive_unreadable", "备份文件无法读取", "cannot read the archive");
  return out;
}

Status ZipExtract(zip_t* z, const char* name, const std::string& to) {
  zip_file_t* f = zip_fopen(z, name, 0);
  if (!f)
    return Fail("archive_incomplete", std::string("备份文件缺少 ") + name,
                std::string("the archive has no ") + name);
  int fd = ::open(to.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    zip_fclose(f);
    return Fail("file_unwritable", "无法写入 " + to, "cannot write " + to);
  }
  std::vector<char> buf(1 << 20);
  zip_int64_t n;
  bool ok = true;
  while ((n = zip_fread(f, buf.data(), buf.size())) > 0)
    ok = ok && ::write(fd, buf.data(), size_t(n)) == n;
  ok = ok && n == 0 && ::fsync(fd) == 0;
  ::close(fd);
  zip_fclose(f);
  if (!ok) return Fail("archive_unreadable", "备份文件无法读取", "cannot read the archive");
  return Status::Ok();
}

Status WriteArchive(const std::string& out, const std::string& db_file, const char* db_entry,
                    const std::string& key, const json::object& manifest) {
  std::string tmp = out + ".tmp";
  std::filesystem::remove(tmp);
  int err = 0;
  ZipHandle h;
  h.z = zip_open(tmp.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (!h.z) return Fail("file_unwritable", "无法写入 " + out, "cannot write " + out);
  std::string manifest_text = ToJson(manifest);
  auto add_buffer = [&](const char* name, const std::string& data) {
    zip_source_t* s = zip_source_buffer(h.z, data.data(), data.size(), 0);
    return s && zip_file_add(h.z, name, s, ZIP_FL_OVERWRITE) >= 0;
  };
  zip_source_t* dbsrc = zip_source_file(h.z, db_file.c_str(), 0, -1);
  bool ok = add_buffer(kManifestEntry, manifest_text) && add_buffer(kKeyEntry, key) && dbsrc &&
            zip_file_add(h.z, db_entry, dbsrc, ZIP_FL_OVERWRITE) >= 0;
  if (ok && std::string_view(db_entry) == kPgEntry)  // already compressed
    zip_set_file_compression(h.z, zip_name_locate(h.z, db_entry, 0), ZIP_CM_STORE, 0);
  if (!ok || zip_close(h.z) != 0) {
    std::filesystem::remove(tmp);
    return Fail("file_unwritable", "无法写入 " + out, "cannot write " + out);
  }
  h.z = nullptr;
  ::chmod(tmp.c_str(), 0600);
  if (::rename(tmp.c_str(), out.c_str()) != 0)
    return Fail("file_unwritable", "无法写入 " + out, "cannot write " + out);
  return Status::Ok();
}

}  // namespace

Result<BackupInfo> BackupDatabase(const std::string& db_url, const std::string& out) {
  BackupInfo info;
  std::string key_path = workforce::KeyFilePath(db_url);
  ASSIGN_OR_RETURN(std::string key, ReadFile(key_path));
  std::string work = out + ".part";
  std::filesystem::remove(work);
  const char* entry;
  if (IsPostgres(db_url)) {
    info.engine = "postgresql";
    entry = kPgEntry;
    ASSIGN_OR_RETURN(auto db, db::Database::Open(db_url, 1));
    RETURN_IF_ERROR(db->WithConnection([&](db::Connection& c) -> Status {
      ASSIGN_OR_RETURN(info.schema_version, PgSchemaVersion(c));
      return Status::Ok();
    }));
    // One consistent snapshot (pg_dump runs in one repeatable-read transaction).
    RETURN_IF_ERROR(Run({"pg_dump", "--format=custom", "--no-owner", "--no-acl", "--file=" + work,
                         "--dbname=" + db_url}));
  } else {
    info.engine = "sqlite";
    entry = kSqliteEntry;
    std::string path = SqlitePath(db_url);
    if (!std::filesystem::exists(path))
      return Fail("no_database", "数据库不存在：" + path, "no database at " + path);
    ASSIGN_OR_RETURN(auto from, OpenSqliteFile(path, SQLITE_OPEN_READONLY));
    {
      ASSIGN_OR_RETURN(auto to, OpenSqliteFile(work, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
      Status st = SqliteCopy(from.db, to.db);
      if (st.ok()) {
        auto v = VerifySqlite(to.db);
        if (v.ok()) info.schema_version = *v;
        st = v.status();
      }
      if (!st.ok()) {
        std::filesystem::remove(work);
        return st;
      }
    }
    ::chmod(work.c_str(), 0600);
  }
  info.bytes = int64_t(std::filesystem::file_size(work));
  json::object manifest{{"format", kFormat},
                        {"version", 1},
                        {"engine", info.engine},
                        {"schema_version", info.schema_version},
                        {"created_at", NowTimestamp()},
                        {"database", entry},
                        {"database_bytes", info.bytes},
                        {"key", kKeyEntry}};
  Status st = WriteArchive(out, work, entry, key, manifest);
  std::filesystem::remove(work);
  if (!st.ok()) return st;
  return info;
}

Result<BackupInfo> RestoreDatabase(const std::string& archive, const std::string& db_url,
                                   bool force) {
  BackupInfo info;
  int err = 0;
  ZipHandle h;
  h.z = zip_open(archive.c_str(), ZIP_RDONLY, &err);
  if (!h.z)
    return Fail("archive_unreadable", "无法打开备份文件 " + archive, "cannot open " + archive);
  ASSIGN_OR_RETURN(std::string manifest_text, ZipRead(h.z, kManifestEntry));
  json::value manifest;
  boost::system::error_code ec;
  manifest = json::parse(manifest_text, ec);
  if (ec || !manifest.is_object() || !manifest.as_object().contains("format") ||
      manifest.at("format") != kFormat)
    return Fail("archive_invalid", "不是 fugong 备份文件", "not a fugong backup");
  info.engine = std::string(manifest.at("engine").as_string());
  info.schema_version = int(manifest.at("schema_version").to_number<int64_t>());
  bool pg = IsPostgres(db_url);
  if (info.engine != (pg ? "postgresql" : "sqlite"))
    return Fail("engine_mismatch", "备份的数据库类型（" + info.engine + "）与目标不同",
                "the backup is of " + info.engine + ", the target is not");
  if (info.schema_version > BuiltinSchemaVersion())
    return Fail("backup_too_new",
                "备份来自更新版本的 fugong（架构版本 " + std::to_string(info.schema_version) + "）",
                "the backup comes from a newer fugong (schema " +
                    std::to_string(info.schema_version) + ")");
  ASSIGN_OR_RETURN(std::string key, ZipRead(h.z, kKeyEntry));
  std::string key_path = workforce::KeyFilePath(db_url);
  bool key_differs = false;
  if (std::filesystem::exists(key_path)) {
    ASSIGN_OR_RETURN(std::string current, ReadFile(key_path));
    key_differs = current != key;
  }
  if (key_differs && !force)
    return Fail("key_exists", "密钥文件 " + key_path + " 已存在且不同；确认覆盖请加 --force",
                "the key file " + key_path + " exists and differs; add --force to replace it");

  if (pg) {
    ASSIGN_OR_RETURN(auto db, db::Database::Open(db_url, 1));
    RETURN_IF_ERROR(db->WithConnection([&](db::Connection& c) -> Status {
      ASSIGN_OR_RETURN(auto others, c.One("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = "
                                          "current_database() AND pid <> pg_backend_pid()"));
      if (others.Int(0) > 0 && !force)
        return Fail("database_in_use",
                    "目标数据库正在使用（有其他连接）；请先停止服务，或加 --force",
                    "the target database is in use (other connections); stop the server or "
                    "add --force");
      ASSIGN_OR_RETURN(auto tables, c.One("SELECT COUNT(*) FROM information_schema.tables WHERE "
                                          "table_schema = 'public'"));
      if (tables.Int(0) > 0 && !force)
        return Fail("database_exists", "目标数据库不为空；确认覆盖请加 --force",
                    "the target database is not empty; add --force to overwrite it");
      RETURN_IF_ERROR(c.ExecScript("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;"));
      return Status::Ok();
    }));
    std::string dump = std::filesystem::temp_directory_path() /
                       ("fugong-restore-" + std::to_string(::getpid()) + ".pgdump");
    Status st = ZipExtract(h.z, kPgEntry, dump);
    if (st.ok())
      st = Run({"pg_restore", "--no-owner", "--no-acl", "--single-transaction", "--exit-on-error",
                "--dbname=" + db_url, dump});
    info.bytes = std::filesystem::exists(dump) ? int64_t(std::filesystem::file_size(dump)) : 0;
    std::filesystem::remove(dump);
    RETURN_IF_ERROR(st);
    int version = 0;
    RETURN_IF_ERROR(db->WithConnection([&](db::Connection& c) -> Status {
      ASSIGN_OR_RETURN(version, PgSchemaVersion(c));
      return Status::Ok();
    }));
    if (version != info.schema_version)
      return Fail("restore_mismatch", "恢复后的架构版本与备份不符",
                  "the restored schema version differs from the backup's");
  } else {
    std::string path = SqlitePath(db_url);
    if (SqliteInUse(path) && !force)
      return Fail("database_in_use", "目标数据库正在被服务使用；请先停止服务，或加 --force",
                  "the target database is in use by a server; stop it or add --force");
    if (std::filesystem::exists(path) && std::filesystem::file_size(path) > 0 && !force)
      return Fail("database_exists", "目标数据库已存在；确认覆盖请加 --force",
                  "the target database exists; add --force to overwrite it");
    std::string tmp = path + ".restore-tmp";
    RETURN_IF_ERROR(ZipExtract(h.z, kSqliteEntry, tmp));
    info.bytes = int64_t(std::filesystem::file_size(tmp));
    Status st;
    {
      // The extracted copy first: a damaged archive never touches the target.
      auto from = OpenSqliteFile(tmp, SQLITE_OPEN_READWRITE);
      st = from.status();
      if (st.ok()) {
        auto v = VerifySqlite(from->db);
        st = v.status();
        if (st.ok() && *v != info.schema_version)
          st = Fail("restore_mismatch", "备份中的架构版本与清单不符",
                    "the archive's schema version differs from its manifest");
      }
      // Copied into the target through the backup API, which takes the
      // target's locks: connections still open see the new content whole.
      if (st.ok()) {
        auto to = OpenSqliteFile(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        st = to.status();
        if (st.ok()) st = SqliteCopy(from->db, to->db);
        if (st.ok()) {
          auto v = VerifySqlite(to->db);
          st = v.status();
          if (st.ok() && *v != info.schema_version)
            st = Fail("restore_mismatch", "恢复后的架构版本与备份不符",
                      "the restored schema version differs from the backup's");
        }
      }
    }
    std::filesystem::remove(tmp);
    RETURN_IF_ERROR(st);
    ::chmod(path.c_str(), 0600);
  }
  if (key_differs || !std::filesystem::exists(key_path)) {
    if (key_differs) {
      std::error_code fec;
      std::filesystem::copy_file(key_path,
                                 key_path + ".replaced-" + std::to_string(::time(nullptr)), fec);
    }
    RETURN_IF_ERROR(WritePrivate(key_path, key));
  }
  return info;
}

}  // namespace fugong::app
