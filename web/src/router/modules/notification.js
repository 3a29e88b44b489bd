// The notification centre (every signed-in user; reached from the bell in the top bar).
export default {
  office: [
    {
      path: 'notifications',
      name: 'notifications',
      component: () => import('@/views/notification/NotificationList.vue'),
      meta: { title: 'notification.title' },
    },
  ],
  phone: [],
}
