import { computed, watch } from 'vue'
import { isNavigationFailure, NavigationFailureType, useRoute, useRouter } from 'vue-router'
import { queryInt } from '@/utils/format'

export const DEFAULT_PAGE_SIZE = 20

/**
 * Keeps a list page's state (filters, sort, page, page_size) in the URL query, so a link can be shared
 * and the back button works. load(query, { page, pageSize }) runs on every change of the query while the
 * page is shown, and on reload().
 */
export function useListQuery(load) {
  const route = useRoute()
  const router = useRouter()
  const routeName = route.name

  const page = computed(() => queryInt(route.query.page, 1))
  const pageSize = computed(() => queryInt(route.query.page_size, DEFAULT_PAGE_SIZE))

  const reload = () => load(route.query, { page: page.value, pageSize: pageSize.value })

  async function setQuery(changes, { replaceAll = false } = {}) {
    const merged = replaceAll ? { ...changes } : { ...route.query, ...changes }
    const query = {}
    for (const [key, value] of Object.entries(merged)) {
      const empty = value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length)
      const isDefault = (key === 'page' && Number(value) === 1) || (key === 'page_size' && Number(value) === DEFAULT_PAGE_SIZE)
      if (!empty && !isDefault) query[key] = Array.isArray(value) ? value.map(String) : String(value)
    }
    const failure = await router.push({ query })
    if (isNavigationFailure(failure, NavigationFailureType.duplicated)) reload() // "search" again: fresh data
  }

  watch(
    () => route.query,
    () => {
      if (route.name === routeName) reload()
    },
    { immediate: true },
  )

  return { page, pageSize, setQuery, reload }
}
