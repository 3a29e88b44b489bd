#include "modules/notice/notice_repository.h"

#include <algorithm>

#include "core/clock.h"
#include "system/scope_sql.h"

namespace fugong::notice {
namespace {

db::Value ById(int64_t user_id) { return user_id ? db::Int(user_id) : db::Null(); }
db::Value OrNull(const std::string& s) { return s.empty() ? db::Null() : db::Text(s); }

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += ",";
    out += s;
  }
  return out;
}

std::vector<std::string> Split(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find(',', start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

const char* LevelColumn(int level) {
  static const char* kColumns[] = {"province_code", "province_code", "city_code", "county_code",
                                   "town_code"};
  return kColumns[(level >= 1 && level <= 4) ? level : 1];
}

constexpr const char* kSelect =
    "SELECT n.id, n.kind, n.title, n.body, n.region_code, rg.name, rg.level, n.target_flags, "
    "n.target_usccs, n.state, n.recipients, "
    "(SELECT COUNT(*) FROM notice_recipients nr WHERE nr.notice_id = n.id "
    "AND nr.first_read_at IS NOT NULL), "
    "n.publisher_name, n.department, n.published_at, n.withdrawn_at, n.created_at, n.updated_at "
    "FROM notices n JOIN regions rg ON rg.code = n.region_code ";

Notice NoticeFrom(const db::Row& r) {
  Notice n;
  n.id = r.Int(0);
  n.kind = r.Text(1);
  n.title = r.Text(2);
  n.body = r.Text(3);
  n.target.region_code = r.Text(4);
  n.region_name = r.Text(5);
  n.region_level = int(r.Int(6));
  n.target.flags = Split(r.Text(7));
  n.target.usccs = Split(r.Text(8));
  n.state = r.Text(9);
  n.recipients = r.Int(10);
  n.read = r.Int(11);
  n.publisher_name = r.Text(12);
  n.department = r.Text(13);
  n.published_at = r.Text(14);
  n.withdrawn_at = r.Text(15);
  n.created_at = r.Text(16);
  n.updated_at = r.Text(17);
  return n;
}

// " AND <region> AND <flags> AND <usccs>" over enterprises aliased `e`.
std::string TargetWhere(const Target& t, const system::Region& region, db::Params* params) {
  std::string sql = std::string(" AND e.") + LevelColumn(region.level) + " = ?";
  params->push_back(db::Text(region.code));
  if (!t.flags.empty()) {
    std::string any;
    for (const auto& f : t.flags) {
      if (!any.empty()) any += " OR ";
      // Flag names are validated against the registry's fixed list.
      any += f == "essential" ? std::string("e.essential_category <> ''") : "e." + f + " = 1";
    }
    sql += " AND (" + any + ")";
  }
  if (!t.usccs.empty()) {
    sql += " AND e.uscc IN (";
    for (size_t i = 0; i < t.usccs.size(); ++i) {
      sql += i ? ", ?" : "?";
      params->push_back(db::Text(t.usccs[i]));
    }
    sql += ")";
  }
  return sql;
}

constexpr const char* kRecipientSelect =
    "SELECT e.id, e.uscc, e.name, e.region_code, rg.name, e.contact, e.phone, r.first_read_at, "
    "COALESCE(u.display_name, '') "
    "FROM notice_recipients r JOIN enterprises e ON e.id = r.enterprise_id "
    "JOIN regions rg ON rg.code = e.region_code "
    "LEFT JOIN users u ON u.id = r.first_read_by "
    "WHERE r.notice_id = ?";

Recipient RecipientFrom(const db::Row& r) {
  Recipient x;
  x.enterprise_id = r.Int(0);
  x.uscc = r.Text(1);
  x.name = r.Text(2);
  x.region_code = r.Text(3);
  x.region_name = r.Text(4);
  x.contact = r.Text(5);
  x.phone = r.Text(6);
  x.first_read_at = r.Text(7);
  x.first_reader = r.Text(8);
  return x;
}

std::string ReadWhere(std::optional<bool> read) {
  if (!read) return "";
  return *read ? " AND r.first_read_at IS NOT NULL" : " AND r.first_read_at IS NULL";
}

constexpr const char* kInboxSelect =
    "SELECT n.id, n.kind, n.title, n.body, n.region_code, rg.name, rg.level, '', '', n.state, "
    "n.recipients, 0, n.publisher_name, n.department, n.published_at, n.withdrawn_at, "
    "n.created_at, n.updated_at, r.first_read_at, me.first_read_at "
    "FROM notice_recipients r JOIN notices n ON n.id = r.notice_id "
    "JOIN regions rg ON rg.code = n.region_code "
    "LEFT JOIN notice_reads me ON me.notice_id = n.id AND me.user_id = ? "
    "WHERE r.enterprise_id = ? AND n.state = 'published'";

Notice InboxFrom(const db::Row& r) {
  Notice n = NoticeFrom(r);
  n.recipients = 0;
  n.enterprise_read_at = r.Text(18);
  n.my_read_at = r.Text(19);
  return n;
}

}  // namespace

Result<int64_t> NoticeRepository::Insert(db::Connection& c, const NoticeInput& in,
                                         const system::Region& region,
                                         const std::string& publisher_name,
                                         const std::string& department, int64_t by) {
  std::string now = NowTimestamp();
  ASSIGN_OR_RETURN(
      db::Row r,
      c.One("INSERT INTO notices (kind, title, body, region_code, province_code, city_code, "
            "county_code, town_code, target_flags, target_usccs, state, publisher_name, "
            "department, created_at, created_by, updated_at, updated_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?) RETURNING id",
            {db::Text(in.kind), db::Text(in.title), db::Text(in.body), db::Text(region.code),
             db::Text(region.province_code), OrNull(region.city_code), OrNull(region.county_code),
             OrNull(region.town_code), db::Text(Join(in.target.flags)),
             db::Text(Join(in.target.usccs)), db::Text(publisher_name), db::Text(department),
             db::Text(now), ById(by), db::Text(now), ById(by)}));
  return r.Int(0);
}

Result<bool> NoticeRepository::UpdateDraft(db::Connection& c, int64_t id, const NoticeInput& in,
                                           const system::Region& region, int64_t by) {
  ASSIGN_OR_RETURN(
      auto r,
      c.Query("UPDATE notices SET kind = ?, title = ?, body = ?, region_code = ?, "
              "province_code = ?, city_code = ?, county_code = ?, town_code = ?, "
              "target_flags = ?, target_usccs = ?, updated_at = ?, updated_by = ? "
              "WHERE id = ? AND state = 'draft'",
              {db::Text(in.kind), db::Text(in.title), db::Text(in.body), db::Text(region.code),
               db::Text(region.province_code), OrNull(region.city_code), OrNull(region.county_code),
               OrNull(region.town_code), db::Text(Join(in.target.flags)),
               db::Text(Join(in.target.usccs)), db::Text(NowTimestamp()), ById(by), db::Int(id)}));
  return r.affected > 0;
}

Result<std::optional<Notice>> NoticeRepository::Get(db::Connection& c, int64_t id,
                                                    const system::Scope& scope) {
  db::Params params{db::Int(id)};
  std::string sql =
      std::string(kSelect) + "WHERE n.id = ?" + system::ScopeClause(scope, "n", "0", &params);
  ASSIGN_OR_RETURN(auto row, c.Optional(sql, params));
  if (!row) return std::optional<Notice>();
  Notice n = NoticeFrom(*row);
  ASSIGN_OR_RETURN(n.attachments, Attachments(c, id));
  return std::optional<Notice>(std::move(n));
}

Result<std::vector<Notice>> NoticeRepository::List(db::Connection& c, const NoticeFilter& f,
                                                   const system::Scope& scope,
                                                   const system::Page& page, int64_t* total) {
  db::Params params;
  std::string where = "WHERE 1 = 1" + system::ScopeClause(scope, "n", "0", &params);
  if (!f.state.empty()) {
    where += " AND n.state = ?";
    params.push_back(db::Text(f.state));
  }
  if (!f.kind.empty()) {
    where += " AND n.kind = ?";
    params.push_back(db::Text(f.kind));
  }
  if (!f.q.empty()) {
    where += " AND n.title LIKE ?";
    params.push_back(db::Text("%" + f.q + "%"));
  }
  if (!f.region.empty()) {
    where += std::string(" AND n.") + LevelColumn(f.region_level) + " = ?";
    params.push_back(db::Text(f.region));
  }
  ASSIGN_OR_RETURN(db::Row count, c.One("SELECT COUNT(*) FROM notices n " + where, params));
  *total = count.Int(0);
  params.push_back(db::Int(page.size));
  params.push_back(db::Int(page.Offset()));
  ASSIGN_OR_RETURN(auto rows, c.Query(std::string(kSelect) + where +
                                          " ORDER BY n.updated_at DESC, n.id DESC LIMIT ? OFFSET ?",
                                      params));
  std::vector<Notice> out;
  for (const auto& r : rows.rows) out.push_back(NoticeFrom(r));
  return out;
}

Result<int64_t> NoticeRepository::InsertAttachment(db::Connection& c, const Attachment& a,
                                                   int64_t by) {
  ASSIGN_OR_RETURN(
      db::Row r,
      c.One("INSERT INTO notice_attachments (notice_id, filename, content_type, size, sha256, "
            "content, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            {db::Int(a.notice_id), db::Text(a.filename), db::Text(a.content_type), db::Int(a.size),
             db::Text(a.sha256), db::Blob{a.content}, db::Text(NowTimestamp()), ById(by)}));
  return r.Int(0);
}

