import { setServerToday } from '../utils/format'
import { defineStore } from 'pinia'
import * as authApi from '@/api/auth'

export const useAuthStore = defineStore('auth', {
  state: () => ({
    user: null,
    csrfToken: '',
    checked: false, // whether GET /auth/me has been asked once since the page loaded
  }),
  getters: {
    loggedIn: (s) => !!s.user,
    permissions: (s) => s.user?.permissions || [],
  },
  actions: {
    can(permission) {
      return this.permissions.includes('*') || this.permissions.includes(permission)
    },
    async fetchMe() {
      try {
        const { user, csrf_token, today } = await authApi.me()
        setServerToday(today)
        this.user = user
        this.csrfToken = csrf_token
      } catch {
        this.clear() // 401, or the server cannot be reached: the login page will say which
      } finally {
        this.checked = true
      }
    },
    async login(username, password) {
      const { user, csrf_token, today } = await authApi.login(username, password)
      setServerToday(today)
      this.user = user
      this.csrfToken = csrf_token
      this.checked = true
    },
    async logout() {
      try {
        await authApi.logout()
      } finally {
        this.clear()
      }
    },
    clear() {
      this.user = null
      this.csrfToken = ''
    },
  },
})
