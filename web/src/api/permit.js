// Transport permits (docs/api/permit.md): applications, review, the signed QR, online verification,
// counts and the export. One function per endpoint.
import { download, http, request } from './http'

export const listPermits = ({ state, type, region, q } = {}, { page, pageSize } = {}) =>
  http.get('/permits', { state, type, region, q, page, size: pageSize })
export const getPermit = (id) => http.get(`/permits/${id}`)
/** body: { type, plate, holder_name, id_number, phone, origin, destination, route, cargo, valid_from, valid_to, uscc? } */
export const applyPermit = (body) => http.post('/permits', body)
export const issuePermit = (id, comment) => http.post(`/permits/${id}/issue`, { comment })
export const refusePermit = (id, reason) => http.post(`/permits/${id}/refuse`, { reason })
export const revokePermit = (id, reason) => http.post(`/permits/${id}/revoke`, { reason })
export const permitIdNumber = (id) => http.get(`/permits/${id}/id-number`)
export const verifyOnline = (token) => http.post('/permits/verify', { token })
export const permitStats = ({ from, to, region } = {}) => http.get('/permits/stats', { from, to, region })
export const exportPermits = (format, { state, type, region, q } = {}) =>
  download('/permits/export', { format, state, type, region, q }, `permits.${format}`)
/** The public key (no sign-in): { algorithm, key_id, public_key }. */
export const publicKey = () => request('GET', '/permits/public-key', { auth: false })
