// Helpers shared by the inspection pages: the rectification clock (overdue red, due soon orange), tag types
// of states, photo checks before an upload.
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024

/** { level: 'overdue'|'soon'|'ok'|'none', key, n } for a finding (days_left from the server). */
export function findingClock(f) {
  if (f.state !== 'open' || f.deadline == null) return { level: 'none', key: 'inspection.clock.none', n: 0 }
  const n = f.days_left ?? 0
  if (n < 0) return { level: 'overdue', key: 'inspection.clock.overdue', n: -n }
  if (n === 0) return { level: 'soon', key: 'inspection.clock.today', n }
  return { level: n <= 2 ? 'soon' : 'ok', key: 'inspection.clock.left', n }
}

export const taskStateType = (s) => ({ assigned: 'info', in_progress: 'primary', rectifying: 'warning', closed: 'success', cancelled: 'info' })[s] || 'info'
export const findingStateType = (s) => ({ open: 'warning', submitted: 'primary', closed: 'success' })[s] || 'info'

/** A translated reason when the file cannot be a photo the server accepts, else ''. */
export function photoProblem(t, file) {
  if (!['image/jpeg', 'image/png'].includes(file.type)) return t('inspection.upload.badType')
  if (file.size > MAX_PHOTO_BYTES) return t('inspection.upload.tooLarge')
  return ''
}
