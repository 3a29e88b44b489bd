#include "io/image_metadata.h"

#include <gtest/gtest.h>

namespace fugong::io {
namespace {

std::string Segment(uint8_t marker, const std::string& payload) {
  size_t len = payload.size() + 2;
  return std::string{char(0xFF), char(marker), char(len >> 8), char(len & 0xFF)} + payload;
}

std::string Chunk(const std::string& type, const std::string& data) {
  uint32_t n = uint32_t(data.size());
  std::string s{char(n >> 24), char(n >> 16), char(n >> 8), char(n)};
  return s + type + data + std::string("CRC!");
}

TEST(ImageMetadata, JpegLosesExifXmpIptcAndCommentsKeepsTheRest) {
  std::string soi{char(0xFF), char(0xD8)}, eoi{char(0xFF), char(0xD9)};
  std::string jfif = Segment(0xE0, std::string("JFIF\0\1\1", 7));
  std::string exif = Segment(0xE1, std::string("Exif\0\0GPS 43.8N 126.5E", 27));
  std::string iptc = Segment(0xED, "Photoshop 3.0 by 张三");
  std::string comment = Segment(0xFE, "reporter: 13904319810");
  std::string icc = Segment(0xE2, "ICC_PROFILE");
  std::string dqt = Segment(0xDB, std::string(65, '\x01'));
  std::string sos = Segment(0xDA, std::string(10, '\x02'));
  std::string scan = "\x12\x34\xFF\x00\x56" + eoi;  // stuffed 0xFF00 inside the scan
  std::string in = soi + jfif + exif + iptc + comment + icc + dqt + sos + scan;
  auto out = StripJpegMetadata(in);
  ASSERT_TRUE(out);
  EXPECT_EQ(*out, soi + jfif + icc + dqt + sos + scan);
  EXPECT_EQ(out->find("GPS"), std::string::npos);
  EXPECT_EQ(out->find("13904319810"), std::string::npos);
  // Idempotent, and malformed input is refused.
  EXPECT_EQ(*StripJpegMetadata(*out), *out);
  EXPECT_FALSE(StripJpegMetadata("not a jpeg"));
  EXPECT_FALSE(StripJpegMetadata(soi + std::string{char(0xFF), char(0xE1), char(0x7F), char(0)}));
}

TEST(ImageMetadata, PngLosesTextExifAndTimeChunks) {
  std::string sig("\x89PNG\r\n\x1a\n", 8);
  std::string ihdr = Chunk("IHDR", std::string(13, '\0'));
  std::string text = Chunk("tEXt", std::string("Author\0张三", 13));
  std::string exif = Chunk("eXIf", "GPS 43.8N");
  std::string time = Chunk("tIME", std::string(7, '\0'));
  std::string idat = Chunk("IDAT", "pixels");
  std::string iend = Chunk("IEND", "");
  auto out = StripPngMetadata(sig + ihdr + text + exif + time + idat + iend);
  ASSERT_TRUE(out);
  EXPECT_EQ(*out, sig + ihdr + idat + iend);
  EXPECT_FALSE(StripPngMetadata(sig + ihdr));  // no IEND
  EXPECT_FALSE(StripPngMetadata("GIF89a"));
}

}  // namespace
}  // namespace fugong::io
