// Epidemic-prevention supplies (docs/api/supply.md): items, warehouses, stock and ledger, needs and their
// verification, allocations through hand-over, enterprises' own stock, the 转产 registry, totals.
import { download, http } from './http'

const paged = ({ page, pageSize } = {}) => ({ page, size: pageSize })

export const listItems = () => http.get('/supplies/items')
export const supplyProducts = () => http.get('/supplies/products')

export const listWarehouses = (region) => http.get('/supplies/warehouses', { region })
export const createWarehouse = (body) => http.post('/supplies/warehouses', body)
/** body: { item, quantity, note } */
export const receive = (warehouse, body) => http.post(`/supplies/warehouses/${warehouse}/receipts`, body)
export const adjust = (warehouse, body) => http.post(`/supplies/warehouses/${warehouse}/adjustments`, body)
export const listStock = ({ region, warehouse, item } = {}) => http.get('/supplies/stock', { region, warehouse, item })
export const listLedger = ({ warehouse, item, kind, allocation } = {}, paging) =>
  http.get('/supplies/ledger', { warehouse, item, kind, allocation, ...paged(paging) })
export const exportLedger = (f = {}, format = 'xlsx') =>
  download('/supplies/ledger/export', { ...f, format }, `supply-ledger.${format}`)

/** body: { item, quantity, needed_by, purpose } */
export const declareNeed = (uscc, body) => http.post(`/enterprises/${uscc}/supply-needs`, body)
export const listNeeds = ({ state, uscc, item, region, q, open } = {}, paging) =>
  http.get('/supplies/needs', { state, uscc, item, region, q, open, ...paged(paging) })
export const exportNeeds = (f = {}, format = 'xlsx') => download('/supplies/needs/export', { ...f, format }, `supply-needs.${format}`)
export const verifyNeed = (id, body) => http.post(`/supplies/needs/${id}/verify`, body)
export const rejectNeed = (id, note) => http.post(`/supplies/needs/${id}/reject`, { note })
export const cancelNeed = (id) => http.post(`/supplies/needs/${id}/cancel`)
/** body: { warehouse, quantity, note } */
export const allocate = (needId, body) => http.post(`/supplies/needs/${needId}/allocations`, body)

export const listAllocations = ({ state, uscc, item, region, need, warehouse } = {}, paging) =>
  http.get('/supplies/allocations', { state, uscc, item, region, need, warehouse, ...paged(paging) })
export const exportAllocations = (f = {}, format = 'xlsx') =>
  download('/supplies/allocations/export', { ...f, format }, `supply-allocations.${format}`)
/** action: dispatch ({carrier}) | deliver ({received_by}) | confirm ({received_by, note}) | cancel ({note}) */
export const actOnAllocation = (id, action, body = {}) => http.post(`/supplies/allocations/${id}/${action}`, body)

/** body: { date, items: [{ item, on_hand, consumed, resupplied, needed }] } */
export const recordOwnStock = (uscc, body) => http.post(`/enterprises/${uscc}/supply-stock`, body)
export const listOwnStock = ({ uscc, item, date, region, shortage, latest } = {}, paging) =>
  http.get('/supplies/enterprise-stock', { uscc, item, date, region, shortage, latest, ...paged(paging) })
export const exportOwnStock = (f = {}, format = 'xlsx') =>
  download('/supplies/enterprise-stock/export', { ...f, format }, `supply-enterprise-stock.${format}`)

export const listConversions = ({ product, status, region, q } = {}, paging) =>
  http.get('/supplies/conversions', { product, status, region, q, ...paged(paging) })
export const exportConversions = (f = {}, format = 'xlsx') =>
  download('/supplies/conversions/export', { ...f, format }, `supply-conversions.${format}`)
export const createConversion = (body) => http.post('/supplies/conversions', body)
export const updateConversion = (id, body) => http.put(`/supplies/conversions/${id}`, body)

export const supplyTotals = ({ region, date } = {}) => http.get('/supplies/totals', { region, date })
