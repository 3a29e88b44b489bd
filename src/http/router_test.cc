#include "http/router.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <stdexcept>

#include "http/error.h"
#include "http/message.h"

namespace fugong::http {
namespace {

Request Make(std::string method, std::string target) {
  Request r;
  r.method = std::move(method);
  r.target = std::move(target);
  size_t q = r.target.find('?');
  r.path = UrlDecode(std::string_view(r.target).substr(0, q), false);
  if (q != std::string::npos) r.query = ParseQuery(std::string_view(r.target).substr(q + 1));
  return r;
}

Handler Reply(std::string text) {
  return [text](Request&) { return Response::Text(200, text); };
}

RouteOptions Limit(size_t max_body) {
  RouteOptions o;
  o.max_body = max_body;
  return o;
}

RouteOptions Perm(std::string permission) {
  RouteOptions o;
  o.permission = std::move(permission);
  return o;
}

boost::json::object Body(const Response& r) { return boost::json::parse(r.body).as_object(); }

TEST(RouterTest, MatchesLiteralsAndCaptures) {
  Router router;
  router.Get("/api/v1/enterprises", Reply("list"));
  router.Get("/api/v1/enterprises/{uscc}",
             [](Request& req) { return Response::Text(200, "one:" + req.PathParam("uscc")); });
  router.Get("/api/v1/imports/{id}/report",
             [](Request& req) { return Response::Text(200, "report:" + req.PathParam("id")); });

  Request a = Make("GET", "/api/v1/enterprises");
  EXPECT_EQ(router.Dispatch(a).body, "list");
  Request b = Make("GET", "/api/v1/enterprises/91220101MA0Y123456?x=1");
  EXPECT_EQ(router.Dispatch(b).body, "one:91220101MA0Y123456");
  Request c = Make("GET", "/api/v1/imports/42/report");
  EXPECT_EQ(router.Dispatch(c).body, "report:42");
}

TEST(RouterTest, TrailingSlashTolerant) {
  Router router;
  router.Get("/api/v1/regions", Reply("regions"));
  router.Get("/api/v1/things/", Reply("things"));
  Request a = Make("GET", "/api/v1/regions/");
  EXPECT_EQ(router.Dispatch(a).body, "regions");
  Request b = Make("GET", "/api/v1/things");
  EXPECT_EQ(router.Dispatch(b).body, "things");
}

TEST(RouterTest, CapturesArePercentDecodedPerSegment) {
  Router router;
  router.Get("/files/{name}",
             [](Request& req) { return Response::Text(200, req.PathParam("name")); });
  Request a = Make("GET", "/files/a%2Fb%20c");
  Response r = router.Dispatch(a);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "a/b c");  // %2F stays inside its segment
  Request b = Make("GET", "/files/%E4%BC%81%E4%B8%9A");
  EXPECT_EQ(router.Dispatch(b).body, "企业");
}

TEST(RouterTest, LiteralBeatsCaptureRegardlessOfOrder) {
  for (bool literal_first : {true, false}) {
    Router router;
    auto add_literal = [&] { router.Post("/api/v1/enterprises/import", Reply("import")); };
    auto add_capture = [&] { router.Post("/api/v1/enterprises/{uscc}", Reply("capture")); };
    if (literal_first) {
      add_literal();
      add_capture();
    } else {
      add_capture();
      add_literal();
    }
    Request a = Make("POST", "/api/v1/enterprises/import");
    EXPECT_EQ(router.Dispatch(a).body, "import") << literal_first;
    Request b = Make("POST", "/api/v1/enterprises/X123");
    EXPECT_EQ(router.Dispatch(b).body, "capture") << literal_first;
  }
}

TEST(RouterTest, EarlierLiteralPositionWins) {
  Router router;
  router.Get("/a/{x}/c", Reply("capture-first"));
  router.Get("/a/b/{y}", Reply("literal-first"));
  Request r = Make("GET", "/a/b/c");
  EXPECT_EQ(router.Dispatch(r).body, "literal-first");
}

TEST(RouterTest, MethodNotAllowedWithAllow) {
  Router router;
  router.Get("/api/v1/items", Reply("list"));
  router.Post("/api/v1/items", Reply("create"));
  Request r = Make("DELETE", "/api/v1/items");
  bool path_matched = false;
  EXPECT_EQ(router.Match(r, &path_matched), nullptr);
  EXPECT_TRUE(path_matched);
  Response res = router.Dispatch(r);
  EXPECT_EQ(res.status, 405);
  EXPECT_EQ(res.headers.Get("Allow"), "GET, HEAD, POST");
  EXPECT_EQ(Body(res).at("code").as_string(), "method_not_allowed");
}

TEST(RouterTest, HeadUsesGetRoute) {
  Router router;
  router.Get("/x", Reply("x"));
  Request r = Make("HEAD", "/x");
  EXPECT_EQ(router.Dispatch(r).status, 200);
}

TEST(RouterTest, UnmatchedIsJson404AndFallbackOnlyForGet) {
  Router router;
  router.Get("/api/v1/x", Reply("x"));
  Request a = Make("GET", "/api/v1/unknown");
  Response r = router.Dispatch(a);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.headers.Get("content-type"), "application/json; charset=utf-8");
  EXPECT_EQ(Body(r).at("code").as_string(), "not_found");

