// Key projects (issue 9): 重点项目 registry (import/export), project detail (status history, the owner's
// daily project reports, sites, linked problems) and the project statistics (开复工率, investment and
// workers against plan, problems solved). Menu group 'projects'.
import { DataAnalysis, OfficeBuilding } from '@element-plus/icons-vue'

export default {
  office: [
    {
      path: 'projects',
      name: 'project-list',
      component: () => import('@/views/project/ProjectList.vue'),
      meta: { title: 'project.menu.list', perm: 'project:view', menu: 'projects', icon: OfficeBuilding },
    },
    {
      path: 'projects/stats',
      name: 'project-stats',
      component: () => import('@/views/project/ProjectStats.vue'),
      meta: { title: 'project.menu.stats', perm: 'stats:view', menu: 'projects', icon: DataAnalysis },
    },
    {
      path: 'projects/:id(\\d+)',
      name: 'project-detail',
      component: () => import('@/views/project/ProjectDetail.vue'),
      meta: { title: 'project.menu.detail', perm: 'project:view' },
    },
  ],
}
