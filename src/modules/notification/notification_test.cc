// Notifications against a real SQLite database: enqueue in the caller's
// transaction (a rollback leaves nothing), recipients by enterprise and by
// region and department, the user's centre, and the dispatcher's delivery,
// retries and give-up with senders attached through the Sender interface.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/crypto.h"
#include "db/migrator.h"
#include "modules/notification/notification_repository.h"
#include "modules/notification/notification_service.h"
#include "system/reference_service.h"

namespace fugong::notification {
namespace {

class RecordingSender : public Sender {
 public:
  explicit RecordingSender(int fail_first) : fail_first_(fail_first) {}
  std::string Channel() const override { return "sms"; }
  Status Send(const OutboxItem& item) override {
    if (calls_++ < fail_first_) return Internal("gateway down");
    sent.push_back(item.title + "@" + item.username);
    return Status::Ok();
  }
  std::vector<std::string> sent;

 private:
  int fail_first_;
  int calls_ = 0;
};

class NotificationTest : public testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::InitCrypto());
    dir_ =
        (std::filesystem::temp_directory_path() / ("nt-" + crypto::ToHex(crypto::RandomBytes(8))))
            .string();
    std::filesystem::create_directories(dir_);
    db_ = std::move(db::Database::Open("sqlite:" + dir_ + "/t.db", 4)).value();
    ASSERT_TRUE(db::Migrate(*db_).ok());
    reference_ = std::make_unique<system::ReferenceService>(*db_);
    ASSERT_TRUE(reference_->LoadBuiltin().ok());
    // Users: a district commander (220202), a city one (220200), a department
    // user of 220202 (卫健委), an enterprise contact of enterprise 7.
    Exec(
        "INSERT INTO users (id, username, password_hash, display_name, region_code, "
        "enterprise_id, department, created_at, updated_at) VALUES "
        "(1, 'district', 'x', 'd', '220202', NULL, '', 't', 't'), "
        "(2, 'city', 'x', 'c', '220200', NULL, '', 't', 't'), "
        "(3, 'health', 'x', 'h', '220202', NULL, '卫生健康委员会', 't', 't'), "
        "(4, 'ent', 'x', 'e', NULL, 7, '', 't', 't'), "
        "(5, 'other_district', 'x', 'o', '220203', NULL, '', 't', 't')");
    Exec(
        "INSERT INTO user_roles (user_id, role) VALUES (1, 'commander'), (2, 'commander'), "
        "(3, 'department'), (4, 'enterprise'), (5, 'commander')");
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Exec(const std::string& sql) {
    ASSERT_TRUE(db_->WithConnection([&](db::Connection& c) { return c.Exec(sql); }).ok());
  }
  std::string dir_;
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<system::ReferenceService> reference_;
};

TEST_F(NotificationTest, RecipientsByEnterpriseRegionAndDepartment) {
  auto street = reference_->GetRegion("220202");
  ASSERT_TRUE(street.ok());
  ASSERT_TRUE(db_->WithConnection([&](db::Connection& c) -> Status {
                   ASSIGN_OR_RETURN(auto ent, EnterpriseUsers(c, 7));
                   EXPECT_EQ(ent, std::vector<int64_t>({4}));
                   ASSIGN_OR_RETURN(auto cmd, RegionUsers(c, "commander", *street));
                   EXPECT_EQ(cmd, std::vector<int64_t>({1, 2}));  // not 220203's
                   ASSIGN_OR_RETURN(auto health,
                                    RegionUsers(c, "department", *street, "卫生健康委员会"));
                   EXPECT_EQ(health, std::vector<int64_t>({3}));
                   ASSIGN_OR_RETURN(auto none, RegionUsers(c, "department", *street, "商务局"));
                   EXPECT_TRUE(none.empty());
                   return Status::Ok();
                 })
                  .ok());
}

TEST_F(NotificationTest, EnqueueIsPartOfTheCallersTransaction) {
  NewNotification n{{1, 1, 4}, "demand_assigned", "新诉求", "原材料短缺", "/demands/1"};
  Status rolled = db_->Transact([&](db::Connection& c) -> Status {
    RETURN_IF_ERROR(Enqueue(c, n));
    return Conflict("x", "boom", "回滚", "roll back");
  });
  EXPECT_FALSE(rolled.ok());
  NotificationService centre(*db_);
  system::Principal one;
  one.user_id = 1;
  EXPECT_EQ(centre.UnreadCount(one).value(), 0);
  ASSERT_TRUE(db_->Transact([&](db::Connection& c) { return Enqueue(c, n); }).ok());
  EXPECT_EQ(centre.UnreadCount(one).value(), 1);  // duplicates once
  int64_t total = 0, unread = 0;
  auto mine = centre.Mine(false, system::Page{}, one, &total, &unread);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].link, "/demands/1");
  // Another user cannot mark it; the owner can, once.
  system::Principal four;
  four.user_id = 4;
  EXPECT_EQ(centre.MarkRead((*mine)[0].id, four).kind(), ErrorKind::kNotFound);
  EXPECT_TRUE(centre.MarkRead((*mine)[0].id, one).ok());
  EXPECT_EQ(centre.UnreadCount(one).value(), 0);
  EXPECT_EQ(centre.UnreadCount(four).value(), 1);
  EXPECT_EQ(centre.MarkAllRead(four).value(), 1);
  EXPECT_FALSE(db_->Transact([&](db::Connection& c) {
                    return Enqueue(c, NewNotification{{1}, "", "t", "", ""});
                  })
                   .ok());
}

TEST_F(NotificationTest, DispatcherDeliversRetriesAndGivesUp) {
  ASSERT_TRUE(db_->Transact([&](db::Connection& c) {
                   return Enqueue(c, NewNotification{{1, 4}, "notice", "通知", "", ""});
                 })
                  .ok());
  // No sender: nothing to deliver to, rows stay pending.
  Dispatcher idle(*db_, {});
  EXPECT_EQ(idle.DeliverOnce().value(), 0);
  // A sender failing twice, then working: three passes deliver both.
  auto sender = std::make_unique<RecordingSender>(2);
  RecordingSender* rec = sender.get();
  std::vector<std::unique_ptr<Sender>> senders;
  senders.push_back(std::move(sender));
  Dispatcher d(*db_, std::move(senders), std::chrono::seconds(60), 5);
  EXPECT_EQ(d.DeliverOnce().value(), 0);  // both attempts fail
  EXPECT_EQ(d.DeliverOnce().value(), 2);
  EXPECT_EQ(d.DeliverOnce().value(), 0);  // nothing left
  EXPECT_EQ(rec->sent, std::vector<std::string>({"通知@district", "通知@ent"}));
  NotificationService centre(*db_);
  auto counts = centre.OutboxCounts().value();
  ASSERT_EQ(counts.size(), 1u);
  EXPECT_EQ(counts[0], (std::pair<std::string, int64_t>{"sent", 2}));

  // Always failing: marked failed after max_attempts.
  ASSERT_TRUE(db_->Transact([&](db::Connection& c) {
                   return Enqueue(c, NewNotification{{1}, "notice", "再通知", "", ""});
                 })
                  .ok());
  std::vector<std::unique_ptr<Sender>> failing;
  failing.push_back(std::make_unique<RecordingSender>(1000));
  Dispatcher f(*db_, std::move(failing), std::chrono::seconds(60), 3);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(f.DeliverOnce().value(), 0);
  counts = centre.OutboxCounts().value();
  EXPECT_EQ(counts[0], (std::pair<std::string, int64_t>{"failed", 1}));
}

}  // namespace
}  // namespace fugong::notification
