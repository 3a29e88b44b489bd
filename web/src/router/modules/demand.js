// Demands (issue 5 items 1–2): 我的诉求 for the enterprise (raise, clocks, comment, rate), 诉求处理 for cadres,
// departments and commanders (queue with clocks, detail with the history, accept / respond / transfer /
// resolve) and 反馈考核 (per department and cadre, drill-down, XLSX). Menu group 'closedloop'.
import { ChatLineSquare, DataBoard, Tickets } from '@element-plus/icons-vue'

const isEnterpriseUser = (auth) => !!auth.user?.enterprise_uscc

export default {
  office: [
    {
      path: 'demands/mine',
      name: 'demand-mine',
      component: () => import('@/views/demand/DemandList.vue'),
      meta: { title: 'demand.menu.mine', perm: 'demand:view', menu: 'closedloop', icon: ChatLineSquare, menuIf: isEnterpriseUser },
    },
    {
      path: 'demands',
      name: 'demand-list',
      component: () => import('@/views/demand/DemandList.vue'),
      meta: { title: 'demand.menu.handle', perm: 'demand:view', menu: 'closedloop', icon: Tickets, menuIf: (auth) => !isEnterpriseUser(auth) },
    },
    {
      path: 'demands/assessment',
      name: 'demand-assessment',
      component: () => import('@/views/demand/AssessmentView.vue'),
      meta: { title: 'demand.menu.assessment', perm: 'demand:assess', menu: 'closedloop', icon: DataBoard },
    },
    {
      path: 'demands/:id(\\d+)',
      name: 'demand-detail',
      component: () => import('@/views/demand/DemandDetail.vue'),
      meta: { title: 'demand.menu.detail', perm: 'demand:view', parent: 'demand-list' },
    },
  ],
}
