// A link to one execution in the Google Cloud console. The console shows a Cloud Run job execution at
// https://console.cloud.google.com/run/jobs/executions/details/<region>/<execution>/tasks?project=<project>
// (the address the console's execution page has; not confirmed against a published document offline).
// Everything comes from the execution's resource name
// (projects/<project>/locations/<region>/jobs/<job>/executions/<execution>,
// https://cloud.google.com/run/docs/reference/rest/v2/projects.locations.jobs.executions), so no call is needed.

const EXECUTION_NAME = /^projects\/([^/]+)\/locations\/([^/]+)\/jobs\/[^/]+\/executions\/([^/]+)$/;

export function gcpConsoleUrl(_account: { settings: unknown }, _job: { providerId: string; name: string }, execution: { providerId: string }): string | null {
  const match = EXECUTION_NAME.exec(execution.providerId);
  if (!match) return null;
  const [, project, region, name] = match.map((part) => encodeURIComponent(part));
  return `https://console.cloud.google.com/run/jobs/executions/details/${region}/${name}/tasks?project=${project}`;
}
