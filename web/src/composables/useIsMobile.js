import { onBeforeUnmount, ref } from 'vue'

/** True on a phone-width screen (below 768 px), where the menu becomes a drawer and forms stack. */
export function useIsMobile() {
  const query = window.matchMedia('(max-width: 767px)')
  const isMobile = ref(query.matches)
  const update = (e) => (isMobile.value = e.matches)
  query.addEventListener('change', update)
  onBeforeUnmount(() => query.removeEventListener('change', update))
  return isMobile
}
