// Helpers of the demand pages: the clock tag (red overdue, orange due soon, text too) and CSV of a page.
export const CATEGORIES = ['raw_materials', 'logistics', 'funding', 'labour', 'ppe', 'utilities', 'approvals', 'policy', 'land', 'infrastructure', 'other']
export const STATES = ['new', 'accepted', 'in_progress', 'resolved', 'rated']

export function clockType(clock) {
  return clock === 'overdue' ? 'danger' : clock === 'due_soon' ? 'warning' : 'success'
}

/** A clock's short text: remaining or overdue minutes while running, on time / late when done. */
export function clockText(t, c) {
  if (!c) return ''
  if (c.state === 'on_time' || c.state === 'late') return t(`demand.clock.${c.state}`)
  const n = c.remaining_minutes
  return n >= 0 ? t('demand.clock.remaining', { n }) : t('demand.clock.over', { n: -n })
}

export function downloadCsv(name, header, rows) {
  const esc = (v) => {
    let s = v == null ? '' : String(v)
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  const text = '\ufeff' + [header, ...rows].map((r) => r.map(esc).join(',')).join('\r\n')
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 10000)
}
