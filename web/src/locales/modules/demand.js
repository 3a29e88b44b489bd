// Strings of demands (issue 5 items 1–2): 我的诉求, 诉求处理 (queue, detail, actions), 反馈考核.
// Namespace `demand`.
export default {
  'zh-CN': {
    demand: {
      menu: { mine: '我的诉求', handle: '诉求处理', assessment: '反馈考核', detail: '诉求详情' },
      category: {
        raw_materials: '原材料', logistics: '物流运输', funding: '资金', labour: '用工', ppe: '防疫物资',
        utilities: '水电气', approvals: '审批证照', policy: '政策咨询', land: '用地', infrastructure: '基础设施配套', other: '其他',
      },
      state: { new: '待受理', accepted: '已受理', in_progress: '办理中', resolved: '已办结', rated: '已评价', open: '未办结' },
      source: { enterprise: '企业提出', cadre: '干部代提', hotline: '热线', inspection: '督导检查' },
      clock: {
        ok: '正常', due_soon: '即将超时', overdue: '已超时', running: '计时中', on_time: '按时', late: '超时',
        first_response: '首次响应', resolution: '办结', remaining: '剩余 {n} 分钟', over: '超时 {n} 分钟', due: '时限 {at}', level: '已升级 {n} 级',
      },
      event: {
        created: '提出诉求', accepted: '受理', responded: '答复', transferred: '转办', resolved: '办结', rated: '评价',
        reopened: '重新办理', escalated: '超时升级', reminded: '临期提醒', comment: '留言', attachment: '上传附件',
      },
      filter: { state: '状态', category: '类别', clock: '时限', q: '标题或企业', mine: '只看我的待办', all: '全部', search: '查询', reset: '重置' },
      col: {
        id: '编号', title: '诉求', enterprise: '企业', category: '类别', source: '来源', state: '状态', handler: '承办',
        clock: '时限', created: '提出时间', actions: '操作',
      },
      raise: '提出诉求', view: '查看', exportCsv: '导出 CSV', empty: '暂无诉求',
      form: {
        title: '提出诉求', enterprise: '企业', enterprisePlaceholder: '输入企业名称或信用代码搜索', category: '类别',
        subject: '标题', description: '详细描述', contactName: '联系人', contactPhone: '联系电话', source: '来源', submit: '提交', cancel: '取消',
        created: '诉求已提交',
      },
      detail: {
        history: '办理记录', attachments: '附件', noAttachments: '暂无附件', upload: '上传附件', uploadHint: 'PDF、JPG、PNG、DOCX、XLSX，不超过 10 MB',
        comment: '留言', commentPlaceholder: '输入留言', send: '发送', assignee: '承办人', department: '承办部门', cadre: '包保干部',
        resolution: '办结说明', rating: '评价', reopens: '重开 {n} 次', queue: '待分派', none: '—',
      },
      action: {
        accept: '受理', respond: '答复', transfer: '转办', resolve: '办结', rate: '评价', done: '已完成',
        message: '答复内容', department: '部门', handler: '承办人 ID（可选）', leastLoaded: '自动分派给待办最少的承办人', note: '备注',
        resolution: '办结说明', rating: '满意度', comment: '评价意见', lowRating: '低于 3 分将重新办理', confirm: '确定', cancel: '取消',
      },
      assess: {
        by: '统计口径', byDepartment: '按部门', byCadre: '按包保干部', region: '区域', range: '提出日期', export: '导出 XLSX',
        label: '部门 / 干部', count: '诉求数', firstResponse: '按时首次响应', resolution: '按时办结', satisfaction: '满意度',
        reopen: '重开率', open: '未办结', overdue: '超时', drill: '诉求明细', empty: '暂无数据',
      },
    },
  },
  en: {
    demand: {
      menu: { mine: 'My demands', handle: 'Demands', assessment: 'Assessment', detail: 'Demand' },
      category: {
        raw_materials: 'Raw materials', logistics: 'Logistics', funding: 'Funding', labour: 'Labour', ppe: 'PPE',
        utilities: 'Utilities', approvals: 'Approvals', policy: 'Policy', land: 'Land', infrastructure: 'Infrastructure', other: 'Other',
      },
      state: { new: 'New', accepted: 'Accepted', in_progress: 'In progress', resolved: 'Resolved', rated: 'Rated', open: 'Open' },
      source: { enterprise: 'Enterprise', cadre: 'Cadre', hotline: 'Hotline', inspection: 'Inspection' },
      clock: {
        ok: 'OK', due_soon: 'Due soon', overdue: 'Overdue', running: 'Running', on_time: 'On time', late: 'Late',
        first_response: 'First response', resolution: 'Resolution', remaining: '{n} min left', over: '{n} min over', due: 'due {at}', level: 'escalated to level {n}',
      },
      event: {
        created: 'Raised', accepted: 'Accepted', responded: 'Answered', transferred: 'Transferred', resolved: 'Resolved', rated: 'Rated',
        reopened: 'Reopened', escalated: 'Escalated', reminded: 'Reminder', comment: 'Comment', attachment: 'File added',
      },
      filter: { state: 'State', category: 'Category', clock: 'Clock', q: 'Title or enterprise', mine: 'My queue only', all: 'All', search: 'Search', reset: 'Reset' },
      col: {
        id: 'No.', title: 'Demand', enterprise: 'Enterprise', category: 'Category', source: 'Source', state: 'State', handler: 'Handler',
        clock: 'Clock', created: 'Raised at', actions: 'Actions',
      },
      raise: 'Raise a demand', view: 'View', exportCsv: 'Export CSV', empty: 'No demands',
      form: {
        title: 'Raise a demand', enterprise: 'Enterprise', enterprisePlaceholder: 'Search by name or USCC', category: 'Category',
        subject: 'Title', description: 'Description', contactName: 'Contact', contactPhone: 'Phone', source: 'Source', submit: 'Submit', cancel: 'Cancel',
        created: 'Demand raised',
      },
      detail: {
        history: 'History', attachments: 'Files', noAttachments: 'No files', upload: 'Upload', uploadHint: 'PDF, JPG, PNG, DOCX, XLSX up to 10 MB',
        comment: 'Comment', commentPlaceholder: 'Write a comment', send: 'Send', assignee: 'Handler', department: 'Department', cadre: 'Cadre',
        resolution: 'Resolution', rating: 'Rating', reopens: 'reopened {n}×', queue: 'Unassigned', none: '—',
      },
      action: {
        accept: 'Accept', respond: 'Answer', transfer: 'Transfer', resolve: 'Resolve', rate: 'Rate', done: 'Done',
        message: 'Answer', department: 'Department', handler: 'Handler id (optional)', leastLoaded: 'Assign to the least-loaded handler', note: 'Note',
        resolution: 'Resolution', rating: 'Satisfaction', comment: 'Comment', lowRating: 'Below 3 reopens the demand', confirm: 'OK', cancel: 'Cancel',
      },
      assess: {
        by: 'Group by', byDepartment: 'Department', byCadre: 'Cadre', region: 'Region', range: 'Raised between', export: 'Export XLSX',
        label: 'Department / cadre', count: 'Demands', firstResponse: 'First response on time', resolution: 'Resolved on time', satisfaction: 'Satisfaction',
        reopen: 'Reopen rate', open: 'Open', overdue: 'Overdue', drill: 'Demands', empty: 'No data',
      },
    },
  },
}
