// Epidemic-prevention supplies (issue 6 item 1, SPEC §3.8): needs and their verification, allocations
// through hand-over, warehouses with stock and ledger, enterprises' own stock with shortage warnings, the
// 转产 registry and the totals. Menu group 'supplies'. Phone: /m/supplies, the enterprise's hand-over.
import { Box, Finished, House, List, PieChart, SetUp } from '@element-plus/icons-vue'

const PhoneLayout = () => import('@/phone/PhoneLayout.vue')

export default {
  office: [
    {
      path: 'supplies/needs',
      name: 'supply-needs',
      component: () => import('@/views/supply/SupplyNeeds.vue'),
      meta: { title: 'supply.menu.needs', perm: 'supply:view', menu: 'supplies', icon: List },
    },
    {
      path: 'supplies/allocations',
      name: 'supply-allocations',
      component: () => import('@/views/supply/SupplyAllocations.vue'),
      meta: { title: 'supply.menu.allocations', perm: 'supply:view', menu: 'supplies', icon: Finished },
    },
    {
      path: 'supplies/stock',
      name: 'supply-stock',
      component: () => import('@/views/supply/SupplyStock.vue'),
      meta: { title: 'supply.menu.stock', perm: 'supply:manage', menu: 'supplies', icon: House },
    },
    {
      path: 'supplies/enterprise-stock',
      name: 'supply-enterprise-stock',
      component: () => import('@/views/supply/SupplyOwnStock.vue'),
      meta: { title: 'supply.menu.ownStock', perm: 'supply:view', menu: 'supplies', icon: Box },
    },
    {
      path: 'supplies/conversions',
      name: 'supply-conversions',
      component: () => import('@/views/supply/SupplyConversions.vue'),
      meta: { title: 'supply.menu.conversions', perm: 'supply:view', menu: 'supplies', icon: SetUp },
    },
    {
      path: 'supplies/totals',
      name: 'supply-totals',
      component: () => import('@/views/supply/SupplyTotals.vue'),
      meta: { title: 'supply.menu.totals', perm: 'supply:totals', menu: 'supplies', icon: PieChart },
    },
  ],
  phone: [
    {
      path: '/m',
      component: PhoneLayout,
      children: [
        {
          path: 'supplies',
          name: 'm-supplies',
          component: () => import('@/views/supply/PhoneHandover.vue'),
          meta: { title: 'supply.phone.title', perm: 'supply:declare' },
        },
      ],
    },
  ],
}
