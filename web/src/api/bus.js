// Commuter buses (docs/api/bus.md): demands, routes, totals, exports. One function per endpoint.
import { download, http } from './http'

export const listDemands = ({ uscc, region } = {}, { page, pageSize } = {}) =>
  http.get('/bus/demands', { uscc, region, page, size: pageSize })
/** body: { home_region_code, home_area, shift_start, riders, note, uscc? } */
export const declareDemand = (body) => http.post('/bus/demands', body)
export const deleteDemand = (id) => http.delete(`/bus/demands/${id}`)
export const listRoutes = ({ region } = {}) => http.get('/bus/routes', { region })
/** body: { name, daily_trips, seats, shifts, stops: [{ name, region_code, time }], enterprises: [uscc], active, note } */
export const createRoute = (body) => http.post('/bus/routes', body)
export const updateRoute = (id, body) => http.put(`/bus/routes/${id}`, body)
export const busTotals = ({ region } = {}) => http.get('/bus/totals', { region })
export const exportDemands = (format, { region } = {}) => download('/bus/demands/export', { format, region }, `bus-demands.${format}`)
export const exportRoutes = (format, { region } = {}) => download('/bus/routes/export', { format, region }, `bus-routes.${format}`)