Result<std::vector<Attachment>> NoticeRepository::Attachments(db::Connection& c,
                                                              int64_t notice_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query("SELECT id, notice_id, filename, content_type, size, "
                                      "sha256, created_at FROM notice_attachments "
                                      "WHERE notice_id = ? ORDER BY id",
                                      {db::Int(notice_id)}));
  std::vector<Attachment> out;
  for (const auto& r : rows.rows) {
    Attachment a;
    a.id = r.Int(0);
    a.notice_id = r.Int(1);
    a.filename = r.Text(2);
    a.content_type = r.Text(3);
    a.size = r.Int(4);
    a.sha256 = r.Text(5);
    a.created_at = r.Text(6);
    out.push_back(std::move(a));
  }
  return out;
}

Result<std::optional<Attachment>> NoticeRepository::FindAttachment(db::Connection& c,
                                                                   int64_t notice_id,
                                                                   int64_t attachment_id) {
  ASSIGN_OR_RETURN(auto row, c.Optional("SELECT id, notice_id, filename, content_type, size, "
                                        "sha256, created_at, content FROM notice_attachments "
                                        "WHERE notice_id = ? AND id = ?",
                                        {db::Int(notice_id), db::Int(attachment_id)}));
  if (!row) return std::optional<Attachment>();
  Attachment a;
  a.id = row->Int(0);
  a.notice_id = row->Int(1);
  a.filename = row->Text(2);
  a.content_type = row->Text(3);
  a.size = row->Int(4);
  a.sha256 = row->Text(5);
  a.created_at = row->Text(6);
  a.content = row->Bytes(7);
  return std::optional<Attachment>(std::move(a));
}

