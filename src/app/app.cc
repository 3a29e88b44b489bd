#include "app/app.h"

#include <cstdlib>

#include "core/crypto.h"
#include "db/migrator.h"

namespace fugong::app {

std::string DatabaseUrl(const std::string& flag_value) {
  if (!flag_value.empty()) return flag_value;
  if (const char* env = std::getenv("FUGONG_DB"); env && *env) return env;
  return "fugong.db";
}

Result<std::unique_ptr<App>> OpenApp(const std::string& db_url, int pool_size) {
  if (!crypto::InitCrypto()) return Internal("libsodium failed to initialise");
  auto app = std::make_unique<App>();
  ASSIGN_OR_RETURN(app->db, db::Database::Open(db_url, pool_size));
  ASSIGN_OR_RETURN(int applied, db::Migrate(*app->db));
  (void)applied;
  app->reference = std::make_unique<system::ReferenceService>(*app->db);
  RETURN_IF_ERROR(app->reference->LoadBuiltin());
  app->settings = std::make_unique<system::SettingsService>(*app->db, *app->reference);
  app->users = std::make_unique<system::UserService>(*app->db, *app->reference);
  app->enterprises = std::make_unique<enterprise::EnterpriseService>(*app->db, *app->reference);
  return app;
}

}  // namespace fugong::app
