export { consoleJobs } from "./jobs";
export { listJobHealth, type JobHealth } from "./job-health";
export { runJobOnce, startScheduler, type Job } from "./scheduler";
