import { http } from './http'

export const login = (username, password) => http.post('/auth/login', { username, password }, { auth: false })
export const logout = () => http.post('/auth/logout')
export const me = () => http.get('/auth/me', undefined, { auth: false })
