import { http, download, upload } from './http'

// Resumption applications (复工申报 → 审核 → 验收 → 批准), src/modules/resumption/application_routes.cc.

/** A new draft for the enterprise; 409 open_application_exists when one is still open. */
export const createApplication = (uscc, content) => http.post(`/enterprises/${encodeURIComponent(uscc)}/applications`, content)
/** filters: { state, region, mine, queue, inspection_due, page, size } → { total, items } */
export const listApplications = (filters) => http.get('/applications', filters)
export const applicationStats = (region) => http.get('/applications/stats', { region })
/** The application with timeline, open deficiencies, attachments and acceptances. */
export const getApplication = (id) => http.get(`/applications/${encodeURIComponent(id)}`)
/** content (with the `version` read) replaces a draft's or a returned application's content. */
export const updateApplication = (id, content) => http.put(`/applications/${encodeURIComponent(id)}`, content)
export const submitApplication = (id) => http.post(`/applications/${encodeURIComponent(id)}/submit`, {})
export const withdrawApplication = (id, comment) => http.post(`/applications/${encodeURIComponent(id)}/withdraw`, { comment })
/** { decision: approve|return, comment, deficiencies: [{ item, reason }] } — a return lists every deficiency. */
export const reviewApplication = (id, decision) => http.post(`/applications/${encodeURIComponent(id)}/review`, decision)
/** { result: pass|fail, mode: on_site|video, checklist: { item: pass|fail }, findings: [], comment } */
export const acceptApplication = (id, acceptance) => http.post(`/applications/${encodeURIComponent(id)}/acceptance`, acceptance)

/** Evidence (PDF, PNG, JPEG, XLSX, DOCX up to 10 MiB); kind: order | contract | other. */
export const uploadAttachment = (id, file, kind, onProgress) =>
  upload(`/applications/${encodeURIComponent(id)}/attachments`, file, onProgress, { kind })
export const downloadAttachment = (id, att) =>
  download(`/applications/${encodeURIComponent(id)}/attachments/${encodeURIComponent(att.id)}`, undefined, att.filename)
export const deleteAttachment = (id, aid) => http.delete(`/applications/${encodeURIComponent(id)}/attachments/${encodeURIComponent(aid)}`)