Result<bool> NoticeRepository::DeleteAttachment(db::Connection& c, int64_t notice_id,
                                                int64_t attachment_id) {
  ASSIGN_OR_RETURN(auto r, c.Query("DELETE FROM notice_attachments WHERE notice_id = ? AND id = ?",
                                   {db::Int(notice_id), db::Int(attachment_id)}));
  return r.affected > 0;
}

Result<int64_t> NoticeRepository::CountAttachments(db::Connection& c, int64_t notice_id) {
  ASSIGN_OR_RETURN(db::Row r, c.One("SELECT COUNT(*) FROM notice_attachments WHERE notice_id = ?",
                                    {db::Int(notice_id)}));
  return r.Int(0);
}

Result<bool> NoticeRepository::TouchDraft(db::Connection& c, int64_t id, int64_t by) {
  ASSIGN_OR_RETURN(auto r, c.Query("UPDATE notices SET updated_at = ?, updated_by = ? "
                                   "WHERE id = ? AND state = 'draft'",
                                   {db::Text(NowTimestamp()), ById(by), db::Int(id)}));
  return r.affected > 0;
}

Result<std::vector<std::string>> NoticeRepository::MissingUsccs(
    db::Connection& c, const std::vector<std::string>& usccs, const system::Region& region) {
  Target t;
  t.usccs = usccs;
  db::Params params;
  std::string sql =
      "SELECT e.uscc FROM enterprises e WHERE 1 = 1" + TargetWhere(t, region, &params);
  ASSIGN_OR_RETURN(auto rows, c.Query(sql, params));
  std::vector<std::string> found;
  for (const auto& r : rows.rows) found.push_back(r.Text(0));
  std::vector<std::string> missing;
  for (const auto& u : usccs)
    if (std::find(found.begin(), found.end(), u) == found.end()) missing.push_back(u);
  return missing;
}

