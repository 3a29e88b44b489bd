#include "modules/resumption/application_repository.h"

#include "core/clock.h"
#include "system/scope_sql.h"

namespace fugong::resumption {
namespace {

db::Value OrNull(const std::string& s) { return s.empty() ? db::Null() : db::Text(s); }
db::Value OptId(std::optional<int64_t> v) { return v ? db::Int(*v) : db::Null(); }

json::value ParseOr(const std::string& text, json::value fallback) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  return ec ? fallback : v;
}

std::string LevelsJson(const std::vector<int>& levels) {
  json::array a;
  for (int l : levels) a.emplace_back(l);
  return json::serialize(a);
}

std::string StringsJson(const std::vector<std::string>& list) {
  json::array a;
  for (const auto& s : list) a.emplace_back(s);
  return json::serialize(a);
}

// Columns written by INSERT and UPDATE, in the order of WriteValues.
constexpr const char* kWriteColumns[] = {"enterprise_id",
                                         "region_code",
                                         "province_code",
                                         "city_code",
                                         "county_code",
                                         "town_code",
                                         "industry_section",
                                         "state",
                                         "route",
                                         "route_reasons",
                                         "department",
                                         "review_levels",
                                         "review_step",
                                         "review_level",
                                         "review_region_code",
                                         "planned_date",
                                         "approved_date",
                                         "staff_total",
                                         "staff_local",
                                         "staff_out_of_province",
                                         "staff_from_risk_regions",
                                         "isolation_room",
                                         "thermometers",
                                         "masks_in_stock",
                                         "masks_days_of_supply",
                                         "disinfection_plan",
                                         "disinfection_records",
                                         "staggered_dining",
                                         "leader_on_duty",
                                         "emergency_plan",
                                         "scan_code",
                                         "registration",
                                         "temperature_check",
                                         "mask_wearing",
                                         "essential_category",
                                         "commitment_signer",
                                         "commitment_accepted",
                                         "commitment_signed_at",
                                         "inspection_due",
                                         "submitted_at",
                                         "decided_at"};

db::Params WriteValues(const Application& a) {
  const ApplicationContent& c = a.content;
  const Checklist& k = c.checklist;
  return {db::Int(a.enterprise_id),
          db::Text(a.region_code),
          db::Text(a.province_code),
          OrNull(a.city_code),
          OrNull(a.county_code),
          OrNull(a.town_code),
          db::Text(a.industry_section),
          db::Text(a.state),
          db::Text(a.route),
          db::Text(StringsJson(a.route_reasons)),
          db::Text(a.department),
          db::Text(LevelsJson(a.review_levels)),
          db::Int(a.review_step),
          db::Int(a.review_level),
          db::Text(a.review_region_code),
          db::Text(c.planned_date),
          db::Text(a.approved_date),
          db::Int(c.staff_total),
          db::Int(c.staff_local),
          db::Int(c.staff_out_of_province),
          db::Int(c.staff_from_risk_regions),
          db::Bool(k.isolation_room),
          db::Int(k.thermometers),
          db::Int(k.masks_in_stock),
          db::Int(k.masks_days_of_supply),
          db::Bool(k.disinfection_plan),
          db::Bool(k.disinfection_records),
          db::Bool(k.staggered_dining),
          db::Bool(k.leader_on_duty),
          db::Bool(k.emergency_plan),
          db::Bool(k.four_measures.scan_code),
          db::Bool(k.four_measures.registration),
          db::Bool(k.four_measures.temperature_check),
          db::Bool(k.four_measures.mask_wearing),
          db::Text(c.essential_category),
          db::Text(c.commitment.signer),
          db::Bool(c.commitment.accepted),
          db::Text(c.commitment.signed_at),
          db::Bool(a.inspection_due),
          db::Text(a.submitted_at),
          db::Text(a.decided_at)};
}

// Column list shared by every SELECT of applications; FromRow reads it in order.
constexpr const char* kSelect =
    "SELECT a.id, a.enterprise_id, e.uscc, e.name, a.region_code, COALESCE(r.name, ''), "
    "a.province_code, a.city_code, a.county_code, a.town_code, a.industry_section, a.state, "
    "a.route, a.route_reasons, a.department, a.review_levels, a.review_step, a.review_level, "
    "a.review_region_code, a.planned_date, a.approved_date, a.staff_total, a.staff_local, "
    "a.staff_out_of_province, a.staff_from_risk_regions, a.isolation_room, a.thermometers, "
    "a.masks_in_stock, a.masks_days_of_supply, a.disinfection_plan, a.disinfection_records, "
    "a.staggered_dining, a.leader_on_duty, a.emergency_plan, a.scan_code, a.registration, "
    "a.temperature_check, a.mask_wearing, a.essential_category, a.commitment_signer, "
    "a.commitment_accepted, a.commitment_signed_at, a.inspection_due, a.submitted_at, "
    "a.decided_at, a.version, a.created_at, a.updated_at "
    "FROM applications a JOIN enterprises e ON e.id = a.enterprise_id "
    "LEFT JOIN regions r ON r.code = a.region_code ";

Application FromRow(const db::Row& row) {
  Application a;
  size_t k = 0;
  a.id = row.Int(k++);
  a.enterprise_id = row.Int(k++);
  a.uscc = row.Text(k++);
  a.enterprise_name = row.Text(k++);
  a.region_code = row.Text(k++);
  a.region_name = row.Text(k++);
  a.province_code = row.Text(k++);
  a.city_code = row.Text(k++);
  a.county_code = row.Text(k++);
  a.town_code = row.Text(k++);
  a.industry_section = row.Text(k++);
  a.state = row.Text(k++);
  a.route = row.Text(k++);
  json::value reasons = ParseOr(row.Text(k++), json::array());
  if (reasons.is_array())
    for (const auto& r : reasons.as_array())
      if (r.is_string()) a.route_reasons.emplace_back(r.as_string());
  a.department = row.Text(k++);
  a.review_levels = ParseReviewLevels(ParseOr(row.Text(k++), json::array()));
  a.review_step = int(row.Int(k++));
  a.review_level = int(row.Int(k++));
  a.review_region_code = row.Text(k++);
  ApplicationContent& c = a.content;
  Checklist& l = c.checklist;
  c.planned_date = row.Text(k++);
  a.approved_date = row.Text(k++);
  c.staff_total = row.Int(k++);
  c.staff_local = row.Int(k++);
  c.staff_out_of_province = row.Int(k++);
  c.staff_from_risk_regions = row.Int(k++);
  l.isolation_room = row.Bool(k++);
  l.thermometers = row.Int(k++);
  l.masks_in_stock = row.Int(k++);
  l.masks_days_of_supply = row.Int(k++);
  l.disinfection_plan = row.Bool(k++);
  l.disinfection_records = row.Bool(k++);
  l.staggered_dining = row.Bool(k++);
  l.leader_on_duty = row.Bool(k++);
  l.emergency_plan = row.Bool(k++);
  l.four_measures.scan_code = row.Bool(k++);
  l.four_measures.registration = row.Bool(k++);
  l.four_measures.temperature_check = row.Bool(k++);
  l.four_measures.mask_wearing = row.Bool(k++);
  c.essential_category = row.Text(k++);
  c.commitment.signer = row.Text(k++);
  c.commitment.accepted = row.Bool(k++);
  c.commitment.signed_at = row.Text(k++);
  a.inspection_due = row.Bool(k++);
  a.submitted_at = row.Text(k++);
  a.decided_at = row.Text(k++);
  a.version = row.Int(k++);
  a.created_at = row.Text(k++);
  a.updated_at = row.Text(k++);
  return a;
}

// The ancestor column of each region level (1 province .. 4 town).
constexpr const char* kLevelColumn[] = {"", "a.province_code", "a.city_code", "a.county_code",
                                        "a.town_code"};

// The viewer's data scope as a WHERE fragment. Column names come only from
// fixed tables, values are always bound.
void AppendViewer(const Viewer& v, std::string* where, db::Params* params) {
  *where += system::ScopeClause(v.scope, "a", "a.enterprise_id", params);
  if (!v.department.empty()) {
    *where += " AND (a.department = ? OR a.department = '')";
    params->push_back(db::Text(v.department));
  }
}

// Region, mine and inspection filters (not the state: counts group by it).
void AppendFilter(const ApplicationFilter& f, std::string* where, db::Params* params) {
  if (!f.region_code.empty() && f.region_level >= 1 && f.region_level <= 4) {
    *where += std::string(" AND ") + kLevelColumn[f.region_level] + " = ?";
    params->push_back(db::Text(f.region_code));
  }
  if (f.mine_user_id) {
    *where +=
        " AND (a.created_by = ? OR a.id IN (SELECT t.application_id FROM application_transitions "
        "t WHERE t.actor_id = ?))";
    params->push_back(db::Int(*f.mine_user_id));
    params->push_back(db::Int(*f.mine_user_id));
  }
  if (f.inspection_due) *where += " AND a.inspection_due = 1";
}

void AppendQueue(const ApplicationFilter& f, std::string* where, db::Params* params) {
  if (!f.queue) return;
  std::vector<std::string> parts;
  if (f.queue_enterprise_id) {
    parts.push_back("(a.state IN ('draft', 'rejected') AND a.enterprise_id = ?)");
    params->push_back(db::Int(*f.queue_enterprise_id));
  }
  if (f.queue_all_reviews) {
    parts.push_back("a.state IN ('submitted', 'in_review')");
  } else if (f.queue_review_level >= 1) {
    std::string p =
        "(a.state IN ('submitted', 'in_review') AND a.review_level = ? AND "
        "a.review_region_code = ?";
    params->push_back(db::Int(f.queue_review_level));
    params->push_back(db::Text(f.queue_review_region));
    if (!f.queue_review_department.empty()) {
      p += " AND (a.department = ? OR a.department = '')";
      params->push_back(db::Text(f.queue_review_department));
    }
    parts.push_back(p + ")");
  }
  if (f.queue_acceptance) parts.push_back("a.state = 'acceptance_pending'");
  if (parts.empty()) {
    *where += " AND 1 = 0";
    return;
  }
  std::string clause;
  for (const auto& p : parts) clause += (clause.empty() ? "" : " OR ") + p;
  *where += " AND (" + clause + ")";
}

}  // namespace

