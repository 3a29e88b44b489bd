// Whistle-blower tips (docs/api/tip.md): the public form and tracking page (no sign-in), and the officers'
// list, detail, assignment, contact (assigned officer only, audited), verification and reward.
import { http, request } from './http'

// ---- Public (no session needed: auth false, so a 401 never sends the reporter to the sign-in page) ----
/** tip: { type, enterprise_name, uscc, address, description, region, contact_name, contact_phone }; photos: File[] */
export function submitTip(tip, photos = []) {
  const form = new FormData()
  form.append('data', JSON.stringify(tip))
  for (const p of photos) form.append('photo', p)
  return request('POST', '/public/tips', { body: form, auth: false })
}
export const trackTip = (code) => request('GET', `/public/tips/${encodeURIComponent(code)}`, { auth: false })
export const publicRegions = (parent) => request('GET', '/public/regions', { query: { parent }, auth: false })

// ---- Officers ----
export const listTips = ({ state, type, region, mine } = {}, { page, pageSize } = {}) =>
  http.get('/tips', { state, type, region, mine: mine ? 1 : undefined, page, size: pageSize })
export const getTip = (id) => http.get(`/tips/${id}`)
export const tipOfficers = (id) => http.get(`/tips/${id}/officers`)
export const assignTip = (id, officer, note) => http.post(`/tips/${id}/assign`, { officer, note })
/** The reporter's contact: only the assigned officer; every call is audited by the server. */
export const readTipContact = (id) => http.get(`/tips/${id}/contact`)
export const verifyTip = (id, body) => http.post(`/tips/${id}/verify`, body)
export const rewardTip = (id, status, amount) => http.post(`/tips/${id}/reward`, { status, amount })
export const tipPhotoUrl = (id, pid) => `/api/v1/tips/${id}/photos/${pid}`
