import { http } from './http'

export const listAuditLogs = ({ page, size }) => http.get('/audit-logs', { page, size })
export const listLoginLogs = ({ page, size }) => http.get('/login-logs', { page, size })
