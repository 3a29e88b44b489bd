#include "core/periodic.h"

#include <cctype>
#include <cstdlib>

#include "core/log.h"

namespace fugong {

std::chrono::seconds Periodic::Configured(const std::string& name, std::chrono::seconds period) {
  std::string env = "FUGONG_";
  for (char c : name) env += c == ' ' ? '_' : char(std::toupper(static_cast<unsigned char>(c)));
  env += "_SECONDS";
  if (const char* v = std::getenv(env.c_str()); v && std::atoi(v) > 0)
    return std::chrono::seconds(std::atoi(v));
  return period;
}

Periodic::Periodic(std::string name, std::chrono::seconds period,
                   std::function<Result<int64_t>()> job)
    : name_(std::move(name)) {
  period = Configured(name_, period);
  thread_ = std::thread([this, period, job = std::move(job)] {
    std::unique_lock lock(mu_);
    while (!stop_) {
      lock.unlock();
      auto n = job();
      if (!n.ok())
        spdlog::warn("{}: {}", name_, n.status().ToString());
      else if (*n > 0)
        spdlog::info("{}: {} done", name_, *n);
      lock.lock();
      cv_.wait_for(lock, period, [this] { return stop_; });
    }
  });
}

Periodic::~Periodic() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace fugong
