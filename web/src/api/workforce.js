// Workforce health (docs/api/workforce.md): roster, cards and holds, declarations and pass codes,
// sites, gate and self check-in, entry logs, alerts. One function per endpoint.
import { download, http, upload } from './http'

const enc = encodeURIComponent

// ---- Roster ----
export const listEmployees = (uscc, query) => http.get(`/enterprises/${enc(uscc)}/employees`, query)
export const createEmployee = (uscc, employee) => http.post(`/enterprises/${enc(uscc)}/employees`, employee)
export const importEmployees = (uscc, file, onProgress) => upload(`/enterprises/${enc(uscc)}/employees/import`, file, onProgress)
export const downloadImportReport = (reportId) => download(`/imports/${enc(reportId)}/report`, undefined, `import-report-${reportId}.csv`)
export const getEmployee = (id) => http.get(`/employees/${id}`)
/** The full ID number and phone (audited on the server). */
export const getEmployeeIdNumber = (id) => http.get(`/employees/${id}/id-number`)
export const setEmployeeActive = (id, active) => http.post(`/employees/${id}/active`, { active })
export const createEmployeeAccount = (id, username, password) => http.post(`/employees/${id}/account`, { username, password })
/** The roster entry linked to the signed-in employee account. */
export const getMyEmployee = () => http.get('/me/employee')

// ---- Return-to-work card, holds, risk regions ----
export const getCard = (id) => http.get(`/employees/${id}/card`)
export const putCard = (id, card) => http.put(`/employees/${id}/card`, card)
export const listHolds = (id) => http.get(`/employees/${id}/holds`)
export const createHold = (id, hold) => http.post(`/employees/${id}/holds`, hold)
export const endHold = (holdId, body) => http.post(`/holds/${holdId}/end`, body)
export const listRiskRegions = () => http.get('/risk-regions')
export const createRiskRegion = (body) => http.post('/risk-regions', body)
export const updateRiskRegion = (id, body) => http.put(`/risk-regions/${id}`, body)
export const deleteRiskRegion = (id) => http.delete(`/risk-regions/${id}`)

// ---- Declarations and the pass code ----
export const createDeclaration = (id, body) => http.post(`/employees/${id}/declarations`, body)
export const listDeclarations = (id) => http.get(`/employees/${id}/declarations`)
export const getPass = (id) => http.get(`/employees/${id}/pass`)

// ---- Sites and check-in ----
export const listSites = (uscc) => http.get(`/enterprises/${enc(uscc)}/sites`)
export const createSite = (uscc, name) => http.post(`/enterprises/${enc(uscc)}/sites`, { name })
/** The day's admitted / denied counts at a site: {date, admitted, denied, employees, visitors}. */
export const siteSummary = (id, date) => http.get(`/sites/${id}/summary`, { date })
/** A site's printable poster: {site_id, name, enterprise_name, code, url, svg}. */
export const sitePoster = (id) => http.get(`/sites/${id}/poster`)
/** The site behind a poster's QR code: {site_id, name, enterprise_name}; 404 for a wrong code. */
export const selfCheckinSite = (id, code) => http.get(`/sites/${id}/self`, { code })
/** Gate check-in: {site, pass, temperature} or {site, visitor, temperature} → {decision, reasons, messages, at}. */
export const checkin = (body) => http.post('/checkins', body)
/** Self check-in from a poster: {site, code, temperature} → the same decision. */
export const selfCheckin = (body) => http.post('/checkins/self', body)
export const listEntries = (siteId, query) => http.get(`/sites/${siteId}/entries`, query)
export const exportEntries = (siteId, date, format = 'xlsx') =>
  download(`/sites/${siteId}/entries/export`, { date, format }, `entries-${siteId}-${date}.${format}`)

// ---- Alerts ----
export const listAlerts = (query) => http.get('/alerts', query)
export const ackAlert = (id, note) => http.post(`/alerts/${id}/ack`, note ? { note } : {})