  router.SetFallback(Reply("spa"));
  Request b = Make("GET", "/enterprises/list");
  EXPECT_EQ(router.Dispatch(b).body, "spa");
  Request c = Make("POST", "/enterprises/list");
  EXPECT_EQ(router.Dispatch(c).status, 404);
}

TEST(RouterTest, MiddlewareRunsInRegistrationOrder) {
  Router router;
  std::vector<std::string> trace;
  router.Use([&](Request& req, const Route& route, const Next& next) {
    trace.push_back("a-in");
    Response r = next(req);
    trace.push_back("a-out");
    return r;
  });
  router.Use([&](Request& req, const Route& route, const Next& next) {
    trace.push_back("b-in:" + route.options.permission);
    Response r = next(req);
    trace.push_back("b-out");
    return r;
  });
  router.Get(
      "/x",
      [&](Request&) {
        trace.push_back("handler");
        return Response::Text(200, "ok");
      },
      Perm("x:read"));
  Request r = Make("GET", "/x");
  EXPECT_EQ(router.Dispatch(r).body, "ok");
  EXPECT_EQ(trace, (std::vector<std::string>{"a-in", "b-in:x:read", "handler", "b-out", "a-out"}));
}

TEST(RouterTest, MiddlewareCanShortCircuit) {
  Router router;
  bool handler_ran = false;
  router.Use([](Request& req, const Route&, const Next&) {
    return ErrorResponse(Unauthenticated(), req);
  });
  router.Get("/x", [&](Request&) {
    handler_ran = true;
    return Response::Text(200, "ok");
  });
  Request r = Make("GET", "/x");
  Response res = router.Dispatch(r);
  EXPECT_EQ(res.status, 401);
  EXPECT_FALSE(handler_ran);
}

TEST(RouterTest, ExceptionBecomes500WithErrorId) {
  Router router;
  router.Get("/boom", [](Request&) -> Response { throw std::runtime_error("secret detail"); });
  router.Get("/int", [](Request&) -> Response { throw 42; });
  Request a = Make("GET", "/boom?lang=en");
  Response r = router.Dispatch(a);
  EXPECT_EQ(r.status, 500);
  auto body = Body(r);
  EXPECT_EQ(body.at("code").as_string(), "internal");
  EXPECT_FALSE(body.at("error_id").as_string().empty());
  EXPECT_EQ(r.body.find("secret detail"), std::string::npos);
  Request b = Make("GET", "/int");
  EXPECT_EQ(router.Dispatch(b).status, 500);
}

TEST(RouterTest, BodyLimitFor) {
  Router router;
  router.Post("/api/v1/enterprises/import", Reply("i"), Limit(50 << 20));
  router.Post("/api/v1/enterprises/{uscc}", Reply("c"), Limit(4096));
  EXPECT_EQ(router.BodyLimitFor("POST", "/api/v1/enterprises/import"), size_t(50 << 20));
  EXPECT_EQ(router.BodyLimitFor("POST", "/api/v1/enterprises/abc"), 4096u);
  EXPECT_EQ(router.BodyLimitFor("POST", "/api/v1/enterprises/abc?x=1"), 4096u);
  EXPECT_EQ(router.BodyLimitFor("PUT", "/api/v1/enterprises/abc"), size_t(1 << 20));
  EXPECT_EQ(router.BodyLimitFor("GET", "/nowhere"), size_t(1 << 20));
}

