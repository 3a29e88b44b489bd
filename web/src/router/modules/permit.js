// Transport permits (issue 6 item 2): 通行证 list with the application form and the transport
// department's review, the permit's page with its signed QR, the printable permit, counts per type, and
// the checkpoint's verifier on a phone (/m/permit-verify: offline with the cached public key, online when
// signed in with permit:verify). Menu group 'supplies'.
import { Tickets } from '@element-plus/icons-vue'

const PhoneLayout = () => import('@/phone/PhoneLayout.vue')

export default {
  office: [
    {
      path: 'permits',
      name: 'permit-list',
      component: () => import('@/views/permit/PermitList.vue'),
      meta: { title: 'permit.menu', perm: 'permit:view', menu: 'supplies', icon: Tickets },
    },
    {
      path: 'permits/:id(\\d+)',
      name: 'permit-detail',
      component: () => import('@/views/permit/PermitDetail.vue'),
      meta: { title: 'permit.detail.title', perm: 'permit:view' },
    },
  ],
  phone: [
    {
      path: '/m',
      component: PhoneLayout,
      children: [
        { path: 'permit-verify', name: 'm-permit-verify', component: () => import('@/views/permit/PermitVerify.vue'), meta: { title: 'permit.verify.title', public: true } },
      ],
    },
    {
      path: '/print/permit/:id(\\d+)',
      name: 'permit-print',
      component: () => import('@/views/permit/PermitPrint.vue'),
      meta: { title: 'permit.print.title', perm: 'permit:view' },
    },
  ],
}
