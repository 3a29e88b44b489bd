import { http } from './http'

export const listIndustries = () => http.get('/industries')
