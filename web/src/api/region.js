import { http } from './http'

/** Children of a region, or without parent the caller's scope roots. */
export const listRegions = (parent) => http.get('/regions', { parent })
export const getRegion = (code) => http.get(`/regions/${encodeURIComponent(code)}`)
export const createRegion = (region) => http.post('/regions', region)
