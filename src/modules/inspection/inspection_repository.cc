#include "modules/inspection/inspection_repository.h"

#include "core/clock.h"
#include "core/json_util.h"
#include "system/scope_sql.h"

namespace fugong::inspection {
namespace {

db::Value ById(int64_t user_id) { return user_id ? db::Int(user_id) : db::Null(); }
db::Value OptDate(const std::string& s) { return s.empty() ? db::Null() : db::Text(s); }

std::string AnswersJson(const std::map<std::string, bool>& answers) {
  json::object o;
  for (const auto& [k, v] : answers) o[k] = v;
  return ToJson(o);
}

std::map<std::string, bool> AnswersFrom(const std::string& text) {
  std::map<std::string, bool> out;
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return out;
  for (const auto& kv : v.as_object())
    if (kv.value().is_bool()) out[std::string(kv.key())] = kv.value().as_bool();
  return out;
}

// Findings of a task, open ones and overdue ones (state open, deadline before today).
constexpr const char* kTaskSelect =
    "SELECT t.id, t.kind, t.enterprise_id, e.uscc, e.name, e.work_status, t.region_code, "
    "COALESCE(r.name, ''), t.county_code, t.inspector_id, COALESCE(iu.display_name, ''), "
    "t.due_date, t.state, t.note, t.answers, t.comment, t.started_at, t.inspected_at, "
    "t.inspected_on, t.closed_at, t.version, t.created_at, COALESCE(cu.display_name, ''), "
    "t.updated_at, "
    "(SELECT COUNT(*) FROM inspection_findings f WHERE f.task_id = t.id), "
    "(SELECT COUNT(*) FROM inspection_findings f WHERE f.task_id = t.id AND f.state <> 'closed'), "
    "(SELECT COUNT(*) FROM inspection_findings f WHERE f.task_id = t.id AND f.state = 'open' AND "
    "f.deadline IS NOT NULL AND f.deadline < ?) "
    "FROM inspection_tasks t JOIN enterprises e ON e.id = t.enterprise_id "
    "LEFT JOIN regions r ON r.code = t.region_code "
    "LEFT JOIN users iu ON iu.id = t.inspector_id LEFT JOIN users cu ON cu.id = t.created_by "
    "WHERE 1 = 1";

Task TaskFrom(const db::Row& r) {
  Task t;
  size_t k = 0;
  t.id = r.Int(k++);
  t.kind = r.Text(k++);
  t.enterprise_id = r.Int(k++);
  t.enterprise_uscc = r.Text(k++);
  t.enterprise_name = r.Text(k++);
  t.work_status = r.Text(k++);
  t.region_code = r.Text(k++);
  t.region_name = r.Text(k++);
  t.county_code = r.Text(k++);
  t.inspector_id = r.Int(k++);
  t.inspector_name = r.Text(k++);
  t.due_date = r.Text(k++);
  t.state = r.Text(k++);
  t.note = r.Text(k++);
  t.answers = AnswersFrom(r.Text(k++));
  t.comment = r.Text(k++);
  t.started_at = r.Text(k++);
  t.inspected_at = r.Text(k++);
  t.inspected_on = r.Text(k++);
  t.closed_at = r.Text(k++);
  t.version = r.Int(k++);
  t.created_at = r.Text(k++);
  t.created_by_name = r.Text(k++);
  t.updated_at = r.Text(k++);
  t.findings = r.Int(k++);
  t.open_findings = r.Int(k++);
  t.overdue_findings = r.Int(k++);
  return t;
}

std::string TaskWhere(const TaskFilter& f, db::Params* p) {
  std::string w;
  if (!f.kind.empty()) {
    w += " AND t.kind = ?";
    p->push_back(db::Text(f.kind));
  }
  if (f.state == "open") {
    w += " AND t.state IN ('assigned', 'in_progress', 'rectifying')";
  } else if (!f.state.empty()) {
    w += " AND t.state = ?";
    p->push_back(db::Text(f.state));
  }
  if (f.inspector_id) {
    w += " AND t.inspector_id = ?";
    p->push_back(db::Int(*f.inspector_id));
  }
  if (f.enterprise_id) {
    w += " AND t.enterprise_id = ?";
    p->push_back(db::Int(*f.enterprise_id));
  }
  if (!f.region_code.empty()) {
    system::Scope region{false, f.region_code, f.region_level, std::nullopt};
    w += system::ScopeClause(region, "t", "t.enterprise_id", p);
  }
  if (!f.q.empty()) {
    w += " AND (e.name LIKE ? OR e.uscc = ?)";
    p->push_back(db::Text("%" + f.q + "%"));
    p->push_back(db::Text(f.q));
  }
  if (!f.from.empty()) {
    w += " AND t.inspected_on >= ?";
    p->push_back(db::Text(f.from));
  }
  if (!f.to.empty()) {
    w += " AND t.inspected_on <= ?";
    p->push_back(db::Text(f.to));
  }
  return w;
}

constexpr const char* kFindingSelect =
    "SELECT f.id, f.task_id, t.kind, f.enterprise_id, e.uscc, e.name, f.region_code, "
    "f.county_code, t.inspector_id, f.item_code, COALESCE(ci.label, f.item_code), f.description, "
    "f.severity, f.disposition, f.deadline, f.state, f.rounds, f.found_on, f.escalated_at, "
    "f.closed_at, f.closed_on, f.version, f.created_at, f.updated_at "
    "FROM inspection_findings f JOIN inspection_tasks t ON t.id = f.task_id "
    "JOIN enterprises e ON e.id = f.enterprise_id "
    "LEFT JOIN inspection_checklist_items ci ON ci.kind = t.kind AND ci.code = f.item_code "
    "WHERE 1 = 1";

Finding FindingFrom(const db::Row& r) {
  Finding f;
  size_t k = 0;
  f.id = r.Int(k++);
  f.task_id = r.Int(k++);
  f.task_kind = r.Text(k++);
  f.enterprise_id = r.Int(k++);
  f.enterprise_uscc = r.Text(k++);
  f.enterprise_name = r.Text(k++);
  f.region_code = r.Text(k++);
  f.county_code = r.Text(k++);
  f.inspector_id = r.Int(k++);
  f.item_code = r.Text(k++);
  f.item_label = r.Text(k++);
  f.description = r.Text(k++);
  f.severity = r.Text(k++);
  f.disposition = r.Text(k++);
  f.deadline = r.Text(k++);
  f.state = r.Text(k++);
  f.rounds = int(r.Int(k++));
  f.found_on = r.Text(k++);
  f.escalated_at = r.Text(k++);
  f.closed_at = r.Text(k++);
  f.closed_on = r.Text(k++);
  f.version = r.Int(k++);
  f.created_at = r.Text(k++);
  f.updated_at = r.Text(k++);
  return f;
}

std::string FindingWhere(const FindingFilter& f, db::Params* p) {
  std::string w;
  if (f.state == "overdue") {
    w += " AND f.state = 'open' AND f.deadline IS NOT NULL AND f.deadline < ?";
    p->push_back(db::Text(f.today));
  } else if (f.state == "pending") {
    w += " AND f.state <> 'closed'";
  } else if (!f.state.empty()) {
    w += " AND f.state = ?";
    p->push_back(db::Text(f.state));
  }
  if (!f.disposition.empty()) {
    w += " AND f.disposition = ?";
    p->push_back(db::Text(f.disposition));
  }
  if (!f.kind.empty()) {
    w += " AND t.kind = ?";
    p->push_back(db::Text(f.kind));
  }
  if (!f.region_code.empty()) {
    system::Scope region{false, f.region_code, f.region_level, std::nullopt};
    w += system::ScopeClause(region, "f", "f.enterprise_id", p);
  }
  if (!f.from.empty()) {
    w += " AND f.found_on >= ?";
    p->push_back(db::Text(f.from));
  }
  if (!f.to.empty()) {
    w += " AND f.found_on <= ?";
    p->push_back(db::Text(f.to));
  }
  if (f.enterprise_id) {
    w += " AND f.enterprise_id = ?";
    p->push_back(db::Int(*f.enterprise_id));
  }
  if (f.task_id) {
    w += " AND f.task_id = ?";
    p->push_back(db::Int(*f.task_id));
  }
  if (f.inspector_id) {
    w += " AND t.inspector_id = ?";
    p->push_back(db::Int(*f.inspector_id));
  }
  return w;
}

// Overdue first, then the nearest deadline, then the newest.
constexpr const char* kFindingOrder =
    " ORDER BY CASE f.state WHEN 'open' THEN 0 WHEN 'submitted' THEN 1 ELSE 2 END, "
    "COALESCE(f.deadline, '9999-12-31'), f.id DESC";

void PushRegion(const EnterpriseRef& e, db::Params* p) {
  p->push_back(db::Text(e.region_code));
  p->push_back(db::Text(e.province_code));
  for (const auto* s : {&e.city_code, &e.county_code, &e.town_code})
    p->push_back(s->empty() ? db::Null() : db::Text(*s));
}

constexpr const char* kEnterpriseSelect =
    "SELECT e.id, e.uscc, e.name, e.work_status, e.region_code, e.province_code, e.city_code, "
    "e.county_code, e.town_code FROM enterprises e WHERE 1 = 1";

EnterpriseRef EnterpriseFrom(const db::Row& r) {
  return EnterpriseRef{r.Int(0),  r.Text(1), r.Text(2), r.Text(3), r.Text(4),
                       r.Text(5), r.Text(6), r.Text(7), r.Text(8)};
}

}  // namespace

Result<std::vector<ChecklistItem>> InspectionRepository::Checklist(db::Connection& c,
                                                                   const std::string& kind) {
  ASSIGN_OR_RETURN(auto res, c.Query("SELECT code, label, position FROM inspection_checklist_items "
                                     "WHERE kind = ? AND active = 1 ORDER BY position, id",
                                     {db::Text(kind)}));
  std::vector<ChecklistItem> out;
  for (const auto& r : res.rows) out.push_back({r.Text(0), r.Text(1), int(r.Int(2))});
  return out;
}

Status InspectionRepository::ReplaceChecklist(db::Connection& c, const std::string& kind,
                                              const std::vector<ChecklistItem>& items, int64_t by) {
  std::string now = NowTimestamp();
  RETURN_IF_ERROR(
      c.Exec("UPDATE inspection_checklist_items SET active = 0, updated_at = ?, "
             "updated_by = ? WHERE kind = ?",
             {db::Text(now), ById(by), db::Text(kind)}));
  for (const auto& it : items)
    RETURN_IF_ERROR(c.Exec(
        "INSERT INTO inspection_checklist_items (kind, code, label, position, active, updated_at, "
        "updated_by) VALUES (?, ?, ?, ?, 1, ?, ?) ON CONFLICT (kind, code) DO UPDATE SET "
        "label = excluded.label, position = excluded.position, active = 1, "
        "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        {db::Text(kind), db::Text(it.code), db::Text(it.label), db::Int(it.position), db::Text(now),
         ById(by)}));
  return Status::Ok();
}

