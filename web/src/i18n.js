import { createI18n } from 'vue-i18n'
import zhCN from './locales/zh-CN'
import en from './locales/en'

// Each capability added after the first ones keeps its strings in src/locales/modules/<module>.js, exporting
// { 'zh-CN': {...}, en: {...} } with its own top-level namespace(s); they are merged here.
const moduleLocales = import.meta.glob('./locales/modules/*.js', { eager: true, import: 'default' })
function withModules(base, locale) {
  const merged = { ...base }
  for (const mod of Object.values(moduleLocales)) Object.assign(merged, mod[locale] || {})
  return merged
}

export const LOCALES = ['zh-CN', 'en']
const STORAGE_KEY = 'fugong.lang'

function initialLocale() {
  const saved = localStorage.getItem(STORAGE_KEY)
  return LOCALES.includes(saved) ? saved : 'zh-CN'
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': withModules(zhCN, 'zh-CN'), en: withModules(en, 'en') },
})

export function setLocale(locale) {
  i18n.global.locale.value = locale
  localStorage.setItem(STORAGE_KEY, locale)
  document.documentElement.lang = locale
}

document.documentElement.lang = i18n.global.locale.value
