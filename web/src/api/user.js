import { http } from './http'

export const listUsers = ({ q, page, size }) => http.get('/users', { q, page, size })
export const createUser = (user) => http.post('/users', user)
export const updateUser = (id, fields) => http.put(`/users/${encodeURIComponent(id)}`, fields)
