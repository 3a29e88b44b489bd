// EntryWriter: group commit for the gate's entry log. Handlers call Write(),
// which queues the record and blocks until the transaction holding it has
// committed; one writer thread takes everything queued so far (up to
// `max_batch` records) and commits it in one transaction, then wakes those
// handlers. Under load, the records that arrive while one batch commits form
// the next, so the cost of a commit is shared by hundreds of check-ins and a
// success answer still means the row is durable.
// Thread-safety: Write from any thread; the destructor drains and stops.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "db/database.h"
#include "modules/workforce/checkin.h"

namespace fugong::workforce {

class EntryWriter {
 public:
  explicit EntryWriter(db::Database& db, size_t max_batch = 4096);
  ~EntryWriter();
  EntryWriter(const EntryWriter&) = delete;
  EntryWriter& operator=(const EntryWriter&) = delete;

  // Commits `record` (with its alert, if any). Returns the commit's status:
  // on an error nothing of the batch was written.
  Status Write(EntryRecord record);

 private:
  struct Batch {
    std::vector<EntryRecord> records;
    Status status;
    bool done = false;
    std::condition_variable cv;
  };

  void Run();
  Status Commit(const std::vector<EntryRecord>& records);

  db::Database& db_;
  const size_t max_batch_;
  std::mutex mu_;
  std::condition_variable cv_;                 // wakes the writer
  std::deque<std::shared_ptr<Batch>> queue_;  // guarded by mu_
  bool stop_ = false;                          // guarded by mu_
  std::thread thread_;
};

}  // namespace fugong::workforce
