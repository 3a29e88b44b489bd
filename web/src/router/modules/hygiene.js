// Site hygiene (issue 4 item 7): the enterprise contact's 消毒记录 (areas, schedules, the day's rounds,
// records) and 隔离/留观室, the government's 消毒预警, and the phone page 消毒登记 (/m/disinfection) where a
// cleaner or guard records a round in two taps. Menu group 'workforce' (员工与门岗).
import { Bell, Brush, House } from '@element-plus/icons-vue'

const PhoneLayout = () => import('@/phone/PhoneLayout.vue')
const isEnterpriseUser = (auth) => !!auth.user?.enterprise_uscc

export default {
  office: [
    {
      path: 'hygiene/disinfection',
      name: 'hygiene-disinfection',
      component: () => import('@/views/hygiene/DisinfectionView.vue'),
      // Government users arrive from the warning list with ?uscc=&site=.
      meta: { title: 'hygiene.menu.disinfection', perm: 'hygiene:view', menu: 'workforce', icon: Brush, menuIf: isEnterpriseUser },
    },
    {
      path: 'hygiene/warnings',
      name: 'hygiene-warnings',
      component: () => import('@/views/hygiene/WarningList.vue'),
      meta: { title: 'hygiene.menu.warnings', perm: 'hygiene:warnings', menu: 'workforce', icon: Bell },
    },
    {
      path: 'hygiene/rooms',
      name: 'hygiene-rooms',
      component: () => import('@/views/hygiene/RoomList.vue'),
      meta: { title: 'hygiene.menu.rooms', perm: 'isolation:view', menu: 'workforce', icon: House },
    },
  ],
  phone: [
    {
      path: '/m',
      component: PhoneLayout,
      children: [
        {
          path: 'disinfection',
          name: 'm-disinfection',
          component: () => import('@/views/hygiene/PhoneDisinfection.vue'),
          meta: { title: 'hygiene.menu.phone', perm: 'hygiene:record' },
        },
      ],
    },
  ],
}
