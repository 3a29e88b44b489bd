// Helpers shared by the 包保 pages.
import { i18n } from '@/i18n'

/** "东局子街道 冯主任", or whichever of unit and name the link has. */
export function linkText(link) {
  if (!link) return ''
  return [link.unit, link.name].filter(Boolean).join(' ')
}

/** "钱科长（科级）· 昌邑区" for a cadre account. */
export function cadreLabel(c) {
  const t = i18n.global.t
  const rank = c.rank ? t(`responsibility.rank.${c.rank}`) : t('responsibility.rank.none')
  return `${c.display_name}（${rank}）· ${c.region_name || c.region_code}`
}

/** "2020-02-20 09:00" from an ISO timestamp with offset. */
export function shortDateTime(iso) {
  return iso ? iso.slice(0, 16).replace('T', ' ') : ''
}
