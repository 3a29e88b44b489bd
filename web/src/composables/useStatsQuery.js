import { computed, ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { today } from '@/utils/format'

/** The server's business date as last seen in an answer for "today" (a request without `date`). */
const serverToday = ref('')

export function noteServerToday(date) {
  if (date) serverToday.value = date
}

/** Today's business date: the server's when known, else the browser's (Asia/Shanghai). */
export function businessToday() {
  return serverToday.value || today()
}

/** For el-date-picker: no date after today (statistics and reports refuse future dates). */
export const disabledFuture = (d) => {
  const s = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
  return s > businessToday()
}

/** Drops empty values, so the URL carries only what differs from the defaults. */
export function cleanQuery(query) {
  const out = {}
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length)) continue
    out[key] = Array.isArray(value) ? value.map(String) : String(value)
  }
  return out
}

/**
 * Keeps a statistics page's parameters (region, date, category…) in the URL. load(params) runs when one of `keys`
 * changes while the page is shown — not when other query values change (the enterprise drawer's `list…`).
 */
export function useStatsQuery(keys, load) {
  const route = useRoute()
  const router = useRouter()
  const routeName = route.name
  const params = computed(() => Object.fromEntries(keys.map((k) => [k, typeof route.query[k] === 'string' ? route.query[k] : ''])))

  function setQuery(changes, { replace = false } = {}) {
    const query = cleanQuery({ ...route.query, ...changes })
    return replace ? router.replace({ query }) : router.push({ query })
  }

  const reload = () => load(params.value)
  watch(
    () => JSON.stringify(params.value),
    () => {
      if (route.name === routeName) reload()
    },
    { immediate: true },
  )
  return { params, setQuery, reload }
}

/** Opens the drawer of the enterprises behind a count (StatsEnterpriseDrawer) by putting its query in the URL. */
export function useStatsList() {
  const route = useRoute()
  const router = useRouter()
  function openList({ measure, region, category }) {
    router.push({
      query: cleanQuery({ ...route.query, list: measure, list_region: region, list_category: category && category !== 'all' ? category : '', list_page: '' }),
    })
  }
  return { openList }
}

/** A rate's text as the API writes it (SPEC §4): one decimal, a trailing ".0" dropped — 0.5146 → "51.5%". */
export function percentText(rate) {
  const tenths = Math.round((Number(rate) || 0) * 1000)
  return tenths % 10 === 0 ? `${tenths / 10}%` : `${(tenths / 10).toFixed(1)}%`
}

/** Counts with thousands separators. */
export function formatCount(n) {
  return Number(n || 0).toLocaleString('zh-CN')
}

/** 万元 amounts with at most one decimal. */
export function formatAmount(n) {
  return Number(n || 0).toLocaleString('zh-CN', { maximumFractionDigits: 1 })
}

