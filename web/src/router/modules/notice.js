// Notices (通知公告, issue 5 item 5): the publisher's list, draft form and detail with read receipts, and
// the enterprise's inbox. Menu group 'closedloop' (诉求与督导).
import { Bell, Notification } from '@element-plus/icons-vue'

export default {
  office: [
    {
      path: 'notices',
      name: 'notice-list',
      component: () => import('@/views/notice/NoticeList.vue'),
      meta: { title: 'notice.menu.list', perm: 'notice:view', menu: 'closedloop', icon: Notification },
    },
    {
      path: 'notices/new',
      name: 'notice-create',
      component: () => import('@/views/notice/NoticeForm.vue'),
      meta: { title: 'notice.menu.create', perm: 'notice:publish', parent: 'notice-list' },
    },
    {
      path: 'notices/:id/edit',
      name: 'notice-edit',
      component: () => import('@/views/notice/NoticeForm.vue'),
      meta: { title: 'notice.menu.edit', perm: 'notice:publish', parent: 'notice-detail' },
    },
    {
      path: 'notices/:id',
      name: 'notice-detail',
      component: () => import('@/views/notice/NoticeDetail.vue'),
      meta: { title: 'notice.menu.detail', perm: 'notice:view', parent: 'notice-list' },
    },
    {
      path: 'notice-inbox',
      name: 'notice-inbox',
      component: () => import('@/views/notice/InboxList.vue'),
      meta: { title: 'notice.menu.inbox', perm: 'notice:read', menu: 'closedloop', icon: Bell },
    },
    {
      path: 'notice-inbox/:id',
      name: 'notice-inbox-detail',
      component: () => import('@/views/notice/InboxDetail.vue'),
      meta: { title: 'notice.menu.inboxDetail', perm: 'notice:read', parent: 'notice-inbox' },
    },
  ],
}
