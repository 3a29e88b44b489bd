// Strings of commuter buses (issue 6 item 3): 定制公交. Namespace `bus`.
export default {
  'zh-CN': {
    bus: {
      menu: '定制公交',
      region: '区划',
      refresh: '刷新',
      saved: '已保存',
      totals: { routes: '运营线路', daily_trips: '日班次', seats: '日运力（座）', declared: '申报乘车人数', served: '已覆盖人数', unserved: '未覆盖人数' },
      tabs: { routes: '线路', demands: '企业通勤需求' },
      route: {
        add: '新增线路', edit: '编辑', empty: '暂无线路', name: '线路名称', stops: '站点', shifts: '服务班次',
        anyShift: '全部班次', enterprises: '服务企业', trips: '每日班次', seats: '每车座位', capacity: '日运力',
        riders: '覆盖人数', state: '状态', active: '运营', inactive: '停运', stopName: '站名', removeStop: '删除',
        addStop: '添加站点', shiftsPlaceholder: '班次开始时间，如 07:30,19:30；留空表示全部', usccPlaceholder: '企业统一社会信用代码，每行一个',
      },
      demand: {
        add: '申报通勤需求', empty: '暂无通勤需求', enterprise: '企业', home: '居住区域', area: '小区/片区',
        shift: '班次开始', riders: '乘车人数', route: '服务线路', unserved: '未覆盖',
      },
    },
  },
  en: {
    bus: {
      menu: 'Commuter buses',
      region: 'Region',
      refresh: 'Refresh',
      saved: 'Saved',
      totals: { routes: 'Routes', daily_trips: 'Daily trips', seats: 'Daily seats', declared: 'Riders declared', served: 'Riders served', unserved: 'Not served' },
      tabs: { routes: 'Routes', demands: 'Commute demand' },
      route: {
        add: 'New route', edit: 'Edit', empty: 'No routes', name: 'Route', stops: 'Stops', shifts: 'Shifts',
        anyShift: 'Any shift', enterprises: 'Enterprises', trips: 'Daily trips', seats: 'Seats per bus', capacity: 'Daily seats',
        riders: 'Riders served', state: 'State', active: 'Running', inactive: 'Stopped', stopName: 'Stop', removeStop: 'Remove',
        addStop: 'Add a stop', shiftsPlaceholder: 'Shift starts, e.g. 07:30,19:30; empty for any', usccPlaceholder: 'USCCs of the enterprises, one per line',
      },
      demand: {
        add: 'Declare commute demand', empty: 'No commute demand', enterprise: 'Enterprise', home: 'Home area', area: 'Neighbourhood',
        shift: 'Shift start', riders: 'Riders', route: 'Route', unserved: 'Not served',
      },
    },
  },
}