// ---------------------------------------------------------------------------
// Errors

TEST(ErrorTest, MapsKindsAndLanguage) {
  Request zh = Make("GET", "/x");
  Request en = Make("GET", "/x");
  en.headers.Set("Accept-Language", "en-US,en;q=0.9,zh-CN;q=0.8");
  Status s = InvalidArgument("uscc", "invalid_uscc", "统一社会信用代码无效", "invalid USCC");
  Response a = ErrorResponse(s, zh);
  EXPECT_EQ(a.status, 400);
  auto body = Body(a);
  EXPECT_EQ(body.at("code").as_string(), "invalid_uscc");
  EXPECT_EQ(body.at("message").as_string(), "统一社会信用代码无效");
  EXPECT_EQ(body.at("field").as_string(), "uscc");
  EXPECT_EQ(Body(ErrorResponse(s, en)).at("message").as_string(), "invalid USCC");

  EXPECT_EQ(ErrorResponse(Unauthenticated(), zh).status, 401);
  EXPECT_EQ(ErrorResponse(PermissionDenied(), zh).status, 403);
  EXPECT_EQ(ErrorResponse(NotFound("nf", "无", "none"), zh).status, 404);
  EXPECT_TRUE(Body(ErrorResponse(NotFound("nf", "无", "none"), zh)).at("field").is_null());
  EXPECT_EQ(ErrorResponse(Conflict("f", "dup", "重复", "duplicate"), zh).status, 409);
  EXPECT_EQ(ErrorResponse(Status(ErrorKind::kTooLarge, "big", "大", "big"), zh).status, 413);
  EXPECT_EQ(ErrorResponse(Status(ErrorKind::kUnsupportedMedia, "m", "m", "m"), zh).status, 415);
  EXPECT_EQ(ErrorResponse(Status(ErrorKind::kTooManyRequests, "r", "r", "r"), zh).status, 429);
  EXPECT_EQ(ErrorResponse(Status(ErrorKind::kUnavailable, "u", "u", "u"), zh).status, 503);
  Response internal = ErrorResponse(Internal("db exploded at row 7"), en);
  EXPECT_EQ(internal.status, 500);
  EXPECT_EQ(internal.body.find("exploded"), std::string::npos);
}

TEST(ErrorTest, JsonResponse) {
  Response r = JsonResponse(201, boost::json::object{{"id", 7}});
  EXPECT_EQ(r.status, 201);
  EXPECT_EQ(r.body, R"({"id":7})");
  EXPECT_EQ(r.headers.Get("Content-Type"), "application/json; charset=utf-8");
}

// ---------------------------------------------------------------------------
// Messages

TEST(MessageTest, HeadersAreCaseInsensitive) {
  Headers h;
  h.Set("Content-Type", "a");
  EXPECT_EQ(h.Get("content-type"), "a");
  EXPECT_TRUE(h.Has("CONTENT-TYPE"));
  h.Add("Set-Cookie", "x=1");
  h.Add("set-cookie", "y=2");
  EXPECT_EQ(h.Get("Set-Cookie"), "x=1");
  h.Set("SET-COOKIE", "z=3");
  EXPECT_EQ(h.all().size(), 2u);
  EXPECT_EQ(h.Get("set-cookie"), "z=3");
  EXPECT_EQ(h.Get("missing"), "");
}

TEST(MessageTest, QueryDecoding) {
  auto q = ParseQuery("a=1&b=x+y&c=%E4%B8%AD%26&a=2&flag&=skip&&d=%zz");
  EXPECT_EQ(q.count("a"), 2u);
  EXPECT_EQ(q.find("b")->second, "x y");
  EXPECT_EQ(q.find("c")->second, "中&");
  EXPECT_EQ(q.find("flag")->second, "");
  EXPECT_EQ(q.find("d")->second, "%zz");
  EXPECT_EQ(q.count(""), 0u);
  EXPECT_EQ(UrlDecode("a+b%20c%", false), "a+b c%");
  EXPECT_EQ(UrlDecode("a+b%2", true), "a b%2");

  Request r = Make("GET", "/x?page=2&name=%E5%BC%A0");
  EXPECT_EQ(r.Query("page"), "2");
  EXPECT_EQ(r.Query("name"), "张");
  EXPECT_EQ(r.Query("missing", "dflt"), "dflt");
  EXPECT_TRUE(r.HasQuery("page"));
  EXPECT_FALSE(r.HasQuery("nope"));
}