Result<std::string> InspectionRepository::ItemLabel(db::Connection& c, const std::string& kind,
                                                    const std::string& code) {
  ASSIGN_OR_RETURN(auto r, c.Optional("SELECT label FROM inspection_checklist_items WHERE kind = ? "
                                      "AND code = ? AND active = 1",
                                      {db::Text(kind), db::Text(code)}));
  return r ? r->Text(0) : std::string();
}

Result<std::optional<EnterpriseRef>> InspectionRepository::FindEnterprise(
    db::Connection& c, const std::string& uscc, const system::Scope& scope) {
  db::Params p{db::Text(uscc)};
  std::string sql = std::string(kEnterpriseSelect) + " AND e.uscc = ?" +
                    system::ScopeClause(scope, "e", "e.id", &p);
  ASSIGN_OR_RETURN(auto r, c.Optional(sql, p));
  if (!r) return std::optional<EnterpriseRef>();
  return std::optional<EnterpriseRef>(EnterpriseFrom(*r));
}

Result<std::vector<EnterpriseRef>> InspectionRepository::Candidates(db::Connection& c,
                                                                    const BulkTasks& b,
                                                                    const system::Scope& scope,
                                                                    const system::Scope& region,
                                                                    int64_t* skipped) {
  db::Params p;
  std::string where = system::ScopeClause(scope, "e", "e.id", &p);
  if (!region.region_code.empty()) where += system::ScopeClause(region, "e", "e.id", &p);
  if (!b.usccs.empty()) {
    where += " AND e.uscc IN (";
    for (size_t i = 0; i < b.usccs.size(); ++i) {
      where += i ? ", ?" : "?";
      p.push_back(db::Text(b.usccs[i]));
    }
    where += ")";
  } else if (b.kind == kAcceptance) {
    if (b.only_due)
      where +=
          " AND EXISTS (SELECT 1 FROM applications a WHERE a.enterprise_id = e.id AND "
          "(a.inspection_due = 1 OR a.state = 'acceptance_pending'))";
    else
      where += " AND e.work_status IN ('suspended', 'work_resumed')";
  } else {
    where +=
        " AND e.work_status IN ('work_resumed', 'production_resumed', 'full_capacity', "
        "'continuous')";
  }
  db::Params count_params = p;
  count_params.push_back(db::Text(b.kind));
  const std::string open_task =
      "EXISTS (SELECT 1 FROM inspection_tasks t WHERE t.enterprise_id = e.id AND t.kind = ? AND "
      "t.state IN ('assigned', 'in_progress', 'rectifying'))";
  ASSIGN_OR_RETURN(auto skip, c.One("SELECT COUNT(*) FROM enterprises e WHERE 1 = 1" + where +
                                        " AND " + open_task,
                                    count_params));
  if (skipped) *skipped = skip.Int(0);
  p.push_back(db::Text(b.kind));
  p.push_back(db::Int(b.limit));
  ASSIGN_OR_RETURN(auto res, c.Query(std::string(kEnterpriseSelect) + where + " AND NOT " +
                                         open_task + " ORDER BY e.region_code, e.uscc LIMIT ?",
                                     p));
  std::vector<EnterpriseRef> out;
  for (const auto& r : res.rows) out.push_back(EnterpriseFrom(r));
  return out;
}

