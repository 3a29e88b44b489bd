// Gates (issue 4): the phone pages of the gate verifier (扫码核验), of the self check-in behind a site's
// poster (自助签到) and of the employee (我的通行码, 健康申报, 返岗信息卡), and the enterprise contact's
// office page of sites (门岗管理) with each site's printable poster.
import { Location } from '@element-plus/icons-vue'

// The frame (Vant) and the pages load only when a phone page is opened.
const PhoneLayout = () => import('@/phone/PhoneLayout.vue')

export default {
  office: [
    {
      path: 'workforce/sites',
      name: 'gate-sites',
      component: () => import('@/views/gate/SiteList.vue'),
      meta: { title: 'gate.sites.title', perm: 'site:create', menu: 'workforce', icon: Location },
    },
  ],
  phone: [
    {
      path: '/m',
      component: PhoneLayout,
      children: [
        { path: 'gate', name: 'm-gate', component: () => import('@/views/phone/GateView.vue'), meta: { title: 'gate.title', perm: 'checkin:create' } },
        { path: 'checkin', name: 'm-checkin', component: () => import('@/views/phone/SelfCheckinView.vue'), meta: { title: 'gate.self.title', perm: 'checkin:self' } },
        { path: 'pass', name: 'm-pass', component: () => import('@/views/phone/PassView.vue'), meta: { title: 'me.pass.title', perm: 'pass:view' } },
        { path: 'declare', name: 'm-declare', component: () => import('@/views/phone/DeclareView.vue'), meta: { title: 'me.declare.title', perm: 'declaration:create', back: '/m/pass' } },
        { path: 'card', name: 'm-card', component: () => import('@/views/phone/CardView.vue'), meta: { title: 'me.card.title', perm: 'card:submit', back: '/m/pass' } },
      ],
    },
    // A print page outside the office layout (no menu, no top bar).
    {
      path: '/print/site-poster/:id(\\d+)',
      name: 'site-poster',
      component: () => import('@/views/gate/SitePoster.vue'),
      meta: { title: 'gate.poster.title', perm: 'site:create' },
    },
  ],
}

/** Where a user who works only on a phone starts after signing in (null: the office home). */
export function phoneHome(user) {
  const roles = user?.roles || []
  if (roles.length && roles.every((r) => r === 'verifier')) return '/m/gate'
  if (roles.length && roles.every((r) => r === 'employee')) return '/m/pass'
  if (roles.length && roles.every((r) => r === 'jobseeker')) return '/m/resume'
  return null
}
