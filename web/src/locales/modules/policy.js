// Strings of policies (惠企政策): library, rule editor, eligible enterprises, push, outcomes, the
// enterprise's inbox. Namespace `policy`.
export default {
  'zh-CN': {
    policy: {
      menu: { list: '惠企政策', create: '新增政策', edit: '编辑政策', detail: '政策详情', inbox: '政策申报' },
      benefit: { refund: '返还', tax: '税收优惠', fee_relief: '费用减免', subsidy: '补贴', interest: '贴息', other: '其他' },
      outcome: { pushed: '已推送', applied: '已申请', approved: '已兑现', rejected: '未通过', none: '未推送' },
      field: {
        title: '政策名称', issuer: '发布单位', docNo: '文号', benefit: '类型', content: '政策内容', validFrom: '有效期起',
        validTo: '有效期止', region: '适用区划', rule: '适用条件', valid: '有效', expired: '不在有效期',
        pushed: '推送', applied: '申请', approved: '兑现', amount: '兑现金额（万元）', q: '名称 / 发布单位',
        uscc: '统一社会信用代码', name: '企业名称', size: '规模', employees: '职工数', noLayoffs: '未裁员',
        pushedAt: '推送时间', appliedAt: '申请时间', requested: '申请金额（万元）', note: '说明', outcomeNote: '办理意见',
      },
      combine: { all: '全部满足', any: '任一满足' },
      op: { eq: '等于', ne: '不等于', in: '属于', not_in: '不属于', is: '为', gt: '大于', ge: '不少于', lt: '小于', le: '不超过', within: '位于', not_within: '不位于' },
      list: { add: '新增政策', empty: '暂无政策', exportXlsx: '导出 Excel', search: '查询', reset: '重置', validOnly: '仅有效期内' },
      summary: { policies: '政策数', pushed: '推送企业', applied: '申请', approved: '兑现', amount: '兑现金额（万元）' },
      form: {
        addCondition: '添加条件', remove: '删除', save: '保存', cancel: '取消', yes: '是', no: '否',
        valuesHint: '多个取值用逗号分隔',
      },
      detail: {
        eligible: '符合条件企业', recipients: '推送与兑现', push: '推送给全部未推送企业', pushed: '已推送 {n} 户企业',
        notPushed: '未推送', all: '全部', decide: '办理', approve: '兑现', reject: '不通过', exportXlsx: '导出 Excel', edit: '编辑',
      },
      inbox: { empty: '暂无推送给本企业的政策', apply: '申请', applied: '已申请', submit: '提交申请', title: '申请享受政策' },
    },
  },
  en: {
    policy: {
      menu: { list: 'Policies', create: 'New policy', edit: 'Edit policy', detail: 'Policy', inbox: 'My policies' },
      benefit: { refund: 'Refund', tax: 'Tax relief', fee_relief: 'Fee relief', subsidy: 'Subsidy', interest: 'Interest subsidy', other: 'Other' },
      outcome: { pushed: 'Pushed', applied: 'Applied', approved: 'Approved', rejected: 'Rejected', none: 'Not pushed' },
      field: {
        title: 'Title', issuer: 'Issuer', docNo: 'Document no.', benefit: 'Benefit', content: 'Content', validFrom: 'Valid from',
        validTo: 'Valid to', region: 'Region', rule: 'Eligibility', valid: 'Valid', expired: 'Not valid today',
        pushed: 'Pushed', applied: 'Applied', approved: 'Approved', amount: 'Amount (10k yuan)', q: 'Title / issuer',
        uscc: 'USCC', name: 'Enterprise', size: 'Size', employees: 'Employees', noLayoffs: 'No lay-offs',
        pushedAt: 'Pushed', appliedAt: 'Applied', requested: 'Requested (10k yuan)', note: 'Note', outcomeNote: 'Comment',
      },
      combine: { all: 'All conditions', any: 'Any condition' },
      op: { eq: '=', ne: '≠', in: 'in', not_in: 'not in', is: 'is', gt: '>', ge: '≥', lt: '<', le: '≤', within: 'within', not_within: 'not within' },
      list: { add: 'New policy', empty: 'No policies', exportXlsx: 'Export Excel', search: 'Search', reset: 'Reset', validOnly: 'Valid today only' },
      summary: { policies: 'Policies', pushed: 'Pushed', applied: 'Applied', approved: 'Approved', amount: 'Amount (10k yuan)' },
      form: {
        addCondition: 'Add condition', remove: 'Remove', save: 'Save', cancel: 'Cancel', yes: 'Yes', no: 'No',
        valuesHint: 'Separate several values with commas',
      },
      detail: {
        eligible: 'Eligible enterprises', recipients: 'Pushes and outcomes', push: 'Push to all not yet pushed', pushed: 'Pushed to {n} enterprises',
        notPushed: 'Not pushed', all: 'All', decide: 'Decide', approve: 'Approve', reject: 'Reject', exportXlsx: 'Export Excel', edit: 'Edit',
      },
      inbox: { empty: 'No policies pushed to your enterprise', apply: 'Apply', applied: 'Applied', submit: 'Submit', title: 'Apply for the policy' },
    },
  },
}
