// Inspections and rectification (issue 5 item 4): 检查任务 (the inspector's list and the command's task
// management), the inspection form (office, and /m/inspection/:id made for a phone on site), 整改跟踪
// (rectification with red/orange clocks; the enterprise's 我的整改 is the same page narrowed to it), the
// finding page (evidence, re-check), 检查统计 (the seeds' figures) and 检查清单. Menu group 'closedloop'.
import { Checked, DataBoard, List, Warning } from '@element-plus/icons-vue'

const PhoneLayout = () => import('@/phone/PhoneLayout.vue')
const isEnterpriseUser = (auth) => !!auth.user?.enterprise_uscc
const isGovernment = (auth) => !auth.user?.enterprise_uscc

export default {
  office: [
    {
      path: 'inspection/tasks',
      name: 'inspection-tasks',
      component: () => import('@/views/inspection/TaskList.vue'),
      meta: { title: 'inspection.menu.tasks', perm: 'inspection:view', menu: 'closedloop', icon: List, menuIf: isGovernment },
    },
    {
      path: 'inspection/tasks/:id',
      name: 'inspection-task',
      component: () => import('@/views/inspection/TaskDetail.vue'),
      meta: { title: 'inspection.menu.task', perm: 'inspection:view', parent: 'inspection-tasks' },
    },
    {
      path: 'inspection/findings',
      name: 'inspection-findings',
      component: () => import('@/views/inspection/FindingList.vue'),
      meta: { title: 'inspection.menu.findings', perm: 'inspection:view', menu: 'closedloop', icon: Warning, menuIf: isGovernment },
    },
    {
      path: 'inspection/mine',
      name: 'inspection-my-findings',
      component: () => import('@/views/inspection/FindingList.vue'),
      meta: { title: 'inspection.menu.myFindings', perm: 'inspection:rectify', menu: 'closedloop', icon: Warning, menuIf: isEnterpriseUser },
    },
    {
      path: 'inspection/findings/:id',
      name: 'inspection-finding',
      component: () => import('@/views/inspection/FindingDetail.vue'),
      meta: { title: 'inspection.menu.finding', perm: 'inspection:view', parent: 'inspection-findings' },
    },
    {
      path: 'inspection/summary',
      name: 'inspection-summary',
      component: () => import('@/views/inspection/SummaryView.vue'),
      meta: { title: 'inspection.menu.summary', perm: 'inspection:export', menu: 'closedloop', icon: DataBoard },
    },
    {
      path: 'inspection/checklists',
      name: 'inspection-checklists',
      component: () => import('@/views/inspection/ChecklistView.vue'),
      meta: { title: 'inspection.menu.checklists', perm: 'inspection:configure', menu: 'closedloop', icon: Checked },
    },
  ],
  phone: [
    {
      path: '/m',
      component: PhoneLayout,
      children: [
        {
          path: 'inspection',
          name: 'm-inspection-tasks',
          component: () => import('@/views/inspection/PhoneTaskList.vue'),
          meta: { title: 'inspection.menu.phoneTasks', perm: 'inspection:inspect' },
        },
        {
          path: 'inspection/:id',
          name: 'm-inspection',
          component: () => import('@/views/inspection/PhoneInspection.vue'),
          meta: { title: 'inspection.menu.phoneForm', perm: 'inspection:inspect', back: '/m/inspection' },
        },
      ],
    },
  ],
}