Result<int64_t> ApplicationRepository::Insert(db::Connection& c, const Application& a,
                                              std::optional<int64_t> by) {
  std::string cols, marks;
  for (const char* col : kWriteColumns) {
    cols += std::string(col) + ", ";
    marks += "?, ";
  }
  db::Params params = WriteValues(a);
  std::string now = NowTimestamp();
  // Given timestamps are kept (the demo writes a past February).
  std::string created = a.created_at.empty() ? now : a.created_at;
  std::string updated = a.updated_at.empty() ? created : a.updated_at;
  for (auto v : {db::Text(created), OptId(by), db::Text(updated), OptId(by)}) params.push_back(v);
  ASSIGN_OR_RETURN(auto row, c.One("INSERT INTO applications (" + cols +
                                       "created_at, created_by, updated_at, updated_by) VALUES (" +
                                       marks + "?, ?, ?, ?) RETURNING id",
                                   params));
  return row.Int(0);
}

Result<bool> ApplicationRepository::Update(db::Connection& c, const Application& a,
                                           int64_t expected_version, std::optional<int64_t> by) {
  std::string sets;
  for (const char* col : kWriteColumns) sets += std::string(col) + " = ?, ";
  db::Params params = WriteValues(a);
  params.push_back(db::Text(NowTimestamp()));
  params.push_back(OptId(by));
  params.push_back(db::Int(a.id));
  params.push_back(db::Int(expected_version));
  ASSIGN_OR_RETURN(auto res, c.Query("UPDATE applications SET " + sets +
                                         "version = version + 1, updated_at = ?, updated_by = ? "
                                         "WHERE id = ? AND version = ?",
                                     params));
  return res.affected == 1;
}

