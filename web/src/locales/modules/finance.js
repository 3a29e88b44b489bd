// Strings of financing (融资对接): demands, pushes to banks, decisions, banks, figures. Namespace `finance`.
export default {
  'zh-CN': {
    finance: {
      menu: { demands: '融资对接', detail: '融资需求详情', banks: '金融机构' },
      state: { filed: '待推送', pushed: '待银行审批', granted: '已放款', declined: '未获批', withdrawn: '已撤回' },
      decision: { pending: '待审批', granted: '已批准', declined: '未批准' },
      urgency: { normal: '一般', urgent: '紧急', critical: '特急' },
      collateral: { credit: '信用', guarantee: '保证', mortgage: '抵押', pledge: '质押', other: '其他' },
      field: {
        enterprise: '企业', uscc: '统一社会信用代码', programme: '融资项目', amount: '金额（万元）', purpose: '用途',
        term: '期限（月）', collateral: '担保方式', urgency: '紧急程度', state: '状态', filedAt: '登记时间',
        banks: '推送机构', granted: '获批金额（万元）', decidedAt: '决定时间', contactName: '联系人',
        contactPhone: '联系电话', note: '备注', rate: '年利率（%）', grantDate: '放款日期', decision: '审批结果',
        pushedAt: '推送时间', q: '企业 / 用途', noProgramme: '（无）', decidedBy: '经办人',
      },
      list: {
        add: '登记融资需求', empty: '暂无融资需求', exportXlsx: '导出 Excel', exportCsv: '导出 CSV',
        search: '查询', reset: '重置',
      },
      summary: {
        title: '融资对接情况', demands: '需求笔数', enterprises: '涉及企业', requested: '申请金额（万元）',
        granted: '已放款笔数', enterprisesGranted: '获贷企业', amountGranted: '放款金额（万元）', pending: '待审批',
      },
      turnaround: {
        title: '审批时效（按项目）', programme: '项目', demands: '需求', decided: '已决定', pushAvg: '推送→审批 平均（小时）',
        pushMedian: '中位（小时）', filingAvg: '登记→决定 平均（小时）', target: '时限达标', targetNone: '无时限',
        pending: '时限内待审批', all: '全部',
      },
      form: { title: '登记融资需求', save: '提交', cancel: '取消' },
      detail: {
        pushes: '推送与审批', push: '推送给金融机构', pushBanks: '选择金融机构', pushNote: '推送说明', pushSubmit: '推送',
        decide: '登记审批结果', decideSubmit: '提交审批结果', withdraw: '撤回需求', withdrawConfirm: '确定撤回该融资需求？',
        noPushes: '尚未推送', done: '已保存',
      },
      banks: {
        add: '新增金融机构', name: '名称', contact: '联系人', phone: '电话', active: '启用', users: '用户数',
        members: '机构用户', username: '用户名（须为金融机构角色）', addUser: '添加用户', remove: '移除', save: '保存',
      },
    },
  },
  en: {
    finance: {
      menu: { demands: 'Financing', detail: 'Financing demand', banks: 'Banks' },
      state: { filed: 'Not pushed', pushed: 'Waiting for banks', granted: 'Granted', declined: 'Declined', withdrawn: 'Withdrawn' },
      decision: { pending: 'Pending', granted: 'Granted', declined: 'Declined' },
      urgency: { normal: 'Normal', urgent: 'Urgent', critical: 'Critical' },
      collateral: { credit: 'Credit', guarantee: 'Guarantee', mortgage: 'Mortgage', pledge: 'Pledge', other: 'Other' },
      field: {
        enterprise: 'Enterprise', uscc: 'USCC', programme: 'Programme', amount: 'Amount (10k yuan)', purpose: 'Purpose',
        term: 'Term (months)', collateral: 'Collateral', urgency: 'Urgency', state: 'State', filedAt: 'Filed',
        banks: 'Banks', granted: 'Granted (10k yuan)', decidedAt: 'Decided', contactName: 'Contact',
        contactPhone: 'Contact phone', note: 'Note', rate: 'Annual rate (%)', grantDate: 'Grant date', decision: 'Decision',
        pushedAt: 'Pushed', q: 'Enterprise / purpose', noProgramme: '(none)', decidedBy: 'Officer',
      },
      list: {
        add: 'File a demand', empty: 'No financing demands', exportXlsx: 'Export Excel', exportCsv: 'Export CSV',
        search: 'Search', reset: 'Reset',
      },
      summary: {
        title: 'Financing figures', demands: 'Demands', enterprises: 'Enterprises', requested: 'Requested (10k yuan)',
        granted: 'Granted', enterprisesGranted: 'Enterprises granted', amountGranted: 'Amount granted (10k yuan)', pending: 'Pending',
      },
      turnaround: {
        title: 'Turnaround by programme', programme: 'Programme', demands: 'Demands', decided: 'Decided', pushAvg: 'Push → decision avg (h)',
        pushMedian: 'Median (h)', filingAvg: 'Filing → decision avg (h)', target: 'Target met', targetNone: 'No target',
        pending: 'Pending within target', all: 'All',
      },
      form: { title: 'File a financing demand', save: 'Submit', cancel: 'Cancel' },
      detail: {
        pushes: 'Pushes and decisions', push: 'Push to banks', pushBanks: 'Banks', pushNote: 'Note', pushSubmit: 'Push',
        decide: 'Record the decision', decideSubmit: 'Submit decision', withdraw: 'Withdraw', withdrawConfirm: 'Withdraw this demand?',
        noPushes: 'Not pushed yet', done: 'Saved',
      },
      banks: {
        add: 'Add a bank', name: 'Name', contact: 'Contact', phone: 'Phone', active: 'Active', users: 'Users',
        members: 'Bank users', username: 'User name (role bank)', addUser: 'Add user', remove: 'Remove', save: 'Save',
      },
    },
  },
}
