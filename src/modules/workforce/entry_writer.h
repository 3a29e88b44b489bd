// EntryWriter: group commit for the gate's entry log. A record is queued with
// Submit() (its callback runs once the transaction holding it has committed)
// or Write() (which blocks until then); one writer thread takes everything
// queued so far (up to `max_batch` records) and commits it in one
// transaction, then runs the callbacks. Under load, the records that arrive
// while one batch commits form the next, so the cost of a commit is shared by
// hundreds of check-ins and a success answer still means the row is durable.
// Under continuous load (the previous commit ended moments ago) a small batch
// lingers up to `linger` for more records: a commit costs about 70 µs plus
// 5 µs a row on SQLite, so batches of a handful would spend most of the
// writer's time on commit overhead. A first record after a quiet spell is
// committed at once.
// Thread-safety: Submit and Write from any thread; the destructor drains the
// queue (every callback runs) and stops.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "db/database.h"
#include "modules/workforce/checkin.h"

namespace fugong::workforce {

class EntryWriter {
 public:
  explicit EntryWriter(db::Database& db, size_t max_batch = 4096, size_t min_batch = 64,
                       std::chrono::microseconds linger = std::chrono::microseconds(1000));
  ~EntryWriter();
  EntryWriter(const EntryWriter&) = delete;
  EntryWriter& operator=(const EntryWriter&) = delete;

  // Queues `record` (with its alert, if any); `done` runs on the writer
  // thread with the commit's status (on an error nothing of the batch was
  // written), or at once with kUnavailable when the writer is stopping.
  void Submit(EntryRecord record, std::function<void(Status)> done);
  // Submit, waiting for the status.
  Status Write(EntryRecord record);

 private:
  struct Batch {
    std::chrono::steady_clock::time_point opened;
    std::vector<EntryRecord> records;
    std::vector<std::function<void(Status)>> done;
  };

  void Run();
  Status Commit(const std::vector<EntryRecord>& records);

  db::Database& db_;
  const size_t max_batch_;
  const size_t min_batch_;
  const std::chrono::microseconds linger_;
  std::mutex mu_;
  std::condition_variable cv_;                // wakes the writer
  std::deque<std::unique_ptr<Batch>> queue_;  // guarded by mu_
  bool stop_ = false;                         // guarded by mu_
  bool busy_ = false;                         // writer is committing; guarded by mu_
  std::thread thread_;
};

}  // namespace fugong::workforce
