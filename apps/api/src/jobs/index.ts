export {
  type BackgroundJobDeps,
  createJobRunner,
  type JobRunnerSettings,
} from './background-jobs.js';
export { enqueueJob, type NewJob } from './job-repository.js';
export { JobRunner, type JobRunnerOptions, type PollSummary } from './job-runner.js';
export {
  type JobContext,
  type JobHandler,
  JobLeaseLostError,
  type JobRow,
  type JobScheduler,
} from './job-types.js';
export { SANDBOX_ACH_SETTLEMENT } from './sandbox-ach-clearing.js';
