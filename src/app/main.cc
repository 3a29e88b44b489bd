// fugong: the one binary. Commands (SPEC §5.1):
//   fugong serve [--db URL] [--port N] [--web DIR]
//   fugong demo [--db URL] [--scale city|province]
//   fugong import enterprises FILE [--db URL]
//   fugong import employees FILE --enterprise USCC [--db URL]
//   fugong import power FILE [--db URL]
//   fugong export enterprises FILE [--db URL] [--region CODE]
//   fugong user add USERNAME --role ROLE [--role ROLE...] [--region CODE] [--enterprise USCC]
//       (password from standard input)
//   fugong migrate [--db URL]
//   fugong backup FILE [--db URL]    (app/backup.h)
//   fugong restore FILE [--db URL] [--force]
//   fugong purge [--dry-run] [--db URL]
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/backup.h"
#include "core/log.h"
#include "system/roles.h"

namespace fugong::app {
namespace {

struct Args {
  std::vector<std::string> positional;
  std::multimap<std::string, std::string> flags;
  std::string Flag(const std::string& name, const std::string& fallback = "") const {
    auto it = flags.find(name);
    return it == flags.end() ? fallback : it->second;
  }
};

bool ParseArgs(int argc, char** argv, Args* out, std::string* error) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--", 0) == 0) {
      std::string name = a.substr(2), value;
      if (auto eq = name.find('='); eq != std::string::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
      } else if (name == "dry-run" || name == "force") {  // switches without a value
        value = "1";
      } else if (i + 1 < argc) {
        value = argv[++i];
      } else {
        *error = "option --" + name + " needs a value";
        return false;
      }
      out->flags.emplace(name, value);
    } else {
      out->positional.push_back(a);
    }
  }
  return true;
}

int Usage() {
  std::fprintf(stderr,
               "usage:\n"
               "  fugong serve [--db URL] [--port N] [--web DIR]\n"
               "  fugong demo [--db URL] [--scale city|province]\n"
               "  fugong import enterprises FILE [--db URL]\n"
               "  fugong import employees FILE --enterprise USCC [--db URL]\n"
               "  fugong import power FILE [--db URL]\n"
               "  fugong export enterprises FILE.xlsx|FILE.csv [--db URL] [--region CODE]\n"
               "  fugong user add USERNAME --role ROLE [--region CODE] [--enterprise USCC]\n"
               "  fugong migrate [--db URL]\n"
               "  fugong backup FILE [--db URL]\n"
               "  fugong restore FILE [--db URL] [--force]\n"
               "  fugong purge [--dry-run] [--db URL]\n"
               "The database defaults to $FUGONG_DB or ./fugong.db; --db postgresql://... "
               "uses PostgreSQL.\n");
  return 2;
}

std::string DefaultWebRoot(const char* argv0) {
  if (const char* env = std::getenv("FUGONG_WEB"); env && *env) return env;
  std::error_code ec;
  auto exe = std::filesystem::canonical("/proc/self/exe", ec);
  if (ec) exe = std::filesystem::absolute(argv0);
  // build/fugong -> web/dist beside the build folder.
  return (exe.parent_path().parent_path() / "web" / "dist").string();
}

int Fail(const Status& st) {
  std::fprintf(stderr, "error: %s\n", st.ToString().c_str());
  return 1;
}

// fugong import power FILE: the utility's daily readings (by USCC or meter number).
int ImportPowerCommand(App& app, const std::string& path) {
  auto result = app.power->Import(path, system::SystemPrincipal());
  if (!result.ok()) return Fail(result.status());
  std::printf("imported %lld, updated %lld, rejected rows %lld\n",
              static_cast<long long>(result->imported), static_cast<long long>(result->updated),
              static_cast<long long>(result->rejected_rows));
  for (const auto& e : result->rejected)
    std::printf("  row %d, column %s: %s\n", e.row, e.column.c_str(), e.reason.c_str());
  return result->rejected_rows ? 3 : 0;
}

int ImportCommand(App& app, const Args& args) {
  if (args.positional.size() != 3) return Usage();
  if (args.positional[1] == "power") return ImportPowerCommand(app, args.positional[2]);
  bool employees = args.positional[1] == "employees";
  if (!employees && args.positional[1] != "enterprises") return Usage();
  if (employees && args.Flag("enterprise").empty()) return Usage();
  auto result = employees
                    ? app.workforce->employees().Import(args.Flag("enterprise"), args.positional[2],
                                                        system::SystemPrincipal())
                    : app.enterprises->Import(args.positional[2], system::SystemPrincipal());
  if (!result.ok()) return Fail(result.status());
  std::printf("imported %lld, updated %lld, rejected rows %lld\n",
              static_cast<long long>(result->imported), static_cast<long long>(result->updated),
              static_cast<long long>(result->rejected_rows));
  for (const auto& e : result->rejected)
    std::printf("  row %d, column %s: %s\n", e.row, e.column.c_str(), e.reason.c_str());
  return result->rejected_rows ? 3 : 0;
}