Result<std::optional<Application>> ApplicationRepository::Find(db::Connection& c, int64_t id,
                                                               const Viewer& viewer) {
  std::string where = "WHERE a.id = ?";
  db::Params params = {db::Int(id)};
  AppendViewer(viewer, &where, &params);
  ASSIGN_OR_RETURN(auto row, c.Optional(std::string(kSelect) + where, params));
  if (!row) return std::optional<Application>();
  return std::optional<Application>(FromRow(*row));
}

Result<std::vector<Application>> ApplicationRepository::List(db::Connection& c,
                                                             const ApplicationFilter& f,
                                                             const Viewer& viewer,
                                                             const system::Page& page,
                                                             int64_t* total) {
  std::string where = "WHERE 1 = 1";
  db::Params params;
  AppendViewer(viewer, &where, &params);
  AppendFilter(f, &where, &params);
  if (!f.state.empty()) {
    where += " AND a.state = ?";
    params.push_back(db::Text(f.state));
  }
  AppendQueue(f, &where, &params);
  ASSIGN_OR_RETURN(auto count, c.One("SELECT COUNT(*) FROM applications a " + where, params));
  if (total) *total = count.Int(0);
  // The queue is first come, first served; other lists show the latest first.
  std::string order =
      f.queue ? " ORDER BY a.submitted_at ASC, a.id ASC" : " ORDER BY a.updated_at DESC, a.id DESC";
  params.push_back(db::Int(page.size));
  params.push_back(db::Int(page.Offset()));
  ASSIGN_OR_RETURN(auto res,
                   c.Query(std::string(kSelect) + where + order + " LIMIT ? OFFSET ?", params));
  std::vector<Application> out;
  out.reserve(res.rows.size());
  for (const auto& row : res.rows) out.push_back(FromRow(row));
  return out;
}

