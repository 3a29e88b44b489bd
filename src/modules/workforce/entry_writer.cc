#include "modules/workforce/entry_writer.h"

#include <chrono>

#include "core/log.h"
#include "modules/workforce/checkin_repository.h"

namespace fugong::workforce {

EntryWriter::EntryWriter(db::Database& db, size_t max_batch)
    : db_(db), max_batch_(max_batch < 1 ? 1 : max_batch), thread_([this] { Run(); }) {}

EntryWriter::~EntryWriter() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

Status EntryWriter::Write(EntryRecord record) {
  std::unique_lock lock(mu_);
  if (stop_)
    return Status(ErrorKind::kUnavailable, "shutting_down", "服务正在停止", "server is stopping");
  if (queue_.empty() || queue_.back()->records.size() >= max_batch_) {
    queue_.push_back(std::make_shared<Batch>());
    queue_.back()->records.reserve(64);
  }
  std::shared_ptr<Batch> batch = queue_.back();
  batch->records.push_back(std::move(record));
  if (batch->records.size() == 1) cv_.notify_one();
  batch->cv.wait(lock, [&] { return batch->done; });
  return batch->status;
}

void EntryWriter::Run() {
  std::unique_lock lock(mu_);
  for (;;) {
    cv_.wait(lock, [this] { return stop_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, nothing left
    std::shared_ptr<Batch> batch = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    Status st = Commit(batch->records);
    lock.lock();
    batch->status = st;
    batch->done = true;
    batch->cv.notify_all();
  }
}

Status EntryWriter::Commit(const std::vector<EntryRecord>& records) {
  std::vector<const EntryRecord*> ptrs;
  ptrs.reserve(records.size());
  for (const auto& r : records) ptrs.push_back(&r);
  Status st;
  // A busy database (another writer holding the lock) is retried briefly.
  for (int attempt = 0; attempt < 4; ++attempt) {
    st = db_.Transact(
        [&](db::Connection& c) { return CheckinRepository::InsertEntries(c, ptrs); });
    if (st.ok() || st.kind() != ErrorKind::kUnavailable) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20 << attempt));
  }
  if (!st.ok())
    spdlog::error("entry log batch of {} failed: {}", records.size(), st.ToString());
  return st;
}

}  // namespace fugong::workforce
