// SQL of the statistics module: loading the registry snapshot, and the
// bulletin templates.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "modules/stats/snapshot.h"

namespace fugong::stats {

struct BulletinTemplate {
  int64_t id = 0;
  std::string region_code;
  std::string name;
  std::string body;
  std::string updated_at;
};

class StatsRepository {
 public:
  // Every enterprise with its history, in one pass of two ordered queries.
  static Status LoadSnapshot(db::Connection& c, RegistrySnapshot* out);

  static Result<std::vector<BulletinTemplate>> Templates(db::Connection& c,
                                                         const std::vector<std::string>& regions);
  static Result<std::vector<BulletinTemplate>> AllTemplates(db::Connection& c);
  static Result<std::optional<BulletinTemplate>> Template(db::Connection& c, int64_t id);
  static Result<int64_t> InsertTemplate(db::Connection& c, const BulletinTemplate& t, int64_t by);
  static Status UpdateTemplate(db::Connection& c, const BulletinTemplate& t, int64_t by);
  static Status DeleteTemplate(db::Connection& c, int64_t id);
};

}  // namespace fugong::stats
