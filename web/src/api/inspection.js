// Inspections and rectification (docs/api/inspection.md): checklists per kind, tasks (single and bulk),
// the inspection on site (answers, findings, photos, submission), the enterprise's evidence, re-checks,
// rectification tracking, the summary figures and the XLSX export. One function per endpoint.
import { download, http, upload } from './http'

// ---- Checklists ----
export const getChecklist = (kind) => http.get(`/inspections/checklists/${kind}`)
/** items: [{ code, label }] in order */
export const saveChecklist = (kind, items) => http.put(`/inspections/checklists/${kind}`, { items })

// ---- Tasks ----
export const listInspectors = () => http.get('/inspections/inspectors')
/** task: { kind, uscc, inspector_id, due_date?, note? } */
export const createTask = (task) => http.post('/inspections/tasks', task)
/** bulk: { kind, inspector_id, due_date?, note?, region?, usccs?, only_due? } → { created, skipped, task_ids } */
export const createTasks = (bulk) => http.post('/inspections/tasks/bulk', bulk)
export const listTasks = ({ kind, state, region, q, mine, inspector, from, to } = {}, { page, pageSize } = {}) =>
  http.get('/inspections/tasks', { kind, state, region, q, mine: mine ? 1 : undefined, inspector, from, to, page, size: pageSize })
export const getTask = (id) => http.get(`/inspections/tasks/${id}`)
export const startTask = (id) => http.post(`/inspections/tasks/${id}/start`, {})
export const saveAnswers = (id, answers, comment) => http.put(`/inspections/tasks/${id}/answers`, { answers, comment })
export const submitTask = (id) => http.post(`/inspections/tasks/${id}/submit`, {})
export const cancelTask = (id) => http.post(`/inspections/tasks/${id}/cancel`, {})

// ---- Findings ----
/** finding: { item_code, description, severity, disposition, deadline? } */
export const addFinding = (taskId, finding) => http.post(`/inspections/tasks/${taskId}/findings`, finding)
export const listFindings = ({ state, disposition, kind, region, from, to, task, mine } = {}, { page, pageSize } = {}) =>
  http.get('/inspections/findings', { state, disposition, kind, region, from, to, task, mine: mine ? 1 : undefined, page, size: pageSize })
export const exportFindings = (filters) =>
  download('/inspections/findings/export', filters, 'inspection-findings.xlsx')
export const getFinding = (id) => http.get(`/inspections/findings/${id}`)
export const uploadPhoto = (findingId, file, onProgress) => upload(`/inspections/findings/${findingId}/photos`, file, onProgress)
export const photoUrl = (findingId, photoId) => `/api/v1/inspections/findings/${findingId}/photos/${photoId}`
export const submitEvidence = (id, note) => http.post(`/inspections/findings/${id}/evidence`, { note })
/** recheck: { result: 'pass'|'fail', comment, deadline? } */
export const recheck = (id, body) => http.post(`/inspections/findings/${id}/recheck`, body)

// ---- Figures ----
export const getSummary = ({ region, from, to } = {}) => http.get('/inspections/summary', { region, from, to })
export const escalate = () => http.post('/inspections/escalate', {})

// ---- A finding turned into a demand (the demands module) ----
export const demandFromFinding = (finding, category) =>
  http.post('/demands', {
    uscc: finding.enterprise_uscc,
    category,
    source: 'inspection',
    finding_id: finding.id,
    title: `${finding.item_label}：${finding.description}`.slice(0, 100),
    description: finding.description,
  })