Result<std::vector<InspectorRef>> InspectionRepository::Inspectors(db::Connection& c) {
  ASSIGN_OR_RETURN(auto res,
                   c.Query("SELECT u.id, u.username, u.display_name, COALESCE(u.region_code, '') "
                           "FROM users u JOIN user_roles ur ON ur.user_id = u.id AND ur.role = "
                           "'inspector' WHERE u.disabled = 0 ORDER BY u.display_name, u.id"));
  std::vector<InspectorRef> out;
  for (const auto& r : res.rows) out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3)});
  return out;
}

Result<std::optional<InspectorRef>> InspectionRepository::Inspector(db::Connection& c,
                                                                    int64_t user_id) {
  ASSIGN_OR_RETURN(auto r,
                   c.Optional("SELECT u.id, u.username, u.display_name, COALESCE(u.region_code, "
                              "'') FROM users u JOIN user_roles ur ON ur.user_id = u.id AND "
                              "ur.role = 'inspector' WHERE u.disabled = 0 AND u.id = ?",
                              {db::Int(user_id)}));
  if (!r) return std::optional<InspectorRef>();
  return std::optional<InspectorRef>(InspectorRef{r->Int(0), r->Text(1), r->Text(2), r->Text(3)});
}

Result<bool> InspectionRepository::HasOpenTask(db::Connection& c, int64_t enterprise_id,
                                               const std::string& kind) {
  ASSIGN_OR_RETURN(auto r, c.Optional("SELECT id FROM inspection_tasks WHERE enterprise_id = ? AND "
                                      "kind = ? AND state IN ('assigned', 'in_progress', "
                                      "'rectifying')",
                                      {db::Int(enterprise_id), db::Text(kind)}));
  return r.has_value();
}

