// Site hygiene (docs/api/hygiene.md): areas and their disinfection schedules, disinfection records,
// the day's rounds, warnings of missing rounds, the enterprise summary, isolation and observation rooms
// with their occupants. One function per endpoint.
import { download, http } from './http'

const enc = encodeURIComponent
const ent = (uscc) => `/enterprises/${enc(uscc)}`

// ---- Sites (the workforce module's) and enterprises (a government user's picker) ----
export const listSites = (uscc) => http.get(`${ent(uscc)}/sites`)
export const searchEnterprises = (q, size = 20) => http.get('/enterprises', { q, size })

// ---- Areas ----
/** schedule: null or { interval_minutes, window_start: 'HH:MM', window_end: 'HH:MM' } */
export const createArea = (siteId, { name, schedule }) => http.post(`/sites/${siteId}/areas`, { name, schedule })
export const listAreas = (siteId, { inactive } = {}) => http.get(`/sites/${siteId}/areas`, { inactive: inactive ? 1 : undefined })
/** changes: any of { name, schedule (null clears it), active } */
export const updateArea = (areaId, changes) => http.put(`/areas/${areaId}`, changes)

// ---- Disinfection records ----
/** record: { at?, agent, method?, concentration?, person, note? } */
export const recordDisinfection = (areaId, record) => http.post(`/areas/${areaId}/disinfections`, record)
export const listDisinfections = (siteId, { date, area, page, pageSize } = {}) =>
  http.get(`/sites/${siteId}/disinfections`, { date, area, page, size: pageSize })
export const exportDisinfections = (siteId, { date, area }, format) =>
  download(`/sites/${siteId}/disinfections/export`, { date, area, format }, `disinfections-${siteId}-${date}.${format}`)

// ---- Rounds and warnings ----
export const siteRounds = (siteId, date) => http.get(`/sites/${siteId}/hygiene`, { date })
export const listWarnings = ({ date, region } = {}, { page, pageSize } = {}) =>
  http.get('/hygiene/warnings', { date, region, page, size: pageSize })
export const enterpriseHygiene = (uscc, date) => http.get(`${ent(uscc)}/hygiene`, { date })

// ---- Isolation and observation rooms ----
/** room: { name, kind: 'isolation'|'observation', capacity, site?, note? } */
export const createRoom = (uscc, room) => http.post(`${ent(uscc)}/isolation-rooms`, room)
export const listRooms = (uscc, { inactive } = {}) => http.get(`${ent(uscc)}/isolation-rooms`, { inactive: inactive ? 1 : undefined })
export const updateRoom = (id, changes) => http.put(`/isolation-rooms/${id}`, changes)
/** occupant: { employee_id } or { person_name }, with { reason, since? } */
export const addOccupant = (roomId, occupant) => http.post(`/isolation-rooms/${roomId}/occupants`, occupant)
export const listOccupants = (roomId, { current } = {}) => http.get(`/isolation-rooms/${roomId}/occupants`, { current: current ? 1 : undefined })
export const releaseOccupant = (id, note) => http.post(`/occupants/${id}/release`, note ? { note } : {})
// The roster, to pick an employee as an occupant.
export const searchEmployees = (uscc, q) => http.get(`${ent(uscc)}/employees`, { q, size: 20 })
