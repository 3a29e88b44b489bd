// The notification centre of the signed-in user (docs/api/notification.md).
import { http } from './http'

export const listNotifications = ({ unread } = {}, { page, pageSize } = {}) =>
  http.get('/notifications', { unread: unread ? 1 : undefined, page, size: pageSize })
export const unreadCount = () => http.get('/notifications/unread-count')
export const markRead = (id) => http.post(`/notifications/${id}/read`, {})
export const markAllRead = () => http.post('/notifications/read-all', {})
