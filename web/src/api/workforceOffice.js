// Workforce health, office pages (docs/api/workforce.md): roster, cards, holds, sites and entry logs,
// alerts (with the long poll), risk regions. One function per endpoint. (The phone pages use ./workforce.js.)
import { API_BASE, apiError, currentLanguage, download, http, upload } from './http'

const enc = encodeURIComponent
const ent = (uscc) => `/enterprises/${enc(uscc)}`

// ---- Enterprises (the picker of a government user) ----
export const searchEnterprises = (q, size = 20) => http.get('/enterprises', { q, size })
export const getEnterprise = (uscc) => http.get(ent(uscc))

// ---- Roster ----
/** filters: { q, department, inactive } */
export const listEmployees = (uscc, { q, department, inactive } = {}, { page, pageSize } = {}) =>
  http.get(`${ent(uscc)}/employees`, { q, department, inactive: inactive ? 1 : undefined, page, size: pageSize })
export const exportRoster = (uscc, { q, department, inactive } = {}, format = 'xlsx') =>
  download(`${ent(uscc)}/employees/export`, { q, department, inactive: inactive ? 1 : undefined, format }, `roster-${uscc}.${format}`)
export const createEmployee = (uscc, employee) => http.post(`${ent(uscc)}/employees`, employee)
export const importEmployees = (uscc, file, onProgress) => upload(`${ent(uscc)}/employees/import`, file, onProgress)
export const getEmployee = (id) => http.get(`/employees/${id}`)
/** The full ID number and phone; the server writes an audit record first. */
export const revealIdNumber = (id) => http.get(`/employees/${id}/id-number`)
export const setEmployeeActive = (id, active) => http.post(`/employees/${id}/active`, { active })
export const createEmployeeAccount = (id, { username, password }) => http.post(`/employees/${id}/account`, { username, password })

// ---- Card, holds, declarations, pass ----
export const getCard = (id) => http.get(`/employees/${id}/card`)
export const putCard = (id, card) => http.put(`/employees/${id}/card`, card)
export const listHolds = (id) => http.get(`/employees/${id}/holds`)
export const createHold = (id, hold) => http.post(`/employees/${id}/holds`, hold)
export const endHold = (holdId, { end_date, reason, override }) =>
  http.post(`/holds/${holdId}/end`, override ? { end_date, reason, override: true } : { end_date, reason })
export const listDeclarations = (id) => http.get(`/employees/${id}/declarations`)
export const getPass = (id) => http.get(`/employees/${id}/pass`)

/**
 * The holds of a whole enterprise (the quarantine board): { items: [hold + employee_name, department] }.
 * NOTE: contract asked of the server in issue 4 (GET /enterprises/{uscc}/holds?kind=&active=1); until it
 * exists the call answers 404.
 */
export const listEnterpriseHolds = (uscc, { kind, active = true } = {}) =>
  http.get(`${ent(uscc)}/holds`, { kind, active: active ? 1 : undefined })

// ---- Sites and entry logs ----
export const listSites = (uscc) => http.get(`${ent(uscc)}/sites`)
export const listEntries = (siteId, { date, page, pageSize } = {}) => http.get(`/sites/${siteId}/entries`, { date, page, size: pageSize })
export const exportEntries = (siteId, date, format) =>
  download(`/sites/${siteId}/entries/export`, { date, format }, `entries-${siteId}-${date}.${format}`)

// ---- Alerts ----
/** filters: { open, kind, region, from, to } */
export const listAlerts = ({ open, kind, region, from, to } = {}, { page, pageSize } = {}) =>
  http.get('/alerts', { open: open ? 1 : undefined, kind, region, from, to, page, size: pageSize })
/** The whole filtered list as a file made by the server (XLSX by default). */
export const exportAlerts = ({ open, kind, region, from, to } = {}, format = 'xlsx') =>
  download('/alerts/export', { open: open ? 1 : undefined, kind, region, from, to, format }, `alerts.${format}`)
export const ackAlert = (id, note) => http.post(`/alerts/${id}/ack`, note ? { note } : {})

/**
 * Long poll for new alerts: GET /alerts/wait?after=&timeout= → { items (oldest first), last_id }.
 * Without `after` it answers at once with the current last_id. `signal` aborts the wait (AbortController).
 * Uses fetch directly (not http.request) so the wait can be aborted when the page goes away.
 */
export async function waitAlerts({ after, timeout = 25, signal } = {}) {
  const query = new URLSearchParams({ timeout: String(timeout) })
  if (after !== undefined && after !== null) query.set('after', String(after))
  const res = await fetch(`${API_BASE}/alerts/wait?${query}`, {
    headers: { Accept: 'application/json', 'Accept-Language': currentLanguage() },
    credentials: 'same-origin',
    signal,
  })
  const text = await res.text()
  let body = null
  try {
    body = text ? JSON.parse(text) : null
  } catch {
    body = null
  }
  if (!res.ok) throw apiError(res.status, body)
  return body
}

// ---- Risk regions ----
export const listRiskRegions = () => http.get('/risk-regions')
export const createRiskRegion = (body) => http.post('/risk-regions', body)
export const updateRiskRegion = (id, body) => http.put(`/risk-regions/${id}`, body)
export const deleteRiskRegion = (id) => http.delete(`/risk-regions/${id}`)

// ---- Import ----
export const downloadImportReport = (reportId) =>
  download(`/imports/${enc(reportId)}/report`, undefined, `import-errors-${reportId}.csv`)
