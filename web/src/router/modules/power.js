// Electricity cross-check (issue 8): 电力复工指数 — the rates by power beside the reported rates, the
// disagreements a cadre checks with their explanations, and the utility file import. Menu group 'stats'.
import { Lightning } from '@element-plus/icons-vue'

export default {
  office: [
    {
      path: 'power',
      name: 'power',
      component: () => import('@/views/power/PowerView.vue'),
      meta: { title: 'power.menu', perm: 'power:view', menu: 'stats', icon: Lightning },
    },
  ],
}
