#include "modules/workforce/keys.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "core/crypto.h"
#include "core/log.h"

namespace fugong::workforce {
namespace {

constexpr size_t kKeyBytes = 32;

std::string Derive(const std::string& master, const char* purpose) {
  return crypto::Blake2b(purpose, master);
}

Status FileError(const std::string& what, const std::string& path) {
  return Internal(what + " " + path + ": " + std::strerror(errno));
}

Result<std::string> ReadKey(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return FileError("cannot open key file", path);
  struct stat st {};
  if (::fstat(fd, &st) == 0 && (st.st_mode & 077) != 0)
    spdlog::warn("key file {} is readable by other users; chmod 600 it", path);
  std::string key(kKeyBytes + 1, '\0');
  ssize_t n = ::read(fd, key.data(), key.size());
  ::close(fd);
  if (n != static_cast<ssize_t>(kKeyBytes))
    return Internal("key file " + path + " must hold exactly 32 bytes");
  key.resize(kKeyBytes);
  return key;
}

}  // namespace

Keys Keys::FromMaster(const std::string& master) {
  return Keys{Derive(master, "fugong/workforce/seal/v1"),
              Derive(master, "fugong/workforce/id-hash/v1"),
              Derive(master, "fugong/workforce/pass/v1")};
}

std::string KeyFilePath(const std::string& db_url) {
  if (const char* env = std::getenv("FUGONG_KEY_FILE"); env && *env) return env;
  std::string url = db_url;
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) return "fugong.key";
  if (url.rfind("sqlite:", 0) == 0) url = url.substr(7);
  if (url.empty() || url == ":memory:" || url.rfind("file:", 0) == 0) return "fugong.key";
  return url + ".key";
}

Result<Keys> LoadOrCreateKeys(const std::string& path) {
  if (::access(path.c_str(), F_OK) != 0) {
    // Write a temporary file, then link() it into place: link fails if a
    // concurrent start got there first, and nobody ever sees a short file.
    std::string tmp = path + ".tmp-" + crypto::ToHex(crypto::RandomBytes(6));
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return FileError("cannot create key file", tmp);
    std::string key = crypto::RandomBytes(kKeyBytes);
    bool ok =
        ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) {
      ::unlink(tmp.c_str());
      return FileError("cannot write key file", tmp);
    }
    int rc = ::link(tmp.c_str(), path.c_str());
    int link_errno = errno;
    ::unlink(tmp.c_str());
    if (rc != 0 && link_errno != EEXIST) {
      errno = link_errno;
      return FileError("cannot create key file", path);
    }
    if (rc == 0) spdlog::info("created key file {}", path);
  }
  ASSIGN_OR_RETURN(std::string master, ReadKey(path));
  return Keys::FromMaster(master);
}

}  // namespace fugong::workforce
