// Electricity cross-check (docs/api/power.md): rates by power beside the reported ones, the daily series,
// disagreements with explanations, meters, configuration and the utility file import. One function per endpoint.
import { download, http, upload } from './http'

export const powerRates = ({ region, date, category } = {}) => http.get('/power/rates', { region, date, category })
export const reportedRates = ({ region, date, category } = {}) => http.get('/stats/rates', { region, date, category })
export const powerSeries = ({ region, date, from, category } = {}) => http.get('/power/series', { region, date, from, category })
export const listDisagreements = ({ region, date, kind, cadre, category } = {}, { page, pageSize } = {}) =>
  http.get('/power/disagreements', { region, date, kind, cadre, category, page, size: pageSize })
/** body: { uscc, date, kind, reason, note } */
export const explain = (body) => http.post('/power/explanations', body)
export const listMeters = ({ uscc, page, pageSize } = {}) => http.get('/power/meters', { uscc, page, size: pageSize })
export const createMeter = (body) => http.post('/power/meters', body)
export const getConfig = (region) => http.get('/power/config', { region })
export const saveConfig = (body) => http.put('/power/config', body)
export const importReadings = (file, onProgress) => upload('/power/readings/import', file, onProgress)
export const importReport = (id) => download(`/imports/${encodeURIComponent(id)}/report`, undefined, `power-import-errors-${id}.csv`)
export const exportDisagreements = ({ region, date, kind, cadre, category } = {}, format = 'xlsx') =>
  download('/power/disagreements/export', { region, date, kind, cadre, category, format }, `power-${kind || 'resumed_no_power'}.${format}`)
export const exportMeters = ({ uscc } = {}, format = 'xlsx') => download('/power/meters/export', { uscc, format }, `power-meters.${format}`)
