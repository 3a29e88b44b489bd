import { http, download, upload } from './http'

const path = (uscc) => `/enterprises/${encodeURIComponent(uscc)}`

/**
 * filters: { region, q, status, industry, flag: [], size } — `size` is the size class (large…micro).
 * The contract names both the size-class filter and the page size `size`; both are sent under that name.
 */
export function listEnterprises(filters, { page, pageSize, sort, order } = {}) {
  const query = { ...filters, sort, order, page }
  query.size = [filters.size, pageSize].filter((v) => v !== undefined && v !== '')
  return http.get('/enterprises', query)
}

export const getEnterprise = (uscc) => http.get(path(uscc))
export const createEnterprise = (enterprise) => http.post('/enterprises', enterprise)
export const updateEnterprise = (uscc, fields) => http.put(path(uscc), fields)
export const statusHistory = (uscc) => http.get(`${path(uscc)}/status-history`)
export const changeStatus = (uscc, { status, date, note }) => http.post(`${path(uscc)}/status`, { status, date, note })

export const importEnterprises = (file, onProgress) => upload('/enterprises/import', file, onProgress)
export const downloadImportReport = (reportId) =>
  download(`/imports/${encodeURIComponent(reportId)}/report`, undefined, `import-errors-${reportId}.csv`)
export const downloadTemplate = (format) =>
  download('/enterprises/import-template', { format }, `enterprise-template.${format}`)
export const exportEnterprises = (format, filters) =>
  download('/enterprises/export', { format, ...filters }, `enterprises.${format}`)
