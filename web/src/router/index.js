import { createRouter, createWebHistory } from 'vue-router'
import { useAuthStore } from '@/stores/auth'
import { DataLine, Document, EditPen, Finished, HomeFilled, Key, Memo, Monitor, OfficeBuilding, Promotion, Stamp, Tickets, TrendCharts, User } from '@element-plus/icons-vue'
import AppLayout from '@/layout/AppLayout.vue'
import { phoneHome } from './modules/gate'

// meta: title (locale key), perm (required permission), menu (menu group; 'top' for a top-level item),
// icon (menu icon component), parent (route name shown before this page in the breadcrumbs),
// menuIf(auth) (shows the menu entry only when true, on top of perm).
const isEnterpriseUser = (auth) => !!auth.user?.enterprise_uscc

// Later capabilities keep their routes in src/router/modules/<module>.js, exporting
// { office: [routes inside the office layout], phone: [top-level routes of phone pages] }.
const moduleRoutes = Object.values(import.meta.glob('./modules/*.js', { eager: true, import: 'default' }))
const officeModuleRoutes = moduleRoutes.flatMap((m) => m.office || [])
const phoneModuleRoutes = moduleRoutes.flatMap((m) => m.phone || [])

const routes = [
  { path: '/login', name: 'login', component: () => import('@/views/login/LoginView.vue'), meta: { public: true, title: 'login.title' } },
  ...phoneModuleRoutes,
  {
    path: '/',
    component: AppLayout,
    children: [
      { path: '', name: 'home', component: () => import('@/views/dashboard/HomeView.vue'), meta: { title: 'menu.home', menu: 'top', icon: HomeFilled } },
      // ---- Statistics (issue 3) ----
      {
        path: 'dashboard',
        name: 'dashboard',
        component: () => import('@/views/stats/DashboardView.vue'),
        meta: { title: 'menu.dashboard', perm: 'stats:view', menu: 'stats', icon: Monitor },
      },
      {
        path: 'stats',
        name: 'stats-rates',
        component: () => import('@/views/stats/RatesView.vue'),
        meta: { title: 'menu.rates', perm: 'stats:view', menu: 'stats', icon: TrendCharts },
      },
      {
        path: 'bulletin',
        name: 'bulletin',
        component: () => import('@/views/stats/BulletinView.vue'),
        meta: { title: 'menu.bulletin', perm: 'stats:view', menu: 'stats', icon: Memo },
      },
      // ---- Resumption applications ----
      {
        path: 'resumption/apply',
        name: 'application-apply',
        component: () => import('@/views/resumption/ApplyView.vue'),
        meta: { title: 'menu.apply', perm: 'resumption:apply', menu: 'resumption', icon: Promotion },
      },
      {
        path: 'resumption/review',
        name: 'application-review',
        component: () => import('@/views/resumption/ApplicationList.vue'),
        props: { mode: 'review' },
        meta: { title: 'menu.review', perm: 'resumption:review', menu: 'resumption', icon: Stamp },
      },
      {
        path: 'resumption/acceptance',
        name: 'acceptance-tasks',
        component: () => import('@/views/resumption/ApplicationList.vue'),
        props: { mode: 'accept' },
        meta: { title: 'menu.acceptance', perm: 'resumption:accept', menu: 'resumption', icon: Finished },
      },
      {
        path: 'resumption/applications',
        name: 'application-list',
        component: () => import('@/views/resumption/ApplicationList.vue'),
        props: { mode: 'all' },
        meta: { title: 'menu.applications', perm: 'resumption:view', menu: 'resumption', icon: Tickets, menuIf: (auth) => !isEnterpriseUser(auth) },
      },
      {
        path: 'resumption/applications/:id',
        name: 'application-detail',
        component: () => import('@/views/resumption/ApplicationDetail.vue'),
        meta: { title: 'title.applicationDetail', perm: 'resumption:view', parent: 'application-list' },
      },
      {
        path: 'resumption/applications/:id/acceptance',
        name: 'application-acceptance',
        component: () => import('@/views/resumption/AcceptanceForm.vue'),
        meta: { title: 'title.acceptanceForm', perm: 'resumption:accept', parent: 'application-detail' },
      },
      // ---- Daily reports ----
      {
        path: 'daily-report',
        name: 'daily-report',
        component: () => import('@/views/report/DailyReportView.vue'),
        meta: { title: 'menu.dailyReport', perm: 'report:submit', menu: 'report', icon: EditPen, menuIf: isEnterpriseUser },
      },
      {
        path: 'reporting',
        name: 'reporting',
        component: () => import('@/views/report/ReportingView.vue'),
        meta: { title: 'menu.reporting', perm: 'stats:view', menu: 'report', icon: DataLine },
      },
      {
        path: 'enterprises',
        name: 'enterprise-list',
        component: () => import('@/views/enterprise/EnterpriseList.vue'),
        meta: { title: 'menu.enterprises', perm: 'enterprise:list', menu: 'registry', icon: OfficeBuilding },
      },
      {
        path: 'enterprises/new',
        name: 'enterprise-create',
        component: () => import('@/views/enterprise/EnterpriseForm.vue'),
        meta: { title: 'title.enterpriseCreate', perm: 'enterprise:create', parent: 'enterprise-list' },
      },
      {
        path: 'enterprises/:uscc',
        name: 'enterprise-detail',
        component: () => import('@/views/enterprise/EnterpriseDetail.vue'),
        meta: { title: 'title.enterpriseDetail', perm: 'enterprise:view', parent: 'enterprise-list' },
      },
      {
        path: 'enterprises/:uscc/edit',
        name: 'enterprise-edit',
        component: () => import('@/views/enterprise/EnterpriseForm.vue'),
        meta: { title: 'title.enterpriseEdit', perm: 'enterprise:update', parent: 'enterprise-detail' },
      },
      {
        path: 'system/users',
        name: 'user-list',
        component: () => import('@/views/system/UserList.vue'),
        meta: { title: 'menu.users', perm: 'user:list', menu: 'system', icon: User },
      },
      {
        path: 'system/audit-logs',
        name: 'audit-log',
        component: () => import('@/views/system/AuditLog.vue'),
        meta: { title: 'menu.auditLogs', perm: 'audit:list', menu: 'system', icon: Document },
      },
      {
        path: 'system/login-logs',
        name: 'login-log',
        component: () => import('@/views/system/LoginLog.vue'),
        meta: { title: 'menu.loginLogs', perm: 'audit:list', menu: 'system', icon: Key },
      },
      ...officeModuleRoutes,
      { path: 'forbidden', name: 'forbidden', component: () => import('@/views/error/ErrorView.vue'), props: { code: 403 }, meta: { title: 'title.forbidden' } },
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('@/views/error/ErrorView.vue'), props: { code: 404 }, meta: { title: 'title.notFound' } },
    ],
  },
]

export const router = createRouter({
  history: createWebHistory(),
  routes,
})

router.beforeEach(async (to) => {
  const auth = useAuthStore()
  if (!auth.checked) await auth.fetchMe()
  if (to.meta.public) return to.name === 'login' && auth.loggedIn ? { name: 'home' } : true
  if (!auth.loggedIn) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  // A gate verifier or an employee starts on their phone page (/m/gate, /m/pass) instead of the office home.
  if (to.name === 'home' && phoneHome(auth.user)) return phoneHome(auth.user)
  // A cadre (包保干部) starts on their workbench.
  if (to.name === 'home' && auth.user?.roles?.length === 1 && auth.user.roles[0] === 'cadre') return { name: 'workbench' }
  if (to.meta.perm && !auth.can(to.meta.perm)) return { name: 'forbidden' }
  return true
})
