// Helpers shared by the workforce office pages: labels of reason codes, hold states, client-side CSV.
import { computed } from 'vue'
import { useRoute } from 'vue-router'
import { useAuthStore } from '@/stores/auth'
import { addDays, today } from '@/utils/format'

export const HOLD_KINDS = ['quarantine', 'medical_observation', 'monitoring']
export const ALERT_KINDS = ['fever', 'quarantine', 'medical_observation', 'declared_fever']
export const RISK_LEVELS = ['high', 'medium', 'low']
export const HEALTH_STATES = ['healthy', 'symptoms', 'fever']
export const DUE_SOON_DAYS = 2

/** A reason code of the API (`out_of_province`, `risk_region_high:420100`, …) in words. */
export function reasonLabel(t, te, reason) {
  const [code, arg = ''] = String(reason).split(':')
  const key = `workforce.dict.reason.${code}`
  return te(key) ? t(key, { code: arg }).trim() : reason
}

/** Days between two business dates (b − a). */
export function daysBetween(a, b) {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400000)
}

/**
 * The state of a hold on a day. `end_date` is the day it is lifted: in force on start ≤ d < end.
 * → { state: 'upcoming'|'active'|'ended', left (days until lifted), dueSoon (≤ 2 days), overdue }
 * A hold whose end has passed but which the server still lists as active is `overdue`.
 */
export function holdState(hold, day = today()) {
  const left = hold.end_date ? daysBetween(day, hold.end_date) : null
  if (hold.start_date && day < hold.start_date) return { state: 'upcoming', left, dueSoon: false, overdue: false }
  if (left !== null && left <= 0) return { state: 'ended', left, dueSoon: false, overdue: left < 0 }
  return { state: 'active', left, dueSoon: left !== null && left <= DUE_SOON_DAYS, overdue: false }
}

/** The last day a hold is in force (the day before it is lifted). */
export const lastDayOf = (hold) => (hold.end_date ? addDays(hold.end_date, -1) : '')

/** The enterprise a page works on: an enterprise account's own, else `?uscc=` (a government user picks one). */
export function useEnterpriseUscc() {
  const auth = useAuthStore()
  const route = useRoute()
  const own = computed(() => auth.user?.enterprise_uscc || '')
  const uscc = computed(() => own.value || String(route.query.uscc || ''))
  return { own, uscc }
}

function csvCell(value) {
  const s = value === undefined || value === null ? '' : String(value)
  // Formula-like cells are neutralised (as the server's exports do).
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** Downloads rows as a UTF-8 CSV with a BOM (so Excel reads Chinese). columns: [{ label, value(row) }]. */
export function downloadCsv(filename, columns, rows) {
  const lines = [columns.map((c) => csvCell(c.label)).join(',')]
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(','))
  const blob = new Blob(['\uFEFF' + lines.join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' })
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10000)
}

/** The import template of the roster: the Chinese headers of docs/api/workforce.md and one example row. */
export const ROSTER_TEMPLATE_HEADERS = ['姓名', '身份证号', '手机号', '部门', '家庭住址', '住址区划代码', '外省', '班次']

/** Region prefix of a code for matching in the browser: 220200 → 2202, 220000 → 22, 220202001 → 220202001. */
export function regionPrefix(code) {
  if (!code) return ''
  if (code.length !== 6) return code
  return code.replace(/(00)+$/, '') || code
}