Result<int64_t> ApplicationRepository::CountOpen(db::Connection& c, int64_t enterprise_id) {
  ASSIGN_OR_RETURN(auto row,
                   c.One("SELECT COUNT(*) FROM applications WHERE enterprise_id = ? AND state IN "
                         "('draft', 'submitted', 'in_review', 'acceptance_pending', 'rejected')",
                         {db::Int(enterprise_id)}));
  return row.Int(0);
}

Status ApplicationRepository::InsertTransition(db::Connection& c, const Application& a,
                                               const Transition& t) {
  std::string now = NowTimestamp();
  return c.Exec(
      "INSERT INTO application_transitions (application_id, enterprise_id, province_code, "
      "city_code, county_code, town_code, from_state, to_state, actor_id, actor_name, at, "
      "comment, deficiencies, review_level, created_at, created_by) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {db::Int(a.id), db::Int(a.enterprise_id), db::Text(a.province_code), OrNull(a.city_code),
       OrNull(a.county_code), OrNull(a.town_code), db::Text(t.from), db::Text(t.to),
       OptId(t.actor_id), db::Text(t.actor_name), db::Text(t.at.empty() ? now : t.at),
       db::Text(t.comment), db::Text(json::serialize(DeficienciesJson(t.deficiencies))),
       db::Int(t.review_level), db::Text(t.at.empty() ? now : t.at), OptId(t.actor_id)});
}

Result<std::vector<Transition>> ApplicationRepository::ListTransitions(db::Connection& c,
                                                                       int64_t application_id) {
  ASSIGN_OR_RETURN(auto res, c.Query("SELECT id, from_state, to_state, actor_id, actor_name, at, "
                                     "comment, deficiencies, review_level FROM "
                                     "application_transitions WHERE application_id = ? "
                                     "ORDER BY id",
                                     {db::Int(application_id)}));
  std::vector<Transition> out;
  for (const auto& row : res.rows) {
    Transition t;
    t.id = row.Int(0);
    t.from = row.Text(1);
    t.to = row.Text(2);
    if (!row.IsNull(3)) t.actor_id = row.Int(3);
    t.actor_name = row.Text(4);
    t.at = row.Text(5);
    t.comment = row.Text(6);
    t.deficiencies = DeficienciesFromJson(ParseOr(row.Text(7), json::array()));
    t.review_level = int(row.Int(8));
    out.push_back(std::move(t));
  }
  return out;
}

