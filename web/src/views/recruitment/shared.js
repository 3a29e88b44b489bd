// Vocabulary of recruitment shared by its pages (labels under recruitment.* in the locales).
export const EDUCATION = ['none', 'junior', 'senior', 'vocational', 'college', 'bachelor', 'master']
export const JOB_STATES = ['pending', 'approved', 'rejected', 'closed']
export const APP_STATES = ['applied', 'reviewing', 'interview', 'hired', 'rejected', 'withdrawn']
export const KEY_GROUPS = ['graduate', 'veteran', 'hard_to_employ']
export const JOB_TAG = { pending: 'warning', approved: 'success', rejected: 'danger', closed: 'info' }
export const APP_TAG = { applied: 'primary', reviewing: 'warning', interview: 'warning', hired: 'success', rejected: 'danger', withdrawn: 'info' }
// The moves an enterprise may make from a state (the server checks the same).
export function nextStates(state) {
  const order = ['applied', 'reviewing', 'interview', 'hired']
  const i = order.indexOf(state)
  if (i < 0 || i === 3) return []
  return [...order.slice(i + 1), 'rejected']
}
export const pay = (j) => `${j.pay_min}–${j.pay_max}`
export const shortTime = (ts) => (ts ? ts.slice(0, 16).replace('T', ' ') : '—')
export const str = (v) => (typeof v === 'string' ? v : '')
