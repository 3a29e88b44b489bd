// Financing (融资对接) and policies (惠企政策), issue 6 items 5 and 6. Menu group 'services'.
import { Coin, Document, OfficeBuilding, Tickets } from '@element-plus/icons-vue'

export default {
  office: [
    {
      path: 'finance/demands',
      name: 'finance-demands',
      component: () => import('@/views/finance/FinanceList.vue'),
      meta: { title: 'finance.menu.demands', perm: 'finance:view', menu: 'services', icon: Coin },
    },
    {
      path: 'finance/demands/:id',
      name: 'finance-demand',
      component: () => import('@/views/finance/FinanceDetail.vue'),
      meta: { title: 'finance.menu.detail', perm: 'finance:view', parent: 'finance-demands' },
    },
    {
      path: 'finance/banks',
      name: 'finance-banks',
      component: () => import('@/views/finance/BankList.vue'),
      meta: { title: 'finance.menu.banks', perm: 'finance:banks', menu: 'services', icon: OfficeBuilding },
    },
    {
      path: 'policies',
      name: 'policy-list',
      component: () => import('@/views/policy/PolicyList.vue'),
      meta: { title: 'policy.menu.list', perm: 'policy:view', menu: 'services', icon: Document },
    },
    {
      path: 'policies/new',
      name: 'policy-create',
      component: () => import('@/views/policy/PolicyForm.vue'),
      meta: { title: 'policy.menu.create', perm: 'policy:manage', parent: 'policy-list' },
    },
    {
      path: 'policies/:id/edit',
      name: 'policy-edit',
      component: () => import('@/views/policy/PolicyForm.vue'),
      meta: { title: 'policy.menu.edit', perm: 'policy:manage', parent: 'policy-list' },
    },
    {
      path: 'policies/:id',
      name: 'policy-detail',
      component: () => import('@/views/policy/PolicyDetail.vue'),
      meta: { title: 'policy.menu.detail', perm: 'policy:view', parent: 'policy-list' },
    },
    {
      path: 'policy-inbox',
      name: 'policy-inbox',
      component: () => import('@/views/policy/PolicyInbox.vue'),
      meta: { title: 'policy.menu.inbox', perm: 'policy:apply', menu: 'services', icon: Tickets },
    },
    {
      path: 'policy-inbox/:id',
      name: 'policy-inbox-detail',
      component: () => import('@/views/policy/PolicyInbox.vue'),
      meta: { title: 'policy.menu.inbox', perm: 'policy:apply', parent: 'policy-inbox' },
    },
  ],
}
