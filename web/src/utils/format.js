// Business dates and timestamps are shown in Asia/Shanghai as YYYY-MM-DD / YYYY-MM-DD HH:mm:ss.
const TZ = 'Asia/Shanghai'
const dateFmt = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' })
const timeFmt = new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })

// The server's business date (it may be pinned with FUGONG_NOW); set at sign-in.
let serverToday = ''
export function setServerToday(date) {
  serverToday = date || ''
}

export function today() {
  return serverToday || dateFmt.format(new Date())
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

/** A business date YYYY-MM-DD moved by n days. */
export function addDays(date, n) {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

/** A decimal figure with at most `digits` decimals (the API's floating-point sums carry noise: 84.60000000000001). */
export function decimal(value, digits = 2) {
  const n = Number(value)
  if (!Number.isFinite(n)) return ''
  return String(Math.round(n * 10 ** digits) / 10 ** digits)
}
