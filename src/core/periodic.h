// Periodic: a background job run at once and then every `period` on its own
// thread (escalation passes, sweeps), until destroyed. The job returns how
// many things it did (logged when > 0) or an error (logged, retried at the
// next period). FUGONG_<NAME>_SECONDS (the name upper-cased, spaces as
// underscores) overrides the period, e.g. FUGONG_DEMAND_ESCALATION_SECONDS.
// Thread-safety: construct and destroy from one thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "core/status.h"

namespace fugong {

class Periodic {
 public:
  Periodic(std::string name, std::chrono::seconds period, std::function<Result<int64_t>()> job);
  // The period a job named `name` runs with: `period`, or FUGONG_<NAME>_SECONDS.
  static std::chrono::seconds Configured(const std::string& name, std::chrono::seconds period);
  ~Periodic();
  Periodic(const Periodic&) = delete;
  Periodic& operator=(const Periodic&) = delete;

 private:
  const std::string name_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace fugong
