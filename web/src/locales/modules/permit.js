// Strings of transport permits (issue 6 item 2): 通行证 list, application, review, detail, print and the
// checkpoint verifier. Namespace `permit`.
export default {
  'zh-CN': {
    permit: {
      menu: '通行证',
      type: {
        emergency_supplies: '应急物资运输车辆',
        production_materials: '重点生产物资运输车辆',
        commute_vehicle: '员工通勤车辆',
        personal: '员工个人通行证',
      },
      state: { pending: '待审核', issued: '已签发', active: '有效', expired: '已过期', refused: '未通过', revoked: '已吊销' },
      field: {
        state: '状态', type: '类型', region: '区划', permitNo: '通行证编号', plate: '车牌号', plateOrHolder: '车牌/持证人',
        holder: '驾驶人/持证人', driver: '驾驶人', person: '持证人', idNumber: '身份证号', phone: '手机号',
        enterprise: '申请企业', route: '路线', origin: '起点', destination: '终点', via: '途经', cargo: '运输物资',
        validity: '有效期', createdAt: '申请时间', comment: '审核意见', revokeReason: '吊销原因',
      },
      list: { q: '编号、车牌或企业名称', export: '导出', empty: '暂无通行证', actions: '审核' },
      stats: {
        title: '按类型统计', from: '开始日期', to: '结束日期', total: '合计', applied: '申请', issued: '签发',
        refused: '未通过', revoked: '吊销', in_force: '期末有效', pending: '待审核',
      },
      apply: {
        button: '申请通行证', title: '申请通行证', platePlaceholder: '如 吉B12345 或 吉BD12345',
        badPlate: '车牌号格式不正确：省份简称+字母+5位或6位字母数字（不含I、O）', done: '已提交，等待交通运输部门审核',
      },
      review: {
        issue: '签发', refuse: '不予通过', revoke: '吊销', comment: '审核意见（可选）', reason: '原因（必填）', done: '已处理',
      },
      detail: { title: '通行证详情', reveal: '查看完整号码', qr: '通行证二维码' },
      print: { title: '打印通行证', button: '打印', hint: '请随车携带本证，接受检查站查验；扫码可离线核验签名。' },
      verify: {
        title: '通行证核验',
        keyReady: '验签公钥已缓存（{id}），断网也可核验',
        noKey: '尚未获取验签公钥：请联网打开一次本页',
        online: '联网核验结果',
        offline: '离线验签结果',
        checkOnline: '联网核验（查询是否吊销）',
        next: '点击核验下一张',
        result: {
          valid: '有效', expired: '已过期', not_yet_valid: '尚未生效', tampered: '签名无效（已被篡改）',
          malformed: '不是通行证二维码', revoked: '已吊销', unknown: '查无此证', no_key: '无法验签（无公钥）',
        },
      },
    },
  },
  en: {
    permit: {
      menu: 'Transport permits',
      type: {
        emergency_supplies: 'Emergency-supplies vehicle',
        production_materials: 'Key-production-materials vehicle',
        commute_vehicle: 'Employee commute vehicle',
        personal: 'Employee personal pass',
      },
      state: { pending: 'Pending', issued: 'Issued', active: 'In force', expired: 'Expired', refused: 'Refused', revoked: 'Revoked' },
      field: {
        state: 'State', type: 'Type', region: 'Region', permitNo: 'Permit no.', plate: 'Plate', plateOrHolder: 'Plate / holder',
        holder: 'Driver / holder', driver: 'Driver', person: 'Holder', idNumber: 'ID number', phone: 'Mobile',
        enterprise: 'Enterprise', route: 'Route', origin: 'From', destination: 'To', via: 'Via', cargo: 'Cargo',
        validity: 'Valid', createdAt: 'Applied', comment: 'Comment', revokeReason: 'Revocation reason',
      },
      list: { q: 'Number, plate or enterprise', export: 'Export', empty: 'No permits', actions: 'Review' },
      stats: {
        title: 'Counts by type', from: 'From', to: 'To', total: 'Total', applied: 'Applied', issued: 'Issued',
        refused: 'Refused', revoked: 'Revoked', in_force: 'In force at end', pending: 'Pending',
      },
      apply: {
        button: 'Apply for a permit', title: 'Apply for a permit', platePlaceholder: 'e.g. 吉B12345 or 吉BD12345',
        badPlate: 'Not a plate: province, a letter, then 5 or 6 letters or digits (no I or O)', done: 'Sent to the transport department',
      },
      review: {
        issue: 'Issue', refuse: 'Refuse', revoke: 'Revoke', comment: 'Comment (optional)', reason: 'Reason (required)', done: 'Done',
      },
      detail: { title: 'Permit', reveal: 'Show the full number', qr: 'Permit QR code' },
      print: { title: 'Print permit', button: 'Print', hint: 'Carry this permit in the vehicle; the QR code verifies offline.' },
      verify: {
        title: 'Verify a permit',
        keyReady: 'Public key cached ({id}): verification works offline',
        noKey: 'No public key yet: open this page once while online',
        online: 'Checked online',
        offline: 'Signature checked offline',
        checkOnline: 'Check online (revocation)',
        next: 'Tap to check the next one',
        result: {
          valid: 'Valid', expired: 'Expired', not_yet_valid: 'Not yet valid', tampered: 'Invalid signature (tampered)',
          malformed: 'Not a permit QR code', revoked: 'Revoked', unknown: 'Unknown permit', no_key: 'Cannot verify (no key)',
        },
      },
    },
  },
}
