// One long poll for new alerts per browser tab, shared by the alert list and the bell in the top bar.
// GET /alerts/wait?after=LAST_ID&timeout=25 → { items (oldest first), last_id }; without `after` it answers at
// once with the current last_id, which is where the feed starts. Subscribers get the new alerts as they come.
// It runs only while someone listens, backs off on errors (2 s doubling to 60 s) and retries every 30 s while
// the server does not have the route (404), quietly.
import { ref } from 'vue'
import { waitAlerts } from '@/api/workforceOffice'

const TIMEOUT_S = 25
const MISSING_RETRY_MS = 30000
const MAX_BACKOFF_MS = 60000

const listeners = new Set()
/** 'off' (nobody listens) | 'live' | 'retrying' (errors, backing off) | 'unavailable' (no route yet) */
export const feedState = ref('off')

let running = false
let controller = null
let lastId = null
let sleepTimer = null
let wake = null

function sleep(ms) {
  return new Promise((resolve) => {
    wake = resolve
    sleepTimer = setTimeout(resolve, ms)
  })
}

async function loop() {
  let backoff = 2000
  while (listeners.size) {
    controller = new AbortController()
    try {
      const res = await waitAlerts({ after: lastId ?? undefined, timeout: TIMEOUT_S, signal: controller.signal })
      if (!listeners.size) break
      feedState.value = 'live'
      backoff = 2000
      const items = (res && res.items) || []
      const first = lastId === null
      if (res && typeof res.last_id === 'number') lastId = Math.max(lastId ?? 0, res.last_id)
      if (!first && items.length) for (const fn of [...listeners]) fn(items)
    } catch (err) {
      if (!listeners.size || err?.name === 'AbortError') continue // the while condition decides
      if (err?.status === 401 || err?.status === 403) {
        feedState.value = 'unavailable'
        break // signed out or not allowed: stop; the next subscriber starts again
      }
      if (err?.status === 404) {
        feedState.value = 'unavailable'
        await sleep(MISSING_RETRY_MS)
      } else {
        feedState.value = 'retrying'
        await sleep(backoff)
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS)
      }
    }
  }
  running = false
  controller = null
  if (!listeners.size) feedState.value = 'off'
}

/** Listens for new alerts: fn(items) with items oldest first. Returns the function that stops listening. */
export function subscribeAlerts(fn) {
  listeners.add(fn)
  if (!running) {
    running = true
    loop()
  }
  return () => {
    listeners.delete(fn)
    if (!listeners.size) {
      controller?.abort()
      clearTimeout(sleepTimer)
      wake?.()
      lastId = null // the next subscriber starts from the newest alert again
      feedState.value = 'off'
    }
  }
}

// Acknowledgements change the open count the bell shows; pages say so here.
const changeListeners = new Set()
export function onAlertsChanged(fn) {
  changeListeners.add(fn)
  return () => changeListeners.delete(fn)
}
export function alertsChanged() {
  for (const fn of [...changeListeners]) fn()
}