Result<int64_t> ApplicationRepository::InsertAttachment(db::Connection& c, const Application& a,
                                                        const Attachment& att,
                                                        std::optional<int64_t> by) {
  std::string now = att.created_at.empty() ? NowTimestamp() : att.created_at;
  ASSIGN_OR_RETURN(
      auto row,
      c.One(
          "INSERT INTO application_attachments (application_id, enterprise_id, province_code, "
          "city_code, county_code, town_code, kind, filename, content_type, size, sha256, "
          "content, created_at, created_by, updated_at, updated_by) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {db::Int(a.id), db::Int(a.enterprise_id), db::Text(a.province_code), OrNull(a.city_code),
           OrNull(a.county_code), OrNull(a.town_code), db::Text(att.kind), db::Text(att.filename),
           db::Text(att.content_type), db::Int(int64_t(att.content.size())), db::Text(att.sha256),
           db::Blob{att.content}, db::Text(now), OptId(by), db::Text(now), OptId(by)}));
  return row.Int(0);
}

namespace {

constexpr const char* kAttachmentColumns =
    "SELECT t.id, t.application_id, t.kind, t.filename, t.content_type, t.size, t.sha256, "
    "t.created_at, COALESCE(u.display_name, '')";

Attachment AttachmentFromRow(const db::Row& row) {
  Attachment a;
  a.id = row.Int(0);
  a.application_id = row.Int(1);
  a.kind = row.Text(2);
  a.filename = row.Text(3);
  a.content_type = row.Text(4);
  a.size = row.Int(5);
  a.sha256 = row.Text(6);
  a.created_at = row.Text(7);
  a.created_by_name = row.Text(8);
  return a;
}

}  // namespace

Result<std::vector<Attachment>> ApplicationRepository::ListAttachments(db::Connection& c,
                                                                       int64_t application_id) {
  ASSIGN_OR_RETURN(auto res, c.Query(std::string(kAttachmentColumns) +
                                         " FROM application_attachments t LEFT JOIN users u ON "
                                         "u.id = t.created_by WHERE t.application_id = ? "
                                         "ORDER BY t.id",
                                     {db::Int(application_id)}));
  std::vector<Attachment> out;
  for (const auto& row : res.rows) out.push_back(AttachmentFromRow(row));
  return out;
}

Result<std::optional<Attachment>> ApplicationRepository::FindAttachment(db::Connection& c,
                                                                        int64_t application_id,
                                                                        int64_t attachment_id,
                                                                        bool with_content) {
  ASSIGN_OR_RETURN(
      auto row,
      c.Optional(std::string(kAttachmentColumns) + (with_content ? ", t.content" : ", NULL") +
                     " FROM application_attachments t LEFT JOIN users u ON u.id = "
                     "t.created_by WHERE t.application_id = ? AND t.id = ?",
                 {db::Int(application_id), db::Int(attachment_id)}));
  if (!row) return std::optional<Attachment>();
  Attachment a = AttachmentFromRow(*row);
  if (with_content) a.content = row->Bytes(9);
  return std::optional<Attachment>(std::move(a));
}

Result<bool> ApplicationRepository::DeleteAttachment(db::Connection& c, int64_t application_id,
                                                     int64_t attachment_id) {
  ASSIGN_OR_RETURN(
      auto res, c.Query("DELETE FROM application_attachments WHERE application_id = ? AND id = ?",
                        {db::Int(application_id), db::Int(attachment_id)}));
  return res.affected == 1;
}

Result<int64_t> ApplicationRepository::CountAttachments(db::Connection& c, int64_t application_id) {
  ASSIGN_OR_RETURN(auto row,
                   c.One("SELECT COUNT(*) FROM application_attachments WHERE application_id = ?",
                         {db::Int(application_id)}));
  return row.Int(0);
}

Status ApplicationRepository::InsertAcceptance(db::Connection& c, const Application& a,
                                               const Acceptance& acc, std::optional<int64_t> by) {
  json::object checklist;
  for (const auto& [item, passed] : acc.checklist) checklist[item] = passed;
  json::array findings;
  for (const auto& f : acc.findings) findings.emplace_back(f);
  std::string now = NowTimestamp();
  return c.Exec(
      "INSERT INTO application_acceptances (application_id, enterprise_id, province_code, "
      "city_code, county_code, town_code, mode, result, checklist, findings, comment, "
      "inspector_id, inspector_name, at, created_at, created_by) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {db::Int(a.id), db::Int(a.enterprise_id), db::Text(a.province_code), OrNull(a.city_code),
       OrNull(a.county_code), OrNull(a.town_code), db::Text(acc.mode), db::Text(acc.result),
       db::Text(json::serialize(checklist)), db::Text(json::serialize(findings)),
       db::Text(acc.comment), OptId(acc.inspector_id), db::Text(acc.inspector_name),
       db::Text(acc.at.empty() ? now : acc.at), db::Text(acc.at.empty() ? now : acc.at),
       OptId(by)});
}