Result<int64_t> InspectionRepository::InsertTask(db::Connection& c, const NewTask& t,
                                                 const EnterpriseRef& e, int64_t by) {
  std::string now = NowTimestamp();
  db::Params p{db::Text(t.kind), db::Int(e.id)};
  PushRegion(e, &p);
  for (db::Value v : {db::Int(t.inspector_id), db::Text(t.due_date), db::Text(t.note),
                      db::Text(now), ById(by), db::Text(now)})
    p.push_back(std::move(v));
  ASSIGN_OR_RETURN(
      auto r,
      c.One("INSERT INTO inspection_tasks (kind, enterprise_id, region_code, province_code, "
            "city_code, county_code, town_code, inspector_id, due_date, note, created_at, "
            "created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "RETURNING id",
            p));
  return r.Int(0);
}

Result<std::optional<Task>> InspectionRepository::GetTask(db::Connection& c, int64_t id,
                                                          const system::Scope& scope,
                                                          const std::string& today) {
  db::Params p{db::Text(today), db::Int(id)};
  std::string sql = std::string(kTaskSelect) + " AND t.id = ?" +
                    system::ScopeClause(scope, "t", "t.enterprise_id", &p);
  ASSIGN_OR_RETURN(auto r, c.Optional(sql, p));
  if (!r) return std::optional<Task>();
  return std::optional<Task>(TaskFrom(*r));
}