Result<int64_t> NoticeRepository::CountTargets(db::Connection& c, const Target& t,
                                               const system::Region& region) {
  db::Params params;
  std::string sql =
      "SELECT COUNT(*) FROM enterprises e WHERE 1 = 1" + TargetWhere(t, region, &params);
  ASSIGN_OR_RETURN(db::Row r, c.One(sql, params));
  return r.Int(0);
}

Result<std::optional<int64_t>> NoticeRepository::Publish(db::Connection& c, int64_t id,
                                                         const Target& t,
                                                         const system::Region& region, int64_t by) {
  std::string now = NowTimestamp();
  // Claim the draft first: a concurrent publication finds it published.
  ASSIGN_OR_RETURN(auto claimed,
                   c.Query("UPDATE notices SET state = 'published', published_at = ?, "
                           "published_by = ?, updated_at = ?, updated_by = ? "
                           "WHERE id = ? AND state = 'draft'",
                           {db::Text(now), ById(by), db::Text(now), ById(by), db::Int(id)}));
  if (claimed.affected == 0) return std::optional<int64_t>();
  db::Params params{db::Int(id)};
  std::string sql =
      "INSERT INTO notice_recipients (notice_id, enterprise_id, province_code, city_code, "
      "county_code, town_code) SELECT ?, e.id, e.province_code, e.city_code, e.county_code, "
      "e.town_code FROM enterprises e WHERE 1 = 1" +
      TargetWhere(t, region, &params);
  ASSIGN_OR_RETURN(auto inserted, c.Query(sql, params));
  RETURN_IF_ERROR(c.Exec("UPDATE notices SET recipients = ? WHERE id = ?",
                         {db::Int(inserted.affected), db::Int(id)}));
  return std::optional<int64_t>(inserted.affected);
}

Result<bool> NoticeRepository::Withdraw(db::Connection& c, int64_t id, int64_t by) {
  std::string now = NowTimestamp();
  ASSIGN_OR_RETURN(auto r,
                   c.Query("UPDATE notices SET state = 'withdrawn', withdrawn_at = ?, "
                           "withdrawn_by = ?, updated_at = ?, updated_by = ? "
                           "WHERE id = ? AND state = 'published'",
                           {db::Text(now), ById(by), db::Text(now), ById(by), db::Int(id)}));
  return r.affected > 0;
}

Result<std::vector<int64_t>> NoticeRepository::RecipientUsers(db::Connection& c,
                                                              int64_t notice_id) {
  ASSIGN_OR_RETURN(auto rows,
                   c.Query("SELECT DISTINCT u.id FROM notice_recipients r "
                           "JOIN users u ON u.enterprise_id = r.enterprise_id "
                           "JOIN user_roles ur ON ur.user_id = u.id AND ur.role = 'enterprise' "
                           "WHERE r.notice_id = ? AND u.disabled = 0 ORDER BY u.id",
                           {db::Int(notice_id)}));
  std::vector<int64_t> out;
  out.reserve(rows.rows.size());
  for (const auto& r : rows.rows) out.push_back(r.Int(0));
  return out;
}

Result<std::vector<Recipient>> NoticeRepository::Recipients(db::Connection& c, int64_t notice_id,
                                                            std::optional<bool> read,
                                                            const system::Page& page,
                                                            int64_t* total) {
  ASSIGN_OR_RETURN(
      db::Row count,
      c.One("SELECT COUNT(*) FROM notice_recipients r WHERE r.notice_id = ?" + ReadWhere(read),
            {db::Int(notice_id)}));
  *total = count.Int(0);
  ASSIGN_OR_RETURN(auto rows,
                   c.Query(std::string(kRecipientSelect) + ReadWhere(read) +
                               " ORDER BY e.region_code, e.uscc LIMIT ? OFFSET ?",
                           {db::Int(notice_id), db::Int(page.size), db::Int(page.Offset())}));
  std::vector<Recipient> out;
  for (const auto& r : rows.rows) out.push_back(RecipientFrom(r));
  return out;
}

