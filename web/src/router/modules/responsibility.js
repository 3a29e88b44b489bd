// 包保 (issue 5 item 3): 我的工作台 (the cadre's home), 包保责任 (chains, assignment with the rank rule,
// bulk assignment, import), 覆盖情况 (coverage report), 走访记录 (visits and the 「调度企业N户次」 summary),
// and the phone page 走访登记 (/m/visit) for recording a visit on site. Menu group 'closedloop'.
import { Connection, Guide, Location, Odometer } from '@element-plus/icons-vue'

const PhoneLayout = () => import('@/phone/PhoneLayout.vue')

export default {
  office: [
    {
      path: 'workbench',
      name: 'workbench',
      component: () => import('@/views/responsibility/WorkbenchView.vue'),
      meta: { title: 'responsibility.menu.workbench', perm: 'workbench:view', menu: 'closedloop', icon: Odometer },
    },
    {
      path: 'responsibility/chains',
      name: 'responsibility-chains',
      component: () => import('@/views/responsibility/ChainList.vue'),
      meta: { title: 'responsibility.menu.chains', perm: 'responsibility:view', menu: 'closedloop', icon: Connection },
    },
    {
      path: 'responsibility/coverage',
      name: 'responsibility-coverage',
      component: () => import('@/views/responsibility/CoverageView.vue'),
      meta: { title: 'responsibility.menu.coverage', perm: 'responsibility:view', menu: 'closedloop', icon: Guide,
        menuIf: (auth) => !auth.user?.enterprise_uscc },
    },
    {
      path: 'visits',
      name: 'visits',
      component: () => import('@/views/responsibility/VisitList.vue'),
      meta: { title: 'responsibility.menu.visits', perm: 'visit:list', menu: 'closedloop', icon: Location },
    },
  ],
  phone: [
    {
      path: '/m',
      component: PhoneLayout,
      children: [
        {
          path: 'visit',
          name: 'm-visit',
          component: () => import('@/views/responsibility/PhoneVisit.vue'),
          meta: { title: 'responsibility.menu.phone', perm: 'visit:create' },
        },
      ],
    },
  ],
}