Result<std::vector<Task>> InspectionRepository::ListTasks(db::Connection& c, const TaskFilter& f,
                                                          const system::Scope& scope,
                                                          const std::string& today,
                                                          const system::Page& page,
                                                          int64_t* total) {
  db::Params wp;
  std::string where = TaskWhere(f, &wp);  // then the scope: params in order
  where += system::ScopeClause(scope, "t", "t.enterprise_id", &wp);
  ASSIGN_OR_RETURN(auto n, c.One("SELECT COUNT(*) FROM inspection_tasks t JOIN enterprises e ON "
                                 "e.id = t.enterprise_id WHERE 1 = 1" +
                                     where,
                                 wp));
  if (total) *total = n.Int(0);
  db::Params p{db::Text(today)};
  p.insert(p.end(), wp.begin(), wp.end());
  p.push_back(db::Int(page.size));
  p.push_back(db::Int(page.Offset()));
  ASSIGN_OR_RETURN(
      auto res,
      c.Query(std::string(kTaskSelect) + where +
                  " ORDER BY CASE t.state WHEN 'assigned' THEN 0 WHEN 'in_progress' THEN 0 "
                  "WHEN 'rectifying' THEN 1 ELSE 2 END, t.due_date, t.id DESC LIMIT ? OFFSET ?",
              p));
  std::vector<Task> out;
  for (const auto& r : res.rows) out.push_back(TaskFrom(r));
  return out;
}

Result<bool> InspectionRepository::UpdateTask(db::Connection& c, const Task& t) {
  ASSIGN_OR_RETURN(
      auto res,
      c.Query("UPDATE inspection_tasks SET state = ?, answers = ?, comment = ?, started_at = ?, "
              "inspected_at = ?, inspected_on = ?, closed_at = ?, inspector_id = ?, due_date = ?, "
              "version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
              {db::Text(t.state), db::Text(AnswersJson(t.answers)), db::Text(t.comment),
               OptDate(t.started_at), OptDate(t.inspected_at), OptDate(t.inspected_on),
               OptDate(t.closed_at), db::Int(t.inspector_id), db::Text(t.due_date),
               db::Text(NowTimestamp()), db::Int(t.id), db::Int(t.version)}));
  return res.affected == 1;
}

