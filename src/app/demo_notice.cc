// The demo's notices and whistle-blower tips: a district's notices, guides
// and templates with read receipts (some enterprises have read, most not),
// a draft and a withdrawn notice, and tips in every state with their
// tracking codes printed so the public tracking page can be tried.
#include <cstdio>

#include "app/app.h"
#include "core/log.h"

namespace fugong::app {
namespace {

Result<system::Principal> PrincipalOf(App& app, const std::string& username) {
  system::Page page{1, 50};
  int64_t total = 0;
  ASSIGN_OR_RETURN(auto users, app.users->List(username, page, &total));
  for (const auto& u : users)
    if (u.username == username) return app.users->PrincipalOf(u);
  return NotFound("unknown_user", "没有用户 " + username, "no user " + username);
}

// A one-page PDF (the template's attachment).
std::string TinyPdf(const std::string& text) {
  std::string content = "BT /F1 18 Tf 72 720 Td (" + text + ") Tj ET";
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  auto obj = [&](const std::string& body) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(offsets.size()) + " 0 obj\n" + body + "\nendobj\n";
  };
  obj("<< /Type /Catalog /Pages 2 0 R >>");
  obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
      "/Resources << /Font << /F1 5 0 R >> >> >>");
  obj("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream");
  obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(offsets.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t off : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(offsets.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

}  // namespace

Status SeedNoticeDemo(App& app, const std::string& county_code) {
  ASSIGN_OR_RETURN(system::Principal district, PrincipalOf(app, "district"));
  ASSIGN_OR_RETURN(system::Principal department, PrincipalOf(app, "department"));

  // Accounts for a few enterprises of the district, so receipts come from several.
  enterprise::EnterpriseFilter filter;
  filter.region_code = county_code;
  system::Page page{1, 12};
  int64_t total = 0;
  ASSIGN_OR_RETURN(auto firms, app.enterprises->List(filter, system::Scope::All(), page, &total));
  std::vector<system::Principal> readers;
  for (size_t i = 0; i < firms.size() && readers.size() < 5; ++i) {
    system::NewUser nu;
    nu.username = "contact" + std::to_string(readers.size() + 1);
    nu.password = DemoPassword();
    nu.display_name = "企业联络员" + std::to_string(readers.size() + 1);
    nu.roles = {"enterprise"};
    nu.enterprise_uscc = firms[i].uscc;
    auto made = app.users->Create(nu, system::SystemPrincipal());
    if (!made.ok()) continue;  // the firm of "enterprise" already has its account
    ASSIGN_OR_RETURN(system::Principal p, app.users->PrincipalOf(*made));
    readers.push_back(p);
  }

  // The demo's "enterprise" account reads only the first notice, so its inbox shows unread ones.
  if (auto e = PrincipalOf(app, "enterprise"); e.ok()) readers.push_back(*e);

  struct DemoNotice {
    const char* kind;
    const char* title;
    const char* body;
    int readers;  // how many of `readers` open it
  };
  const DemoNotice notices[] = {
      {"notice", "关于做好企业复工复产疫情防控工作的告知书",
       "各企业：\n\n为统筹做好疫情防控和复工复产工作，现将有关要求告知如下：\n\n"
       "1. **落实主体责任**：企业主要负责人是第一责任人，实行领导带班制度。\n"
       "2. **四项措施**：扫码、登记、测温、戴口罩，缺一不可。\n"
       "3. **每日零报告**：每日 16 时前完成填报，无异常也须零报告。\n\n"
       "请各企业认真阅读并落实。",
       7},
      {"guide", "企业复工复产疫情防控指导手册（第二版）",
       "## 一、复工前准备\n\n- 设置隔离室、备足口罩和体温计\n- 制定应急预案\n\n"
       "## 二、复工后管理\n\n- 错峰分餐\n- 一小时一消毒，做好记录",
       2},
      {"template", "复工复产承诺书（通用模板）",
       "请下载附件中的承诺书模板，填写后加盖公章，随复工申报一并上传。", 1},
  };
  for (const auto& d : notices) {
    notice::NoticeInput in;
    in.kind = d.kind;
    in.title = d.title;
    in.body = d.body;
    in.target.region_code = county_code;
    ASSIGN_OR_RETURN(notice::Notice n, app.notices->Create(in, district));
    if (std::string(d.kind) == "template") {
      auto att = app.notices->AddAttachment(n.id, "复工复产承诺书.pdf",
                                            TinyPdf("Commitment template"), district);
      if (!att.ok()) return att.status();
    }
    ASSIGN_OR_RETURN(n, app.notices->Publish(n.id, district));
    for (int i = 0; i < d.readers && i < int(readers.size()); ++i) {
      auto opened = app.notices->Open(n.id, readers[size_t(i)]);
      if (!opened.ok()) return opened.status();
    }
  }
  {
    notice::NoticeInput in;
    in.kind = "notice";
    in.title = "关于开展复工企业防疫物资调度的通知（草稿）";
    in.body = "拟于下周开展防疫物资需求摸底，请各企业做好准备。";
    in.target.region_code = county_code;
    ASSIGN_OR_RETURN(notice::Notice draft, app.notices->Create(in, department));
    (void)draft;
    in.title = "关于暂停线下招聘会的通知";
    in.body = "原定本周六举办的线下招聘会暂停，改为线上举办。";
    ASSIGN_OR_RETURN(notice::Notice w, app.notices->Create(in, department));
    ASSIGN_OR_RETURN(w, app.notices->Publish(w.id, department));
    ASSIGN_OR_RETURN(w, app.notices->Withdraw(w.id, department));
  }

  // Tips: received, assigned, substantiated (reward paid), unsubstantiated.
  struct DemoTip {
    const char* type;
    const char* description;
    bool contact;
    int stage;  // 0 received, 1 assigned, 2 substantiated, 3 unsubstantiated
  };
  const DemoTip tips[] = {
      {"unapproved_opening", "该厂未经审批已于本周一开工，每天有二三十名工人进出。", true, 2},
      {"hidden_returnees", "有从外省返回的员工直接上岗，没有隔离观察。", false, 1},
      {"prevention_lacking", "门口没有测温，员工进出不登记、不戴口罩。", true, 3},
      {"quarantine_breach", "居家隔离人员每天外出到厂里上班。", false, 0},
      {"prevention_lacking", "食堂没有错峰就餐，几十人同时用餐。", false, 0},
  };
  std::printf("\nWhistle-blower tips (tracking codes for /m/tip/track):\n");
  int n = 0;
  for (const auto& d : tips) {
    tip::NewTip t;
    t.type = d.type;
    t.description = d.description;
    const auto& firm = firms.empty() ? enterprise::Enterprise{} : firms[size_t(n) % firms.size()];
    t.enterprise_name = firm.name.empty() ? "某企业" : firm.name;
    t.uscc = firm.uscc;
    t.region_code = county_code;
    if (d.contact) {
      t.contact_name = "王先生";
      t.contact_phone = "1390432" + std::to_string(1000 + n);
    }
    ASSIGN_OR_RETURN(tip::Submitted s, app.tips->Submit(t, "demo-client-" + std::to_string(n)));
    ++n;
    static const char* kStage[] = {"received", "assigned", "substantiated", "unsubstantiated"};
    std::printf("  %s  %s\n", s.tracking_code.c_str(), kStage[d.stage]);
    if (d.stage == 0) continue;
    ASSIGN_OR_RETURN(tip::Tip assigned,
                     app.tips->Assign(s.id, department.user_id, "请三日内核查", district));
    (void)assigned;
    if (d.stage == 2) {
      ASSIGN_OR_RETURN(
          tip::Tip v,
          app.tips->Verify(s.id, "substantiated", "经核查，举报情况属实，已责令该企业停工整改。",
                           "现场检查发现 26 名工人在岗，无复工批准。", 500, department));
      ASSIGN_OR_RETURN(v, app.tips->Reward(s.id, "paid", 500, department));
    } else if (d.stage == 3) {
      ASSIGN_OR_RETURN(
          tip::Tip v, app.tips->Verify(s.id, "unsubstantiated",
                                       "经核查，该企业已落实测温、登记等防控措施，举报情况不属实。",
                                       "", 0, department));
      (void)v;
    }
  }
  spdlog::info("demo: {} notices, {} tips", 5, n);
  return Status::Ok();
}

}  // namespace fugong::app
