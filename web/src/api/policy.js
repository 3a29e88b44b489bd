// Policies (docs/api/policy.md): library, rules, eligible enterprises, push, recipients, the
// enterprise's inbox and application, outcomes, totals. One function per endpoint.
import { download, http } from './http'

export const policyFields = () => http.get('/policies/fields')
export const listPolicies = (filters = {}, { page, pageSize } = {}) => http.get('/policies', { ...filters, page, size: pageSize })
export const getPolicy = (id) => http.get(`/policies/${id}`)
export const createPolicy = (body) => http.post('/policies', body)
export const updatePolicy = (id, body) => http.put(`/policies/${id}`, body)
export const listEligible = (id, state, { page, pageSize } = {}) => http.get(`/policies/${id}/eligible`, { state, page, size: pageSize })
export const pushPolicy = (id, usccs) => http.post(`/policies/${id}/push`, usccs ? { usccs } : {})
export const listRecipients = (id, outcome, { page, pageSize } = {}) =>
  http.get(`/policies/${id}/recipients`, { outcome, page, size: pageSize })
export const decideRecipient = (id, rid, body) => http.post(`/policies/${id}/recipients/${rid}/decision`, body)
export const policyInbox = () => http.get('/policies/inbox')
export const applyPolicy = (id, body) => http.post(`/policies/${id}/apply`, body)
export const policySummary = () => http.get('/policies/summary')
export const exportPolicies = (filters, format) => download('/policies/export', { ...filters, format }, `policies.${format}`)
export const exportEligible = (id, state, format) =>
  download(`/policies/${id}/eligible/export`, { state, format }, `policy-${id}-eligible.${format}`)
export const exportRecipients = (id, outcome, format) =>
  download(`/policies/${id}/recipients/export`, { outcome, format }, `policy-${id}-recipients.${format}`)
