import { createApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus, { ElMessage } from 'element-plus'
import 'element-plus/dist/index.css'
// The dark palette, switched on by html.dark (the command dashboard's wall mode).
import 'element-plus/theme-chalk/dark/css-vars.css'
import App from './App.vue'
import { i18n } from './i18n'
import { router } from './router'
import { setUnauthorizedHandler } from './api/http'
import { useAuthStore } from './stores/auth'
import './styles.css'

const app = createApp(App)
app.use(createPinia())
app.use(i18n)
app.use(router)
app.use(ElementPlus)

// A 401 on any call means the session is gone: back to the login page, then back here.
setUnauthorizedHandler(() => {
  const auth = useAuthStore()
  const route = router.currentRoute.value
  const wasLoggedIn = auth.loggedIn
  auth.clear()
  if (route.name !== 'login') {
    if (wasLoggedIn) ElMessage.warning(i18n.global.t('error.sessionExpired'))
    router.push({ name: 'login', query: { redirect: route.fullPath } })
  }
})

app.mount('#app')
