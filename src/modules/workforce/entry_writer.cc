#include "modules/workforce/entry_writer.h"

#include <chrono>
#include <future>

#include "core/log.h"
#include "modules/workforce/checkin_repository.h"

namespace fugong::workforce {

EntryWriter::EntryWriter(db::Database& db, size_t max_batch, size_t min_batch,
                         std::chrono::microseconds linger)
    : db_(db),
      max_batch_(max_batch < 1 ? 1 : max_batch),
      min_batch_(std::min(min_batch, max_batch_)),
      linger_(linger),
      thread_([this] { Run(); }) {}

EntryWriter::~EntryWriter() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void EntryWriter::Submit(EntryRecord record, std::function<void(Status)> done) {
  bool wake = false;
  {
    std::lock_guard lock(mu_);
    if (!stop_) {
      if (queue_.empty() || queue_.back()->records.size() >= max_batch_) {
        queue_.push_back(std::make_unique<Batch>());
        queue_.back()->opened = std::chrono::steady_clock::now();
        queue_.back()->records.reserve(64);
        queue_.back()->done.reserve(64);
      }
      queue_.back()->records.push_back(std::move(record));
      queue_.back()->done.push_back(std::move(done));
      // A committing writer looks at the queue when it is done; only an idle
      // one needs waking (one futex call per batch, not per record).
      wake = !busy_;
      busy_ = true;
      done = nullptr;
    }
  }
  if (done) {
    done(Status(ErrorKind::kUnavailable, "shutting_down", "服务正在停止", "server is stopping"));
    return;
  }
  if (wake) cv_.notify_one();
}

Status EntryWriter::Write(EntryRecord record) {
  std::promise<Status> promise;
  std::future<Status> result = promise.get_future();
  Submit(std::move(record), [&promise](Status st) { promise.set_value(std::move(st)); });
  return result.get();
}

void EntryWriter::Run() {
  std::unique_lock lock(mu_);
  auto last_commit = std::chrono::steady_clock::time_point();
  for (;;) {
    if (queue_.empty()) {
      busy_ = false;
      if (stop_) return;
      cv_.wait(lock, [this] { return stop_ || !queue_.empty(); });
      continue;
    }
    // Under load, let a small batch grow a little (see the header). Submit
    // does not wake a busy writer, so this is a timed wait.
    auto now = std::chrono::steady_clock::now();
    if (!stop_ && queue_.size() == 1 && queue_.front()->records.size() < min_batch_ &&
        now - last_commit < 2 * linger_) {
      auto deadline = queue_.front()->opened + linger_;
      if (now < deadline) {
        lock.unlock();
        std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
            deadline - now, std::chrono::microseconds(250)));
        lock.lock();
        continue;
      }
    }
    std::unique_ptr<Batch> batch = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    Status st = Commit(batch->records);
    for (auto& done : batch->done) done(st);
    batch.reset();
    last_commit = std::chrono::steady_clock::now();
    lock.lock();
  }
}

Status EntryWriter::Commit(const std::vector<EntryRecord>& records) {
  std::vector<const EntryRecord*> ptrs;
  ptrs.reserve(records.size());
  for (const auto& r : records) ptrs.push_back(&r);
  Status st;
  // A busy database (another writer holding the lock) is retried briefly.
  for (int attempt = 0; attempt < 4; ++attempt) {
    st = db_.Transact([&](db::Connection& c) { return CheckinRepository::InsertEntries(c, ptrs); });
    if (st.ok() || st.kind() != ErrorKind::kUnavailable) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20 << attempt));
  }
  if (!st.ok()) spdlog::error("entry log batch of {} failed: {}", records.size(), st.ToString());
  return st;
}

}  // namespace fugong::workforce
