// The application: one database and the services every command shares.
// Opening it migrates the schema and loads the built-in reference data.
#pragma once

#include <memory>
#include <string>

#include "db/database.h"
#include "modules/enterprise/enterprise_service.h"
#include "system/reference_service.h"
#include "system/settings_service.h"
#include "system/user_service.h"

namespace fugong::app {

struct App {
  std::unique_ptr<db::Database> db;
  std::unique_ptr<system::ReferenceService> reference;
  std::unique_ptr<system::SettingsService> settings;
  std::unique_ptr<system::UserService> users;
  std::unique_ptr<enterprise::EnterpriseService> enterprises;
};

// The database URL from --db, else FUGONG_DB, else "fugong.db".
std::string DatabaseUrl(const std::string& flag_value);

Result<std::unique_ptr<App>> OpenApp(const std::string& db_url, int pool_size = 8);

// Commands (app/*.cc); each returns the process exit code.
int Serve(App& app, int port, const std::string& web_root);
int Demo(App& app, const std::string& scale);

}  // namespace fugong::app
