import { http, download } from './http'

// Statistics (docs/api/stats.md). Every call takes { region, date, category }; empty values are left out, so the
// server applies its defaults (the caller's own region, today, all enterprises).

export const getRates = (q) => http.get('/stats/rates', q)
export const getChildRates = (q) => http.get('/stats/rates/children', q)
/** q: { region, date, from, category } — from defaults to 29 days before date. */
export const getSeries = (q) => http.get('/stats/series', q)
/** q: { region, date, category, measure, page, size } → { total, items } */
export const listStatsEnterprises = (q) => http.get('/stats/enterprises', q)
/** q: { region, date, category, page, size } → completeness, timeliness and the missing list. */
export const getReporting = (q) => http.get('/stats/reporting', q)
export const getForecast = (q) => http.get('/stats/forecast', q)
export const getDashboard = (q) => http.get('/stats/dashboard', q)

/** q: { region, date, template } → { text } */
export const getBulletin = (q) => http.get('/stats/bulletin', q)
export const downloadBulletin = (q) => download('/stats/bulletin', { ...q, format: 'txt' }, `bulletin-${q.date || 'today'}.txt`)
/** { region, date, body } → { text }; an unknown placeholder answers 400 unknown_placeholder naming `body`. */
export const previewBulletin = (body) => http.post('/stats/bulletin/preview', body)

export const listBulletinTemplates = () => http.get('/stats/bulletin-templates')
export const createBulletinTemplate = (t) => http.post('/stats/bulletin-templates', t)
export const updateBulletinTemplate = (id, t) => http.put(`/stats/bulletin-templates/${encodeURIComponent(id)}`, t)
export const deleteBulletinTemplate = (id) => http.delete(`/stats/bulletin-templates/${encodeURIComponent(id)}`)

/** form: regions (per-region table) | not_resumed (list of enterprises not resumed) — XLSX. */
export const downloadReportForm = (form, q) => download('/stats/report-forms', { ...q, form }, `${form}-${q.date || 'today'}.xlsx`)
