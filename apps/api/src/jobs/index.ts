export { enqueueJob, type NewJob } from './job-repository.js';
export { JobRunner, type JobRunnerOptions, type PollSummary } from './job-runner.js';
export {
  type JobContext,
  type JobHandler,
  JobLeaseLostError,
  type JobRow,
  type JobScheduler,
} from './job-types.js';