Result<std::vector<Acceptance>> ApplicationRepository::ListAcceptances(db::Connection& c,
                                                                       int64_t application_id) {
  ASSIGN_OR_RETURN(auto res, c.Query("SELECT id, mode, result, checklist, findings, "
                                     "inspector_id, inspector_name, at, comment FROM "
                                     "application_acceptances WHERE application_id = ? "
                                     "ORDER BY id",
                                     {db::Int(application_id)}));
  std::vector<Acceptance> out;
  for (const auto& row : res.rows) {
    Acceptance a;
    a.id = row.Int(0);
    a.mode = row.Text(1);
    a.result = row.Text(2);
    json::value checklist = ParseOr(row.Text(3), json::object());
    if (checklist.is_object())
      for (const auto& kv : checklist.as_object())
        if (kv.value().is_bool()) a.checklist[std::string(kv.key())] = kv.value().as_bool();
    json::value findings = ParseOr(row.Text(4), json::array());
    if (findings.is_array())
      for (const auto& f : findings.as_array())
        if (f.is_string()) a.findings.emplace_back(f.as_string());
    if (!row.IsNull(5)) a.inspector_id = row.Int(5);
    a.inspector_name = row.Text(6);
    a.at = row.Text(7);
    a.comment = row.Text(8);
    out.push_back(std::move(a));
  }
  return out;
}

Result<std::map<std::string, int64_t>> ApplicationRepository::CountByState(
    db::Connection& c, const ApplicationFilter& f, const Viewer& viewer) {
  std::string where = "WHERE 1 = 1";
  db::Params params;
  AppendViewer(viewer, &where, &params);
  AppendFilter(f, &where, &params);
  ASSIGN_OR_RETURN(auto res, c.Query("SELECT a.state, COUNT(*) FROM applications a " + where +
                                         " GROUP BY a.state",
                                     params));
  std::map<std::string, int64_t> out;
  for (auto s : kStates) out[std::string(s)] = 0;
  for (const auto& row : res.rows) out[row.Text(0)] = row.Int(1);
  return out;
}

Result<int64_t> ApplicationRepository::CountInspectionDue(db::Connection& c,
                                                          const ApplicationFilter& f,
                                                          const Viewer& viewer) {
  std::string where = "WHERE a.inspection_due = 1";
  db::Params params;
  AppendViewer(viewer, &where, &params);
  AppendFilter(f, &where, &params);
  ASSIGN_OR_RETURN(auto row, c.One("SELECT COUNT(*) FROM applications a " + where, params));
  return row.Int(0);
}

Result<int64_t> ApplicationRepository::ClearInspectionDue(db::Connection& c,
                                                          int64_t enterprise_id) {
  ASSIGN_OR_RETURN(auto res, c.Query("UPDATE applications SET inspection_due = 0, version = "
                                     "version + 1, updated_at = ? WHERE enterprise_id = ? AND "
                                     "inspection_due = 1",
                                     {db::Text(NowTimestamp()), db::Int(enterprise_id)}));
  return res.affected;
}

Result<std::vector<PlannedResumption>> ApplicationRepository::Planned(db::Connection& c,
                                                                      const Viewer& viewer) {
  std::string where =
      "WHERE a.state IN ('submitted', 'in_review', 'acceptance_pending', 'approved')";
  db::Params params;
  AppendViewer(viewer, &where, &params);
  std::vector<PlannedResumption> out;
  RETURN_IF_ERROR(c.ForEach(
      "SELECT a.enterprise_id, a.planned_date, a.state, a.approved_date FROM applications a " +
          where + " ORDER BY a.enterprise_id, a.id",
      params, [&](const db::Row& row) {
        out.push_back({row.Int(0), row.Text(1), row.Text(2), row.Text(3)});
        return Status::Ok();
      }));
  return out;
}

}  // namespace fugong::resumption
