// Notices (docs/api/notice.md): the publisher's side (drafts, attachments, publish, withdraw, recipients
// and their export) and the enterprise's inbox. One function per endpoint.
import { download, http, upload } from './http'

// ---- Publisher ----
/** notice: { kind, title, body, region, flags?, usccs? } */
export const createNotice = (notice) => http.post('/notices', notice)
export const updateNotice = (id, notice) => http.put(`/notices/${id}`, notice)
export const listNotices = ({ state, kind, q, region } = {}, { page, pageSize } = {}) =>
  http.get('/notices', { state, kind, q, region, page, size: pageSize })
export const getNotice = (id) => http.get(`/notices/${id}`)
export const publishNotice = (id) => http.post(`/notices/${id}/publish`)
export const withdrawNotice = (id) => http.post(`/notices/${id}/withdraw`)
export const uploadNoticeAttachment = (id, file, onProgress) => upload(`/notices/${id}/attachments`, file, onProgress)
export const deleteNoticeAttachment = (id, aid) => http.delete(`/notices/${id}/attachments/${aid}`)
export const downloadNoticeAttachment = (id, att) => download(`/notices/${id}/attachments/${att.id}`, {}, att.filename)
/** read: true (read), false (not read), undefined (all) */
export const listRecipients = (id, read, { page, pageSize } = {}) =>
  http.get(`/notices/${id}/recipients`, { read: read === undefined ? undefined : read ? 1 : 0, page, size: pageSize })
export const exportRecipients = (id, read, format = 'xlsx') =>
  download(`/notices/${id}/recipients/export`, { read: read === undefined ? undefined : read ? 1 : 0, format }, `notice-${id}.${format}`)

// ---- Enterprise inbox ----
export const listInbox = ({ unread } = {}, { page, pageSize } = {}) =>
  http.get('/inbox/notices', { unread: unread ? 1 : undefined, page, size: pageSize })
export const inboxUnreadCount = () => http.get('/inbox/notices/unread-count')
/** Opening a notice records the read receipt. */
export const openNotice = (id) => http.get(`/inbox/notices/${id}`)
export const downloadInboxAttachment = (id, att) => download(`/inbox/notices/${id}/attachments/${att.id}`, {}, att.filename)
