// Commuter buses (issue 6 item 3): 定制公交 — totals, the operator's routes (stops, shifts, enterprises,
// trips) and the enterprises' commute demand, with exports. Menu group 'supplies'.
import { Van } from '@element-plus/icons-vue'

export default {
  office: [
    {
      path: 'bus',
      name: 'bus',
      component: () => import('@/views/bus/BusView.vue'),
      meta: { title: 'bus.menu', perm: 'bus:view', menu: 'supplies', icon: Van },
    },
  ],
}