Status NoticeRepository::ForEachRecipient(db::Connection& c, int64_t notice_id,
                                          std::optional<bool> read,
                                          const std::function<Status(const Recipient&)>& fn) {
  return c.ForEach(
      std::string(kRecipientSelect) + ReadWhere(read) + " ORDER BY e.region_code, e.uscc",
      {db::Int(notice_id)}, [&](const db::Row& r) { return fn(RecipientFrom(r)); });
}

Result<std::vector<Notice>> NoticeRepository::Inbox(db::Connection& c, int64_t enterprise_id,
                                                    int64_t user_id, bool unread_only,
                                                    const system::Page& page, int64_t* total) {
  std::string unread = unread_only ? " AND me.first_read_at IS NULL" : "";
  ASSIGN_OR_RETURN(
      db::Row count,
      c.One("SELECT COUNT(*) FROM notice_recipients r JOIN notices n ON n.id = r.notice_id "
            "LEFT JOIN notice_reads me ON me.notice_id = n.id AND me.user_id = ? "
            "WHERE r.enterprise_id = ? AND n.state = 'published'" +
                unread,
            {db::Int(user_id), db::Int(enterprise_id)}));
  *total = count.Int(0);
  ASSIGN_OR_RETURN(auto rows,
                   c.Query(std::string(kInboxSelect) + unread +
                               " ORDER BY n.published_at DESC, n.id DESC LIMIT ? OFFSET ?",
                           {db::Int(user_id), db::Int(enterprise_id), db::Int(page.size),
                            db::Int(page.Offset())}));
  std::vector<Notice> out;
  for (const auto& r : rows.rows) out.push_back(InboxFrom(r));
  return out;
}

Result<std::optional<Notice>> NoticeRepository::InboxGet(db::Connection& c, int64_t id,
                                                         int64_t enterprise_id, int64_t user_id) {
  ASSIGN_OR_RETURN(auto row, c.Optional(std::string(kInboxSelect) + " AND n.id = ?",
                                        {db::Int(user_id), db::Int(enterprise_id), db::Int(id)}));
  if (!row) return std::optional<Notice>();
  Notice n = InboxFrom(*row);
  ASSIGN_OR_RETURN(n.attachments, Attachments(c, id));
  return std::optional<Notice>(std::move(n));
}

Result<int64_t> NoticeRepository::UnreadCount(db::Connection& c, int64_t enterprise_id,
                                              int64_t user_id) {
  ASSIGN_OR_RETURN(
      db::Row r,
      c.One("SELECT COUNT(*) FROM notice_recipients r JOIN notices n ON n.id = r.notice_id "
            "LEFT JOIN notice_reads me ON me.notice_id = n.id AND me.user_id = ? "
            "WHERE r.enterprise_id = ? AND n.state = 'published' AND me.first_read_at IS NULL",
            {db::Int(user_id), db::Int(enterprise_id)}));
  return r.Int(0);
}

Status NoticeRepository::MarkRead(db::Connection& c, int64_t id, int64_t enterprise_id,
                                  int64_t user_id) {
  std::string now = NowTimestamp();
  RETURN_IF_ERROR(
      c.Exec("INSERT INTO notice_reads (notice_id, user_id, enterprise_id, "
             "first_read_at) VALUES (?, ?, ?, ?) "
             "ON CONFLICT (notice_id, user_id) DO NOTHING",
             {db::Int(id), db::Int(user_id), db::Int(enterprise_id), db::Text(now)}));
  return c.Exec(
      "UPDATE notice_recipients SET first_read_at = ?, first_read_by = ? "
      "WHERE notice_id = ? AND enterprise_id = ? AND first_read_at IS NULL",
      {db::Text(now), db::Int(user_id), db::Int(id), db::Int(enterprise_id)});
}

}  // namespace fugong::notice
