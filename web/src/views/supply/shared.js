// Shared bits of the supplies pages: state colours, quantity text, the items list (loaded once).
import { ref } from 'vue'
import { listItems } from '@/api/supply'

export const NEED_STATES = ['declared', 'verified', 'rejected', 'cancelled']
export const ALLOCATION_STATES = ['committed', 'in_transit', 'delivered', 'confirmed', 'cancelled']

export const stateType = (s) =>
  ({ declared: 'warning', verified: 'primary', rejected: 'danger', cancelled: 'info', committed: 'warning', in_transit: 'primary', delivered: 'success', confirmed: 'success' })[s] || 'info'

/** "300 个", "8.4 吨" */
export const qty = (n, item) => `${Number(n).toLocaleString('zh-CN', { maximumFractionDigits: item?.decimals ?? 0 })} ${item?.unit || ''}`

const items = ref([])
let loading = null
/** The active items, loaded once per page load. */
export function useItems() {
  if (!loading) {
    loading = listItems()
      .then((r) => (items.value = r.items || []))
      .catch(() => {
        loading = null
      })
  }
  return items
}

export const str = (v) => (typeof v === 'string' ? v : '')
