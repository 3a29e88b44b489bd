import { createRouter, createWebHistory } from 'vue-router'
import { useAuthStore } from '@/stores/auth'
import { Document, HomeFilled, Key, OfficeBuilding, User } from '@element-plus/icons-vue'
import AppLayout from '@/layout/AppLayout.vue'

// meta: title (locale key), perm (required permission), menu (menu group; 'top' for a top-level item),
// icon (menu icon component), parent (route name shown before this page in the breadcrumbs).
const routes = [
  { path: '/login', name: 'login', component: () => import('@/views/login/LoginView.vue'), meta: { public: true, title: 'login.title' } },
  {
    path: '/',
    component: AppLayout,
    children: [
      { path: '', name: 'home', component: () => import('@/views/dashboard/HomeView.vue'), meta: { title: 'menu.home', menu: 'top', icon: HomeFilled } },
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
  if (to.meta.perm && !auth.can(to.meta.perm)) return { name: 'forbidden' }
  return true
})
