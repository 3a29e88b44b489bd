// Business dates and timestamps are shown in Asia/Shanghai as YYYY-MM-DD / YYYY-MM-DD HH:mm:ss.
const TZ = 'Asia/Shanghai'
const dateFmt = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' })
const timeFmt = new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })

export function today() {
  return dateFmt.format(new Date())
}

export function formatDateTime(iso) {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return `${dateFmt.format(d)} ${timeFmt.format(d)}`
}

/** Reads a positive integer from a route query value. */
export function queryInt(value, fallback) {
  const n = Number.parseInt(value, 10)
  return Number.isFinite(n) && n > 0 ? n : fallback
}

/** A route query value as an array (a repeated key arrives as an array, a single one as a string). */
export function queryList(value) {
  if (value === undefined || value === null || value === '') return []
  return Array.isArray(value) ? value : [value]
}
