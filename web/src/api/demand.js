// Demands (docs/api/demand.md): raising, lists and queues with their SLA clocks, the workflow actions,
// comments, attachments, the assessment (反馈考核) with drill-down and export. One function per endpoint.
import { download, http, upload } from './http'

export const listDemands = (query) => http.get('/demands', query)
export const getDemand = (id) => http.get(`/demands/${id}`)
/** body: { category, title, description?, contact_name?, contact_phone?, uscc? (government), source? } */
export const createDemand = (body) => http.post('/demands', body)
export const acceptDemand = (id, note) => http.post(`/demands/${id}/accept`, note ? { note } : {})
export const respondDemand = (id, message) => http.post(`/demands/${id}/respond`, { message })
/** body: { department, handler_id? | least_loaded?, note? } */
export const transferDemand = (id, body) => http.post(`/demands/${id}/transfer`, body)
export const resolveDemand = (id, resolution) => http.post(`/demands/${id}/resolve`, { resolution })
export const rateDemand = (id, rating, comment) => http.post(`/demands/${id}/rate`, { rating, comment })
export const commentDemand = (id, text) => http.post(`/demands/${id}/comments`, { text })
export const uploadAttachment = (id, file, onProgress) => upload(`/demands/${id}/attachments`, file, onProgress)
export const downloadAttachment = (id, aid, name) => download(`/demands/${id}/attachments/${aid}`, {}, name)
export const getAssessment = (query) => http.get('/demands/assessment', query)
export const assessmentDemands = (query) => http.get('/demands/assessment/demands', query)
export const exportAssessment = (query) => download('/demands/assessment/export', query, 'demand-assessment.xlsx')
export const searchEnterprises = (q, size = 20) => http.get('/enterprises', { q, size })
