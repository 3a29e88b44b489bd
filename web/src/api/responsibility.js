// 包保 (docs/api/responsibility.md): chains of responsibility, assignment (one, bulk, import), cadre
// ranks, the coverage report, visits and their summary, the cadre's workbench. One function per endpoint.
import { download, http, upload } from './http'

const enc = encodeURIComponent
const ent = (uscc) => `/enterprises/${enc(uscc)}`

// ---- Chains ----
/** filter: { region, q, coverage: ''|none|no_division|covered, flag, user } */
export const listChains = (filter = {}, { page, pageSize } = {}) => http.get('/responsibility/chains', { ...filter, page, size: pageSize })
export const exportChains = (filter = {}) => download('/responsibility/chains', { ...filter, format: 'xlsx' }, 'responsibility.xlsx')
export const getChain = (uscc) => http.get(`${ent(uscc)}/responsibility`)
/** change: { leader?, department?, town?, grid?, cadre?: {user_id?, name?, phone?, unit?, rank?} | null, override?, override_reason? } */
export const updateChain = (uscc, change) => http.put(`${ent(uscc)}/responsibility`, change)
/** body: { usccs?, filter?, cadre, override?, override_reason?, dry_run? } */
export const bulkAssign = (body) => http.post('/responsibility/assign', body)
export const importChains = (file, onProgress) => upload('/responsibility/import', file, onProgress)
export const importTemplate = () => download('/responsibility/import-template', {}, 'responsibility-import.xlsx')
export const importReport = (id) => download(`/imports/${enc(id)}/report`, {}, 'import-errors.csv')

// ---- Cadres ----
export const listCadres = ({ region, q } = {}) => http.get('/responsibility/cadres', { region, q })
export const setCadreRank = (id, rank) => http.put(`/responsibility/cadres/${id}`, { rank })

// ---- Coverage ----
export const coverage = ({ region, list } = {}, { page, pageSize } = {}) =>
  http.get('/responsibility/coverage', { region, list, page, size: pageSize })
export const exportCoverage = ({ region, list }) =>
  download('/responsibility/coverage', { region, list, format: 'xlsx' }, `coverage-${list}.xlsx`)

// ---- Visits ----
/** visit: { kind: visit|call|online, at?, summary, problems?, next_visit_date? } */
export const recordVisit = (uscc, visit) => http.post(`${ent(uscc)}/visits`, visit)
export const enterpriseVisits = (uscc, { page, pageSize } = {}) => http.get(`${ent(uscc)}/visits`, { page, size: pageSize })
/** filter: { region, from, to, kind, user, mine } */
export const listVisits = (filter = {}, { page, pageSize } = {}) => http.get('/visits', { ...filter, page, size: pageSize })
export const exportVisits = (filter = {}) => download('/visits', { ...filter, format: 'xlsx' }, 'visits.xlsx')
export const visitSummary = (filter = {}) => http.get('/visits/summary', filter)

// ---- Workbench ----
export const workbench = () => http.get('/me/workbench')
