// Financing (docs/api/finance.md): banks and their users, programmes, demands, pushes, decisions,
// totals and turnaround. One function per endpoint.
import { download, http } from './http'

export const listBanks = () => http.get('/finance/banks')
export const createBank = (body) => http.post('/finance/banks', body)
export const updateBank = (id, body) => http.put(`/finance/banks/${id}`, body)
export const listBankUsers = (id) => http.get(`/finance/banks/${id}/users`)
export const addBankUser = (id, username) => http.post(`/finance/banks/${id}/users`, { username })
export const removeBankUser = (id, uid) => http.delete(`/finance/banks/${id}/users/${uid}`)
export const listProgrammes = () => http.get('/finance/programmes')
export const fileDemand = (body) => http.post('/finance/demands', body)
export const listDemands = (filters = {}, { page, pageSize } = {}) =>
  http.get('/finance/demands', { ...filters, page, size: pageSize })
export const getDemand = (id) => http.get(`/finance/demands/${id}`)
export const pushDemand = (id, bankIds, note) => http.post(`/finance/demands/${id}/push`, { bank_ids: bankIds, note })
export const decideDemand = (id, body) => http.post(`/finance/demands/${id}/decision`, body)
export const withdrawDemand = (id) => http.post(`/finance/demands/${id}/withdraw`, {})
export const financeSummary = (filters = {}) => http.get('/finance/summary', filters)
export const financeTurnaround = (filters = {}) => http.get('/finance/turnaround', filters)
export const exportDemands = (filters, format) =>
  download('/finance/demands/export', { ...filters, format }, `finance-demands.${format}`)
