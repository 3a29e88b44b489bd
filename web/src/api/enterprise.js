import { http, download, upload } from './http'

const path = (uscc) => `/enterprises/${encodeURIComponent(uscc)}`

// The API's `size` is the page size (SPEC §5.2); the size class goes as `size_class`.
function apiFilters({ size, ...rest } = {}) {
  return size ? { ...rest, size_class: size } : rest
}

/** filters: { region, q, status, industry, flag: [], size } — `size` is the size class (large…micro). */
export function listEnterprises(filters, { page, pageSize, sort, order } = {}) {
  return http.get('/enterprises', { ...apiFilters(filters), sort, order, page, size: pageSize })
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
  download('/enterprises/export', { format, ...apiFilters(filters) }, `enterprises.${format}`)