Result<int64_t> InspectionRepository::InsertFinding(db::Connection& c, const Task& t,
                                                    const EnterpriseRef& e, const NewFinding& f,
                                                    const std::string& state,
                                                    const std::string& today, int64_t by) {
  std::string now = NowTimestamp();
  db::Params p{db::Int(t.id), db::Int(e.id)};
  PushRegion(e, &p);
  bool closed = state == "closed";
  for (db::Value v :
       {db::Text(f.item_code), db::Text(f.description), db::Text(f.severity),
        db::Text(f.disposition), OptDate(f.deadline), db::Text(state), db::Text(today),
        closed ? db::Text(now) : db::Null(), closed ? db::Text(today) : db::Null(), db::Text(now),
        ById(by), db::Text(now)})
    p.push_back(std::move(v));
  ASSIGN_OR_RETURN(
      auto r,
      c.One("INSERT INTO inspection_findings (task_id, enterprise_id, region_code, province_code, "
            "city_code, county_code, town_code, item_code, description, severity, disposition, "
            "deadline, state, found_on, closed_at, closed_on, created_at, created_by, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            p));
  return r.Int(0);
}

Result<std::optional<Finding>> InspectionRepository::GetFinding(db::Connection& c, int64_t id,
                                                                const system::Scope& scope) {
  db::Params p{db::Int(id)};
  std::string sql = std::string(kFindingSelect) + " AND f.id = ?" +
                    system::ScopeClause(scope, "f", "f.enterprise_id", &p);
  ASSIGN_OR_RETURN(auto r, c.Optional(sql, p));
  if (!r) return std::optional<Finding>();
  return std::optional<Finding>(FindingFrom(*r));
}

Result<std::vector<Finding>> InspectionRepository::ListFindings(db::Connection& c,
                                                                const FindingFilter& f,
                                                                const system::Scope& scope,
                                                                const system::Page& page,
                                                                int64_t* total) {
  db::Params p;
  std::string where = FindingWhere(f, &p);  // then the scope: params in order
  where += system::ScopeClause(scope, "f", "f.enterprise_id", &p);
  ASSIGN_OR_RETURN(auto n, c.One("SELECT COUNT(*) FROM inspection_findings f JOIN "
                                 "inspection_tasks t ON t.id = f.task_id WHERE 1 = 1" +
                                     where,
                                 p));
  if (total) *total = n.Int(0);
  p.push_back(db::Int(page.size));
  p.push_back(db::Int(page.Offset()));
  ASSIGN_OR_RETURN(
      auto res,
      c.Query(std::string(kFindingSelect) + where + kFindingOrder + " LIMIT ? OFFSET ?", p));
  std::vector<Finding> out;
  for (const auto& r : res.rows) out.push_back(FindingFrom(r));
  return out;
}

Status InspectionRepository::ForEachFinding(db::Connection& c, const FindingFilter& f,
                                            const system::Scope& scope,
                                            const std::function<Status(const Finding&)>& fn) {
  db::Params p;
  std::string where = FindingWhere(f, &p);  // then the scope: params in order
  where += system::ScopeClause(scope, "f", "f.enterprise_id", &p);
  return c.ForEach(std::string(kFindingSelect) + where + kFindingOrder, p,
                   [&](const db::Row& r) { return fn(FindingFrom(r)); });
}

Result<bool> InspectionRepository::UpdateFinding(db::Connection& c, const Finding& f) {
  ASSIGN_OR_RETURN(
      auto res,
      c.Query("UPDATE inspection_findings SET state = ?, deadline = ?, rounds = ?, escalated_at = "
              "?, closed_at = ?, closed_on = ?, version = version + 1, updated_at = ? "
              "WHERE id = ? AND version = ?",
              {db::Text(f.state), OptDate(f.deadline), db::Int(f.rounds), OptDate(f.escalated_at),
               OptDate(f.closed_at), OptDate(f.closed_on), db::Text(NowTimestamp()), db::Int(f.id),
               db::Int(f.version)}));
  return res.affected == 1;
}

Result<int64_t> InspectionRepository::CountUnclosedFindings(db::Connection& c, int64_t task_id) {
  ASSIGN_OR_RETURN(auto r, c.One("SELECT COUNT(*) FROM inspection_findings WHERE task_id = ? AND "
                                 "state <> 'closed'",
                                 {db::Int(task_id)}));
  return r.Int(0);
}

Status InspectionRepository::InsertEvent(db::Connection& c, const Finding& f,
                                         const std::string& kind, const std::string& note,
                                         const std::string& deadline, int64_t by) {
  return c.Exec(
      "INSERT INTO inspection_finding_events (finding_id, enterprise_id, kind, note, "
      "deadline, at, by_user) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {db::Int(f.id), db::Int(f.enterprise_id), db::Text(kind), db::Text(note), OptDate(deadline),
       db::Text(NowTimestamp()), ById(by)});
}

Result<std::vector<FindingEvent>> InspectionRepository::Events(db::Connection& c,
                                                               int64_t finding_id) {
  ASSIGN_OR_RETURN(auto res, c.Query("SELECT v.id, v.kind, v.note, v.deadline, v.at, "
                                     "COALESCE(u.display_name, '') FROM inspection_finding_events "
                                     "v LEFT JOIN users u ON u.id = v.by_user WHERE v.finding_id = "
                                     "? ORDER BY v.id",
                                     {db::Int(finding_id)}));
  std::vector<FindingEvent> out;
  for (const auto& r : res.rows)
    out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)});
  return out;
}

