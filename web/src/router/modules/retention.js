// Retention of personal data (issue 7): 数据保存与清理 — retention per kind, the records due, a dry run or
// a purge now, and the purge log. Menu group 'system'.
import { Delete } from '@element-plus/icons-vue'

export default {
  office: [
    {
      path: 'system/retention',
      name: 'retention',
      component: () => import('@/views/retention/RetentionView.vue'),
      meta: { title: 'retention.menu', perm: 'retention:view', menu: 'system', icon: Delete },
    },
  ],
}
