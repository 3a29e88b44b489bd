#include "modules/workforce/workforce.h"

namespace fugong::workforce {

Result<std::unique_ptr<Workforce>> Workforce::Open(db::Database& db,
                                                   const system::ReferenceService& reference,
                                                   const system::SettingsService& settings,
                                                   enterprise::EnterpriseService& enterprises,
                                                   system::UserService& users,
                                                   const std::string& key_file) {
  std::unique_ptr<Workforce> w(new Workforce());
  ASSIGN_OR_RETURN(w->keys_, LoadOrCreateKeys(key_file));
  w->state_ = std::make_unique<GateState>(db, settings);
  RETURN_IF_ERROR(w->state_->Load());
  w->writer_ = std::make_unique<EntryWriter>(db);
  w->alerts_ = std::make_unique<AlertHub>(db);
  w->employees_ =
      std::make_unique<EmployeeService>(db, reference, enterprises, users, w->keys_, *w->state_);
  w->health_ = std::make_unique<HealthService>(db, reference, settings, users, *w->employees_,
                                               w->keys_, *w->state_);
  w->checkins_ =
      std::make_unique<CheckinService>(db, reference, enterprises, *w->employees_, *w->health_,
                                       w->keys_, *w->state_, *w->writer_, *w->alerts_);
  return w;
}

Workforce::~Workforce() {
  // Services first, then the writer (drains its queue), then the state.
  checkins_.reset();
  health_.reset();
  employees_.reset();
  writer_.reset();
  alerts_.reset();
  state_.reset();
}

void Workforce::StartRefresher() { state_->StartRefresher(std::chrono::milliseconds(200)); }

}  // namespace fugong::workforce