Result<int64_t> InspectionRepository::InsertPhoto(db::Connection& c, const Finding& f,
                                                  const Photo& ph, int64_t by) {
  ASSIGN_OR_RETURN(auto e, c.One("SELECT region_code, province_code, city_code, county_code, "
                                 "town_code FROM inspection_findings WHERE id = ?",
                                 {db::Int(f.id)}));
  db::Params p{db::Int(f.id), db::Int(f.enterprise_id)};
  for (size_t i = 0; i < 5; ++i) p.push_back(e.IsNull(i) ? db::Null() : db::Text(e.Text(i)));
  for (db::Value v : {db::Text(ph.stage), db::Int(ph.round), db::Text(ph.filename),
                      db::Text(ph.content_type), db::Int(ph.size), db::Text(ph.sha256),
                      db::Value(db::Blob{ph.content}), db::Text(NowTimestamp()), ById(by)})
    p.push_back(std::move(v));
  ASSIGN_OR_RETURN(
      auto r, c.One("INSERT INTO inspection_photos (finding_id, enterprise_id, region_code, "
                    "province_code, city_code, county_code, town_code, stage, round, filename, "
                    "content_type, size, sha256, content, created_at, created_by) VALUES (?, ?, ?, "
                    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                    p));
  return r.Int(0);
}

Result<int64_t> InspectionRepository::CountPhotos(db::Connection& c, int64_t finding_id,
                                                  const std::string& stage, int round) {
  ASSIGN_OR_RETURN(auto r, c.One("SELECT COUNT(*) FROM inspection_photos WHERE finding_id = ? AND "
                                 "stage = ? AND round = ?",
                                 {db::Int(finding_id), db::Text(stage), db::Int(round)}));
  return r.Int(0);
}

Result<std::vector<Photo>> InspectionRepository::Photos(db::Connection& c, int64_t finding_id) {
  ASSIGN_OR_RETURN(auto res, c.Query("SELECT id, finding_id, stage, round, filename, content_type, "
                                     "sha256, size, created_at FROM inspection_photos WHERE "
                                     "finding_id = ? ORDER BY id",
                                     {db::Int(finding_id)}));
  std::vector<Photo> out;
  for (const auto& r : res.rows) {
    Photo p;
    p.id = r.Int(0);
    p.finding_id = r.Int(1);
    p.stage = r.Text(2);
    p.round = int(r.Int(3));
    p.filename = r.Text(4);
    p.content_type = r.Text(5);
    p.sha256 = r.Text(6);
    p.size = r.Int(7);
    p.created_at = r.Text(8);
    out.push_back(std::move(p));
  }
  return out;
}

Result<std::optional<Photo>> InspectionRepository::GetPhoto(db::Connection& c, int64_t finding_id,
                                                            int64_t photo_id) {
  ASSIGN_OR_RETURN(auto r, c.Optional("SELECT id, finding_id, stage, round, filename, "
                                      "content_type, sha256, size, created_at, content FROM "
                                      "inspection_photos WHERE finding_id = ? AND id = ?",
                                      {db::Int(finding_id), db::Int(photo_id)}));
  if (!r) return std::optional<Photo>();
  Photo p;
  p.id = r->Int(0);
  p.finding_id = r->Int(1);
  p.stage = r->Text(2);
  p.round = int(r->Int(3));
  p.filename = r->Text(4);
  p.content_type = r->Text(5);
  p.sha256 = r->Text(6);
  p.size = r->Int(7);
  p.created_at = r->Text(8);
  p.content = r->Bytes(9);
  return std::optional<Photo>(std::move(p));
}

Result<bool> InspectionRepository::AnyToEscalate(db::Connection& c, const std::string& today) {
  ASSIGN_OR_RETURN(auto r, c.Optional("SELECT id FROM inspection_findings WHERE state = 'open' AND "
                                      "deadline IS NOT NULL AND deadline < ? AND escalated_at IS "
                                      "NULL LIMIT 1",
                                      {db::Text(today)}));
  return r.has_value();
}

