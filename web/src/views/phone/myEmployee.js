// The roster entry of the signed-in employee account (GET /me/employee), asked once per sign-in and shared
// by the phone pages (pass, declaration, card).
import { getMyEmployee } from '@/api/workforce'
import { useAuthStore } from '@/stores/auth'

let cached = null // { userId, promise }

export function myEmployee({ fresh = false } = {}) {
  const userId = useAuthStore().user?.id
  if (fresh || !cached || cached.userId !== userId) {
    const promise = getMyEmployee()
    promise.catch(() => {
      if (cached?.promise === promise) cached = null
    })
    cached = { userId, promise }
  }
  return cached.promise
}

/** The local calendar date, to notice that the day changed while a page stayed open. */
export function localDay() {
  const d = new Date()
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`
}