TEST(MessageTest, Cookies) {
  Request r;
  r.headers.Add("Cookie", "a=1; fugong_session=abc.def; quoted=\"q v\"");
  r.headers.Add("Cookie", "later=2");
  EXPECT_EQ(r.Cookie("fugong_session"), "abc.def");
  EXPECT_EQ(r.Cookie("a"), "1");
  EXPECT_EQ(r.Cookie("quoted"), "q v");
  EXPECT_EQ(r.Cookie("later"), "2");
  EXPECT_EQ(r.Cookie("fugong"), "");
}

TEST(MessageTest, Language) {
  auto lang = [](std::string target, std::string accept) {
    Request r = Make("GET", target);
    if (!accept.empty()) r.headers.Set("Accept-Language", accept);
    return r.Language();
  };
  EXPECT_EQ(lang("/x", ""), "zh");
  EXPECT_EQ(lang("/x?lang=en", ""), "en");
  EXPECT_EQ(lang("/x?lang=zh", "en-US"), "zh");
  EXPECT_EQ(lang("/x", "en-US,en;q=0.9"), "en");
  EXPECT_EQ(lang("/x", "EN"), "en");
  EXPECT_EQ(lang("/x", "zh-CN,zh;q=0.9,en;q=0.8"), "zh");
  EXPECT_EQ(lang("/x", "zh-CN;q=0.5, en;q=0.9"), "en");
  EXPECT_EQ(lang("/x", "fr-FR,en;q=0.5"), "zh");  // French first: not English
  EXPECT_EQ(lang("/x", "english"), "zh");
  EXPECT_EQ(lang("/x", "en;q=0, zh"), "zh");
}

TEST(MessageTest, FileDownloadName) {
  Response r =
      Response::File("/tmp/x.xlsx", "application/octet-stream", "企业名单 2020\".xlsx", true);
  EXPECT_EQ(r.headers.Get("content-disposition"),
            "attachment; filename=\"____ 2020_.xlsx\"; "
            "filename*=UTF-8''%E4%BC%81%E4%B8%9A%E5%90%8D%E5%8D%95%202020%22.xlsx");
  EXPECT_TRUE(r.delete_file_after);
  EXPECT_EQ(*r.file_path, "/tmp/x.xlsx");
  Response inline_file = Response::File("/tmp/a.js", "text/javascript", "", false);
  EXPECT_FALSE(inline_file.headers.Has("content-disposition"));
}

// ---------------------------------------------------------------------------
// Multipart

TEST(MultipartTest, ParsesFieldsAndFiles) {
  std::string body =
      "preamble\r\n"
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"note\"\r\n"
      "\r\n"
      "hello\r\nworld\r\n"
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"file\"; filename=\"C:\\dir\\a;b.csv\"\r\n"
      "Content-Type: text/csv\r\n"
      "\r\n"
      "uscc,name\r\n1,2\r\n"
      "--XyZ\r\n"
      "content-disposition: form-data; name=\"empty\"\r\n"
      "\r\n"
      "\r\n"
      "--XyZ--\r\n"
      "epilogue";
  auto parts = ParseMultipart("multipart/form-data; boundary=XyZ", body);
  ASSERT_TRUE(parts.has_value());
  ASSERT_EQ(parts->size(), 3u);
  EXPECT_EQ((*parts)[0].name, "note");
  EXPECT_EQ((*parts)[0].filename, "");
  EXPECT_EQ((*parts)[0].data, "hello\r\nworld");
  EXPECT_EQ((*parts)[1].name, "file");
  EXPECT_EQ((*parts)[1].filename, "a;b.csv");
  EXPECT_EQ((*parts)[1].content_type, "text/csv");
  EXPECT_EQ((*parts)[1].data, "uscc,name\r\n1,2");
  EXPECT_EQ((*parts)[2].name, "empty");
  EXPECT_EQ((*parts)[2].data, "");
}