Result<std::vector<Escalated>> InspectionRepository::MarkOverdue(db::Connection& c,
                                                                 const std::string& today) {
  ASSIGN_OR_RETURN(
      auto res, c.Query("UPDATE inspection_findings SET escalated_at = ?, version = version + 1 "
                        "WHERE state = 'open' AND deadline IS NOT NULL AND deadline < ? AND "
                        "escalated_at IS NULL RETURNING id, task_id, enterprise_id, region_code, "
                        "county_code, deadline",
                        {db::Text(NowTimestamp()), db::Text(today)}));
  std::vector<Escalated> out;
  for (const auto& r : res.rows) {
    Escalated e;
    e.id = r.Int(0);
    e.task_id = r.Int(1);
    e.enterprise_id = r.Int(2);
    e.region_code = r.Text(3);
    e.county_code = r.Text(4);
    e.deadline = r.Text(5);
    ASSIGN_OR_RETURN(
        auto n, c.One("SELECT name FROM enterprises WHERE id = ?", {db::Int(e.enterprise_id)}));
    e.enterprise_name = n.Text(0);
    out.push_back(std::move(e));
  }
  return out;
}

Result<Summary> InspectionRepository::Summarize(db::Connection& c, const system::Scope& scope,
                                                const system::Scope& region,
                                                const std::string& from, const std::string& to,
                                                const std::string& today) {
  Summary s;
  {
    db::Params p{db::Text(from), db::Text(to)};
    std::string w = system::ScopeClause(scope, "t", "t.enterprise_id", &p);
    if (!region.region_code.empty()) w += system::ScopeClause(region, "t", "t.enterprise_id", &p);
    ASSIGN_OR_RETURN(auto r, c.One("SELECT COUNT(*), COUNT(DISTINCT t.enterprise_id) FROM "
                                   "inspection_tasks t WHERE t.inspected_on >= ? AND "
                                   "t.inspected_on <= ?" +
                                       w,
                                   p));
    s.tasks = r.Int(0);
    s.inspected_enterprises = r.Int(1);
  }
  {
    db::Params p;
    std::string w = system::ScopeClause(scope, "t", "t.enterprise_id", &p);
    if (!region.region_code.empty()) w += system::ScopeClause(region, "t", "t.enterprise_id", &p);
    ASSIGN_OR_RETURN(auto r, c.One("SELECT COUNT(*) FROM inspection_tasks t WHERE t.state IN "
                                   "('assigned', 'in_progress', 'rectifying')" +
                                       w,
                                   p));
    s.pending_tasks = r.Int(0);
  }
  db::Params p{db::Text(today), db::Text(from), db::Text(to)};
  std::string w = system::ScopeClause(scope, "f", "f.enterprise_id", &p);
  if (!region.region_code.empty()) w += system::ScopeClause(region, "f", "f.enterprise_id", &p);
  ASSIGN_OR_RETURN(
      auto r,
      c.One("SELECT COUNT(*), "
            "COALESCE(SUM(CASE WHEN f.disposition = 'fixed_on_spot' THEN 1 ELSE 0 END), 0), "
            "COALESCE(SUM(CASE WHEN f.disposition = 'rectify_by_deadline' THEN 1 ELSE 0 END), 0), "
            "COALESCE(SUM(CASE WHEN f.state = 'closed' THEN 1 ELSE 0 END), 0), "
            "COALESCE(SUM(CASE WHEN f.state <> 'closed' THEN 1 ELSE 0 END), 0), "
            "COALESCE(SUM(CASE WHEN f.state = 'open' AND f.deadline < ? THEN 1 ELSE 0 END), 0) "
            "FROM inspection_findings f WHERE f.found_on >= ? AND f.found_on <= ?" +
                w,
            p));
  s.hazards = r.Int(0);
  s.fixed_on_spot = r.Int(1);
  s.with_deadline = r.Int(2);
  s.closed = r.Int(3);
  s.open = r.Int(4);
  s.overdue = r.Int(5);
  db::Params q(p.begin() + 1, p.end());
  ASSIGN_OR_RETURN(auto items, c.Query("SELECT f.item_code, COUNT(*) FROM inspection_findings f "
                                       "WHERE f.found_on >= ? AND f.found_on <= ?" +
                                           w + " GROUP BY f.item_code",
                                       q));
  for (const auto& row : items.rows) s.by_item[row.Text(0)] = row.Int(1);
  return s;
}

}  // namespace fugong::inspection
