// Whistle-blower tips (有奖举报, issue 5 item 6): the officers' 举报处理 (menu group 'closedloop') and the
// public phone pages /m/tip (form) and /m/tip/track (tracking code), which need no sign-in (meta.public).
import { Warning } from '@element-plus/icons-vue'

const PhoneLayout = () => import('@/phone/PhoneLayout.vue')

export default {
  office: [
    {
      path: 'tips',
      name: 'tip-list',
      component: () => import('@/views/tip/TipList.vue'),
      meta: { title: 'tip.menu.list', perm: 'tip:view', menu: 'closedloop', icon: Warning },
    },
    {
      path: 'tips/:id',
      name: 'tip-detail',
      component: () => import('@/views/tip/TipDetail.vue'),
      meta: { title: 'tip.menu.detail', perm: 'tip:view', parent: 'tip-list' },
    },
  ],
  phone: [
    {
      path: '/m',
      component: PhoneLayout,
      children: [
        { path: 'tip', name: 'm-tip', component: () => import('@/views/tip/PhoneTipForm.vue'), meta: { public: true, title: 'tip.public.title' } },
        {
          path: 'tip/track',
          name: 'm-tip-track',
          component: () => import('@/views/tip/PhoneTipTrack.vue'),
          meta: { public: true, title: 'tip.track.title', back: { name: 'm-tip' } },
        },
      ],
    },
  ],
}
