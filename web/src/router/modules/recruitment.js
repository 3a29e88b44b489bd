// Online recruitment (线上招聘, issue 6 item 4). Office pages in the menu group 'services': 招聘岗位 (the
// enterprise's jobs; the HR department's review queue), 应聘人员 (the enterprise's applicants), 用工缺口
// (department, commander). Public pages without sign-in (meta.public), made for a phone: the job board /jobs
// and a job /jobs/:id, registration /m/register; the job seeker's /m/resume and /m/applications.
import { Briefcase, DataAnalysis, User } from '@element-plus/icons-vue'

const PhoneLayout = () => import('@/phone/PhoneLayout.vue')

export default {
  office: [
    {
      path: 'recruitment/jobs',
      name: 'recruitment-jobs',
      component: () => import('@/views/recruitment/JobList.vue'),
      meta: { title: 'recruitment.menu.jobs', perm: 'job:view', menu: 'services', icon: Briefcase },
    },
    {
      path: 'recruitment/jobs/:id(\\d+)',
      name: 'recruitment-job',
      component: () => import('@/views/recruitment/JobDetail.vue'),
      meta: { title: 'recruitment.menu.job', perm: 'job:view', parent: 'recruitment-jobs' },
    },
    {
      path: 'recruitment/applications',
      name: 'recruitment-applications',
      component: () => import('@/views/recruitment/ApplicantList.vue'),
      meta: { title: 'recruitment.menu.applicants', perm: 'applicant:manage', menu: 'services', icon: User },
    },
    {
      path: 'recruitment/labour-gap',
      name: 'recruitment-gap',
      component: () => import('@/views/recruitment/GapView.vue'),
      meta: { title: 'recruitment.menu.gap', perm: 'labour:view', menu: 'services', icon: DataAnalysis },
    },
  ],
  phone: [
    {
      path: '/jobs',
      component: PhoneLayout,
      children: [
        { path: '', name: 'job-board', component: () => import('@/views/recruitment/JobBoard.vue'), meta: { public: true, title: 'recruitment.board.title' } },
        {
          path: ':id(\\d+)',
          name: 'job-board-detail',
          component: () => import('@/views/recruitment/JobBoardDetail.vue'),
          meta: { public: true, title: 'recruitment.board.detail', back: { name: 'job-board' } },
        },
      ],
    },
    {
      path: '/m',
      component: PhoneLayout,
      children: [
        { path: 'register', name: 'm-register', component: () => import('@/views/recruitment/PhoneRegister.vue'), meta: { public: true, title: 'recruitment.register.title', back: { name: 'job-board' } } },
        { path: 'resume', name: 'm-resume', component: () => import('@/views/recruitment/PhoneResume.vue'), meta: { perm: 'resume:edit', title: 'recruitment.resume.title', back: { name: 'job-board' } } },
        { path: 'applications', name: 'm-applications', component: () => import('@/views/recruitment/PhoneApplications.vue'), meta: { perm: 'resume:edit', title: 'recruitment.mine.title', back: { name: 'job-board' } } },
      ],
    },
  ],
}
