#include "io/image_metadata.h"

#include <cstdint>

namespace fugong::io {

std::optional<std::string> StripJpegMetadata(std::string_view b) {
  if (b.size() < 4 || uint8_t(b[0]) != 0xFF || uint8_t(b[1]) != 0xD8) return std::nullopt;
  std::string out(b.substr(0, 2));
  size_t i = 2;
  while (i + 4 <= b.size()) {
    if (uint8_t(b[i]) != 0xFF) return std::nullopt;
    uint8_t marker = uint8_t(b[i + 1]);
    if (marker == 0xFF) {  // fill byte
      ++i;
      continue;
    }
    if (marker == 0xD9) {  // end of image without a scan
      out.append(b.substr(i, 2));
      return out;
    }
    size_t len = (size_t(uint8_t(b[i + 2])) << 8) | uint8_t(b[i + 3]);
    if (len < 2 || i + 2 + len > b.size()) return std::nullopt;
    bool drop = marker == 0xE1 || marker == 0xED || marker == 0xFE;  // EXIF/XMP, IPTC, comment
    if (!drop) out.append(b.substr(i, 2 + len));
    i += 2 + len;
    if (marker == 0xDA) {  // start of scan: the entropy-coded data to the end
      out.append(b.substr(i));
      return out;
    }
  }
  return std::nullopt;
}

std::optional<std::string> StripPngMetadata(std::string_view b) {
  static constexpr std::string_view kSignature("\x89PNG\r\n\x1a\n", 8);
  if (b.substr(0, 8) != kSignature) return std::nullopt;
  std::string out(kSignature);
  size_t i = 8;
  while (i + 12 <= b.size()) {
    uint32_t len = (uint32_t(uint8_t(b[i])) << 24) | (uint32_t(uint8_t(b[i + 1])) << 16) |
                   (uint32_t(uint8_t(b[i + 2])) << 8) | uint32_t(uint8_t(b[i + 3]));
    if (len > b.size() - i - 12) return std::nullopt;
    std::string_view type = b.substr(i + 4, 4);
    bool drop =
        type == "eXIf" || type == "tEXt" || type == "iTXt" || type == "zTXt" || type == "tIME";
    if (!drop) out.append(b.substr(i, 12 + len));
    i += 12 + len;
    if (type == "IEND") return out;
  }
  return std::nullopt;
}

}  // namespace fugong::io
