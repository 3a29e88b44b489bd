// When an enterprise owes a daily report (SPEC §3.4): on the business dates it is open — resumed (work resumed
// or beyond) and not closed — and it is not a seasonal producer.
const OPEN = ['work_resumed', 'production_resumed', 'full_capacity', 'continuous']

/** The status at a date: the latest history entry on or before it; 停工 before the first. */
export function statusOn(history, date) {
  let best = null
  for (const h of history || []) if (h.date <= date && (!best || h.date > best.date)) best = h
  return best ? best.status : 'suspended'
}

/** Whether a report is expected from the enterprise for the date. */
export function reportExpected(enterprise, history, date) {
  if (!enterprise || enterprise.seasonal) return false
  return OPEN.includes(statusOn(history, date))
}
