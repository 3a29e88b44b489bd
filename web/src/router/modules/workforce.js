// Workforce health (issue 4), office pages: roster, employee detail, quarantine board, entry logs, alerts,
// risk regions. Menu group 'workforce' (员工与门岗). The phone pages of this module live elsewhere.
import { Bell, Calendar, List, MapLocation, Postcard } from '@element-plus/icons-vue'

// Only an employee account (phone pages) does not need the office's risk-region list in its menu.
const notOnlyEmployee = (auth) => (auth.user?.roles || []).some((r) => r !== 'employee')

export default {
  office: [
    {
      path: 'workforce/employees',
      name: 'workforce-employees',
      component: () => import('@/views/workforce/EmployeeList.vue'),
      meta: { title: 'workforce.menu.employees', perm: 'employee:list', menu: 'workforce', icon: Postcard },
    },
    {
      path: 'workforce/employees/:id(\\d+)',
      name: 'workforce-employee',
      component: () => import('@/views/workforce/EmployeeDetail.vue'),
      meta: { title: 'workforce.menu.employeeDetail', perm: 'employee:view', parent: 'workforce-employees' },
    },
    {
      path: 'workforce/holds',
      name: 'workforce-holds',
      component: () => import('@/views/workforce/HoldBoard.vue'),
      meta: { title: 'workforce.menu.holds', perm: 'employee:list', menu: 'workforce', icon: Calendar },
    },
    {
      path: 'workforce/entries',
      name: 'workforce-entries',
      component: () => import('@/views/workforce/EntryList.vue'),
      meta: { title: 'workforce.menu.entries', perm: 'entry:list', menu: 'workforce', icon: List },
    },
    {
      path: 'workforce/alerts',
      name: 'workforce-alerts',
      component: () => import('@/views/workforce/AlertList.vue'),
      meta: { title: 'workforce.menu.alerts', perm: 'alert:list', menu: 'workforce', icon: Bell },
    },
    {
      path: 'workforce/risk-regions',
      name: 'workforce-risk-regions',
      component: () => import('@/views/workforce/RiskRegionList.vue'),
      meta: { title: 'workforce.menu.riskRegions', perm: 'riskregion:list', menu: 'workforce', icon: MapLocation, menuIf: notOnlyEmployee },
    },
  ],
  phone: [],
}
