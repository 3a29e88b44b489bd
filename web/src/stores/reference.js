import { defineStore } from 'pinia'
import { listIndustries } from '@/api/industry'
import { i18n } from '@/i18n'

// Reference data that every page shares and that changes rarely: loaded once per page load.
export const useReferenceStore = defineStore('reference', {
  state: () => ({ industries: [], industriesLoading: null }),
  getters: {
    industryByCode: (s) => Object.fromEntries(s.industries.map((i) => [i.code, i])),
  },
  actions: {
    loadIndustries() {
      if (!this.industriesLoading) {
        this.industriesLoading = listIndustries()
          .then(({ items }) => (this.industries = items))
          .catch((err) => {
            this.industriesLoading = null
            throw err
          })
      }
      return this.industriesLoading
    },
    /** The industry's name in the UI language, or '' when the code is unknown. */
    industryName(code) {
      const item = this.industryByCode[code]
      if (!item) return ''
      return (i18n.global.locale.value === 'en' && item.name_en) || item.name
    },
  },
})