TEST(MultipartTest, QuotedBoundaryAndExtendedFilename) {
  std::string body =
      "--a:b c\r\n"
      "Content-Disposition: form-data; name=\"file\"; filename=\"fallback.xlsx\"; "
      "filename*=UTF-8''%E4%BC%81%E4%B8%9A.xlsx\r\n"
      "\r\n"
      "PK\x03\x04--a:b cX\r\n"  // boundary text inside data but not at a line start
      "--a:b c--";
  auto parts = ParseMultipart("Multipart/Form-Data; charset=utf-8; boundary=\"a:b c\"", body);
  ASSERT_TRUE(parts.has_value());
  ASSERT_EQ(parts->size(), 1u);
  EXPECT_EQ((*parts)[0].filename, "企业.xlsx");
  EXPECT_EQ((*parts)[0].data, std::string_view("PK\x03\x04--a:b cX"));
}

TEST(MultipartTest, BareLineFeeds) {
  std::string body =
      "--b\n"
      "Content-Disposition: form-data; name=x\n"
      "\n"
      "1\n"
      "--b--\n";
  auto parts = ParseMultipart("multipart/form-data; boundary=b", body);
  ASSERT_TRUE(parts.has_value());
  ASSERT_EQ(parts->size(), 1u);
  EXPECT_EQ((*parts)[0].name, "x");
  EXPECT_EQ((*parts)[0].data, "1");
}

TEST(MultipartTest, RejectsMalformed) {
  const std::string ct = "multipart/form-data; boundary=b";
  const std::string ok = "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--b--\r\n";
  ASSERT_TRUE(ParseMultipart(ct, ok).has_value());
  // Every truncation of a valid body is malformed (and must not read past it).
  for (size_t n = 0; n + 4 < ok.size(); ++n) {
    EXPECT_FALSE(ParseMultipart(ct, std::string_view(ok).substr(0, n)).has_value()) << n;
  }
  EXPECT_FALSE(ParseMultipart("application/json", ok).has_value());
  EXPECT_FALSE(ParseMultipart("multipart/form-data", ok).has_value());
  EXPECT_FALSE(ParseMultipart("multipart/form-data; boundary=", ok).has_value());
  EXPECT_FALSE(ParseMultipart("multipart/form-data; boundary=\"\"", ok).has_value());
  EXPECT_FALSE(ParseMultipart(ct, "").has_value());
  EXPECT_FALSE(ParseMultipart(ct, "--b\r\nno colon here\r\n\r\nx\r\n--b--").has_value());
  EXPECT_FALSE(ParseMultipart(ct, "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--").has_value());
  EXPECT_FALSE(ParseMultipart(ct,
                              "--b junk\r\nContent-Disposition: form-data; name=x\r\n\r\n"
                              "x\r\n--b--")
                   .has_value());
  // "--bjunk" is not a delimiter, so all of it is preamble: no parts.
  auto preamble_only =
      ParseMultipart(ct, "--bjunk\r\nContent-Disposition: form-data; name=x\r\n\r\nx\r\n--b--");
  ASSERT_TRUE(preamble_only.has_value());
  EXPECT_TRUE(preamble_only->empty());
  EXPECT_FALSE(ParseMultipart(ct, "--b\r\nContent-Disposition: form-data; name=\"x\r\n\r\n1\r\n--b")
                   .has_value());
  // Only a close delimiter: no parts, but well-formed.
  auto empty = ParseMultipart(ct, "--b--\r\n");
  ASSERT_TRUE(empty.has_value());
  EXPECT_TRUE(empty->empty());
}

TEST(MultipartTest, FuzzDoesNotCrash) {
  const std::string ct = "multipart/form-data; boundary=bb";
  const std::string pieces[] = {"--bb",
                                "\r\n",
                                "\n",
                                "--",
                                "Content-Disposition: form-data; ",
                                "name=\"n\"",
                                "filename*=UTF-8''%E4",
                                ";",
                                "\"",
                                ":",
                                "x"};
  uint32_t seed = 12345;
  for (int i = 0; i < 20000; ++i) {
    std::string body;
    int n = 1 + int(seed % 12);
    for (int j = 0; j < n; ++j) {
      seed = seed * 1103515245u + 12345u;
      body += pieces[(seed >> 16) % std::size(pieces)];
    }
    auto parts = ParseMultipart(ct, body);
    if (parts) {
      for (const auto& p : *parts) {
        ASSERT_GE(p.data.data(), body.data());
        ASSERT_LE(p.data.data() + p.data.size(), body.data() + body.size());
      }
    }
  }
}

}  // namespace
}  // namespace fugong::http
