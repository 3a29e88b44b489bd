import { http, download } from './http'

// Daily reports (日报告 / 零报告), src/modules/daily_report/daily_report_routes.cc.

const path = (uscc) => `/enterprises/${encodeURIComponent(uscc)}/daily-reports`

/** report: { date, on_duty, returned, returned_out_of_province, quarantined, fever, load_percent, output_value,
 *  output_quantity, masks, disinfectant, problems } — every figure required; all zeros make a zero report. */
export const submitDailyReport = (uscc, report) => http.post(path(uscc), report)
/** The enterprise's current reports between from and to → { items } */
export const listEnterpriseReports = (uscc, { from, to } = {}) => http.get(path(uscc), { from, to })
export const reportVersions = (uscc, date) => http.get(`${path(uscc)}/${encodeURIComponent(date)}/versions`)

/** filters: { region, date, late, zero, page, size } → { total, items, date } */
export const listDailyReports = (filters) => http.get('/daily-reports', filters)
export const exportDailyReports = (format, filters) =>
  download('/daily-reports', { ...filters, format }, `daily-reports-${filters.date || 'today'}.${format}`)
/** Runs of identical reports (copied answers): { region, days, to, page, size } → { total, items, days } */
export const listCopiedReports = (filters) => http.get('/daily-reports/copied', filters)
