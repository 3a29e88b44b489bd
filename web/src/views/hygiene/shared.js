// Helpers shared by the hygiene pages.
import { computed } from 'vue'
import { useRoute } from 'vue-router'
import { useAuthStore } from '@/stores/auth'

/** "每 60 分钟一次 · 08:00–22:00", or "无消毒计划". */
export function scheduleText(t, schedule) {
  if (!schedule) return t('hygiene.schedule.none')
  const every = schedule.interval_minutes === 60 ? t('hygiene.schedule.hourly') : t('hygiene.schedule.every', { n: schedule.interval_minutes })
  return `${every} · ${t('hygiene.schedule.window', { start: schedule.window_start, end: schedule.window_end })}`
}

/** Element Plus tag type of a slot state (colour is never the only signal: the state's word goes with it). */
export const SLOT_TYPE = { done: 'success', missing: 'danger', due: 'warning', upcoming: 'info' }

/** "08:00" from "2020-02-10T08:10:00+08:00" (timestamps are stored in Beijing time). */
export const clockOf = (at) => (at ? at.slice(11, 16) : '')
/** "2020-02-10 08:10" */
export const shortDateTime = (at) => (at ? `${at.slice(0, 10)} ${at.slice(11, 16)}` : '')

/** A local wall-clock "YYYY-MM-DDTHH:mm:ss" (a picker's value) as Beijing time for the API. */
export const beijing = (local) => (local ? `${local}+08:00` : undefined)

/**
 * The enterprise a page shows: the signed-in enterprise account's own, else ?uscc= in the URL (a
 * government user choosing one).
 */
export function useEnterpriseUscc() {
  const auth = useAuthStore()
  const route = useRoute()
  const own = computed(() => auth.user?.enterprise_uscc || '')
  const uscc = computed(() => own.value || (typeof route.query.uscc === 'string' ? route.query.uscc : ''))
  return { own, uscc }
}

/** The server's field errors beside the fields: returns true when the error named one of `fields`. */
export function fieldError(errors, err, fields) {
  for (const k of Object.keys(errors)) delete errors[k]
  const field = err?.field || ''
  if (fields.includes(field)) {
    errors[field] = err.message
    return true
  }
  return false
}