int ExportCommand(App& app, const Args& args) {
  if (args.positional.size() != 3 || args.positional[1] != "enterprises") return Usage();
  std::string out = args.positional[2];
  auto format =
      out.ends_with(".csv") ? enterprise::ExportFormat::kCsv : enterprise::ExportFormat::kXlsx;
  enterprise::EnterpriseFilter filter;
  filter.region_code = args.Flag("region");
  auto path = app.enterprises->Export(filter, format, system::Scope::All());
  if (!path.ok()) return Fail(path.status());
  std::error_code ec;
  std::filesystem::copy_file(*path, out, std::filesystem::copy_options::overwrite_existing, ec);
  std::filesystem::remove(*path);
  if (ec) {
    std::fprintf(stderr, "error: cannot write %s: %s\n", out.c_str(), ec.message().c_str());
    return 1;
  }
  std::printf("exported to %s\n", out.c_str());
  return 0;
}

// fugong backup FILE / fugong restore FILE [--force] (app/backup.h): no App is
// opened, so neither migrates nor creates anything before the copy.
int BackupCommand(const Args& args) {
  if (args.positional.size() != 2) return Usage();
  std::string url = DatabaseUrl(args.Flag("db"));
  bool restore = args.positional[0] == "restore";
  auto info = restore ? RestoreDatabase(args.positional[1], url, !args.Flag("force").empty())
                      : BackupDatabase(url, args.positional[1]);
  if (!info.ok()) return Fail(info.status());
  std::printf("%s %s (%s, schema %d, %lld bytes of database)\n",
              restore ? "restored from" : "backed up to", args.positional[1].c_str(),
              info->engine.c_str(), info->schema_version, static_cast<long long>(info->bytes));
  return 0;
}

// fugong purge [--dry-run]: the retention purge the server runs daily.
int PurgeCommand(App& app, const Args& args) {
  bool dry_run = !args.Flag("dry-run").empty();
  auto result = app.retention->Purge(dry_run, system::SystemPrincipal());
  if (!result.ok()) return Fail(result.status());
  for (const auto& r : *result)
    std::printf("%-20s %s %lld dated before %s (kept %d days)\n", r.kind.c_str(),
                dry_run ? "would delete" : "deleted", static_cast<long long>(r.rows),
                r.cutoff.c_str(), r.days);
  return 0;
}

int UserCommand(App& app, const Args& args) {
  if (args.positional.size() != 3 || args.positional[1] != "add") return Usage();
  system::NewUser u;
  u.username = args.positional[2];
  for (auto [it, end] = args.flags.equal_range("role"); it != end; ++it)
    u.roles.push_back(it->second);
  u.region_code = args.Flag("region");
  u.enterprise_uscc = args.Flag("enterprise");
  u.display_name = args.Flag("name", u.username);
  u.department = args.Flag("department");
  if (isatty(STDIN_FILENO)) std::fprintf(stderr, "password: ");
  std::getline(std::cin, u.password);
  if (!u.password.empty() && u.password.back() == '\r') u.password.pop_back();
  auto created = app.users->Create(u, system::SystemPrincipal());
  if (!created.ok()) return Fail(created.status());
  std::printf("user %s created (id %lld)\n", created->username.c_str(),
              static_cast<long long>(created->id));
  return 0;
}

}  // namespace
}  // namespace fugong::app

int main(int argc, char** argv) {
  using namespace fugong::app;
  fugong::InitLogging(std::getenv("FUGONG_LOG") ? std::getenv("FUGONG_LOG") : "info");
  Args args;
  std::string error;
  if (!ParseArgs(argc, argv, &args, &error)) {
    std::fprintf(stderr, "error: %s\n", error.c_str());
    return Usage();
  }
  if (args.positional.empty()) return Usage();
  const std::string& cmd = args.positional[0];
  if (cmd == "backup" || cmd == "restore") return BackupCommand(args);
  if (cmd != "serve" && cmd != "demo" && cmd != "import" && cmd != "export" && cmd != "user" &&
      cmd != "migrate" && cmd != "purge")
    return Usage();
  auto app = OpenApp(DatabaseUrl(args.Flag("db")), cmd == "serve" ? 16 : 4);
  if (!app.ok()) return Fail(app.status());
  if (cmd == "serve") {
    int port =
        std::atoi(args.Flag("port", std::getenv("PORT") ? std::getenv("PORT") : "8080").c_str());
    return Serve(**app, port, args.Flag("web", DefaultWebRoot(argv[0])));
  }
  if (cmd == "demo") return Demo(**app, args.Flag("scale", "city"));
  if (cmd == "import") return ImportCommand(**app, args);
  if (cmd == "export") return ExportCommand(**app, args);
  if (cmd == "user") return UserCommand(**app, args);
  if (cmd == "purge") return PurgeCommand(**app, args);
  std::printf("database is up to date\n");
  return 0;
}
